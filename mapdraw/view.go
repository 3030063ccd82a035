package mapview

import (
	"math"

	"github.com/reachmap/reachmap/geo/world"
)

const (
	minZoom = 1
	maxZoom = 64
	// viewPad keeps a margin (Fyne units) around the whole world at zoom 1
	// so the map's outline is never cut by the widget's edge.
	viewPad = 8
)

// view is the map's camera, in resolution-independent terms: the plane
// point shown at the widget's centre, the zoom, and the widget size in
// Fyne units. Device pixels only enter at draw time, through the pixel
// scale the raster reports, so hit tests on events (in Fyne units) and
// drawing agree at any screen scale.
type view struct {
	cx, cy float64 // Equal Earth plane coordinates at the centre
	zoom   float64 // 1 = the whole world fits
	w, h   float64 // widget size, Fyne units
}

// fit is the scale (units per plane unit) that shows the whole world.
func (v view) fit() float64 {
	s := math.Min((v.w-2*viewPad)/(2*world.MaxX), (v.h-2*viewPad)/(2*world.MaxY))
	if !(s > 0) {
		return 1e-3 // not laid out yet: any positive scale keeps the maths finite
	}
	return s
}

// scale is units per plane unit at the current zoom.
func (v view) scale() float64 { return v.fit() * v.zoom }

// toScreen maps a plane point to widget coordinates (Fyne units).
func (v view) toScreen(x, y float64) (sx, sy float64) {
	s := v.scale()
	return (x-v.cx)*s + v.w/2, (v.cy-y)*s + v.h/2
}

// toPlane maps widget coordinates to the plane.
func (v view) toPlane(sx, sy float64) (x, y float64) {
	s := v.scale()
	return v.cx + (sx-v.w/2)/s, v.cy - (sy-v.h/2)/s
}

// clamped returns the view with the zoom in [minZoom, maxZoom] and the
// centre kept so the world covers the widget where it can: along an axis
// where the world is smaller than the widget it is centred instead.
// Non-finite input falls back to the whole-world view.
func (v view) clamped() view {
	if math.IsNaN(v.zoom) || math.IsInf(v.zoom, 0) {
		v.zoom = minZoom
	}
	v.zoom = math.Max(minZoom, math.Min(maxZoom, v.zoom))
	if math.IsNaN(v.cx) || math.IsInf(v.cx, 0) {
		v.cx = 0
	}
	if math.IsNaN(v.cy) || math.IsInf(v.cy, 0) {
		v.cy = 0
	}
	if v.w <= 0 || v.h <= 0 {
		return v // size unknown: clamp again once laid out
	}
	s := v.scale()
	clampAxis := func(c, extent, half float64) float64 {
		extent += viewPad / s
		if half >= extent {
			return 0
		}
		return math.Max(-extent+half, math.Min(extent-half, c))
	}
	v.cx = clampAxis(v.cx, world.MaxX, v.w/2/s)
	v.cy = clampAxis(v.cy, world.MaxY, v.h/2/s)
	return v
}

// zoomAbout changes the zoom by factor keeping the plane point under
// widget position (sx, sy) where it is.
func (v view) zoomAbout(factor, sx, sy float64) view {
	px, py := v.toPlane(sx, sy)
	v.zoom = math.Max(minZoom, math.Min(maxZoom, v.zoom*factor))
	s := v.scale()
	v.cx = px - (sx-v.w/2)/s
	v.cy = py + (sy-v.h/2)/s
	return v.clamped()
}

// insets are margins in Fyne units, one per edge.
type insets struct{ top, right, bottom, left float64 }

// add returns the insets grown by d on every edge.
func (in insets) add(d float64) insets {
	return insets{in.top + d, in.right + d, in.bottom + d, in.left + d}
}

// framing returns the view that shows plane box b inside the widget less
// the margins pad, at no more than zoom limit.
func (v view) framing(b world.Box, pad insets, limit float64) view {
	f := v.fit()
	aw := math.Max(v.w-pad.left-pad.right, 1)
	ah := math.Max(v.h-pad.top-pad.bottom, 1)
	zx := aw / math.Max((b.MaxX-b.MinX)*f, 1e-9)
	zy := ah / math.Max((b.MaxY-b.MinY)*f, 1e-9)
	v.zoom = math.Max(minZoom, math.Min(limit, math.Min(zx, zy)))
	// Centre the box in the free area, which is off the widget's centre
	// by half the difference of opposite margins.
	s := v.scale()
	v.cx = (b.MinX+b.MaxX)/2 - (pad.left-pad.right)/2/s
	v.cy = (b.MinY+b.MaxY)/2 + (pad.top-pad.bottom)/2/s
	return v.clamped()
}
