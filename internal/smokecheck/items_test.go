package main

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/internal/smoke"
)

// shotWithDisc is a screenshot with one orange square standing for a disc
// at (10,10).
func shotWithDisc() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 40, 40))
	for y := 7; y <= 13; y++ {
		for x := 7; x <= 13; x++ {
			img.Set(x, y, color.RGBA{230, 159, 0, 255})
		}
	}
	return img
}

var (
	disc     = &smoke.Marker{Point: smoke.Point{X: 10, Y: 10}, Fill: smoke.RGB{230, 159, 0}, Count: 2}
	invoices = smoke.Item{Provider: "aws", Account: "acme", Kind: "bucket", Name: "acme-invoices",
		Region: "eu-west-1", Country: "IE", Category: "home+foreign", Row: 0, Marker: disc}
	invoicesLine = "aws acme bucket acme-invoices eu-west-1 IE home+foreign"
)

func TestCompareItems(t *testing.T) {
	moved := invoices
	moved.Region, moved.Country = "us-east-1", "US"
	offDisc := invoices
	offDisc.Marker = &smoke.Marker{Point: smoke.Point{X: 30, Y: 30}, Fill: disc.Fill, Count: 1}
	hidden := invoices
	hidden.Row, hidden.Marker = -1, nil
	extra := invoices
	extra.Name = "acme-stray"
	otherAccount := extra
	otherAccount.Account = "another"
	for _, c := range []struct {
		name     string
		items    []smoke.Item
		scanning bool
		want     []string // one substring per failure; none: passes
	}{
		{"as expected", []smoke.Item{invoices}, false, nil},
		{"another account's items do not count", []smoke.Item{invoices, otherAccount}, false, nil},
		{"missing", nil, false, []string{"missing: aws acme bucket"}},
		{"moved", []smoke.Item{moved}, false, []string{"listed in us-east-1, US"}},
		{"not drawn where reported", []smoke.Item{offDisc}, false, []string{"no [230 159 0] disc at (30,30)"}},
		{"filtered out", []smoke.Item{hidden}, false, []string{"not in the table", "no marker in view"}},
		{"twice", []smoke.Item{invoices, invoices}, false, []string{"listed 2 times"}},
		{"unexpected", []smoke.Item{invoices, extra}, false, []string{`unexpected: aws acme bucket "acme-stray"`}},
		{"still scanning", []smoke.Item{invoices}, true, []string{"still running"}},
	} {
		want := []smoke.Item{invoices}
		got := compareItems(&smoke.Report{Items: c.items, Scanning: c.scanning}, shotWithDisc(), want)
		if len(got) != len(c.want) {
			t.Errorf("%s: got %q, want %d failures", c.name, got, len(c.want))
			continue
		}
		for i, s := range c.want {
			if !strings.Contains(got[i], s) {
				t.Errorf("%s: failure %q does not say %q", c.name, got[i], s)
			}
		}
	}
}

// TestCheckItemsFiles runs the subcommand on files as smoke.sh does.
func TestCheckItemsFiles(t *testing.T) {
	dir := t.TempDir()
	shot, rep, exp := filepath.Join(dir, "shot.png"), filepath.Join(dir, "report.json"), filepath.Join(dir, "expect.txt")
	f, err := os.Create(shot)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, shotWithDisc()); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := smoke.Write(rep, &smoke.Report{Items: []smoke.Item{invoices}}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exp, []byte("# the estate\n\n"+invoicesLine+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"items", shot, rep, exp}); err != nil {
		t.Errorf("items: %v", err)
	}
	if err := os.WriteFile(exp, []byte("aws acme bucket acme-invoices eu-west-1 IE\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"items", shot, rep, exp}); err == nil || !strings.Contains(err.Error(), "7 fields") {
		t.Errorf("a line of 6 fields: got %v, want a complaint about the fields", err)
	}
}
