package pack

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/mapdraw"
	"github.com/reachmap/reachmap/present"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/demo"
	"github.com/reachmap/reachmap/reach"
	"github.com/reachmap/reachmap/report"
)

func demoScan(t testing.TB, at time.Time) *inventory.Scan {
	t.Helper()
	s, err := inventory.Run(context.Background(), inventory.Options{
		Providers: []providers.Provider{&demo.Provider{}}, Home: "EU",
		Now: func() time.Time { return at },
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// scans are the demo estate and, as the scan before it, the same estate
// a week earlier without its first store: the pack's page of changes has
// something to say.
func scans(t testing.TB) (cur, prev *inventory.Scan) {
	cur = demoScan(t, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	prev = demoScan(t, time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC))
	prev.Assets = prev.Assets[1:]
	// The demo reports no copy and no account id; the first store gets
	// both, as a replicated S3 bucket would.
	first := &cur.Assets[0]
	first.AccountID = "123456789012"
	first.Copies = []inventory.Copy{{
		Region:   "us-east-1",
		Location: geo.Location{Country: "US", City: "Ashburn", Evidence: geo.EvidenceAPI, Confidence: geo.ConfidenceHigh},
		Reach:    []reach.Jurisdiction{{Country: "US", Basis: reach.BasisTerritorial}},
		Why:      "replication rule to bucket lumen-dr", Item: "lumen-dr",
	}}
	return cur, prev
}

// need finds a program the test reads the pack with; with CI=true a
// missing one fails instead of skipping.
func need(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed: run `make test-deps` (scripts/install-deps.sh installs poppler-utils)", name)
		}
		t.Skipf("%s is not installed (apt-get install poppler-utils)", name)
	}
	return p
}

// squash joins a text's lines and spaces into single spaces, so that a
// sentence the PDF wrapped reads as one.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// The pack holds its five files; SHA256SUMS is right about the other
// four; the register and the JSON read back; and the PDF, read back with
// pdftotext, holds the answer, every data store with its territory,
// operator, laws and gaps, what could not be checked, the accounts, the
// dates, the changes, the manifest and the advisory notice, in English
// and in French.
func TestPack(t *testing.T) {
	pdftotext := need(t, "pdftotext")
	cur, prev := scans(t)
	mapPNG, err := mapdraw.ReportPNG(cur)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "fr"} {
		t.Run(lang, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "pack")
			paths, err := Write(dir, Input{Scan: cur, ScanID: 42, Previous: prev, Lang: lang, Map: mapPNG})
			if err != nil {
				t.Fatal(err)
			}
			if len(paths) != len(Files) {
				t.Fatalf("wrote %v", paths)
			}
			files := map[string][]byte{}
			for _, name := range Files {
				b, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				files[name] = b
			}
			checkSums(t, files)
			say, err := present.ForLanguage(lang)
			if err != nil {
				t.Fatal(err)
			}
			v := report.BuildView(cur, say, report.Options{Lang: lang, Previous: prev, ScanID: 42})
			checkRegister(t, v, files[FileRegister])
			got, err := inventory.ReadJSON(bytes.NewReader(files[FileJSON]))
			if err != nil || !reflect.DeepEqual(got, cur) {
				t.Errorf("estate.json does not read back as the scan (%v)", err)
			}
			out, err := exec.Command(pdftotext, "-enc", "UTF-8", filepath.Join(dir, FilePDF), "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			checkPDFText(t, v, string(out))
			html := squash(string(files[FileHTML]))
			if !strings.Contains(html, `lang="`+lang+`"`) || !strings.Contains(html, htmlText(v.Answer.Sentence)) {
				t.Errorf("report.html lacks the answer or its language")
			}
		})
	}
}

func htmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

func checkSums(t *testing.T, files map[string][]byte) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(string(files[FileSums])), "\n")
	if len(lines) != len(Files)-1 {
		t.Fatalf("SHA256SUMS has %d lines:\n%s", len(lines), files[FileSums])
	}
	for _, l := range lines {
		hash, name, ok := strings.Cut(l, "  ")
		h := sha256.Sum256(files[name])
		if !ok || files[name] == nil || hash != hex.EncodeToString(h[:]) {
			t.Errorf("SHA256SUMS line %q does not match the file", l)
		}
	}
}

func checkRegister(t *testing.T, v report.View, b []byte) {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Error("register.csv does not start with a UTF-8 byte order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(v.Items)+1 {
		t.Fatalf("register.csv has %d rows for %d data stores", len(rows), len(v.Items))
	}
	if !reflect.DeepEqual(rows[0], RegisterHeader(v)) || len(rows[0]) != 16 {
		t.Errorf("header %q", rows[0])
	}
	for i, it := range v.Items {
		r := rows[i+1]
		if !strings.HasPrefix(r[0], it.Name) || r[1] != it.Account || r[3] != it.Place || r[11] != it.CatLabel || r[14] != strings.Join(it.Copies, "; ") {
			t.Errorf("row %d = %q, want %s", i+1, r[:4], it.Name)
		}
		for _, rv := range it.Reach {
			for _, l := range rv.Laws {
				if !strings.Contains(r[8], l.Label) || (l.URL != "" && !strings.Contains(r[9], l.URL)) {
					t.Errorf("row %d lacks the law %q or its source", i+1, l.Label)
				}
			}
		}
	}
}

// checkPDFText finds every part of the view in the PDF's text.
func checkPDFText(t *testing.T, v report.View, raw string) {
	t.Helper()
	text := squash(raw)
	bare := strings.Join(strings.Fields(raw), "")
	find := func(what, s string) {
		t.Helper()
		if s != "" && !strings.Contains(text, squash(s)) {
			t.Errorf("the PDF lacks %s: %q", what, s)
		}
	}
	// Page 1 opens with the question and the answer.
	first := squash(strings.SplitN(raw, "\f", 2)[0])
	for _, s := range []string{v.Answer.Question, v.Answer.Sentence} {
		if !strings.Contains(first, squash(s)) {
			t.Errorf("page 1 lacks %q", s)
		}
	}
	for _, e := range v.Answer.Exceptions {
		find("an exception", e.Name+" ("+e.Kind+" · "+e.Provider+" · "+e.Account+")"+v.W.Colon+e.Why)
	}
	if len(v.Answer.Exceptions) == 0 {
		t.Error("the demo estate has no exception")
	}
	for _, it := range v.Items {
		find("a data store", it.Name)
		find("a territory", it.Place)
		find("a confidence", it.Confidence)
		find("an operator", it.Operator)
		for _, o := range it.Chain {
			find("an owner", o)
		}
		for _, r := range it.Reach {
			for _, l := range r.Laws {
				find("a law", l.Label)
				if l.URL != "" && !strings.Contains(bare, l.URL) {
					t.Errorf("the PDF lacks the source %s", l.URL)
				}
			}
		}
		for _, g := range it.Gaps {
			find("a gap", g)
		}
		for _, c := range it.Copies {
			find("a copy", c)
		}
		if it.N == 1 && (len(it.Copies) != 1 || !strings.Contains(it.Account, "123456789012")) {
			t.Errorf("the first store shows copies %q and account %q", it.Copies, it.Account)
		}
		find("an account", it.Account)
	}
	for _, g := range v.Gaps {
		find("what could not be checked", g.Error)
	}
	for _, a := range v.Accounts {
		find("an account", a.Provider+" · "+a.Account)
	}
	if v.Changes == nil || len(v.Changes.Sections) == 0 {
		t.Fatal("no changes to show")
	}
	for _, sec := range v.Changes.Sections {
		find("a section of changes", sec.Title)
		for _, l := range sec.Lines {
			find("a change", l)
		}
	}
	w := v.W
	for _, s := range []string{w.Unchecked, w.AccountsScanned, w.Changes, w.Manifest, w.LawsCited,
		v.Advisory, w.AdvisoryBody, v.ScannedAt, v.Reviewed, "Reachmap " + v.Version, w.ScanID + w.Colon + "42", w.KBDate + w.Colon + v.Reviewed} {
		find("a fixed part", s)
	}
}

// Page 1 renders: pdftoppm draws it, and the answer's bar and the
// advisory's cream are on it. REACHMAP_SHOTS keeps the pictures.
func TestPackPageOne(t *testing.T) {
	pdftoppm := need(t, "pdftoppm")
	cur, prev := scans(t)
	for _, lang := range []string{"en", "fr"} {
		dir := t.TempDir()
		if _, err := Write(dir, Input{Scan: cur, Previous: prev, Lang: lang}); err != nil {
			t.Fatal(err)
		}
		prefix := filepath.Join(dir, "page")
		if out, err := exec.Command(pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", filepath.Join(dir, FilePDF), prefix).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, out)
		}
		b, err := os.ReadFile(prefix + ".png")
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		counts := map[rgb]int{}
		bounds := img.Bounds()
		for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
			for x := bounds.Min.X; x < bounds.Max.X; x++ {
				r, g, b, _ := img.At(x, y).RGBA()
				counts[rgb{int(r >> 8), int(g >> 8), int(b >> 8)}]++
			}
		}
		// The demo's answer is "partly": its bar is orange.
		for name, c := range map[string]rgb{"the answer's bar": catColour["homeforeign"], "the advisory": colCream} {
			if counts[c] < 50 {
				t.Errorf("%s: page 1 has %d pixels of %s", lang, counts[c], name)
			}
		}
		if d := os.Getenv("REACHMAP_SHOTS"); d != "" {
			if err := os.WriteFile(filepath.Join(d, "pack-page1-"+lang+".png"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestWriteErrors(t *testing.T) {
	if _, err := Write(t.TempDir(), Input{}); err == nil {
		t.Error("a pack without a scan was written")
	}
	cur, _ := scans(t)
	if _, err := Write(t.TempDir(), Input{Scan: cur, Lang: "de"}); err == nil || !strings.Contains(err.Error(), "de") {
		t.Errorf("German: %v", err)
	}
	if _, err := Write(t.TempDir(), Input{Scan: cur, Map: []byte("GIF89a")}); err == nil {
		t.Error("a map that is not a PNG was accepted")
	}
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(filepath.Join(file, "pack"), Input{Scan: cur}); err == nil {
		t.Error("a pack was written under a file")
	}
}
