package mapview

import (
	"image"
	"image/color"
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/assets"
	"github.com/reachmap/reachmap/geo/world"
)

// Marker is one item on the map.
type Marker struct {
	ID       int     // the caller's item index; returned on hover and select
	Lat, Lon float64 // degrees; markers with NaN or infinite coordinates are not drawn
	Fill     color.NRGBA
	Ring     color.NRGBA // foreign-reach colour; zero alpha draws no ring
	Label    string      // tooltip text; the first line is shown bold
}

// Default colours for the light theme: a calm ocean, clear land and thin
// borders that stay out of the way of the markers. The app passes its
// dark-theme colours through SetColors.
var (
	DefaultOcean  = color.NRGBA{R: 0xcf, G: 0xdf, B: 0xea, A: 0xff}
	DefaultLand   = color.NRGBA{R: 0xf6, G: 0xf4, B: 0xef, A: 0xff}
	DefaultBorder = color.NRGBA{R: 0x9a, G: 0xa3, B: 0xad, A: 0xc0}
)

const (
	// fitZoomLimit keeps FitToData from zooming to street level on a
	// single marker or markers in one city.
	fitZoomLimit = 8
	fitPad       = 48 // Fyne units kept free around the markers
	maxTipLines  = 7
	// wheelNotch is the scroll delta of one wheel notch (GLFW/Xvfb give
	// ±25); one notch zooms by √2.
	wheelNotch = 25.0
)

// atlas is the decoded map with simplified copies for low zooms.
type atlas struct {
	full   *world.World
	levels []lod // coarsest first
}

// lod is the world simplified to within tol plane units.
type lod struct {
	tol float64
	w   *world.World
}

// lodPixels is how far (device pixels) a simplified outline may stray from
// the 1:50m one; below half a pixel the difference cannot be seen.
const lodPixels = 0.5

// pick returns the coarsest copy whose simplification stays under
// lodPixels at s device pixels per plane unit.
func (a *atlas) pick(s float64) *world.World {
	for _, l := range a.levels {
		if l.tol*s <= lodPixels {
			return l.w
		}
	}
	return a.full
}

// loadAtlas decodes the embedded 1:50m countries once per process and
// prepares simplified copies at 1.4, 2.8, 5.6 and 11.2 thousandths of a plane
// unit (about half a pixel at zoom 1 on a 1920-pixel map, then halving
// the resolution each time).
var loadAtlas = sync.OnceValues(func() (*atlas, error) {
	w, err := world.Load(assets.Countries50m)
	if err != nil {
		return nil, err
	}
	a := &atlas{full: w}
	for _, tol := range []float64{0.0112, 0.0056, 0.0028, 0.0014} {
		a.levels = append(a.levels, lod{tol, w.Simplify(tol)})
	}
	return a, nil
})

// Preload decodes the embedded map (about a quarter of a second). It is
// safe to call from any goroutine, typically at start-up:
// go mapview.Preload(). A map created while it runs does not wait for
// it: it shows the ocean and draws the countries as soon as they are
// decoded (through fyne.Do), so the window can be built meanwhile.
func Preload() {
	preloading.Store(true)
	_, _ = loadAtlas()
	atlasReady.Store(true)
}

var preloading, atlasReady atomic.Bool

// Map is the world map widget. Create it with New. It implements
// fyne.Widget, desktop.Hoverable, desktop.Cursorable, fyne.Tappable,
// fyne.Draggable, fyne.Scrollable and fyne.Focusable (keys: + and - zoom,
// arrows pan, 0 fits the markers).
//
// Every method must be called on the Fyne main thread.
type Map struct {
	widget.BaseWidget

	// OnSelected is called when a tap selects a marker (its ID), or clears
	// the selection by tapping empty map (-1). Select does not call it.
	OnSelected func(id int)
	// OnHover is called when the pointer enters a marker (its ID; for a
	// cluster, its first member's) and with -1 when it leaves.
	OnHover func(id int)
	// OnCountryTapped, if set, is called with the country's ISO 3166-1
	// alpha-2 code ("" for the few territories without one) when a tap
	// hits land and no marker.
	OnCountryTapped func(iso2 string)
	// Words are the tooltip's own phrases, in English unless the app
	// translates them.
	Words Words

	atlas *atlas
	world *world.World // full detail, for hit tests

	markers  []Marker
	mx, my   []float64 // projected positions; NaN for markers not drawn
	byID     map[int]int
	mVersion uint64

	v      view
	insets insets // kept free of markers by FitToData

	ocean, land, border color.NRGBA
	outside             color.NRGBA
	countryFill         func(iso2 string) color.NRGBA
	style               layerStyle
	styleVersion        uint64

	selected int
	hovered  int // cluster index under the pointer, -1 for none
	hoverID  int // marker ID last reported to OnHover, -1 for none
	mouseIn  bool
	mousePos fyne.Position

	// Render caches, all touched on the main thread only.
	raster      *canvas.Raster
	painter     layerPainter
	stamper     stamper
	base, frame *image.RGBA
	baseKey     baseKey
	frameKey    frameKey
	cl          clusters
	clusterGen  uint64
	grid        hitGrid
	gridKey     gridKey
	pxScale     float64

	// Counters the tests read: hover must never repaint the map.
	baseRenders, frameRenders int

	hoverRing, selRing *canvas.Circle
	tipBG              *canvas.Rectangle
	tipLines           [maxTipLines]*canvas.Text
}

type baseKey struct {
	v     view
	w, h  int
	px    float64
	style uint64
}

type frameKey struct {
	base       int
	clusterGen uint64
}

type gridKey struct {
	v          view
	clusterGen uint64
}

// New returns a map of the world showing no markers, in the light-theme
// colours. If the embedded map data cannot be decoded (a broken build),
// the map shows the ocean alone rather than failing.
func New() *Map {
	var a *atlas
	wait := preloading.Load() && !atlasReady.Load()
	if wait {
		a = &atlas{full: &world.World{}} // the ocean alone, until Preload is done
	} else {
		a = atlasOrEmpty()
	}
	m := newMap(a)
	m.raster = canvas.NewRaster(m.generate)
	m.hoverRing = &canvas.Circle{StrokeWidth: 1.5}
	m.selRing = &canvas.Circle{StrokeWidth: 2.5}
	m.tipBG = &canvas.Rectangle{CornerRadius: 4, StrokeWidth: 1}
	for i := range m.tipLines {
		m.tipLines[i] = &canvas.Text{}
		m.tipLines[i].Hide()
	}
	m.hoverRing.Hide()
	m.selRing.Hide()
	m.tipBG.Hide()
	m.ExtendBaseWidget(m)
	if wait {
		go func() { deliverAtlas(m, atlasOrEmpty()) }()
	}
	return m
}

// deliverAtlas hands the decoded world to a map on the UI thread; tests
// replace it to run the hand-over on their own goroutine.
var deliverAtlas = func(m *Map, a *atlas) { fyne.Do(func() { m.setAtlas(a) }) }

// Words are the phrases the map writes itself: a cluster's tooltip says
// how many items it holds ("5 items", "3 items at this place") and how
// many it does not list ("and 4 more").
type Words struct {
	Items func(n int, samePlace bool) string
	More  func(n int) string
}

func (w Words) orDefault() Words {
	if w.Items == nil {
		w.Items = func(n int, same bool) string {
			if same {
				return strconv.Itoa(n) + " items at this place"
			}
			return strconv.Itoa(n) + " items"
		}
	}
	if w.More == nil {
		w.More = func(n int) string { return "and " + strconv.Itoa(n) + " more" }
	}
	return w
}

// atlasOrEmpty returns the decoded map, or an empty world (the ocean
// alone) if the embedded data cannot be decoded, a broken build.
func atlasOrEmpty() *atlas {
	a, err := loadAtlas()
	if err != nil {
		fyne.LogError("mapview: loading the embedded world map", err)
		return &atlas{full: &world.World{}}
	}
	return a
}

// setAtlas swaps in the decoded world once Preload has finished.
func (m *Map) setAtlas(a *atlas) {
	m.atlas, m.world = a, a.full
	m.restyle()
	m.baseKey = baseKey{} // the cached country layer was drawn without countries
	m.viewChanged()
}

// newMap returns the map's state with no canvas objects: enough to
// render offscreen (see Snapshot).
func newMap(a *atlas) *Map {
	m := &Map{
		atlas:    a,
		world:    a.full,
		v:        view{zoom: 1},
		selected: -1,
		hovered:  -1,
		hoverID:  -1,
		pxScale:  1,
		ocean:    DefaultOcean,
		land:     DefaultLand,
		border:   DefaultBorder,
	}
	m.restyle()
	return m
}

// CreateRenderer is part of fyne.Widget.
func (m *Map) CreateRenderer() fyne.WidgetRenderer {
	objs := []fyne.CanvasObject{m.raster, m.selRing, m.hoverRing, m.tipBG}
	for _, t := range m.tipLines {
		objs = append(objs, t)
	}
	return &mapRenderer{m: m, objects: objs}
}

// SetMarkers replaces the markers. The slice is copied.
func (m *Map) SetMarkers(ms []Marker) {
	m.markers = append(m.markers[:0:0], ms...)
	m.mx = make([]float64, len(ms))
	m.my = make([]float64, len(ms))
	m.byID = make(map[int]int, len(ms))
	for i, mk := range m.markers {
		if _, dup := m.byID[mk.ID]; !dup {
			m.byID[mk.ID] = i
		}
		if !finite(mk.Lat) || !finite(mk.Lon) {
			m.mx[i], m.my[i] = math.NaN(), math.NaN()
			continue
		}
		m.mx[i], m.my[i] = world.Project(normLon(mk.Lon), mk.Lat)
	}
	m.mVersion++
	m.viewChanged()
}

// SetCountryFill sets how countries are shaded: f gets a country's
// alpha-2 code ("" for the few without one) and returns its colour; a
// colour with zero alpha, or a nil f, means the default land colour. f is
// called once per country here, not while drawing.
func (m *Map) SetCountryFill(f func(iso2 string) color.NRGBA) {
	m.countryFill = f
	m.restyle()
	m.viewChanged()
}

// SetColors sets the theme colours of the ocean, unshaded land and
// borders (coastlines use the border colour, a little lighter).
func (m *Map) SetColors(ocean, land, border color.NRGBA) {
	m.ocean, m.land, m.border = ocean, land, border
	m.restyle()
	m.viewChanged()
}

// SetOutside sets the colour painted around the world's outline, where
// the widget is wider or taller than the map. Zero alpha (the default)
// leaves it transparent, so whatever is behind the widget shows; an app
// whose background differs from the ocean's tone passes a colour between
// the two, so the map does not sit in a dark or bright frame.
func (m *Map) SetOutside(c color.NRGBA) {
	m.outside = c
	m.restyle()
	m.viewChanged()
}

// Select marks the marker with this ID with a selection ring (-1 clears
// it). It does not call OnSelected.
func (m *Map) Select(id int) {
	m.selected = id
	m.updateOverlays()
}

// Selected returns the selected marker's ID, or -1.
func (m *Map) Selected() int { return m.selected }

// ZoomIn doubles the zoom about the centre.
func (m *Map) ZoomIn() { m.setView(m.v.zoomAbout(2, m.v.w/2, m.v.h/2)) }

// ZoomOut halves the zoom about the centre.
func (m *Map) ZoomOut() { m.setView(m.v.zoomAbout(0.5, m.v.w/2, m.v.h/2)) }

// ResetView shows the whole world.
func (m *Map) ResetView() {
	v := m.v
	v.cx, v.cy, v.zoom = 0, 0, 1
	m.setView(v)
}

// FitToData frames every drawn marker (no closer than zoom 8), or shows
// the whole world when there is none. Markers stay clear of the insets.
func (m *Map) FitToData() {
	b, ok := m.markerBox(func(int) bool { return true })
	if !ok {
		m.ResetView()
		return
	}
	m.setView(m.v.framing(b, m.insets.add(fitPad), fitZoomLimit))
}

// SetInsets tells FitToData how much of each edge (Fyne units) the app
// covers with its own controls (a legend, zoom buttons), so that no
// marker is framed underneath them.
func (m *Map) SetInsets(top, right, bottom, left float32) {
	m.insets = insets{top: float64(top), right: float64(right), bottom: float64(bottom), left: float64(left)}
}

// View returns the centre (degrees) and zoom (1 = whole world), for the
// app to remember across runs.
func (m *Map) View() (centerLon, centerLat, zoom float64) {
	lon, lat := world.Unproject(m.v.cx, m.v.cy)
	return lon, lat, m.v.zoom
}

// SetView restores a view returned by View. Out-of-range values are
// clamped; NaN values fall back to the whole world.
func (m *Map) SetView(lon, lat, zoom float64) {
	v := m.v
	v.zoom = zoom
	if finite(lon) && finite(lat) {
		v.cx, v.cy = world.Project(normLon(lon), lat)
	} else {
		v.cx, v.cy = 0, 0
	}
	m.setView(v.clamped())
}

// --- events -------------------------------------------------------------

// Tapped selects the marker under the pointer. A cluster zooms in to
// separate its members, or, when they all sit at one spot (several
// buckets in one region), selects its members in turn on each tap so the
// caller can show them one by one. A tap on empty map clears the
// selection and reports the country, if any.
func (m *Map) Tapped(ev *fyne.PointEvent) {
	ci := m.clusterAt(ev.Position)
	if ci < 0 {
		if m.selected != -1 {
			m.Select(-1)
			if m.OnSelected != nil {
				m.OnSelected(-1)
			}
		}
		if m.OnCountryTapped != nil {
			if iso, ok := m.CountryAt(ev.Position); ok {
				m.OnCountryTapped(iso)
			}
		}
		return
	}
	c := m.cl.list[ci]
	members := m.cl.members[c.start : c.start+c.n]
	if c.n > 1 && !c.exact && m.v.zoom < maxZoom {
		b := world.Box{MinX: math.Inf(1), MinY: math.Inf(1), MaxX: math.Inf(-1), MaxY: math.Inf(-1)}
		for _, i := range members {
			b = b.Union(world.Box{MinX: m.mx[i], MinY: m.my[i], MaxX: m.mx[i], MaxY: m.my[i]})
		}
		v := m.v.framing(b, insets{}.add(fitPad), maxZoom)
		if v.zoom < m.v.zoom*2 { // always make progress, even for a wide cluster
			v = m.v
			v.cx, v.cy = c.x, c.y
			v.zoom = math.Min(maxZoom, m.v.zoom*2)
			v = v.clamped()
		}
		m.setView(v)
		return
	}
	next := members[0]
	for k, i := range members {
		if m.markers[i].ID == m.selected {
			next = members[(k+1)%len(members)]
			break
		}
	}
	id := m.markers[next].ID
	m.Select(id)
	if m.OnSelected != nil {
		m.OnSelected(id)
	}
}

// Dragged pans the map.
func (m *Map) Dragged(ev *fyne.DragEvent) {
	s := m.v.scale()
	v := m.v
	v.cx -= float64(ev.Dragged.DX) / s
	v.cy += float64(ev.Dragged.DY) / s
	m.mousePos = ev.Position
	m.setView(v.clamped())
}

// DragEnd is part of fyne.Draggable.
func (m *Map) DragEnd() {}

// Scrolled zooms about the pointer: one wheel notch is a factor of √2.
func (m *Map) Scrolled(ev *fyne.ScrollEvent) {
	dy := math.Max(-8*wheelNotch, math.Min(8*wheelNotch, float64(ev.Scrolled.DY)))
	if dy == 0 {
		return
	}
	f := math.Pow(2, dy/(2*wheelNotch))
	m.mousePos = ev.Position
	m.setView(m.v.zoomAbout(f, float64(ev.Position.X), float64(ev.Position.Y)))
}

// MouseIn is part of desktop.Hoverable.
func (m *Map) MouseIn(ev *desktop.MouseEvent) {
	m.mouseIn = true
	m.hoverAt(ev.Position)
}

// MouseMoved is part of desktop.Hoverable.
func (m *Map) MouseMoved(ev *desktop.MouseEvent) {
	m.mouseIn = true
	m.hoverAt(ev.Position)
}

// MouseOut is part of desktop.Hoverable.
func (m *Map) MouseOut() {
	m.mouseIn = false
	m.setHovered(-1)
}

// Cursor is part of desktop.Cursorable: a pointing hand over a marker.
func (m *Map) Cursor() desktop.Cursor {
	if m.hovered >= 0 {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// FocusGained is part of fyne.Focusable.
func (m *Map) FocusGained() {}

// FocusLost is part of fyne.Focusable.
func (m *Map) FocusLost() {}

// TypedRune zooms with + and - (= too, the unshifted +) and fits the
// markers with 0.
func (m *Map) TypedRune(r rune) {
	switch r {
	case '+', '=':
		m.ZoomIn()
	case '-', '_':
		m.ZoomOut()
	case '0':
		m.FitToData()
	}
}

// TypedKey pans with the arrow keys by a sixth of the view.
func (m *Map) TypedKey(ev *fyne.KeyEvent) {
	s := m.v.scale()
	dx, dy := m.v.w/6/s, m.v.h/6/s
	v := m.v
	switch ev.Name {
	case fyne.KeyLeft:
		v.cx -= dx
	case fyne.KeyRight:
		v.cx += dx
	case fyne.KeyUp:
		v.cy += dy
	case fyne.KeyDown:
		v.cy -= dy
	default:
		return
	}
	m.setView(v.clamped())
}

// CountryAt returns the alpha-2 code of the country under a widget
// position, and whether there is land there at all.
func (m *Map) CountryAt(pos fyne.Position) (iso2 string, ok bool) {
	x, y := m.v.toPlane(float64(pos.X), float64(pos.Y))
	i := m.world.CountryAt(x, y)
	if i < 0 {
		return "", false
	}
	return m.world.Countries[i].ISO2, true
}

// MarkerAt returns the ID of the marker drawn under a widget position
// (for a cluster, its first member's), or -1.
func (m *Map) MarkerAt(pos fyne.Position) int {
	ci := m.clusterAt(pos)
	if ci < 0 {
		return -1
	}
	return m.markers[m.cl.members[m.cl.list[ci].start]].ID
}

// Colocated returns the IDs of the markers drawn in the same disc as the
// marker with this ID at the current zoom (itself included), in marker
// order; nil if it is not on the map. A details panel can list them.
func (m *Map) Colocated(id int) []int {
	i, ok := m.byID[id]
	if !ok {
		return nil
	}
	m.ensureClusters()
	ci := m.cl.of[i]
	if ci < 0 {
		return nil
	}
	c := m.cl.list[ci]
	out := make([]int, 0, c.n)
	for _, k := range m.cl.members[c.start : c.start+c.n] {
		out = append(out, m.markers[k].ID)
	}
	return out
}

// --- internals ----------------------------------------------------------

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// normLon brings a longitude into [-180, 180).
func normLon(lon float64) float64 {
	lon = math.Mod(lon+180, 360)
	if lon < 0 {
		lon += 360
	}
	return lon - 180
}

// restyle recomputes the per-country colours; it is the only place the
// caller's fill function runs.
func (m *Map) restyle() {
	st := &m.style
	st.ocean = m.ocean
	st.outside = m.outside
	st.border = m.border
	st.coast = m.border
	st.coast.A = uint8(float64(m.border.A) * 0.8)
	if cap(st.fills) < len(m.world.Countries) {
		st.fills = make([]color.NRGBA, len(m.world.Countries))
	}
	st.fills = st.fills[:len(m.world.Countries)]
	for i := range m.world.Countries {
		c := m.land
		if m.countryFill != nil {
			if f := m.countryFill(m.world.Countries[i].ISO2); f.A != 0 {
				c = f
			}
		}
		st.fills[i] = c
	}
	st.prepare()
	m.styleVersion++
}

// contrast is the colour of the hover ring: it must stand out against
// the map, whatever the app's theme, so it follows the ocean's lightness.
func (m *Map) contrast() color.NRGBA {
	if m.halo().R < 0x80 {
		return color.NRGBA{R: 0xf2, G: 0xf4, B: 0xf7, A: 0xe6}
	}
	return color.NRGBA{R: 0x2a, G: 0x31, B: 0x3a, A: 0xd9}
}

// halo is the colour between a disc and its ring: white on a light map,
// near-black on a dark one, so discs stand off the land either way.
func (m *Map) halo() color.NRGBA {
	o := m.ocean
	if 299*int(o.R)+587*int(o.G)+114*int(o.B) < 128*1000 {
		return color.NRGBA{R: 0x1c, G: 0x1f, B: 0x24, A: 0xff}
	}
	return color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
}

func (m *Map) markerBox(keep func(i int) bool) (world.Box, bool) {
	b := world.Box{MinX: math.Inf(1), MinY: math.Inf(1), MaxX: math.Inf(-1), MaxY: math.Inf(-1)}
	ok := false
	for i := range m.markers {
		if math.IsNaN(m.mx[i]) || !keep(i) {
			continue
		}
		b = b.Union(world.Box{MinX: m.mx[i], MinY: m.my[i], MaxX: m.mx[i], MaxY: m.my[i]})
		ok = true
	}
	return b, ok
}

func (m *Map) setView(v view) {
	m.v = v
	m.viewChanged()
}

// viewChanged repaints after a change of view, markers or colours: the
// raster regenerates lazily (its caches decide what is really redrawn),
// the overlays follow, and the hover is re-evaluated under the pointer.
func (m *Map) viewChanged() {
	if m.raster == nil {
		return // offscreen: Snapshot renders once, nothing to refresh
	}
	m.raster.Refresh()
	m.hovered = -2 // force re-evaluation: cluster indices may have changed
	if m.mouseIn {
		m.hoverAt(m.mousePos)
	} else {
		m.setHovered(-1)
	}
	m.updateOverlays()
}

// ensureClusters regroups the markers if the scale or markers changed.
func (m *Map) ensureClusters() {
	s := m.v.scale()
	if m.cl.scale == s && m.cl.version == m.mVersion && m.clusterGen != 0 {
		return
	}
	m.cl.build(m.mx, m.my, m.markers, s)
	m.cl.version = m.mVersion
	m.clusterGen++
}

func (m *Map) clusterAt(pos fyne.Position) int {
	m.ensureClusters()
	k := gridKey{m.v, m.clusterGen}
	if !m.grid.valid || m.gridKey != k {
		m.grid.build(&m.cl, m.v)
		m.gridKey = k
	}
	return m.grid.at(&m.cl, float64(pos.X), float64(pos.Y))
}

func (m *Map) hoverAt(pos fyne.Position) {
	m.mousePos = pos
	m.setHovered(m.clusterAt(pos))
}

// setHovered moves the hover ring and tooltip to disc ci (-1: none) and
// reports a change of hovered marker; it never touches the raster.
func (m *Map) setHovered(ci int) {
	if ci != m.hovered {
		m.hovered = ci
		m.updateHover()
	}
	id := -1
	if ci >= 0 {
		id = m.markers[m.cl.members[m.cl.list[ci].start]].ID
	}
	if id != m.hoverID {
		m.hoverID = id
		if m.OnHover != nil {
			m.OnHover(id)
		}
	}
}

// generate is the raster's callback: w and h are device pixels.
func (m *Map) generate(w, h int) image.Image {
	if w <= 0 || h <= 0 {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	if m.v.w > 0 {
		m.pxScale = float64(w) / m.v.w
	}
	return m.render(w, h)
}

// render brings the cached layers up to date and returns the frame.
func (m *Map) render(w, h int) *image.RGBA {
	m.ensureClusters()
	if m.base == nil || m.base.Rect.Dx() != w || m.base.Rect.Dy() != h {
		m.base = image.NewRGBA(image.Rect(0, 0, w, h))
		m.frame = image.NewRGBA(image.Rect(0, 0, w, h))
		m.baseKey = baseKey{}
	}
	bk := baseKey{v: m.v, w: w, h: h, px: m.pxScale, style: m.styleVersion}
	if bk != m.baseKey {
		t := newTransform(m.v, m.pxScale)
		m.painter.paint(m.base, m.atlas.pick(t.s), t, &m.style)
		m.baseKey = bk
		m.baseRenders++
	}
	fk := frameKey{base: m.baseRenders, clusterGen: m.clusterGen}
	if fk != m.frameKey {
		copy(m.frame.Pix, m.base.Pix)
		m.stampMarkers(m.frame)
		m.frameKey = fk
		m.frameRenders++
	}
	return m.frame
}

// stampMarkers draws every disc on screen (clusters with their count).
func (m *Map) stampMarkers(dst *image.RGBA) {
	t := newTransform(m.v, m.pxScale)
	W, H := float64(dst.Rect.Dx()), float64(dst.Rect.Dy())
	halo := m.halo()
	for i := range m.cl.list {
		c := &m.cl.list[i]
		x, y := t.apply(c.x, c.y)
		reach := (c.outer() + 3) * m.pxScale
		if x < -reach || y < -reach || x > W+reach || y > H+reach {
			continue
		}
		s := m.stamper.disc(c, halo, m.pxScale)
		ix, iy := int(math.Floor(x)), int(math.Floor(y))
		blit(dst, s, ix, iy)
	}
}

// screenPos is a cluster's centre in widget units.
func (m *Map) screenPos(c *cluster) fyne.Position {
	x, y := m.v.toScreen(c.x, c.y)
	return fyne.NewPos(float32(x), float32(y))
}

func (m *Map) updateOverlays() {
	if m.raster == nil {
		return
	}
	m.updateSelection()
	m.updateHover()
}

func (m *Map) updateSelection() {
	ring := m.selRing
	i, ok := m.byID[m.selected]
	if !ok || m.selected < 0 || math.IsNaN(m.mx[i]) {
		if ring.Visible() {
			ring.Hide()
			canvas.Refresh(ring)
		}
		return
	}
	m.ensureClusters()
	c := &m.cl.list[m.cl.of[i]]
	r := float32(c.outer() + 3.5)
	ring.StrokeColor = theme.ColorForWidget(theme.ColorNamePrimary, m)
	ring.FillColor = color.Transparent
	ring.Move(m.screenPos(c).SubtractXY(r, r))
	ring.Resize(fyne.NewSquareSize(2 * r))
	ring.Show()
	canvas.Refresh(ring)
}

func (m *Map) updateHover() {
	if m.hovered < 0 || m.hovered >= len(m.cl.list) {
		m.hideHover()
		return
	}
	c := &m.cl.list[m.hovered]
	pos := m.screenPos(c)
	r := float32(c.outer() + 2)
	m.hoverRing.StrokeColor = m.contrast()
	m.hoverRing.FillColor = color.Transparent
	m.hoverRing.Move(pos.SubtractXY(r, r))
	m.hoverRing.Resize(fyne.NewSquareSize(2 * r))
	m.hoverRing.Show()
	canvas.Refresh(m.hoverRing)
	m.showTip(m.tipText(c), pos, float32(c.outer()))
}

func (m *Map) hideHover() {
	objs := []fyne.CanvasObject{m.hoverRing, m.tipBG}
	for _, t := range m.tipLines {
		objs = append(objs, t)
	}
	for _, o := range objs {
		if o.Visible() {
			o.Hide()
			canvas.Refresh(o)
		}
	}
}

// tipText is the tooltip for a disc: a marker's own label, or for a
// cluster a count and the first lines of a few members.
func (m *Map) tipText(c *cluster) []string {
	members := m.cl.members[c.start : c.start+c.n]
	if c.n == 1 {
		lines := strings.Split(strings.TrimSpace(m.markers[members[0]].Label), "\n")
		if len(lines) > maxTipLines {
			lines = append(lines[:maxTipLines-1], "…")
		}
		return lines
	}
	w := m.Words.orDefault()
	lines := []string{w.Items(int(c.n), c.exact)}
	for k, i := range members {
		if k == maxTipLines-2 && len(members) > maxTipLines-1 {
			lines = append(lines, w.More(len(members)-k))
			break
		}
		first, _, _ := strings.Cut(strings.TrimSpace(m.markers[i].Label), "\n")
		lines = append(lines, first)
	}
	return lines
}

// showTip lays the tooltip out beside a disc at pos, flipping to the left
// and clamping vertically so it stays inside the widget.
func (m *Map) showTip(lines []string, pos fyne.Position, radius float32) {
	if len(lines) == 0 || (len(lines) == 1 && lines[0] == "") {
		m.tipBG.Hide()
		for _, t := range m.tipLines {
			t.Hide()
		}
		canvas.Refresh(m.tipBG)
		return
	}
	th := m.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	ts := th.Size(theme.SizeNameText)
	pad := th.Size(theme.SizeNameInnerPadding) / 2
	fg := th.Color(theme.ColorNameForeground, v)
	var wmax, hsum float32
	sizes := make([]fyne.Size, len(lines))
	for i, l := range lines {
		st := fyne.TextStyle{Bold: i == 0}
		sizes[i] = fyne.MeasureText(l, ts, st)
		wmax = max(wmax, sizes[i].Width)
		hsum += sizes[i].Height
	}
	tw, th2 := wmax+4*pad, hsum+2*pad
	gap := radius + 8
	x := pos.X + gap
	if x+tw > float32(m.v.w)-4 {
		x = pos.X - gap - tw
	}
	x = max(4, x)
	y := pos.Y - th2/2
	y = max(4, min(float32(m.v.h)-th2-4, y))
	m.tipBG.FillColor = th.Color(theme.ColorNameOverlayBackground, v)
	m.tipBG.StrokeColor = th.Color(theme.ColorNameSeparator, v)
	m.tipBG.Move(fyne.NewPos(x, y))
	m.tipBG.Resize(fyne.NewSize(tw, th2))
	m.tipBG.Show()
	canvas.Refresh(m.tipBG)
	ly := y + pad
	for i, t := range m.tipLines {
		if i >= len(lines) {
			if t.Visible() {
				t.Hide()
				canvas.Refresh(t)
			}
			continue
		}
		t.Text = lines[i]
		t.TextSize = ts
		t.TextStyle = fyne.TextStyle{Bold: i == 0}
		t.Color = fg
		t.Move(fyne.NewPos(x+2*pad, ly))
		t.Resize(sizes[i])
		t.Show()
		canvas.Refresh(t)
		ly += sizes[i].Height
	}
}

// layout follows a new widget size: re-clamp the view for it.
func (m *Map) layout(size fyne.Size) {
	m.raster.Resize(size)
	m.raster.Move(fyne.NewPos(0, 0))
	if float64(size.Width) == m.v.w && float64(size.Height) == m.v.h {
		return
	}
	m.v.w, m.v.h = float64(size.Width), float64(size.Height)
	m.v = m.v.clamped()
	m.viewChanged()
}

type mapRenderer struct {
	m       *Map
	objects []fyne.CanvasObject
}

func (r *mapRenderer) Layout(size fyne.Size)        { r.m.layout(size) }
func (r *mapRenderer) MinSize() fyne.Size           { return fyne.NewSize(160, 90) }
func (r *mapRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *mapRenderer) Destroy()                     {}

// Refresh follows a theme change: overlays take the new theme colours.
// The map's own colours come from SetColors.
func (r *mapRenderer) Refresh() {
	r.m.raster.Refresh()
	r.m.updateOverlays()
}

// Interface guards.
var (
	_ fyne.Widget        = (*Map)(nil)
	_ fyne.Tappable      = (*Map)(nil)
	_ fyne.Draggable     = (*Map)(nil)
	_ fyne.Scrollable    = (*Map)(nil)
	_ fyne.Focusable     = (*Map)(nil)
	_ desktop.Hoverable  = (*Map)(nil)
	_ desktop.Cursorable = (*Map)(nil)
)
