package world

import (
	"math"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/assets"
)

func load(t testing.TB, data []byte) *World {
	t.Helper()
	w, err := Load(data)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return w
}

func TestDecodeCounts(t *testing.T) {
	for _, tc := range []struct {
		name      string
		data      []byte
		countries int
	}{
		{"50m", assets.Countries50m, 241},
		{"110m", assets.Countries110m, 177},
	} {
		t.Run(tc.name, func(t *testing.T) {
			topo, err := DecodeTopoJSON(tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(topo.Objects["countries"]); got != tc.countries {
				t.Errorf("countries object has %d features, want %d", got, tc.countries)
			}
			if len(topo.Objects["land"]) != 1 {
				t.Errorf("land object has %d features, want 1", len(topo.Objects["land"]))
			}
			w := load(t, tc.data)
			if len(w.Countries) != tc.countries {
				t.Errorf("world has %d countries, want %d", len(w.Countries), tc.countries)
			}
			for _, c := range w.Countries {
				if len(c.Polygons) == 0 {
					t.Errorf("%s has no polygon", c.Name)
				}
				if c.Box.Empty() {
					t.Errorf("%s has an empty box", c.Name)
				}
			}
			if len(w.Lines) == 0 {
				t.Error("no border lines")
			}
		})
	}
}

func TestKnownCodes(t *testing.T) {
	w := load(t, assets.Countries50m)
	for _, tc := range []struct{ iso2, name string }{
		{"FR", "France"}, {"DE", "Germany"}, {"SG", "Singapore"}, {"BH", "Bahrain"},
		{"HK", "Hong Kong"}, {"US", "United States of America"}, {"XK", "Kosovo"},
		{"TW", "Taiwan"}, {"AQ", "Antarctica"}, {"FJ", "Fiji"}, {"RU", "Russia"},
	} {
		i := w.Find(tc.iso2)
		if i < 0 {
			t.Errorf("%s (%s) missing", tc.iso2, tc.name)
			continue
		}
		if got := w.Countries[i].Name; got != tc.name {
			t.Errorf("Find(%q) = %q, want %q", tc.iso2, got, tc.name)
		}
	}
	// Every feature with an id must map to an assigned ISO code.
	for _, c := range w.Countries {
		if c.Numeric != "" && c.ISO2 == "" {
			t.Errorf("%s: numeric %q has no alpha-2", c.Name, c.Numeric)
		}
	}
	for _, name := range []string{"N. Cyprus", "Somaliland"} {
		for _, c := range w.Countries {
			if c.Name == name && c.ISO2 != "" {
				t.Errorf("%s has code %q, want none", name, c.ISO2)
			}
		}
	}
	// The 110m file lacks the small states the app needs: the reason the
	// 50m file is the one drawn.
	w110 := load(t, assets.Countries110m)
	for _, code := range []string{"SG", "BH", "HK"} {
		if w110.Find(code) >= 0 {
			t.Errorf("110m unexpectedly has %s", code)
		}
	}
}

func TestAlpha2(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"250", "FR", true}, {"004", "AF", true}, {"4", "AF", true}, {" 276 ", "DE", true},
		{"702", "SG", true}, {"048", "BH", true}, {"344", "HK", true}, {"826", "GB", true},
		{"840", "US", true}, {"156", "CN", true}, {"", "", false}, {"999", "", false},
		{"-1", "", false}, {"abc", "", false}, {"1e3", "", false},
	} {
		got, ok := Alpha2(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Alpha2(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	if n := len(iso3166Numeric); n != 249 {
		t.Errorf("table has %d codes, want the 249 assigned", n)
	}
}

func TestProjectionRoundTrip(t *testing.T) {
	for lat := -90.0; lat <= 90; lat += 7.5 {
		for lon := -180.0; lon <= 180; lon += 15 {
			x, y := Project(lon, lat)
			glon, glat := Unproject(x, y)
			tol := 1e-8
			if math.Abs(lat) == 90 {
				tol = 1e-5 // asin is steep at the pole; still far below a pixel
			}
			if math.Abs(glat-lat) > tol {
				t.Fatalf("lat %v,%v -> %v", lon, lat, glat)
			}
			if math.Abs(lat) < 90 && math.Abs(glon-lon) > 1e-8 {
				t.Fatalf("lon %v,%v -> %v", lon, lat, glon)
			}
			if math.Abs(x) > MaxX+1e-12 || math.Abs(y) > MaxY+1e-12 {
				t.Fatalf("%v,%v projects outside the map: %v,%v", lon, lat, x, y)
			}
			if hw := HalfWidthAt(y); math.Abs(x) > hw+1e-9 {
				t.Fatalf("%v,%v: |x| %v beyond half width %v", lon, lat, x, hw)
			}
		}
	}
	// Published extent of Equal Earth on the unit sphere.
	if math.Abs(MaxX-2.7066299836) > 1e-6 || math.Abs(MaxY-1.3173627591) > 1e-6 {
		t.Errorf("extent %v × %v", MaxX, MaxY)
	}
	if lon, _ := Unproject(MaxX*1.1, 0); lon <= 180 {
		t.Errorf("off-map x unprojects to lon %v, want > 180", lon)
	}
	if lon, lat := Unproject(math.NaN(), 0); !math.IsNaN(lon) || math.IsNaN(lat) {
		t.Errorf("NaN x -> %v, %v", lon, lat)
	}
}

// TestEqualArea checks the property the projection was chosen for: a
// 10°×10° cell has the same plane area at the equator and at 60°N when
// scaled by the sphere's area ratio.
func TestEqualArea(t *testing.T) {
	cell := func(lat float64) float64 {
		// Area of the projected cell by the shoelace formula over a
		// densified outline.
		var pts [][2]float64
		for i := 0; i <= 10; i++ {
			pts = append(pts, [2]float64{float64(i), lat})
		}
		for i := 0; i <= 10; i++ {
			pts = append(pts, [2]float64{10, lat + float64(i)})
		}
		for i := 10; i >= 0; i-- {
			pts = append(pts, [2]float64{float64(i), lat + 10})
		}
		for i := 10; i >= 0; i-- {
			pts = append(pts, [2]float64{0, lat + float64(i)})
		}
		var a float64
		for i := range pts {
			x0, y0 := Project(pts[i][0], pts[i][1])
			j := (i + 1) % len(pts)
			x1, y1 := Project(pts[j][0], pts[j][1])
			a += x0*y1 - x1*y0
		}
		return math.Abs(a / 2)
	}
	sphere := func(lat float64) float64 {
		r := math.Pi / 180
		return 10 * r * (math.Sin((lat+10)*r) - math.Sin(lat*r))
	}
	for _, lat := range []float64{0, 30, 60, -80} {
		if got, want := cell(lat), sphere(lat); math.Abs(got-want)/want > 1e-4 {
			t.Errorf("cell at %v°: area %v, sphere %v", lat, got, want)
		}
	}
}

// TestNoSlivers: after unwrapping and clipping, no ring may span more
// than half the map's width, except Antarctica's, which runs the full
// width along the South Pole edge, and Russia's mainland.
func TestNoSlivers(t *testing.T) {
	for _, data := range [][]byte{assets.Countries50m, assets.Countries110m} {
		w := load(t, data)
		for _, c := range w.Countries {
			for _, p := range c.Polygons {
				for r := range p.NumRings() {
					xs, ys := p.Ring(r)
					lo, hi := float32(math.Inf(1)), float32(math.Inf(-1))
					for i, x := range xs {
						lo, hi = min(lo, x), max(hi, x)
						if hw := HalfWidthAt(float64(ys[i])); math.Abs(float64(x)) > hw+1e-5 {
							t.Fatalf("%s: point %v,%v outside the map (half width %v)", c.Name, x, ys[i], hw)
						}
						alongPole := i > 0 && math.Abs(float64(ys[i])) > MaxY-1e-6 && math.Abs(float64(ys[i-1])) > MaxY-1e-6
						if i > 0 && !alongPole && math.Abs(float64(x-xs[i-1])) > MaxX {
							t.Errorf("%s: segment jumps %v across the map", c.Name, x-xs[i-1])
						}
					}
					if float64(hi-lo) > MaxX && c.ISO2 != "AQ" && c.ISO2 != "RU" {
						t.Errorf("%s ring %d spans %v of %v", c.Name, r, hi-lo, 2*MaxX)
					}
				}
			}
		}
		for _, l := range w.Lines {
			for i := 1; i < len(l.X); i++ {
				if math.Abs(float64(l.X[i]-l.X[i-1])) > MaxX {
					t.Fatalf("a border line jumps across the map")
				}
			}
		}
	}
}

func TestAntimeridianCountries(t *testing.T) {
	w := load(t, assets.Countries50m)
	for _, tc := range []struct {
		iso2     string
		lon, lat float64
	}{
		{"FJ", 178.4, -18.1},    // Viti Levu, west of the antimeridian
		{"FJ", -178.82, -18.22}, // Lakeba, east of it
		{"RU", 37.6, 55.75},     // Moscow
		{"RU", 179.5, 67},       // Chukotka, both sides of 180°
		{"RU", -179.5, 67},
		{"RU", -175, 66.5},
		{"AQ", 0, -85},       // inland Antarctica
		{"AQ", 179.9, -89.5}, // near the pole at the cut
		{"AQ", -179.9, -89.5},
		{"FR", 2.35, 48.85},
		{"SG", 103.82, 1.35},
		{"BR", -47.9, -15.8},
	} {
		x, y := Project(tc.lon, tc.lat)
		i := w.CountryAt(x, y)
		if i < 0 || w.Countries[i].ISO2 != tc.iso2 {
			got := "ocean"
			if i >= 0 {
				got = w.Countries[i].ISO2
			}
			t.Errorf("CountryAt(%v, %v) = %s, want %s", tc.lon, tc.lat, got, tc.iso2)
		}
	}
	for _, ll := range [][2]float64{{-30, 30}, {-150, 0}, {179.9, -60}, {-179.9, 30}, {0, 89}} {
		x, y := Project(ll[0], ll[1])
		if i := w.CountryAt(x, y); i >= 0 {
			t.Errorf("CountryAt(%v) = %s, want ocean", ll, w.Countries[i].Name)
		}
	}
	// Antarctica's land must reach the pole edge across the full width.
	aq := w.Countries[w.Find("AQ")]
	if aq.Box.MaxX-aq.Box.MinX < 1.99*0.5*MaxX {
		t.Errorf("Antarctica box %v does not span the pole edge", aq.Box)
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"not json", `{`, "topojson"},
		{"not topology", `{"type":"FeatureCollection"}`, "want \"Topology\""},
		{"bad position", `{"type":"Topology","arcs":[[[1]]],"objects":{}}`, "coordinates"},
		{"arc out of range", `{"type":"Topology","arcs":[[[0,0],[1,1]]],"objects":{"c":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[0,5]]}]}}}`, "refers to arc 5"},
		{"negative arc out of range", `{"type":"Topology","arcs":[],"objects":{"c":{"type":"Polygon","arcs":[[-3]]}}}`, "refers to arc -3"},
		{"bad arcs", `{"type":"Topology","arcs":[],"objects":{"c":{"type":"Polygon","arcs":"x"}}}`, "polygon"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load([]byte(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
	if _, err := Load([]byte(`{"type":"Topology","arcs":[],"objects":{}}`)); err == nil {
		t.Error("missing countries object: no error")
	}
}

// TestHandMadeTopology decodes a tiny quantised topology: two squares
// sharing an edge, one with a numeric id, checking delta decoding, the
// transform, reversed arcs and the shared/coast classification.
func TestHandMadeTopology(t *testing.T) {
	const src = `{"type":"Topology",
	 "transform":{"scale":[1,1],"translate":[0,0]},
	 "arcs":[[[10,0],[0,10]], [[10,10],[-10,0],[0,-10],[10,0]], [[10,0],[10,0],[0,10],[-10,0]]],
	 "objects":{"countries":{"type":"GeometryCollection","geometries":[
	   {"type":"Polygon","arcs":[[0,1]],"id":"250","properties":{"name":"West"}},
	   {"type":"Polygon","arcs":[[-1,2]],"id":7,"properties":{"name":"East"}},
	   {"type":"Point","coordinates":[0,0]}
	 ]}}}`
	topo, err := DecodeTopoJSON([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := topo.Arcs[1]; got[3] != [2]float64{10, 0} {
		t.Errorf("delta decoding: arc 1 = %v", got)
	}
	g := topo.Objects["countries"]
	if len(g) != 2 || g[1].ID != "7" {
		t.Fatalf("geometries = %+v", g)
	}
	ring, err := topo.Ring(g[1].Polygons[0][0])
	if err != nil {
		t.Fatal(err)
	}
	want := [][2]float64{{10, 10}, {10, 0}, {20, 0}, {20, 10}, {10, 10}}
	if len(ring) != len(want) {
		t.Fatalf("ring = %v, want %v", ring, want)
	}
	for i := range want {
		if ring[i] != want[i] {
			t.Fatalf("ring = %v, want %v", ring, want)
		}
	}
	w, err := FromTopology(topo, "countries")
	if err != nil {
		t.Fatal(err)
	}
	if w.Countries[0].ISO2 != "FR" || w.Countries[1].ISO2 != "" {
		t.Errorf("codes %q %q", w.Countries[0].ISO2, w.Countries[1].ISO2)
	}
	shared := 0
	for _, l := range w.Lines {
		if l.Shared {
			shared++
		}
	}
	if len(w.Lines) != 3 || shared != 1 {
		t.Errorf("%d lines, %d shared; want 3 and 1", len(w.Lines), shared)
	}
	x, y := Project(15, 5)
	if i := w.CountryAt(x, y); i != 1 {
		t.Errorf("CountryAt(15,5) = %d, want 1", i)
	}
}

func BenchmarkLoad50m(b *testing.B) {
	for b.Loop() {
		if _, err := Load(assets.Countries50m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCountryAt measures the country-under-cursor query the map runs
// on taps, over a spread of points.
func BenchmarkCountryAt(b *testing.B) {
	w := load(b, assets.Countries50m)
	var pts [][2]float64
	for lat := -60.0; lat <= 75; lat += 9 {
		for lon := -170.0; lon <= 170; lon += 11 {
			x, y := Project(lon, lat)
			pts = append(pts, [2]float64{x, y})
		}
	}
	i := 0
	for b.Loop() {
		p := pts[i%len(pts)]
		w.CountryAt(p[0], p[1])
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "µs/query")
}

func TestSimplify(t *testing.T) {
	w := load(t, assets.Countries50m)
	const tol = 0.003
	s := w.Simplify(tol)
	if len(s.Countries) != len(w.Countries) {
		t.Fatalf("%d countries after simplifying, want %d", len(s.Countries), len(w.Countries))
	}
	count := func(w *World) (n int) {
		for _, c := range w.Countries {
			for _, p := range c.Polygons {
				n += len(p.X)
			}
		}
		return n
	}
	full, simple := count(w), count(s)
	if simple*3 > full {
		t.Errorf("simplified to %d of %d vertices; expected at least 3× fewer", simple, full)
	}
	// Large countries keep their shape: the point tests still hold.
	for _, ll := range [][2]float64{{2.35, 48.85}, {-47.9, -15.8}, {37.6, 55.75}, {0, -85}, {-100, 40}} {
		x, y := Project(ll[0], ll[1])
		a, b := w.CountryAt(x, y), s.CountryAt(x, y)
		if a != b {
			t.Errorf("%v: country %d in full data, %d simplified", ll, a, b)
		}
	}
	for i, c := range s.Countries {
		if c.ISO2 != w.Countries[i].ISO2 || c.Name != w.Countries[i].Name {
			t.Fatalf("country %d changed identity", i)
		}
		if len(c.Polygons) > 0 && (c.Box.MinX < w.Countries[i].Box.MinX-1e-6 || c.Box.MaxX > w.Countries[i].Box.MaxX+1e-6) {
			t.Errorf("%s: simplified box %v outside %v", c.Name, c.Box, w.Countries[i].Box)
		}
	}
	// A zig-zag within tolerance collapses to its ends; a spike stays.
	xs := []float32{0, 1, 2, 3, 4}
	ys := []float32{0, 0.001, -0.001, 0.001, 0}
	if k := simplifyMarks(xs, ys, 0.01, false, nil); !k[0] || k[1] || k[2] || k[3] || !k[4] {
		t.Errorf("zig-zag marks %v", k)
	}
	ys[2] = 1
	if k := simplifyMarks(xs, ys, 0.01, false, nil); !k[2] {
		t.Errorf("spike dropped: %v", k)
	}
}

func BenchmarkSimplify(b *testing.B) {
	w := load(b, assets.Countries50m)
	for b.Loop() {
		w.Simplify(0.0015)
	}
}

func TestParseArcs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want [][]float64
		err  bool
	}{
		{`[]`, nil, false},
		{`null`, nil, false},
		{` [ [ [1,2] , [-3, 4, 9] ], [] ] `, [][]float64{{1, 2, -3, 4}, nil}, false},
		{`[[[1.5e2,-0.25],[12345678901234567890,0]]]`, [][]float64{{150, -0.25, 12345678901234567890, 0}}, false},
		{`[[[1]]]`, nil, true},
		{`[[[1,2]`, nil, true},
		{`[[[1,x]]]`, nil, true},
		{`[[[1,2]]] x`, nil, true},
		{`{}`, nil, true},
	} {
		got, err := parseArcs([]byte(tc.in))
		if (err != nil) != tc.err {
			t.Errorf("parseArcs(%s): err %v", tc.in, err)
			continue
		}
		if tc.err {
			continue
		}
		if len(got) != len(tc.want) {
			t.Errorf("parseArcs(%s) = %v, want %v", tc.in, got, tc.want)
			continue
		}
		for i := range got {
			if len(got[i]) != len(tc.want[i]) {
				t.Errorf("parseArcs(%s) = %v, want %v", tc.in, got, tc.want)
				break
			}
			for j := range got[i] {
				if got[i][j] != tc.want[i][j] {
					t.Errorf("parseArcs(%s) = %v, want %v", tc.in, got, tc.want)
				}
			}
		}
	}
}

// FuzzDecodeTopoJSON: no input may panic the decoder or the projection.
func FuzzDecodeTopoJSON(f *testing.F) {
	f.Add([]byte(`{"type":"Topology","transform":{"scale":[1,1],"translate":[0,0]},"arcs":[[[0,0],[1,0],[0,1],[-1,-1]]],"objects":{"countries":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[0]],"id":"250"}]}}}`))
	f.Add([]byte(`{"type":"Topology","arcs":[[[170,10],[-170,10],[-170,-10],[170,-10],[170,10]]],"objects":{"countries":{"type":"MultiPolygon","arcs":[[[0]],[[-1]]]}}}`))
	f.Add([]byte(`{"type":"Topology","arcs":[[[0,-80],[120,-80],[-120,-80],[0,-80]]],"objects":{"countries":{"type":"Polygon","arcs":[[0],[-1]]}}}`))
	f.Add([]byte(`{"type":"Topology","arcs":[[[0,0],[179,1],[358,0],[537,1],[716,0],[0,0]]],"objects":{"countries":{"type":"Polygon","arcs":[[0]]}}}`))
	f.Add([]byte(`{"type":"Topology","arcs":[[[0,0],[1e300,1],[0,-1e300],[0,0]]],"objects":{"countries":{"type":"Polygon","arcs":[[0]]}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		w, err := Load(data)
		if err != nil {
			return
		}
		for _, c := range w.Countries {
			for _, p := range c.Polygons {
				p.Contains(0, 0)
			}
		}
		w.CountryAt(0, 0)
		w.Simplify(0.01)
	})
}
