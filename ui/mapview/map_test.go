package mapview

import (
	"image"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/reachmap/reachmap/geo/world"
	"github.com/reachmap/reachmap/mapdraw"
)

// newTestMap shows a fresh map alone in an unpadded w×h test window, so
// widget coordinates equal canvas coordinates and, at the test canvas's
// scale of 1, device pixels.
func newTestMap(t *testing.T, w, h float32) (*Map, fyne.Canvas) {
	t.Helper()
	test.NewTempApp(t)
	m := New()
	win := test.NewTempWindow(t, m)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	return m, win.Canvas()
}

// at is where (lon, lat) is on screen, in widget units.
func at(m *Map, lon, lat float64) fyne.Position {
	x, y := world.Project(lon, lat)
	sx, sy := m.s.V.ToScreen(x, y)
	return fyne.NewPos(float32(sx), float32(sy))
}

func pixel(img image.Image, p fyne.Position) color.NRGBA {
	return color.NRGBAModel.Convert(img.At(int(p.X), int(p.Y))).(color.NRGBA)
}

func near(a, b color.NRGBA, tol int) bool {
	d := func(x, y uint8) bool { return math.Abs(float64(x)-float64(y)) <= float64(tol) }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B) && d(a.A, b.A)
}

func TestRendersOceanAndLand(t *testing.T) {
	m, c := newTestMap(t, 800, 420)
	img := c.Capture()
	for _, tc := range []struct {
		name     string
		lon, lat float64
		want     color.NRGBA
	}{
		{"mid Atlantic", -35, 25, DefaultOcean},
		{"south Pacific", -130, -30, DefaultOcean},
		{"Indian Ocean", 80, -20, DefaultOcean},
		{"central Africa", 22, 2, DefaultLand},
		{"Brazil", -50, -10, DefaultLand},
		{"Siberia", 100, 62, DefaultLand},
		{"Antarctica", 40, -85, DefaultLand},
	} {
		if got := pixel(img, at(m, tc.lon, tc.lat)); !near(got, tc.want, 2) {
			t.Errorf("%s: pixel %v, want %v", tc.name, got, tc.want)
		}
	}
	// Outside the map's outline the raster is transparent: the window's
	// background shows.
	bg := pixel(img, fyne.NewPos(3, 3))
	if near(bg, DefaultOcean, 10) || near(bg, DefaultLand, 10) {
		t.Errorf("corner outside the map is %v, want the window background", bg)
	}

	// Shading by jurisdiction.
	fr := color.NRGBA{R: 200, G: 30, B: 40, A: 255}
	calls := 0
	m.SetCountryFill(func(iso2 string) color.NRGBA {
		calls++
		if iso2 == "FR" {
			return fr
		}
		return color.NRGBA{}
	})
	if calls != m.s.Countries() {
		t.Errorf("fill function called %d times, want once per country (%d)", calls, m.s.Countries())
	}
	img = c.Capture()
	if got := pixel(img, at(m, 2.5, 46.5)); !near(got, fr, 2) {
		t.Errorf("France: %v, want %v", got, fr)
	}
	if got := pixel(img, at(m, 22, 2)); !near(got, DefaultLand, 2) {
		t.Errorf("Africa after shading France: %v", got)
	}

	// Theme colours.
	ocean, land := color.NRGBA{R: 10, G: 20, B: 30, A: 255}, color.NRGBA{R: 60, G: 60, B: 60, A: 255}
	m.SetCountryFill(nil)
	m.SetColors(ocean, land, color.NRGBA{A: 255})
	img = c.Capture()
	if got := pixel(img, at(m, -35, 25)); !near(got, ocean, 2) {
		t.Errorf("dark ocean: %v", got)
	}
	if got := pixel(img, at(m, 2.5, 46.5)); !near(got, land, 2) {
		t.Errorf("dark land: %v", got)
	}
}

func TestMarkerDrawnAtItsPlace(t *testing.T) {
	m, c := newTestMap(t, 800, 420)
	fill := color.NRGBA{R: 0x1b, G: 0x9e, B: 0x77, A: 255}
	ring := color.NRGBA{R: 0xd9, G: 0x5f, B: 0x02, A: 255}
	m.SetMarkers([]Marker{{ID: 7, Lat: 0, Lon: -30, Fill: fill, Ring: ring}})
	img := c.Capture()
	p := at(m, -30, 0)
	if got := pixel(img, p); !near(got, fill, 3) {
		t.Errorf("marker centre %v: %v, want fill %v", p, got, fill)
	}
	rp := p.AddXY(float32(mapdraw.DiscRadius+mapdraw.HaloWidth+mapdraw.RingWidth/2), 0)
	if got := pixel(img, rp); !near(got, ring, 40) {
		t.Errorf("ring at %v: %v, want about %v", rp, got, ring)
	}
	far := p.AddXY(30, 0)
	if got := pixel(img, far); !near(got, DefaultOcean, 2) {
		t.Errorf("ocean beside the marker: %v", got)
	}
}

func TestPanAndZoom(t *testing.T) {
	m, c := newTestMap(t, 800, 420)
	// At zoom 1 the world fits: dragging must not move it off-screen.
	test.Drag(c, fyne.NewPos(400, 200), 100, 40)
	if lon, lat, z := m.View(); math.Abs(lon) > 1e-9 || math.Abs(lat) > 1e-9 || z != 1 {
		t.Errorf("after drag at zoom 1: %v, %v, %v", lon, lat, z)
	}

	m.SetView(10, 45, 4)
	lon, lat, z := m.View()
	if math.Abs(lon-10) > 1e-6 || math.Abs(lat-45) > 1e-6 || z != 4 {
		t.Fatalf("SetView round trip: %v, %v, %v", lon, lat, z)
	}
	cx, cy := m.s.V.CX, m.s.V.CY
	s := m.s.V.Scale()
	test.Drag(c, fyne.NewPos(400, 200), 100, 40)
	if math.Abs(m.s.V.CX-(cx-100/s)) > 1e-9 || math.Abs(m.s.V.CY-(cy+40/s)) > 1e-9 {
		t.Errorf("drag moved the centre to %v,%v; want %v,%v", m.s.V.CX, m.s.V.CY, cx-100/s, cy+40/s)
	}
	if lon2, lat2, _ := m.View(); lon2 >= lon || lat2 <= lat {
		t.Errorf("dragging right and down should show west and north: %v,%v -> %v,%v", lon, lat, lon2, lat2)
	}

	// The wheel zooms about the pointer: the place under it stays put.
	pos := fyne.NewPos(600, 100)
	px, py := m.s.V.ToPlane(float64(pos.X), float64(pos.Y))
	z0 := m.s.V.Zoom
	m.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: pos}, Scrolled: fyne.Delta{DY: 25}})
	if got := m.s.V.Zoom / z0; math.Abs(got-math.Sqrt2) > 1e-9 {
		t.Errorf("one wheel notch zoomed by %v, want √2", got)
	}
	if qx, qy := m.s.V.ToPlane(float64(pos.X), float64(pos.Y)); math.Abs(qx-px) > 1e-9 || math.Abs(qy-py) > 1e-9 {
		t.Errorf("point under the pointer moved from %v,%v to %v,%v", px, py, qx, qy)
	}
	test.Scroll(c, pos, 0, -25)
	if got := m.s.V.Zoom / z0; math.Abs(got-1) > 1e-9 {
		t.Errorf("notch back: zoom ratio %v", got)
	}

	// Limits.
	m.SetView(0, 0, 1000)
	if _, _, z := m.View(); z != mapdraw.MaxZoom {
		t.Errorf("zoom clamped to %v, want %v", z, mapdraw.MaxZoom)
	}
	for range 20 {
		m.ZoomOut()
	}
	if _, _, z := m.View(); z != mapdraw.MinZoom {
		t.Errorf("zoom out floor %v", z)
	}
	m.SetView(math.NaN(), 3, math.Inf(1))
	if lon, lat, z := m.View(); lon != 0 || lat != 0 || z != 1 {
		t.Errorf("NaN view: %v %v %v", lon, lat, z)
	}
}

func TestKeys(t *testing.T) {
	m, c := newTestMap(t, 800, 420)
	c.Focus(m)
	test.Type(m, "+")
	if m.s.V.Zoom != 2 {
		t.Fatalf("+ zoomed to %v", m.s.V.Zoom)
	}
	test.Type(m, "=")
	if m.s.V.Zoom != 4 {
		t.Fatalf("= zoomed to %v", m.s.V.Zoom)
	}
	test.Type(m, "-")
	if m.s.V.Zoom != 2 {
		t.Fatalf("- zoomed to %v", m.s.V.Zoom)
	}
	cx := m.s.V.CX
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if m.s.V.CX <= cx {
		t.Errorf("right arrow: centre %v -> %v", cx, m.s.V.CX)
	}
	cy := m.s.V.CY
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if m.s.V.CY <= cy {
		t.Errorf("up arrow: centre %v -> %v", cy, m.s.V.CY)
	}
	m.SetMarkers([]Marker{{ID: 1, Lat: 48.85, Lon: 2.35}, {ID: 2, Lat: 52.52, Lon: 13.4}})
	test.Type(m, "0")
	if p := at(m, 2.35, 48.85); p.X < 0 || p.X > 800 || m.s.V.Zoom < 4 {
		t.Errorf("0 should fit the markers: Paris at %v, zoom %v", p, m.s.V.Zoom)
	}
}

func markersForHover() []Marker {
	return []Marker{
		{ID: 10, Lat: 0, Lon: -30, Label: "acme-invoices\nFrankfurt"},
		{ID: 11, Lat: -10, Lon: 60, Label: "mail"},
	}
}

func TestHoverShowsTooltipWithoutRepaint(t *testing.T) {
	m, c := newTestMap(t, 800, 420)
	m.SetMarkers(markersForHover())
	var hovered []int
	m.OnHover = func(id int) { hovered = append(hovered, id) }
	painted := countRepaints(m)
	c.Capture()
	frame := painted()
	if frame == 0 {
		t.Fatalf("capture rendered nothing: %d", frame)
	}

	test.MoveMouse(c, at(m, -30, 0).AddXY(2, 1))
	if len(hovered) != 1 || hovered[0] != 10 {
		t.Fatalf("OnHover calls %v, want [10]", hovered)
	}
	if !m.tipBG.Visible() || !m.hoverRing.Visible() {
		t.Fatal("tooltip or hover ring hidden")
	}
	if m.Cursor() != desktop.PointerCursor {
		t.Error("no pointing cursor over a marker")
	}
	if got := m.tipLines[0].Text; got != "acme-invoices" || !m.tipLines[0].TextStyle.Bold {
		t.Errorf("first tooltip line %q bold=%v", got, m.tipLines[0].TextStyle.Bold)
	}
	if got := m.tipLines[1].Text; got != "Frankfurt" || m.tipLines[1].TextStyle.Bold || m.tipLines[2].Visible() {
		t.Errorf("second line %q, third visible %v", got, m.tipLines[2].Visible())
	}
	// Moving within the same disc reports nothing new.
	test.MoveMouse(c, at(m, -30, 0))
	if len(hovered) != 1 {
		t.Errorf("OnHover calls %v after moving within the disc", hovered)
	}
	img := c.Capture()
	if n := painted(); n != frame {
		t.Errorf("hover repainted the map: frame %d→%d", frame, n)
	}
	// The tooltip is drawn (canvas objects, on top of the raster).
	tp := m.tipBG.Position().AddXY(m.tipBG.Size().Width/2, 2)
	if got := pixel(img, tp); near(got, DefaultOcean, 10) {
		t.Errorf("tooltip not visible in the capture at %v", tp)
	}

	test.MoveMouse(c, at(m, -60, 30))
	if len(hovered) != 2 || hovered[1] != -1 {
		t.Errorf("OnHover calls %v, want [10 -1]", hovered)
	}
	if m.tipBG.Visible() || m.hoverRing.Visible() {
		t.Error("tooltip still shown off the marker")
	}
	if m.Cursor() != desktop.DefaultCursor {
		t.Error("pointing cursor off the markers")
	}
	test.MoveMouse(c, at(m, 60, -10))
	if len(hovered) != 3 || hovered[2] != 11 {
		t.Errorf("OnHover calls %v", hovered)
	}
	c.Capture()
	if painted() != frame {
		t.Errorf("hover repainted the map")
	}
}

func TestTapSelectsAndCountry(t *testing.T) {
	m, c := newTestMap(t, 800, 420)
	m.SetMarkers(markersForHover())
	var selected []int
	var countries []string
	m.OnSelected = func(id int) { selected = append(selected, id) }
	m.OnCountryTapped = func(iso2 string) { countries = append(countries, iso2) }

	test.TapCanvas(c, at(m, -30, 0))
	if m.Selected() != 10 || len(selected) != 1 || selected[0] != 10 {
		t.Fatalf("tap on marker: Selected %d, callbacks %v", m.Selected(), selected)
	}
	if !m.selRing.Visible() {
		t.Error("selection ring hidden")
	}
	ringCentre := m.selRing.Position().AddXY(m.selRing.Size().Width/2, m.selRing.Size().Height/2)
	if p := at(m, -30, 0); math.Abs(float64(ringCentre.X-p.X)) > 0.5 || math.Abs(float64(ringCentre.Y-p.Y)) > 0.5 {
		t.Errorf("selection ring centred at %v, marker at %v", ringCentre, p)
	}

	test.TapCanvas(c, at(m, -50, -10)) // Brazil
	if m.Selected() != -1 || len(selected) != 2 || selected[1] != -1 {
		t.Errorf("tap on land: Selected %d, callbacks %v", m.Selected(), selected)
	}
	if len(countries) != 1 || countries[0] != "BR" {
		t.Errorf("country callbacks %v, want [BR]", countries)
	}
	test.TapCanvas(c, at(m, -35, 25)) // ocean: no country, selection already clear
	if len(countries) != 1 || len(selected) != 2 {
		t.Errorf("tap on ocean: countries %v, selected %v", countries, selected)
	}

	// Select from the app: ring, no callback; -1 clears.
	m.Select(11)
	if m.Selected() != 11 || len(selected) != 2 || !m.selRing.Visible() {
		t.Errorf("Select(11): %d %v %v", m.Selected(), selected, m.selRing.Visible())
	}
	m.Select(-1)
	if m.selRing.Visible() {
		t.Error("Select(-1) left the ring")
	}
	if iso, ok := m.CountryAt(at(m, 2.5, 46.5)); !ok || iso != "FR" {
		t.Errorf("CountryAt(France) = %q, %v", iso, ok)
	}
}
