package mapview

import (
	"image"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/reachmap/reachmap/mapdraw"
)

func TestClusters(t *testing.T) {
	m, c := newTestMap(t, 800, 420)
	m.SetMarkers([]Marker{
		{ID: 1, Lat: 50.0, Lon: 8.6, Label: "a"},
		{ID: 2, Lat: 50.2, Lon: 8.8, Label: "b"},
		{ID: 3, Lat: -33.9, Lon: 151.2, Label: "c"},
		{ID: 4, Lat: -33.9, Lon: 151.2, Label: "d"},
		{ID: 5, Lat: -33.9, Lon: 151.2, Label: "e"},
	})
	if n := m.s.Discs(); n != 2 {
		t.Fatalf("%d discs at zoom 1, want 2", n)
	}
	if got := m.Colocated(4); len(got) != 3 || got[0] != 3 || got[2] != 5 {
		t.Errorf("Colocated(4) = %v", got)
	}
	// Hovering a cluster lists its members under a bold count.
	test.MoveMouse(c, at(m, 151.2, -33.9))
	if m.tipLines[0].Text != "3 items at this place" || m.tipLines[1].Text != "c" || m.tipLines[3].Text != "e" {
		t.Errorf("cluster tooltip %q %q %q", m.tipLines[0].Text, m.tipLines[1].Text, m.tipLines[3].Text)
	}
	// The count is drawn in white in the middle of the disc.
	img := c.Capture()
	p := at(m, 151.2, -33.9)
	whiteish := 0
	for dy := -4; dy <= 4; dy++ {
		for dx := -4; dx <= 4; dx++ {
			if px := pixel(img, p.AddXY(float32(dx), float32(dy))); px.R > 200 && px.G > 200 && px.B > 200 {
				whiteish++
			}
		}
	}
	if whiteish < 4 {
		t.Errorf("no count drawn on the cluster (%d white pixels)", whiteish)
	}

	// Tapping markers at one exact spot cycles through them.
	var got []int
	m.OnSelected = func(id int) { got = append(got, id) }
	for range 4 {
		test.TapCanvas(c, at(m, 151.2, -33.9))
	}
	if want := []int{3, 4, 5, 3}; !equalInts(got, want) {
		t.Errorf("taps on a same-spot cluster selected %v, want %v", got, want)
	}
	if m.s.V.Zoom != 1 {
		t.Errorf("same-spot cluster zoomed to %v", m.s.V.Zoom)
	}

	// Tapping a spread cluster zooms in until it splits.
	got = nil
	for range 10 {
		if len(m.Colocated(1)) == 1 {
			break
		}
		test.TapCanvas(c, at(m, 8.7, 50.1))
	}
	if len(m.Colocated(1)) != 1 || m.s.V.Zoom <= 1 {
		t.Errorf("cluster did not split: zoom %v, members %v", m.s.V.Zoom, m.Colocated(1))
	}
	if len(got) != 0 {
		t.Errorf("zooming into a cluster selected %v", got)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFitToData(t *testing.T) {
	m, _ := newTestMap(t, 800, 420)
	m.FitToData()
	if m.s.V.Zoom != 1 {
		t.Errorf("no markers: zoom %v", m.s.V.Zoom)
	}
	m.SetMarkers([]Marker{{ID: 1, Lat: 48.85, Lon: 2.35}})
	m.FitToData()
	if m.s.V.Zoom != fitZoomLimit {
		t.Errorf("one marker: zoom %v, want the limit %v", m.s.V.Zoom, fitZoomLimit)
	}
	places := [][2]float64{{2.35, 48.85}, {139.69, 35.68}, {-46.63, -23.55}, {-122.3, 47.6}}
	var ms []Marker
	for i, p := range places {
		ms = append(ms, Marker{ID: i, Lon: p[0], Lat: p[1]})
	}
	ms = append(ms, Marker{ID: 99, Lat: math.NaN(), Lon: 3}) // not drawn, not framed
	m.SetMarkers(ms)
	m.SetView(100, -40, 16)
	m.FitToData()
	for _, p := range places {
		q := at(m, p[0], p[1])
		if q.X < fitPad-1 || q.Y < fitPad-1 || q.X > 800-fitPad+1 || q.Y > 420-fitPad+1 {
			t.Errorf("%v at %v is outside the framed area", p, q)
		}
	}
	// Europe only: the fit must zoom in.
	m.SetMarkers([]Marker{{ID: 1, Lat: 48.85, Lon: 2.35}, {ID: 2, Lat: 59.3, Lon: 18.1}, {ID: 3, Lat: 41.9, Lon: 12.5}})
	m.FitToData()
	if m.s.V.Zoom < 3 {
		t.Errorf("European markers fitted at zoom %v", m.s.V.Zoom)
	}
	// With insets (a legend along the bottom, buttons on the right) the
	// markers are framed in what is left.
	m.SetInsets(40, 60, 90, 0)
	m.FitToData()
	for _, p := range [][2]float64{{2.35, 48.85}, {18.1, 59.3}, {12.5, 41.9}} {
		q := at(m, p[0], p[1])
		if q.Y < 40+fitPad-1 || q.Y > 420-90-fitPad+1 || q.X > 800-60-fitPad+1 || q.X < fitPad-1 {
			t.Errorf("%v at %v is under an inset", p, q)
		}
	}
}

func TestBadInputDoesNotPanic(t *testing.T) {
	m, c := newTestMap(t, 300, 160)
	m.SetMarkers([]Marker{
		{ID: 1, Lat: math.NaN(), Lon: 0},
		{ID: 2, Lat: 0, Lon: math.Inf(1)},
		{ID: 3, Lat: 95, Lon: 540}, // clamped to the pole, lon wrapped to 180
		{ID: 3, Lat: 10, Lon: 10},  // duplicate ID
	})
	c.Capture()
	m.Select(1) // a marker that is not drawn: no ring, no panic
	if m.selRing.Visible() {
		t.Error("ring shown for an undrawn marker")
	}
	m.Select(12345)
	if got := m.Colocated(1); got != nil {
		t.Errorf("Colocated of an undrawn marker: %v", got)
	}
	test.MoveMouse(c, fyne.NewPos(-10, -10))
	test.TapCanvas(c, fyne.NewPos(299, 159))
	if img := m.generate(0, 0); img.Bounds().Dx() != 1 {
		t.Error("zero-size raster")
	}
	// A tiny window still renders.
	m.Resize(fyne.NewSize(1, 1))
	m.generate(1, 1)
	m.SetMarkers(nil)
	m.FitToData()
}

// TestDeviceScale: on a HiDPI screen the raster gets twice the pixels of
// the widget's units; drawing must land where events say.
func TestDeviceScale(t *testing.T) {
	m, _ := newTestMap(t, 400, 210)
	fill := color.NRGBA{R: 200, A: 255}
	m.SetMarkers([]Marker{{ID: 1, Lat: 0, Lon: -30, Fill: fill}})
	img := m.generate(800, 420)
	p := at(m, -30, 0)
	if got := pixel(img, fyne.NewPos(p.X*2, p.Y*2)); !near(got, fill, 3) {
		t.Errorf("marker at 2× scale: %v", got)
	}
	o := at(m, -35, 25)
	if got := pixel(img, fyne.NewPos(o.X*2, o.Y*2)); !near(got, DefaultOcean, 2) {
		t.Errorf("Atlantic at 2× scale: %v", got)
	}
	q := at(m, 22, 2)
	if got := pixel(img, fyne.NewPos(q.X*2, q.Y*2)); !near(got, DefaultLand, 2) {
		t.Errorf("Africa at 2× scale: %v", got)
	}
}

// TestViewRestoredBeforeLayout: the app restores the remembered view
// before the window is shown; it must survive the first layout.
func TestViewRestoredBeforeLayout(t *testing.T) {
	test.NewTempApp(t)
	go Preload() // concurrent with New: both wait on the same decode
	m := New()
	m.SetView(10, 50, 4)
	win := test.NewTempWindow(t, m)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(800, 420))
	lon, lat, z := m.View()
	if math.Abs(lon-10) > 1e-6 || math.Abs(lat-50) > 1e-6 || z != 4 {
		t.Errorf("view after layout: %v, %v, %v", lon, lat, z)
	}
	// A view that cannot be shown at this size is clamped, not lost.
	m.SetView(179, 85, 2)
	lon, lat, _ = m.View()
	if lon >= 179 || lat >= 85 {
		t.Errorf("edge view not clamped: %v, %v", lon, lat)
	}
	if p := at(m, lon, lat); math.Abs(float64(p.X-400)) > 0.01 || math.Abs(float64(p.Y-210)) > 0.01 {
		t.Errorf("View() centre is drawn at %v, not the middle", p)
	}
}

// TestNoTileSeams: masks are rasterised in 512-pixel tiles. Panning by a
// whole number of pixels must give the same picture, moved: the tile
// edges then fall elsewhere on the content, so a seam (or any tile
// artefact) shows up as a difference.
func TestNoTileSeams(t *testing.T) {
	m, _ := newTestMap(t, 1100, 1100)
	const shift = 100
	for _, dir := range [][2]int{{shift, 0}, {0, shift}} {
		m.SetView(22, 2, 6) // central Africa: land and borders across tile edges
		a := image.NewRGBA(image.Rect(0, 0, 1100, 1100))
		copy(a.Pix, m.generate(1100, 1100).(*image.RGBA).Pix)
		v := m.s.V
		s := v.Scale()
		v.CX += float64(dir[0]) / s
		v.CY -= float64(dir[1]) / s
		m.setView(v)
		b := m.generate(1100, 1100).(*image.RGBA)
		bad := 0
		for y := 0; y+dir[1] < 1100; y++ {
			for x := 0; x+dir[0] < 1100; x++ {
				pa := a.Pix[a.PixOffset(x+dir[0], y+dir[1]):][:4]
				pb := b.Pix[b.PixOffset(x, y):][:4]
				for c := range 4 {
					if d := int(pa[c]) - int(pb[c]); d > 3 || d < -3 {
						bad++
						break
					}
				}
			}
		}
		if bad > 0 {
			t.Errorf("shift %v: %d pixels differ after a whole-pixel pan", dir, bad)
		}
	}
}

// SetOutside paints around the world's outline, leaving the map itself
// unchanged; the edge between the two is antialiased, never a hard seam
// of another colour.
func TestOutsideColour(t *testing.T) {
	m, c := newTestMap(t, 800, 600) // taller than the map: bands above and below
	out := color.NRGBA{R: 0x20, G: 0x28, B: 0x30, A: 0xff}
	m.SetOutside(out)
	img := c.Capture()
	for _, p := range []fyne.Position{{X: 3, Y: 3}, {X: 400, Y: 5}, {X: 400, Y: 595}, {X: 796, Y: 300}} {
		if got := pixel(img, p); !near(got, out, 2) {
			t.Errorf("outside at %v: %v, want %v", p, got, out)
		}
	}
	if got := pixel(img, at(m, -35, 25)); !near(got, DefaultOcean, 2) {
		t.Errorf("ocean changed by the outside colour: %v", got)
	}
	// Along a row crossing the outline, every pixel lies between the two
	// colours (an antialiased edge, no dark or light seam).
	edge := at(m, -179.9, 0)
	y := int(edge.Y)
	for x := 0; x < int(edge.X)+4; x++ {
		p := pixel(img, fyne.NewPos(float32(x), float32(y)))
		if p.B < min(out.B, DefaultOcean.B)-2 || p.B > max(out.B, DefaultOcean.B)+2 {
			t.Fatalf("pixel %d on the equator is %v, outside [%v, %v]", x, p, out, DefaultOcean)
		}
	}
}

// Snapshot renders without a window or a Fyne app, framed on the
// markers, with their colours.
func TestSnapshot(t *testing.T) {
	fill := color.NRGBA{R: 0xD5, G: 0x5E, B: 0x00, A: 0xff}
	st := mapdraw.LightStyle()
	st.CountryFill = func(iso2 string) color.NRGBA {
		if iso2 == "BR" {
			return color.NRGBA{R: 0x00, G: 0x9E, B: 0x73, A: 0xff}
		}
		return color.NRGBA{}
	}
	ms := []Marker{{ID: 1, Lat: 48.86, Lon: 2.35, Fill: fill}, {ID: 2, Lat: -23.55, Lon: -46.63, Fill: fill}, {ID: 3, Lat: 35.68, Lon: 139.69, Fill: fill}}
	img, err := mapdraw.Snapshot(1000, 500, ms, st)
	if err != nil {
		t.Fatal(err)
	}
	if img.Rect.Dx() != 1000 || img.Rect.Dy() != 500 {
		t.Fatalf("size %v", img.Rect)
	}
	// The same view as a live map of that size fitted to the markers.
	m, _ := newTestMap(t, 1000, 500)
	m.SetMarkers(ms)
	m.FitToData()
	for _, mk := range ms {
		p := at(m, mk.Lon, mk.Lat)
		if got := pixel(img, p); !near(got, fill, 3) {
			t.Errorf("marker %d at %v: %v, want %v", mk.ID, p, got, fill)
		}
	}
	if got := pixel(img, at(m, -55, -12)); !near(got, color.NRGBA{R: 0x00, G: 0x9E, B: 0x73, A: 0xff}, 3) {
		t.Errorf("Brazil not shaded: %v", got)
	}
	if got := pixel(img, at(m, -35, 25)); !near(got, DefaultOcean, 2) {
		t.Errorf("ocean: %v", got)
	}
}

// A map made while Preload runs shows the ocean at once and the
// countries when they are decoded, without blocking its creation.
func TestNewWhilePreloading(t *testing.T) {
	mapdraw.LoadAtlas() // decoded already: only the hand-over is under test
	preloading.Store(true)
	atlasReady.Store(false)
	got := make(chan func(), 1)
	old := deliverAtlas
	deliverAtlas = func(m *Map, a *mapdraw.Atlas) { got <- func() { m.setAtlas(a) } }
	t.Cleanup(func() {
		deliverAtlas = old
		preloading.Store(false)
		atlasReady.Store(true)
	})
	m, c := newTestMap(t, 800, 420)
	m.SetMarkers([]Marker{{ID: 1, Lat: 48.85, Lon: 2.35}})
	img := c.Capture()
	if p := pixel(img, at(m, 22, 2)); !near(p, DefaultOcean, 2) {
		t.Errorf("before the world is decoded, Africa is %v, want the ocean", p)
	}
	(<-got)()
	img = c.Capture()
	if p := pixel(img, at(m, 22, 2)); !near(p, DefaultLand, 2) {
		t.Errorf("after the hand-over, Africa is %v, want land", p)
	}
	if iso, ok := m.CountryAt(at(m, 2.5, 46.5)); !ok || iso != "FR" {
		t.Errorf("CountryAt after the hand-over: %q %v", iso, ok)
	}
}
