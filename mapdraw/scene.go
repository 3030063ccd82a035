package mapdraw

import (
	"image"
	"image/color"
	"math"

	"github.com/reachmap/reachmap/geo/world"
)

const (
	// FitZoomLimit keeps FitToData from zooming to street level on a
	// single marker or markers in one city.
	FitZoomLimit = 8
	// FitPad is the margin (units) FitToData keeps free around the markers.
	FitPad = 48
)

// Scene is what a map shows, the camera it is seen through and the
// caches that redraw it: markers, country tints, theme colours and a
// View. Render draws it; the widget adds events and overlays around it.
//
// A Scene is not safe for concurrent use: a widget keeps one on its UI
// thread, an offscreen picture makes its own (they share only the
// read-only Atlas).
type Scene struct {
	// V is the camera. Render and the hit tests read it each time (their
	// caches are keyed on its value), so a caller may set it directly.
	V View

	atlas *Atlas
	world *world.World // full detail, for hit tests

	markers  []Marker
	arcs     []arcProj // copies, drawn under the discs (arcs.go)
	arcGen   uint64
	mx, my   []float64 // projected positions; NaN for markers not drawn
	byID     map[int]int
	mVersion uint64

	insets Insets // kept free of markers by FitToData

	ocean, land, border color.NRGBA
	outside             color.NRGBA
	countryFill         func(iso2 string) color.NRGBA
	style               layerStyle
	styleVersion        uint64

	painter     layerPainter
	stamper     stamper
	base, frame *image.RGBA
	baseKey     baseKey
	frameKey    frameKey
	baseGen     int // country layers painted: a frame is valid for one
	cl          clusters
	clusterGen  uint64
	grid        hitGrid
	gridKey     gridKey
}

type baseKey struct {
	v     View
	w, h  int
	px    float64
	style uint64
}

type frameKey struct {
	base       int
	clusterGen uint64
	arcGen     uint64
}

type gridKey struct {
	v          View
	clusterGen uint64
}

// NewScene returns a scene of atlas a (nil: the ocean alone) with no
// markers, the whole world in view and the light-theme colours.
func NewScene(a *Atlas) *Scene {
	if a == nil {
		a = EmptyAtlas()
	}
	s := &Scene{
		atlas:  a,
		world:  a.full,
		V:      View{Zoom: 1},
		ocean:  DefaultOcean,
		land:   DefaultLand,
		border: DefaultBorder,
	}
	s.restyle()
	return s
}

// SetAtlas swaps in another atlas, typically the decoded world once it
// is ready.
func (s *Scene) SetAtlas(a *Atlas) {
	s.atlas, s.world = a, a.full
	s.restyle()
	s.baseKey = baseKey{} // the cached country layer was drawn without countries
}

// Countries is how many countries the atlas holds: the country fill
// function is called once for each.
func (s *Scene) Countries() int { return len(s.world.Countries) }

// SetMarkers replaces the markers. The slice is copied.
func (s *Scene) SetMarkers(ms []Marker) {
	s.markers = append(s.markers[:0:0], ms...)
	s.mx = make([]float64, len(ms))
	s.my = make([]float64, len(ms))
	s.byID = make(map[int]int, len(ms))
	for i, mk := range s.markers {
		if _, dup := s.byID[mk.ID]; !dup {
			s.byID[mk.ID] = i
		}
		if !finite(mk.Lat) || !finite(mk.Lon) {
			s.mx[i], s.my[i] = math.NaN(), math.NaN()
			continue
		}
		s.mx[i], s.my[i] = world.Project(NormLon(mk.Lon), mk.Lat)
	}
	s.mVersion++
}

// Marker returns marker i (an index into what SetMarkers was given).
func (s *Scene) Marker(i int) Marker { return s.markers[i] }

// Index returns the index of the first marker with this ID.
func (s *Scene) Index(id int) (int, bool) {
	i, ok := s.byID[id]
	return i, ok
}

// Placed returns marker i's plane position, and false for a marker that
// is not drawn (bad coordinates).
func (s *Scene) Placed(i int) (x, y float64, ok bool) {
	return s.mx[i], s.my[i], !math.IsNaN(s.mx[i])
}

// SetCountryFill sets how countries are shaded: f gets a country's
// alpha-2 code ("" for the few without one) and returns its colour; a
// colour with zero alpha, or a nil f, means the default land colour. f is
// called once per country here, not while drawing.
func (s *Scene) SetCountryFill(f func(iso2 string) color.NRGBA) {
	s.countryFill = f
	s.restyle()
}

// SetColors sets the theme colours of the ocean, unshaded land and
// borders (coastlines use the border colour, a little lighter).
func (s *Scene) SetColors(ocean, land, border color.NRGBA) {
	s.ocean, s.land, s.border = ocean, land, border
	s.restyle()
}

// SetOutside sets the colour painted around the world's outline, where
// the map is wider or taller than the world; zero alpha leaves it
// transparent.
func (s *Scene) SetOutside(c color.NRGBA) {
	s.outside = c
	s.restyle()
}

// Colors returns the theme colours in use: ocean, unshaded land, borders.
func (s *Scene) Colors() (ocean, land, border color.NRGBA) { return s.ocean, s.land, s.border }

// SetInsets tells FitToData how much of each edge (units) is covered by
// something else (a legend, zoom buttons), so that no marker is framed
// underneath.
func (s *Scene) SetInsets(in Insets) { s.insets = in }

// FitToData frames every drawn marker (no closer than FitZoomLimit), or
// shows the whole world when there is none. Markers stay clear of the
// insets.
func (s *Scene) FitToData() {
	b, ok := s.markerBox()
	if !ok {
		s.V.CX, s.V.CY, s.V.Zoom = 0, 0, 1
		return
	}
	s.V = s.V.Framing(b, s.insets.Add(FitPad), FitZoomLimit)
}

// PositionOf returns where a place is drawn, in map units, and whether
// it is inside the map.
func (s *Scene) PositionOf(lat, lon float64) (x, y float64, ok bool) {
	px, py := world.Project(NormLon(lon), lat)
	x, y = s.V.ToScreen(px, py)
	ok = !math.IsNaN(x) && x >= 0 && y >= 0 && x < s.V.W && y < s.V.H
	return x, y, ok
}

// CountryAt returns the alpha-2 code of the country under a point (map
// units), and whether there is land there at all.
func (s *Scene) CountryAt(x, y float64) (iso2 string, ok bool) {
	px, py := s.V.ToPlane(x, y)
	i := s.world.CountryAt(px, py)
	if i < 0 {
		return "", false
	}
	return s.world.Countries[i].ISO2, true
}

// Halo is the colour between a disc and its ring: white on a light map,
// near-black on a dark one, so discs stand off the land either way.
func (s *Scene) Halo() color.NRGBA {
	o := s.ocean
	if 299*int(o.R)+587*int(o.G)+114*int(o.B) < 128*1000 {
		return color.NRGBA{R: 0x1c, G: 0x1f, B: 0x24, A: 0xff}
	}
	return color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
}

// restyle recomputes the per-country colours; it is the only place the
// caller's fill function runs.
func (s *Scene) restyle() {
	st := &s.style
	st.ocean = s.ocean
	st.outside = s.outside
	st.border = s.border
	st.coast = s.border
	st.coast.A = uint8(float64(s.border.A) * 0.8)
	if cap(st.fills) < len(s.world.Countries) {
		st.fills = make([]color.NRGBA, len(s.world.Countries))
	}
	st.fills = st.fills[:len(s.world.Countries)]
	for i := range s.world.Countries {
		c := s.land
		if s.countryFill != nil {
			if f := s.countryFill(s.world.Countries[i].ISO2); f.A != 0 {
				c = f
			}
		}
		st.fills[i] = c
	}
	st.prepare()
	s.styleVersion++
}

func (s *Scene) markerBox() (world.Box, bool) {
	b := world.Box{MinX: math.Inf(1), MinY: math.Inf(1), MaxX: math.Inf(-1), MaxY: math.Inf(-1)}
	ok := false
	for i := range s.markers {
		if math.IsNaN(s.mx[i]) {
			continue
		}
		b = b.Union(world.Box{MinX: s.mx[i], MinY: s.my[i], MaxX: s.mx[i], MaxY: s.my[i]})
		ok = true
	}
	return b, ok
}

// Render brings the cached layers up to date for a w×h pixel image at
// pxScale device pixels per unit and returns the frame. The image is the
// scene's own: it stays valid until the next Render.
func (s *Scene) Render(w, h int, pxScale float64) *image.RGBA {
	s.ensureClusters()
	if s.base == nil || s.base.Rect.Dx() != w || s.base.Rect.Dy() != h {
		s.base = image.NewRGBA(image.Rect(0, 0, w, h))
		s.frame = image.NewRGBA(image.Rect(0, 0, w, h))
		s.baseKey = baseKey{}
	}
	bk := baseKey{v: s.V, w: w, h: h, px: pxScale, style: s.styleVersion}
	if bk != s.baseKey {
		t := newTransform(s.V, pxScale)
		s.painter.paint(s.base, s.atlas.pick(t.s), t, &s.style)
		s.baseKey = bk
		s.baseGen++
	}
	fk := frameKey{base: s.baseGen, clusterGen: s.clusterGen, arcGen: s.arcGen}
	if fk != s.frameKey {
		copy(s.frame.Pix, s.base.Pix)
		s.drawArcs(s.frame, pxScale)
		s.stampMarkers(s.frame, pxScale)
		s.frameKey = fk
	}
	return s.frame
}

// stampMarkers draws every disc on screen (clusters with their count).
func (s *Scene) stampMarkers(dst *image.RGBA, pxScale float64) {
	t := newTransform(s.V, pxScale)
	W, H := float64(dst.Rect.Dx()), float64(dst.Rect.Dy())
	halo := s.Halo()
	for i := range s.cl.list {
		c := &s.cl.list[i]
		x, y := t.apply(c.x, c.y)
		reach := (c.outer() + 3) * pxScale
		if x < -reach || y < -reach || x > W+reach || y > H+reach {
			continue
		}
		sp := s.stamper.disc(c, halo, pxScale)
		ix, iy := int(math.Floor(x)), int(math.Floor(y))
		blit(dst, sp, ix, iy)
	}
}
