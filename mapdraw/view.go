package mapdraw

import (
	"math"

	"github.com/reachmap/reachmap/geo/world"
)

// The zoom's range: 1 shows the whole world, 64 a city.
const (
	MinZoom = 1
	MaxZoom = 64
	// viewPad keeps a margin (units) around the whole world at zoom 1
	// so the map's outline is never cut by the widget's edge.
	viewPad = 8
)

// View is the map's camera, in resolution-independent terms: the plane
// point shown at the centre, the zoom, and the size of the map in units
// (a widget's Fyne units; pixels at scale 1 offscreen). Device pixels only
// enter at draw time, through the pixel scale given to Render, so hit
// tests on events and drawing agree at any screen scale.
type View struct {
	CX, CY float64 // Equal Earth plane coordinates at the centre
	Zoom   float64 // 1 = the whole world fits
	W, H   float64 // the map's size, units
}

// Fit is the scale (units per plane unit) that shows the whole world.
func (v View) Fit() float64 {
	s := math.Min((v.W-2*viewPad)/(2*world.MaxX), (v.H-2*viewPad)/(2*world.MaxY))
	if !(s > 0) {
		return 1e-3 // not laid out yet: any positive scale keeps the maths finite
	}
	return s
}

// Scale is units per plane unit at the current zoom.
func (v View) Scale() float64 { return v.Fit() * v.Zoom }

// ToScreen maps a plane point to map coordinates (units).
func (v View) ToScreen(x, y float64) (sx, sy float64) {
	s := v.Scale()
	return (x-v.CX)*s + v.W/2, (v.CY-y)*s + v.H/2
}

// ToPlane maps map coordinates to the plane.
func (v View) ToPlane(sx, sy float64) (x, y float64) {
	s := v.Scale()
	return v.CX + (sx-v.W/2)/s, v.CY - (sy-v.H/2)/s
}

// Clamped returns the view with the zoom in [MinZoom, MaxZoom] and the
// centre kept so the world covers the widget where it can: along an axis
// where the world is smaller than the widget it is centred instead.
// Non-finite input falls back to the whole-world view.
func (v View) Clamped() View {
	if math.IsNaN(v.Zoom) || math.IsInf(v.Zoom, 0) {
		v.Zoom = MinZoom
	}
	v.Zoom = math.Max(MinZoom, math.Min(MaxZoom, v.Zoom))
	if math.IsNaN(v.CX) || math.IsInf(v.CX, 0) {
		v.CX = 0
	}
	if math.IsNaN(v.CY) || math.IsInf(v.CY, 0) {
		v.CY = 0
	}
	if v.W <= 0 || v.H <= 0 {
		return v // size unknown: clamp again once laid out
	}
	s := v.Scale()
	clampAxis := func(c, extent, half float64) float64 {
		extent += viewPad / s
		if half >= extent {
			return 0
		}
		return math.Max(-extent+half, math.Min(extent-half, c))
	}
	v.CX = clampAxis(v.CX, world.MaxX, v.W/2/s)
	v.CY = clampAxis(v.CY, world.MaxY, v.H/2/s)
	return v
}

// ZoomAbout changes the zoom by factor keeping the plane point under
// map position (sx, sy) where it is.
func (v View) ZoomAbout(factor, sx, sy float64) View {
	px, py := v.ToPlane(sx, sy)
	v.Zoom = math.Max(MinZoom, math.Min(MaxZoom, v.Zoom*factor))
	s := v.Scale()
	v.CX = px - (sx-v.W/2)/s
	v.CY = py + (sy-v.H/2)/s
	return v.Clamped()
}

// Insets are margins in units, one per edge.
type Insets struct{ Top, Right, Bottom, Left float64 }

// Add returns the insets grown by d on every edge.
func (in Insets) Add(d float64) Insets {
	return Insets{in.Top + d, in.Right + d, in.Bottom + d, in.Left + d}
}

// Framing returns the view that shows plane box b inside the widget less
// the margins pad, at no more than zoom limit.
func (v View) Framing(b world.Box, pad Insets, limit float64) View {
	f := v.Fit()
	aw := math.Max(v.W-pad.Left-pad.Right, 1)
	ah := math.Max(v.H-pad.Top-pad.Bottom, 1)
	zx := aw / math.Max((b.MaxX-b.MinX)*f, 1e-9)
	zy := ah / math.Max((b.MaxY-b.MinY)*f, 1e-9)
	v.Zoom = math.Max(MinZoom, math.Min(limit, math.Min(zx, zy)))
	// Centre the box in the free area, which is off the widget's centre
	// by half the difference of opposite margins.
	s := v.Scale()
	v.CX = (b.MinX+b.MaxX)/2 - (pad.Left-pad.Right)/2/s
	v.CY = (b.MinY+b.MaxY)/2 + (pad.Top-pad.Bottom)/2/s
	return v.Clamped()
}
