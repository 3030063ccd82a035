package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/demo"
	"github.com/reachmap/reachmap/store"
)

func savedScans(t *testing.T, db string) []store.Summary {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	list, err := st.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// Every scan is saved: in --db, or in the default store under the user's
// configuration directory; --no-save saves nothing.
func TestScanSaves(t *testing.T) {
	db := filepath.Join(t.TempDir(), "scans.db")
	for i := 1; i <= 2; i++ {
		code, _, errOut := run("scan", "--demo", "--db", db)
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if !strings.Contains(errOut, "saved as scan ") || !strings.Contains(errOut, db) {
			t.Errorf("stderr does not say where the scan was saved:\n%s", errOut)
		}
	}
	if list := savedScans(t, db); len(list) != 2 || list[0].Items < 40 {
		t.Errorf("store holds %d scans", len(list))
	}

	def, err := store.DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	before := 0
	if _, err := os.Stat(def); err == nil {
		before = len(savedScans(t, def))
	}
	if code, _, errOut := run("scan", "--demo", "--format", "csv"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if n := len(savedScans(t, def)); n != before+1 {
		t.Errorf("the default store holds %d scans, want %d", n, before+1)
	}

	none := filepath.Join(t.TempDir(), "none.db")
	if code, _, errOut := run("scan", "--demo", "--no-save"); code != ExitOK || strings.Contains(errOut, "saved as") {
		t.Errorf("--no-save: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := run("scan", "--demo", "--no-save", "--db", none); code != ExitUsage || !strings.Contains(errOut, "contradict") {
		t.Errorf("--no-save --db: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(none); !errors.Is(err, os.ErrNotExist) {
		t.Error("a refused scan created the store")
	}
}

// A store that cannot be written fails the run (exit 1), yet the result is
// written and the damaged file left alone.
func TestScanSaveFailure(t *testing.T) {
	db := filepath.Join(t.TempDir(), "scans.db")
	junk := bytes.Repeat([]byte("not a database "), 100)
	os.WriteFile(db, junk, 0o600)
	code, out, errOut := run("scan", "--demo", "--db", db)
	if code != ExitFailed {
		t.Errorf("exit %d, want %d", code, ExitFailed)
	}
	if _, err := inventory.ReadJSON(strings.NewReader(out)); err != nil {
		t.Errorf("the result was not written: %v", err)
	}
	for _, want := range []string{"left untouched", "--no-save", "not legal advice"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if b, _ := os.ReadFile(db); !bytes.Equal(b, junk) {
		t.Error("the damaged store was modified")
	}
}

func TestScanReportFormats(t *testing.T) {
	dir := t.TempDir()
	defer func(old func(*inventory.Scan) ([]byte, error)) { mapImage = old }(mapImage)
	var png1 bytes.Buffer
	png.Encode(&png1, image.NewRGBA(image.Rect(0, 0, 4, 2)))

	tests := []struct {
		name   string
		format string
		hook   func(*inventory.Scan) ([]byte, error)
		want   []string // in the file
		stderr string
	}{
		{"geojson", "geojson", nil, []string{`"type": "FeatureCollection"`, `"unplaced_count"`, "lumen-old-exports"}, ""},
		{"html without a map renderer", "html", nil, []string{"<!DOCTYPE html>", "No map image was available", "lumen-old-exports"}, ""},
		{"html with a map", "html", func(*inventory.Scan) ([]byte, error) { return png1.Bytes(), nil },
			[]string{`<img src="data:image/png;base64,`}, ""},
		{"html when the map fails", "html", func(*inventory.Scan) ([]byte, error) { return nil, errors.New("no display") },
			[]string{"No map image was available"}, "the report has no map: render the map: no display"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mapImage = mapRenderer(tt.hook)
			path := filepath.Join(dir, tt.name)
			code, out, errOut := run("scan", "--demo", "--no-save", "--format", tt.format, "--out", path)
			if code != ExitOK || out != "" {
				t.Fatalf("exit %d, stdout %d bytes: %s", code, len(out), errOut)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(b), w) {
					t.Errorf("%s lacks %q", tt.format, w)
				}
			}
			if !strings.Contains(errOut, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, errOut)
			}
		})
	}
}

// mapRenderer stands in for report.MapImage with the map renderer draw,
// as the report wraps it: nil draws no map, and a failure is reported as
// the report reports it.
func mapRenderer(draw func(*inventory.Scan) ([]byte, error)) func(*inventory.Scan) ([]byte, error) {
	return func(s *inventory.Scan) ([]byte, error) {
		if draw == nil {
			return nil, nil
		}
		b, err := draw(s)
		if err != nil {
			return nil, fmt.Errorf("render the map: %w", err)
		}
		return b, nil
	}
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// --policy exits 3 and lists the violations on stderr, with the normal
// output still written; a bad policy file is a usage error found before
// scanning.
func TestScanPolicy(t *testing.T) {
	dir := t.TempDir()
	strict := writeFile(t, dir, "client-a.yaml", `# client-a: nothing on US soil, except public buckets
home: EU
rules:
  - name: no US soil
    deny_reach: [US]
    basis: territorial
    allow_unknown: true
    except:
      - name: "*-public"
`)
	lenient := writeFile(t, dir, "lenient.yaml", "rules:\n  - deny_reach: [KP]\n    allow_unknown: true\n")
	broken := writeFile(t, dir, "broken.yaml", "rules:\n  - deny_reach: [US]\n    excpet: [{name: x}]\n")
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr []string
		absent []string
	}{
		{"violated", []string{"--policy", strict}, ExitPolicy, []string{
			"policy " + strict + " violated by 5 item(s):",
			`  aws/lumen-prod bucket lumen-client-files: rule "no US soil" (line 4): reached by United States (territorial, through its copy in us-east-1), which the rule denies`,
			`  aws/lumen-prod bucket lumen-old-exports: rule "no US soil" (line 4): reached by United States (territorial), which the rule denies`,
			"hetzner/lumen-hetzner bucket lumen-us-mirror",
		}, []string{"lumen-website-public:"}},
		{"kept", []string{"--policy", lenient}, ExitOK, []string{"no violation"}, nil},
		{"malformed", []string{"--policy", broken}, ExitUsage, []string{broken + `:3: unknown key "excpet"`}, nil},
		{"missing", []string{"--policy", filepath.Join(dir, "nope.yaml")}, ExitUsage, []string{"nope.yaml"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(append([]string{"scan", "--demo", "--no-save"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, errOut)
			}
			for _, w := range tt.stderr {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			for _, w := range tt.absent {
				if strings.Contains(errOut, w) {
					t.Errorf("stderr has %q:\n%s", w, errOut)
				}
			}
			if tt.code == ExitPolicy {
				if _, err := inventory.ReadJSON(strings.NewReader(out)); err != nil {
					t.Errorf("the result was not written: %v", err)
				}
			}
		})
	}
}

// moved returns the demo scan with the Virginia bucket moved to AWS Paris
// and a new Virginia bucket.
func moved(t *testing.T) *inventory.Scan {
	t.Helper()
	s, err := inventory.Run(context.Background(), inventory.Options{Providers: []providers.Provider{&demo.Provider{}}, Home: "EU"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, it := range s.Assets {
		switch it.Name {
		case "lumen-old-exports":
			s.Assets[i] = inventory.Judge(providers.Asset{Provider: "aws", Account: it.Account, Kind: it.Kind, Name: it.Name, Region: "eu-west-3", Evidence: geo.EvidenceAPI, Tags: it.Tags}, "EU")
		case "lumen-us-mirror":
			s.Assets[i] = inventory.Judge(providers.Asset{Provider: "hetzner", Account: it.Account, Kind: it.Kind, Name: it.Name, Region: "fsn1", Evidence: geo.EvidenceCatalog}, "EU")
		case "lumen-photos":
			s.Assets[i] = inventory.Judge(providers.Asset{Provider: "hetzner", Account: it.Account, Kind: it.Kind, Name: it.Name, Region: "ash", Evidence: geo.EvidenceCatalog}, "EU")
		}
	}
	s.Assets = slices.DeleteFunc(s.Assets, func(it inventory.Item) bool { return it.Name == "lumen-oregon-logs" })
	s.Assets = append(s.Assets, inventory.Judge(providers.Asset{Provider: "aws", Account: "lumen-prod", Kind: providers.KindBucket, Name: "lumen-new-virginia", Region: "us-east-1", Evidence: geo.EvidenceAPI}, "EU"))
	return s
}

func TestDiff(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "scans.db")
	empty := filepath.Join(dir, "empty.db")

	// Two scans in the store: the demo, then the demo with changes.
	if code, _, errOut := run("scan", "--demo", "--db", db, "--out", filepath.Join(dir, "first.json")); code != ExitOK {
		t.Fatal(errOut)
	}
	oneScan := filepath.Join(dir, "one.db")
	if code, _, errOut := run("scan", "--demo", "--db", oneScan); code != ExitOK {
		t.Fatal(errOut)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Save(context.Background(), moved(t)); err != nil {
		t.Fatal(err)
	}
	st.Close()
	var buf bytes.Buffer
	inventory.WriteJSON(&buf, moved(t))
	second := writeFile(t, dir, "second.json", buf.String())
	first := filepath.Join(dir, "first.json")
	notJSON := writeFile(t, dir, "notes.txt", "hello")

	headline := []string{
		"Newly within reach of a foreign government (2):",
		"! hetzner/lumen-hetzner bucket lumen-photos: moved Germany (fsn1) → United States (ash); category home → foreign; now reached by United States (territorial)",
		"! aws/lumen-prod bucket lumen-new-virginia: new, United States (us-east-1); reached by United States (territorial, operator)",
		"No longer within foreign reach (2):",
		"+ hetzner/lumen-hetzner bucket lumen-us-mirror: moved United States (ash) → Germany (fsn1)",
		"+ aws/lumen-prod bucket lumen-oregon-logs: removed",
		"Reached by less foreign law than before (1):",
		"lumen-old-exports: moved United States (us-east-1) → France (eu-west-3); category foreign → home+foreign; no longer United States (territorial), still United States (operator)",
		"1 added, 1 removed, 3 changed, 42 unchanged; 2 new items under foreign reach; 2 items no longer under foreign reach.",
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		out    []string
		stderr string
	}{
		{"last two in the store", []string{"--db", db}, ExitOK, append([]string{"Changes from scan 1 ("}, headline...), ""},
		{"two ids, flags after", []string{"1", "2", "--db", db}, ExitOK, headline, ""},
		{"two files", []string{first, second}, ExitOK, append([]string{"Changes from " + first}, headline...), ""},
		{"a file and the last scan", []string{first, "--db", db}, ExitOK, headline, ""},
		{"an id and a file", []string{"--db", db, "1", second}, ExitOK, headline, ""},
		{"no changes", []string{"1", first, "--db", db}, ExitOK, []string{"No changes: 46 items, all as before."}, ""},
		{"reverse", []string{second, first}, ExitOK, []string{"Newly within reach of a foreign government (2):", "lumen-us-mirror", "Reached by more foreign law than before (1):", "now also United States (territorial)"}, ""},
		{"one scan only", []string{"--db", oneScan}, ExitFailed, nil, "fewer than two scans to compare: the store " + oneScan + " holds 1"},
		{"no store", []string{"--db", empty}, ExitFailed, nil, "no scan store at " + empty},
		{"unknown id", []string{"1", "99", "--db", db}, ExitFailed, nil, "no such scan: 99"},
		{"not a scan file", []string{first, notJSON}, ExitFailed, nil, "notes.txt"},
		{"missing file", []string{first, filepath.Join(dir, "gone.json")}, ExitFailed, nil, "gone.json"},
		{"three scans", []string{"1", "2", "3"}, ExitUsage, nil, `unexpected argument "3"`},
		{"bad format", []string{"--format", "xml", "--db", db}, ExitUsage, nil, "--format"},
		{"bad flag", []string{"--bogus"}, ExitUsage, nil, "bogus"},
		{"help", []string{"--help"}, ExitOK, []string{"Usage: reachmap diff"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(append([]string{"diff"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			for _, w := range tt.out {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			if !strings.Contains(errOut, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, errOut)
			}
		})
	}
	if _, err := os.Stat(empty); !errors.Is(err, os.ErrNotExist) {
		t.Error("diff created a store")
	}

	t.Run("json", func(t *testing.T) {
		code, out, errOut := run("diff", "--db", db, "--format", "json")
		if code != ExitOK {
			t.Fatal(errOut)
		}
		var d struct {
			Old, New struct {
				ID    int64
				Items int
			}
			Home            string
			Added           []inventory.Item
			Removed         []inventory.Item
			Changed         []inventory.Change
			Unchanged       int
			NewForeign      []inventory.Identity `json:"new_foreign"`
			NoLongerForeign []inventory.Identity `json:"no_longer_foreign"`
			LessForeign     []inventory.Identity `json:"less_foreign"`
			MoreForeign     []inventory.Identity `json:"more_foreign"`
		}
		if err := json.Unmarshal([]byte(out), &d); err != nil {
			t.Fatal(err)
		}
		var nf []string
		for _, id := range d.NewForeign {
			nf = append(nf, id.Name)
		}
		if d.Old.ID != 1 || d.New.ID != 2 || d.Home != "EU" || len(d.Added) != 1 || len(d.Removed) != 1 || len(d.Changed) != 3 ||
			d.Unchanged != 42 || !slices.Equal(nf, []string{"lumen-new-virginia", "lumen-photos"}) ||
			len(d.NoLongerForeign) != 2 || len(d.LessForeign) != 1 || d.MoreForeign == nil {
			t.Errorf("diff JSON: %+v", d)
		}
	})
}
