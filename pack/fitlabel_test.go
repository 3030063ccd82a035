package pack

import (
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/reachmap/reachmap/assets"
)

// A box's label fits its box: shrunk down to 5.5 points, then cut with an
// ellipsis; a short one is kept whole at 7 points.
func TestFitLabel(t *testing.T) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(family, "", assets.FontRegular)
	pdf.AddUTF8FontFromBytes(family, "B", assets.FontBold)
	pdf.AddPage()
	d := &doc{Fpdf: pdf}
	w := textW/4 - 5
	for _, label := range []string{"SCANNED", "REVUE DE LA BASE DE CONNAISSANCES", strings.Repeat("JURIDICTION ", 8)} {
		got := d.fitLabel(label, w)
		if d.GetStringWidth(got) > w {
			t.Errorf("%q is %.1f mm wide in a %.1f mm box", got, d.GetStringWidth(got), w)
		}
		if len(label) < 40 && got != label {
			t.Errorf("%q was cut to %q although a smaller size fits it", label, got)
		}
	}
	if got := d.fitLabel(strings.Repeat("JURIDICTION ", 8), w); !strings.HasSuffix(got, "…") {
		t.Errorf("a label too long for any size is not cut: %q", got)
	}
}

func TestWithTag(t *testing.T) {
	for name, want := range map[string]string{
		"France":                                 "France (home)",
		"European Union (exact country unknown)": "European Union (exact country unknown, home)",
	} {
		if got := withTag(name, "home"); got != want {
			t.Errorf("withTag(%q): %q, want %q", name, got, want)
		}
	}
}
