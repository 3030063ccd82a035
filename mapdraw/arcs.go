package mapdraw

import (
	"image"
	"image/color"
	"math"

	"github.com/reachmap/reachmap/geo/world"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/reach"
)

// Arcs: each copy of an item's data is drawn as a curve from the item to
// the copy, bowed so that two copies between the same places in opposite
// directions do not overlap, and ending in a chevron at the copy. They
// are drawn under the discs, over the countries.

// Arc is one copy on the map: from the item's place to the copy's.
type Arc struct {
	// ID is the item's index, as a marker's.
	ID               int
	FromLat, FromLon float64
	ToLat, ToLon     float64
	Color            color.NRGBA
}

// arcProj is an arc in the projected plane.
type arcProj struct {
	x0, y0, x1, y1 float64
	c              *ramp
}

// SetArcs replaces the arcs. An arc whose ends are one point is left out.
func (s *Scene) SetArcs(as []Arc) {
	s.arcs = s.arcs[:0]
	for _, a := range as {
		if !finite(a.FromLat) || !finite(a.FromLon) || !finite(a.ToLat) || !finite(a.ToLon) {
			continue
		}
		x0, y0 := world.Project(NormLon(a.FromLon), a.FromLat)
		x1, y1 := world.Project(NormLon(a.ToLon), a.ToLat)
		if x0 == x1 && y0 == y1 {
			continue
		}
		s.arcs = append(s.arcs, arcProj{x0, y0, x1, y1, newRamp(a.Color)})
	}
	s.arcGen++
}

// Arcs returns how many arcs the scene draws.
func (s *Scene) Arcs() int { return len(s.arcs) }

// drawArcs draws every arc on the frame.
func (s *Scene) drawArcs(dst *image.RGBA, pxScale float64) {
	if len(s.arcs) == 0 {
		return
	}
	t := newTransform(s.V, pxScale)
	for _, a := range s.arcs {
		x0, y0 := t.apply(a.x0, a.y0)
		x1, y1 := t.apply(a.x1, a.y1)
		drawArc(dst, x0, y0, x1, y1, pxScale, a.c)
	}
}

// drawArc draws a quadratic curve from (x0, y0) to (x1, y1), its control
// point a fifth of the length off the middle, to the left of the way, two
// lines a device pixel apart so it reads over the countries' tints.
func drawArc(dst *image.RGBA, x0, y0, x1, y1, pxScale float64, c *ramp) {
	dx, dy := x1-x0, y1-y0
	length := math.Hypot(dx, dy)
	if length < 2 {
		return
	}
	nx, ny := dy/length, -dx/length // the left normal on screen
	cx, cy := (x0+x1)/2+nx*length*0.2, (y0+y1)/2+ny*length*0.2
	n := int(math.Min(96, math.Max(8, length/6)))
	px, py := x0, y0
	for k := 1; k <= n; k++ {
		u := float64(k) / float64(n)
		v := 1 - u
		x := v*v*x0 + 2*v*u*cx + u*u*x1
		y := v*v*y0 + 2*v*u*cy + u*u*y1
		for _, o := range []float64{-0.5, 0.5} {
			ox, oy := nx*o*pxScale, ny*o*pxScale
			drawSegment(dst, px+ox, py+oy, x+ox, y+oy, c)
		}
		px, py = x, y
	}
	// The chevron at the copy, along the curve's last direction (from the
	// control point to the end).
	tx, ty := x1-cx, y1-cy
	tl := math.Hypot(tx, ty)
	if tl == 0 {
		return
	}
	tx, ty = tx/tl, ty/tl
	size := 7 * pxScale
	for _, side := range []float64{1, -1} {
		// The way back from the end, turned by ±30°.
		cos, sin := math.Cos(math.Pi/6), side*math.Sin(math.Pi/6)
		bx, by := -tx*cos+ty*sin, -tx*sin-ty*cos
		drawSegment(dst, x1, y1, x1+bx*size, y1+by*size, c)
		drawSegment(dst, x1+0.5, y1+0.5, x1+0.5+bx*size, y1+0.5+by*size, c)
	}
}

// Arcs returns an arc for each placed copy of each placed item that the
// map draws, coloured as a disc at the copy's place would be: by its
// category against home, or by the jurisdiction of its territory.
func (sm ScanMap) Arcs() []Arc {
	var as []Arc
	for i, it := range sm.Items {
		if len(it.Copies) == 0 || !Placed(it) || (sm.Keep != nil && !sm.Keep(i)) {
			continue
		}
		for _, c := range it.Copies {
			l := c.Location
			if !l.Known() || (l.Lat == 0 && l.Lon == 0) {
				continue
			}
			as = append(as, Arc{ID: i, FromLat: it.Location.Lat, FromLon: it.Location.Lon,
				ToLat: l.Lat, ToLon: l.Lon, Color: sm.copyColor(it, c)})
		}
	}
	return as
}

func (sm ScanMap) copyColor(it inventory.Item, c inventory.Copy) color.NRGBA {
	if sm.ByHome {
		return CategoryColor(reach.Categorize(reach.Assessment{Operator: it.Operator, Reach: c.Reach}, c.Location, sm.Home))
	}
	terr := c.Location.Country
	if terr == "" {
		terr = c.Location.Area
	}
	return BlocOf(terr).Color
}
