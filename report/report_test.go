package report

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/demo"
	"github.com/reachmap/reachmap/reach"
)

func demoScan(t testing.TB) *inventory.Scan {
	t.Helper()
	s, err := inventory.Run(context.Background(), inventory.Options{
		Providers: []providers.Provider{&demo.Provider{}}, Home: "EU",
		Now: func() time.Time { return time.Date(2026, 11, 16, 8, 30, 0, 0, time.UTC) },
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func write(t *testing.T, s *inventory.Scan, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, s, format); err != nil {
		t.Fatalf("write %s: %v", format, err)
	}
	return buf.Bytes()
}

// citations returns every law source the scan's reach cites.
func citations(s *inventory.Scan) []string {
	var out []string
	for _, it := range s.Assets {
		for _, j := range it.Reach {
			for _, l := range reach.LawsOf(j) {
				if !slices.Contains(out, l.Source) {
					out = append(out, l.Source)
				}
			}
		}
	}
	return out
}

// Every format Write knows reads back to the scan it was written from.
// The HTML is written without its map (TestMapPNGHook covers the map), as
// a report whose map could not be drawn.
func TestFormatsRoundTrip(t *testing.T) {
	s := demoScan(t)
	defer func(old func(*inventory.Scan) ([]byte, error)) { drawMap = old }(drawMap)
	drawMap = nil
	checks := map[string]func(t *testing.T, out []byte){
		"json": func(t *testing.T, out []byte) {
			got, err := inventory.ReadJSON(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, s) {
				t.Error("the JSON read back differs from the scan")
			}
		},
		"csv": func(t *testing.T, out []byte) {
			rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != len(s.Assets)+1 || !slices.Equal(rows[0], inventory.CSVHeader) {
				t.Fatalf("%d rows, header %v", len(rows), rows[0])
			}
			for i, it := range s.Assets {
				if rows[i+1][3] != it.Name || rows[i+1][0] != it.Provider || rows[i+1][15] != string(it.Category) {
					t.Errorf("row %d = %v, want item %s", i+1, rows[i+1][:4], it.Name)
				}
			}
		},
		"geojson": func(t *testing.T, out []byte) { checkGeoJSON(t, s, out) },
		"html":    func(t *testing.T, out []byte) { checkHTML(t, s, out) },
	}
	if len(checks) != len(Formats) {
		t.Fatalf("Formats = %v; every format needs a round trip here", Formats)
	}
	for _, f := range Formats {
		t.Run(f, func(t *testing.T) { checks[f](t, write(t, s, f)) })
	}
}

// checkGeoJSON reads GeoJSON as plain JSON and checks the RFC 7946
// structure: a FeatureCollection of Features with Point geometries in
// longitude, latitude order, the item's contract fields as properties,
// and the items left off the map listed, not lost.
func checkGeoJSON(t *testing.T, s *inventory.Scan, out []byte) {
	t.Helper()
	var fc struct {
		Type     string    `json:"type"`
		BBox     []float64 `json:"bbox"`
		Features []struct {
			Type     string `json:"type"`
			ID       string `json:"id"`
			Geometry struct {
				Type        string    `json:"type"`
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"features"`
		Home          string `json:"home"`
		Advisory      string `json:"advisory"`
		UnplacedCount int    `json:"unplaced_count"`
		Unplaced      []struct {
			Name, Reason string
		} `json:"unplaced"`
	}
	if err := json.Unmarshal(out, &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Type != "FeatureCollection" || fc.Home != "EU" || fc.Advisory != reach.Advisory() {
		t.Errorf("type %q, home %q, advisory %q", fc.Type, fc.Home, fc.Advisory)
	}
	byName := map[string]inventory.Item{}
	for _, it := range s.Assets {
		byName[it.Name] = it
	}
	seen := map[string]bool{}
	for _, f := range fc.Features {
		var name string
		json.Unmarshal(f.Properties["name"], &name)
		it, ok := byName[name]
		if f.Type != "Feature" || f.Geometry.Type != "Point" || len(f.Geometry.Coordinates) != 2 || !ok {
			t.Errorf("feature %q: type %q, geometry %q %v", name, f.Type, f.Geometry.Type, f.Geometry.Coordinates)
			continue
		}
		seen[name] = true
		lon, lat := f.Geometry.Coordinates[0], f.Geometry.Coordinates[1]
		if lon != it.Location.Lon || lat != it.Location.Lat {
			t.Errorf("%s at [%v, %v], want [lon %v, lat %v]", name, lon, lat, it.Location.Lon, it.Location.Lat)
		}
		if lon < fc.BBox[0] || lat < fc.BBox[1] || lon > fc.BBox[2] || lat > fc.BBox[3] {
			t.Errorf("%s outside the bbox %v", name, fc.BBox)
		}
		for _, k := range []string{"provider", "account", "kind", "name", "region", "location", "operator", "reach", "category", "gaps"} {
			if _, ok := f.Properties[k]; !ok {
				t.Errorf("%s: properties lack %q", name, k)
			}
		}
		var props inventory.Item
		raw, _ := json.Marshal(f.Properties)
		if err := json.Unmarshal(raw, &props); err != nil || !reflect.DeepEqual(props, it) {
			t.Errorf("%s: properties are not the item (err %v)", name, err)
		}
	}
	for _, u := range fc.Unplaced {
		if seen[u.Name] || u.Reason == "" {
			t.Errorf("unplaced %q (%q) is also a feature, or has no reason", u.Name, u.Reason)
		}
		seen[u.Name] = true
	}
	if len(seen) != len(s.Assets) || fc.UnplacedCount != len(fc.Unplaced) || fc.UnplacedCount == 0 {
		t.Errorf("%d features + %d unplaced (count %d) for %d items", len(fc.Features), len(fc.Unplaced), fc.UnplacedCount, len(s.Assets))
	}
}

// checkHTML parses the report and checks that it names every item, says
// the advisory, links every cited law's source, and loads nothing from
// outside: the only URLs are citations, fragments and the embedded map.
func checkHTML(t *testing.T, s *inventory.Scan, out []byte) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	hrefs := map[string]bool{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			text.WriteString(n.Data)
			text.WriteByte(' ')
		case html.ElementNode:
			switch n.Data {
			case "script", "link", "iframe", "object", "embed", "base":
				t.Errorf("the report has a <%s> element", n.Data)
			case "style":
				if css := n.FirstChild; css != nil && (strings.Contains(css.Data, "url(") || strings.Contains(css.Data, "@import")) {
					t.Error("the style sheet loads a resource")
				}
			}
			for _, a := range n.Attr {
				switch a.Key {
				case "href":
					hrefs[a.Val] = true
				case "src", "srcset", "poster", "action", "formaction":
					if !strings.HasPrefix(a.Val, "data:image/png;base64,") {
						t.Errorf("<%s %s=%q> loads a resource", n.Data, a.Key, a.Val)
					}
				case "style":
					if strings.Contains(a.Val, "url(") {
						t.Errorf("inline style loads a resource: %q", a.Val)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	body := strings.Join(strings.Fields(text.String()), " ")
	for _, it := range s.Assets {
		if !strings.Contains(body, it.Name) {
			t.Errorf("the report does not name %q", it.Name)
		}
	}
	if strings.Count(body, reach.Advisory()) != 1 {
		t.Errorf("the advisory %q must appear once", reach.Advisory())
	}
	cites := citations(s)
	if len(cites) < 5 {
		t.Fatalf("only %d citations in the demo", len(cites))
	}
	for _, c := range cites {
		if !hrefs[c] {
			t.Errorf("no link to the source %s", c)
		}
	}
	for h := range hrefs {
		if !strings.HasPrefix(h, "#") && !slices.Contains(cites, h) && !isBlockingSource(s, h) {
			t.Errorf("link %q is neither a citation nor a fragment", h)
		}
	}
	for _, g := range s.AllGaps() {
		if !strings.Contains(body, g.Error) {
			t.Errorf("the report lacks the gap %q", g.Error)
		}
	}
	for _, want := range []string{"Home jurisdiction", "EU/EEA", "2026-11-16 08:30 UTC", "Knowledge base reviewed", reach.Reviewed(), "No map image was available"} {
		if !strings.Contains(body, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

func isBlockingSource(s *inventory.Scan, url string) bool {
	for _, it := range s.Assets {
		for _, l := range reach.Blocking(territoryOf(it.Location)) {
			if l.Source == url {
				return true
			}
		}
	}
	return false
}

func TestHTMLMapImage(t *testing.T) {
	s := demoScan(t)
	pngBytes := testMapPNG(t, s, 400, 200)
	tests := []struct {
		name    string
		png     []byte
		want    string
		wantErr bool
	}{
		{"with a map", pngBytes, "data:image/png;base64," + base64.StdEncoding.EncodeToString(pngBytes), false},
		{"without a map", nil, "No map image was available for this report.", false},
		{"not a PNG", []byte("GIF89a..."), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := WriteHTML(&buf, s, tt.png)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			// Attributes may use character references (+ as &#43;).
			if !strings.Contains(html.UnescapeString(buf.String()), tt.want) {
				t.Errorf("the report lacks %q", tt.want[:min(len(tt.want), 60)])
			}
		})
	}
}

// The map renderer feeds Write's html; a failing renderer fails the write
// before anything is written.
func TestMapPNGHook(t *testing.T) {
	s := demoScan(t)
	defer func(old func(*inventory.Scan) ([]byte, error)) { drawMap = old }(drawMap)
	pngBytes := testMapPNG(t, s, 200, 100)
	drawMap = func(*inventory.Scan) ([]byte, error) { return pngBytes, nil }
	if out := write(t, s, "html"); !bytes.Contains(out, []byte(`<img src="data:image/png;base64,`)) {
		t.Error("Write(html) did not embed the hook's map")
	}
	drawMap = func(*inventory.Scan) ([]byte, error) { return nil, errors.New("no GPU") }
	var buf bytes.Buffer
	if err := Write(&buf, s, "html"); err == nil || !strings.Contains(err.Error(), "no GPU") || buf.Len() != 0 {
		t.Errorf("Write = %v with %d bytes written", err, buf.Len())
	}
	drawMap = nil
	if png, err := MapImage(s); png != nil || err != nil {
		t.Errorf("MapImage without a renderer = %v, %v", png, err)
	}
}

// What a provider reports is data, not markup: names and notes are
// escaped, and a source that is not a web page is not a link.
func TestHTMLEscapes(t *testing.T) {
	s := &inventory.Scan{Home: "EU", ScannedAt: time.Now(), Reviewed: reach.Reviewed(), Assets: []inventory.Item{{
		Provider: "aws", Account: "<b>acct</b>", Kind: providers.KindBucket, Name: `<script>alert("x")</script>`,
		Location: geo.Location{Country: "DE", Lat: 50, Lon: 8, Evidence: geo.EvidenceAPI, Confidence: geo.ConfidenceHigh, Note: `" onmouseover="x`},
		Reach:    []reach.Jurisdiction{{Country: "ZZ", Basis: reach.BasisOperator, Law: "Made-up law", Source: "javascript:alert(1)"}},
	}}}
	var buf bytes.Buffer
	if err := WriteHTML(&buf, s, nil); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script>", "<b>acct", "javascript:", `" onmouseover="x`} {
		if strings.Contains(out, bad) {
			t.Errorf("the report contains %q unescaped", bad)
		}
	}
	if !strings.Contains(out, "Made-up law") {
		t.Error("the recorded law is not shown as text")
	}
}

// A scan judged with an older knowledge base says so.
func TestHTMLOldKnowledgeBase(t *testing.T) {
	s := demoScan(t)
	s.Reviewed = "2020-01-01"
	var buf bytes.Buffer
	if err := WriteHTML(&buf, s, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "judged with the knowledge base reviewed on 2020-01-01") {
		t.Error("the report does not say the scan used an older knowledge base")
	}
}

func TestGeoJSONUnplaced(t *testing.T) {
	item := func(name string, l geo.Location) inventory.Item {
		return inventory.Item{Provider: "p", Account: "a", Kind: providers.KindBucket, Name: name, Location: l}
	}
	s := &inventory.Scan{Home: "EU", Assets: []inventory.Item{
		item("placed", geo.Location{Country: "FR", Lat: 48.86, Lon: 2.35}),
		item("antimeridian", geo.Location{Country: "FJ", Lat: -18.1, Lon: 180}),
		item("unknown", geo.Unknown("AccessDenied")),
		item("no coordinates", geo.Location{Country: "DE"}),
		item("not a number", geo.Location{Country: "DE", Lat: math.NaN(), Lon: 8}),
		item("infinite", geo.Location{Country: "DE", Lat: 50, Lon: math.Inf(1)}),
		item("out of range", geo.Location{Country: "DE", Lat: 95, Lon: 8}),
	}}
	var buf bytes.Buffer
	if err := WriteGeoJSON(&buf, s); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		BBox          []float64 `json:"bbox"`
		Features      []json.RawMessage
		UnplacedCount int `json:"unplaced_count"`
		Unplaced      []struct{ Name, Reason string }
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"unknown": "location unknown: AccessDenied", "no coordinates": "no coordinates for Germany",
		"not a number": "coordinates are not numbers", "infinite": "coordinates are not numbers",
		"out of range": "coordinates out of range",
	}
	if len(fc.Features) != 2 || fc.UnplacedCount != len(want) {
		t.Errorf("%d features, %d unplaced", len(fc.Features), fc.UnplacedCount)
	}
	for _, u := range fc.Unplaced {
		if !strings.HasPrefix(u.Reason, want[u.Name]) || want[u.Name] == "" {
			t.Errorf("%s: reason %q, want %q", u.Name, u.Reason, want[u.Name])
		}
	}
	if !slices.Equal(fc.BBox, []float64{2.35, -18.1, 180, 48.86}) {
		t.Errorf("bbox %v", fc.BBox)
	}
}

func TestWriteErrors(t *testing.T) {
	s := demoScan(t)
	tests := []struct {
		name   string
		scan   *inventory.Scan
		format string
		want   string
	}{
		{"unknown format", s, "pdf", "unknown format"},
		{"nil scan", nil, "html", "no scan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := Write(&bytes.Buffer{}, tt.scan, tt.format); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Write = %v, want %q", err, tt.want)
			}
		})
	}
	if err := WriteGeoJSON(&bytes.Buffer{}, nil); err == nil {
		t.Error("WriteGeoJSON(nil) succeeded")
	}
	if err := WriteHTML(&bytes.Buffer{}, nil, nil); err == nil {
		t.Error("WriteHTML(nil) succeeded")
	}
}

// An empty scan still makes a sound report.
func TestHTMLEmptyScan(t *testing.T) {
	s := &inventory.Scan{Home: "FR", ScannedAt: time.Now(), Assets: []inventory.Item{}, Gaps: []providers.Gap{}}
	var buf bytes.Buffer
	if err := WriteHTML(&buf, s, nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"The scan found no data stores.", "No law was cited.", "None: the scan could look into", "France (FR)"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the empty report lacks %q", want)
		}
	}
}

// The report speaks French when asked: its language, its words, its
// answer and its advisory, with the changes since a previous scan.
func TestHTMLFrench(t *testing.T) {
	s := demoScan(t)
	prev := demoScan(t)
	prev.Assets = prev.Assets[2:]
	var buf bytes.Buffer
	if err := WriteHTMLWith(&buf, s, Options{Lang: "fr", Previous: prev, ScanID: 12}); err != nil {
		t.Fatal(err)
	}
	out := html.UnescapeString(buf.String())
	for _, want := range []string{`<html lang="fr">`, "En partie : ", "Lieux de stockage", "Ce qui n’a pas pu être vérifié",
		"Comptes analysés", "Changements depuis l’analyse précédente", "Nouveaux éléments", "À titre indicatif, pas un avis juridique.",
		"Numéro d’analyse", ">12<", "Irlande"} {
		if !strings.Contains(out, want) {
			t.Errorf("the French report lacks %q", want)
		}
	}
	for _, english := range []string{"Where the data is stored", "Advisory, not legal advice", "What could not be checked"} {
		if strings.Contains(out, english) {
			t.Errorf("the French report says %q", english)
		}
	}
	if err := WriteHTMLWith(&bytes.Buffer{}, s, Options{Lang: "de"}); err == nil {
		t.Error("German accepted")
	}
}
