package mapview

import (
	"image"
	"image/color"
	"math"
	"strconv"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/geo/world"
	"github.com/reachmap/reachmap/mapdraw"
)

// Marker is one item on the map.
type Marker = mapdraw.Marker

// Arc is a copy of an item's data, drawn from the item to the copy.
type Arc = mapdraw.Arc

// Default colours for the light theme: a calm ocean, clear land and thin
// borders that stay out of the way of the markers. The app passes its
// dark-theme colours through SetColors.
var (
	DefaultOcean  = mapdraw.DefaultOcean
	DefaultLand   = mapdraw.DefaultLand
	DefaultBorder = mapdraw.DefaultBorder
)

const (
	fitZoomLimit = mapdraw.FitZoomLimit
	fitPad       = mapdraw.FitPad // Fyne units kept free around the markers
	maxTipLines  = 7
	// wheelNotch is the scroll delta of one wheel notch (GLFW/Xvfb give
	// ±25); one notch zooms by √2.
	wheelNotch = 25.0
)

// Preload decodes the embedded map (about a quarter of a second). It is
// safe to call from any goroutine, typically at start-up:
// go mapview.Preload(). A map created while it runs does not wait for
// it: it shows the ocean and draws the countries as soon as they are
// decoded (through fyne.Do), so the window can be built meanwhile.
func Preload() {
	preloading.Store(true)
	_, _ = mapdraw.LoadAtlas()
	atlasReady.Store(true)
}

var preloading, atlasReady atomic.Bool

// Map is the world map widget. Create it with New. It implements
// fyne.Widget, desktop.Hoverable, desktop.Cursorable, fyne.Tappable,
// fyne.Draggable, fyne.Scrollable and fyne.Focusable (keys: + and - zoom,
// arrows pan, 0 fits the markers). It draws through a mapdraw.Scene, the
// renderer the exported PNG and the HTML report use too.
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

	s *mapdraw.Scene // what is drawn, its camera (s.V) and its caches

	selected int
	hovered  int // disc index under the pointer, -1 for none
	hoverID  int // marker ID last reported to OnHover, -1 for none
	mouseIn  bool
	mousePos fyne.Position
	pxScale  float64 // device pixels per Fyne unit, as the raster reports

	raster             *canvas.Raster
	hoverRing, selRing *canvas.Circle
	tipBG              *canvas.Rectangle
	tipLines           [maxTipLines]*canvas.Text
}

// New returns a map of the world showing no markers, in the light-theme
// colours. If the embedded map data cannot be decoded (a broken build),
// the map shows the ocean alone rather than failing.
func New() *Map {
	var a *mapdraw.Atlas
	wait := preloading.Load() && !atlasReady.Load()
	if wait {
		a = mapdraw.EmptyAtlas() // the ocean alone, until Preload is done
	} else {
		a = atlasOrEmpty()
	}
	m := &Map{s: mapdraw.NewScene(a), selected: -1, hovered: -1, hoverID: -1, pxScale: 1}
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
var deliverAtlas = func(m *Map, a *mapdraw.Atlas) { fyne.Do(func() { m.setAtlas(a) }) }

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
func atlasOrEmpty() *mapdraw.Atlas {
	a, err := mapdraw.LoadAtlas()
	if err != nil {
		fyne.LogError("mapview: loading the embedded world map", err)
		return mapdraw.EmptyAtlas()
	}
	return a
}

// setAtlas swaps in the decoded world once Preload has finished.
func (m *Map) setAtlas(a *mapdraw.Atlas) {
	m.s.SetAtlas(a)
	m.viewChanged()
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
	m.s.SetMarkers(ms)
	m.viewChanged()
}

// SetArcs replaces the copies' arcs.
func (m *Map) SetArcs(as []Arc) {
	m.s.SetArcs(as)
	m.viewChanged()
}

// SetCountryFill sets how countries are shaded: f gets a country's
// alpha-2 code ("" for the few without one) and returns its colour; a
// colour with zero alpha, or a nil f, means the default land colour. f is
// called once per country here, not while drawing.
func (m *Map) SetCountryFill(f func(iso2 string) color.NRGBA) {
	m.s.SetCountryFill(f)
	m.viewChanged()
}

// SetColors sets the theme colours of the ocean, unshaded land and
// borders (coastlines use the border colour, a little lighter).
func (m *Map) SetColors(ocean, land, border color.NRGBA) {
	m.s.SetColors(ocean, land, border)
	m.viewChanged()
}

// SetOutside sets the colour painted around the world's outline, where
// the widget is wider or taller than the map. Zero alpha (the default)
// leaves it transparent, so whatever is behind the widget shows; an app
// whose background differs from the ocean's tone passes a colour between
// the two, so the map does not sit in a dark or bright frame.
func (m *Map) SetOutside(c color.NRGBA) {
	m.s.SetOutside(c)
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
func (m *Map) ZoomIn() { m.setView(m.s.V.ZoomAbout(2, m.s.V.W/2, m.s.V.H/2)) }

// ZoomOut halves the zoom about the centre.
func (m *Map) ZoomOut() { m.setView(m.s.V.ZoomAbout(0.5, m.s.V.W/2, m.s.V.H/2)) }

// ResetView shows the whole world.
func (m *Map) ResetView() {
	v := m.s.V
	v.CX, v.CY, v.Zoom = 0, 0, 1
	m.setView(v)
}

// FitToData frames every drawn marker (no closer than zoom 8), or shows
// the whole world when there is none. Markers stay clear of the insets.
func (m *Map) FitToData() {
	m.s.FitToData()
	m.viewChanged()
}

// SetInsets tells FitToData how much of each edge (Fyne units) the app
// covers with its own controls (a legend, zoom buttons), so that no
// marker is framed underneath them.
func (m *Map) SetInsets(top, right, bottom, left float32) {
	m.s.SetInsets(mapdraw.Insets{Top: float64(top), Right: float64(right), Bottom: float64(bottom), Left: float64(left)})
}

// View returns the centre (degrees) and zoom (1 = whole world), for the
// app to remember across runs.
func (m *Map) View() (centerLon, centerLat, zoom float64) {
	lon, lat := world.Unproject(m.s.V.CX, m.s.V.CY)
	return lon, lat, m.s.V.Zoom
}

// SetView restores a view returned by View. Out-of-range values are
// clamped; NaN values fall back to the whole world.
func (m *Map) SetView(lon, lat, zoom float64) {
	v := m.s.V
	v.Zoom = zoom
	if finite(lon) && finite(lat) {
		v.CX, v.CY = world.Project(mapdraw.NormLon(lon), lat)
	} else {
		v.CX, v.CY = 0, 0
	}
	m.setView(v.Clamped())
}

func (m *Map) setView(v mapdraw.View) {
	m.s.V = v
	m.viewChanged()
}

// viewChanged repaints after a change of view, markers or colours: the
// raster regenerates lazily (the scene's caches decide what is really
// redrawn), the overlays follow, and the hover is re-evaluated under the
// pointer.
func (m *Map) viewChanged() {
	m.raster.Refresh()
	m.hovered = -2 // force re-evaluation: disc indices may have changed
	if m.mouseIn {
		m.hoverAt(m.mousePos)
	} else {
		m.setHovered(-1)
	}
	m.updateOverlays()
}

// generate is the raster's callback: w and h are device pixels.
func (m *Map) generate(w, h int) image.Image {
	if w <= 0 || h <= 0 {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	if m.s.V.W > 0 {
		m.pxScale = float64(w) / m.s.V.W
	}
	return m.s.Render(w, h, m.pxScale)
}

// layout follows a new widget size: re-clamp the view for it.
func (m *Map) layout(size fyne.Size) {
	m.raster.Resize(size)
	m.raster.Move(fyne.NewPos(0, 0))
	if float64(size.Width) == m.s.V.W && float64(size.Height) == m.s.V.H {
		return
	}
	m.s.V.W, m.s.V.H = float64(size.Width), float64(size.Height)
	m.s.V = m.s.V.Clamped()
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

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

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
