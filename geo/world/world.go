// Package world turns Natural Earth's country outlines, as shipped by the
// world-atlas TopoJSON files, into projected shapes ready to paint: flat
// x/y arrays per ring, a bounding box per polygon and country, the shared
// borders and coastlines as polylines, and the ISO 3166-1 alpha-2 code of
// every country.
//
// Everything is projected once, at load, with the Equal Earth projection
// (see Project). The package imports no GUI toolkit; the map widget in
// ui/mapview draws what it builds.
//
// Natural Earth stores shapes on the sphere: a few rings step across the
// ±180° meridian (Fiji, Chukotka) and Antarctica's ring goes round the
// South Pole. Drawn naively on a flat map they would leave slivers across
// the whole width, so Load unwraps each ring, closes pole-encircling rings
// through the pole and cuts every ring at the map's edge.
package world

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// Box is an axis-aligned rectangle in plane coordinates (y grows north).
type Box struct{ MinX, MinY, MaxX, MaxY float64 }

// emptyBox is the identity for Extend.
func emptyBox() Box {
	return Box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
}

// Empty reports whether the box holds no point.
func (b Box) Empty() bool { return b.MinX > b.MaxX || b.MinY > b.MaxY }

// Contains reports whether (x, y) is inside the box, edges included.
func (b Box) Contains(x, y float64) bool {
	return x >= b.MinX && x <= b.MaxX && y >= b.MinY && y <= b.MaxY
}

// Intersects reports whether two boxes overlap.
func (b Box) Intersects(o Box) bool {
	return b.MinX <= o.MaxX && o.MinX <= b.MaxX && b.MinY <= o.MaxY && o.MinY <= b.MaxY
}

// Union returns the smallest box holding both.
func (b Box) Union(o Box) Box {
	return Box{math.Min(b.MinX, o.MinX), math.Min(b.MinY, o.MinY), math.Max(b.MaxX, o.MaxX), math.Max(b.MaxY, o.MaxY)}
}

func (b *Box) extend(x, y float64) {
	b.MinX = math.Min(b.MinX, x)
	b.MinY = math.Min(b.MinY, y)
	b.MaxX = math.Max(b.MaxX, x)
	b.MaxY = math.Max(b.MaxY, y)
}

// Polygon is one piece of a country: an exterior ring and its holes, in
// projected coordinates. Rings are stored back to back in X and Y; ring i
// spans [Rings[i], Rings[i+1]) (the last one runs to len(X)). Each ring is
// closed implicitly (its last point is not repeated).
//
// Holes wind opposite to their exterior, so a non-zero winding fill (what
// golang.org/x/image/vector does) leaves them empty; float32 is what that
// rasteriser takes and halves the memory walked per frame.
type Polygon struct {
	X, Y  []float32
	Rings []int32
	Box   Box
}

// NumRings is the number of rings in the polygon.
func (p *Polygon) NumRings() int { return len(p.Rings) }

// Ring returns the coordinates of ring i.
func (p *Polygon) Ring(i int) (xs, ys []float32) {
	start := int(p.Rings[i])
	end := len(p.X)
	if i+1 < len(p.Rings) {
		end = int(p.Rings[i+1])
	}
	return p.X[start:end], p.Y[start:end]
}

// Contains reports whether (x, y) is inside the polygon by the non-zero
// winding rule, the same rule the renderer fills with.
func (p *Polygon) Contains(x, y float64) bool {
	if !p.Box.Contains(x, y) {
		return false
	}
	wn := 0
	for i := range p.Rings {
		xs, ys := p.Ring(i)
		n := len(xs)
		for j := range n {
			k := j + 1
			if k == n {
				k = 0
			}
			x0, y0 := float64(xs[j]), float64(ys[j])
			x1, y1 := float64(xs[k]), float64(ys[k])
			if y0 <= y {
				if y1 > y && (x1-x0)*(y-y0)-(x-x0)*(y1-y0) > 0 {
					wn++
				}
			} else if y1 <= y && (x1-x0)*(y-y0)-(x-x0)*(y1-y0) < 0 {
				wn--
			}
		}
	}
	return wn != 0
}

// Country is one Natural Earth admin-0 feature.
type Country struct {
	// Name is Natural Earth's short name ("Dem. Rep. Congo").
	Name string
	// Numeric is the ISO 3166-1 numeric code as in the data ("180"); ""
	// for Kosovo, N. Cyprus, Somaliland and a few territories.
	Numeric string
	// ISO2 is the alpha-2 code ("CD"), "XK" for Kosovo (the code the EU
	// and most registries use), "" when the feature has no code.
	ISO2     string
	Polygons []Polygon
	Box      Box
}

// Line is a border or a coastline: one TopoJSON arc, projected, cut where
// it crosses the ±180° meridian and where it runs along the map's edge
// (those are cuts in the data, not borders).
type Line struct {
	X, Y []float32
	Box  Box
	// Shared is true for a border between two features, false for a
	// coastline, so a renderer may draw them differently.
	Shared bool
}

// World is a projected world map.
type World struct {
	Countries []Country
	Lines     []Line
}

// Load decodes a world-atlas TopoJSON file and projects its "countries"
// object.
func Load(topojson []byte) (*World, error) {
	t, err := DecodeTopoJSON(topojson)
	if err != nil {
		return nil, err
	}
	return FromTopology(t, "countries")
}

// namedCodes gives codes to features Natural Earth leaves without an ISO
// numeric id. Only Kosovo has a code in common use.
var namedCodes = map[string]string{"Kosovo": "XK"}

// FromTopology projects the polygon features of one object of t.
func FromTopology(t *Topology, object string) (*World, error) {
	geoms, ok := t.Objects[object]
	if !ok {
		return nil, fmt.Errorf("topojson: no object %q", object)
	}
	w := &World{}
	users := make([]int, len(t.Arcs)) // how many features use each arc
	for _, g := range geoms {
		c := Country{Name: g.Name, Numeric: g.ID, Box: emptyBox()}
		if code, ok := Alpha2(g.ID); ok {
			c.ISO2 = code
		} else if code, ok := namedCodes[g.Name]; ok {
			c.ISO2 = code
		}
		seen := map[int]bool{}
		for _, rings := range g.Polygons {
			var lonlat [][][2]float64
			for _, r := range rings {
				for _, a := range r {
					if i := arcIndex(a); !seen[i] {
						seen[i] = true
						users[i]++
					}
				}
				pts, err := t.Ring(r)
				if errors.Is(err, errEmptyRing) {
					continue
				}
				if err != nil {
					return nil, fmt.Errorf("feature %q: %w", g.Name, err)
				}
				lonlat = append(lonlat, pts)
			}
			for _, p := range cutPolygon(lonlat) {
				c.Box = c.Box.Union(p.Box)
				c.Polygons = append(c.Polygons, p)
			}
		}
		w.Countries = append(w.Countries, c)
	}
	for i, arc := range t.Arcs {
		if users[i] == 0 {
			continue
		}
		for _, l := range cutLine(arc) {
			l.Shared = users[i] > 1
			w.Lines = append(w.Lines, l)
		}
	}
	return w, nil
}

// CountryAt returns the index of the country containing plane point
// (x, y), or -1 over the ocean.
func (w *World) CountryAt(x, y float64) int {
	for i := range w.Countries {
		c := &w.Countries[i]
		if !c.Box.Contains(x, y) {
			continue
		}
		for j := range c.Polygons {
			if c.Polygons[j].Contains(x, y) {
				return i
			}
		}
	}
	return -1
}

// Find returns the index of the first country with alpha-2 code iso2, or
// -1. Several features may share a code (Australia and the Ashmore and
// Cartier Islands are both "AU").
func (w *World) Find(iso2 string) int {
	for i := range w.Countries {
		if w.Countries[i].ISO2 == iso2 && iso2 != "" {
			return i
		}
	}
	return -1
}

type lonLat = [2]float64

// unwrap makes consecutive longitudes differ by at most 180°, so a ring
// that steps across the antimeridian continues past ±180 instead of
// jumping back across the map.
func unwrap(in []lonLat) []lonLat {
	out := make([]lonLat, len(in))
	for i, p := range in {
		if i > 0 {
			if d := p[0] - out[i-1][0]; math.Abs(d) > 180 {
				p[0] -= 360 * math.Round(d/360)
			}
		}
		out[i] = p
	}
	return out
}

// validLonLat reports whether every position is a plausible coordinate.
// Natural Earth stays within ±180°, ±90°; anything far outside is broken
// data, and is refused before it can make the unwrapping or densifying
// loops run away.
func validLonLat(r []lonLat) bool {
	for _, p := range r {
		if !(math.Abs(p[0]) <= 360) || !(math.Abs(p[1]) <= 90.5) {
			return false // also catches NaN
		}
	}
	return true
}

// closeThroughPole handles a ring whose unwrapped end lies about 360°
// from its start: it goes round a pole (Antarctica). On a flat map that
// pole is an edge, so the ring is closed along it, on the side where the
// ring lies: from the last point it continues across the antimeridian to
// the start's longitude shifted by 360°, drops to the pole, runs along the
// pole back to the start's longitude and rises to the start.
func closeThroughPole(r []lonLat) []lonLat {
	n := len(r)
	if n < 2 {
		return r
	}
	first, last := r[0], r[n-1]
	end := first[0]
	if d := end - last[0]; math.Abs(d) > 180 {
		end -= 360 * math.Round(d/360)
	}
	if math.Abs(end-first[0]) < 180 {
		return r // closes where it started: no pole inside
	}
	var sum float64
	for _, p := range r {
		sum += p[1]
	}
	pole := 90.0
	if sum < 0 {
		pole = -90
	}
	return append(r, lonLat{end, first[1]}, lonLat{end, pole}, lonLat{first[0], pole})
}

// clipLon keeps the part of ring r on one side of the meridian lon = limit
// (Sutherland–Hodgman against one half-plane). Where the ring leaves and
// re-enters, the result runs along the cut; that adds no area.
func clipLon(r []lonLat, limit float64, keepBelow bool) []lonLat {
	inside := func(p lonLat) bool {
		if keepBelow {
			return p[0] <= limit
		}
		return p[0] >= limit
	}
	cross := func(a, b lonLat) lonLat {
		t := (limit - a[0]) / (b[0] - a[0])
		return lonLat{limit, a[1] + t*(b[1]-a[1])}
	}
	n := len(r)
	out := make([]lonLat, 0, n+4)
	for i := range n {
		cur, prev := r[i], r[(i+n-1)%n]
		switch {
		case inside(cur) && inside(prev):
			out = append(out, cur)
		case inside(cur):
			out = append(out, cross(prev, cur), cur)
		case inside(prev):
			out = append(out, cross(prev, cur))
		}
	}
	return out
}

// densify adds points along long segments, which would otherwise project
// to straight chords of what are curves on the map (meridians are curved
// in Equal Earth). Segments along a parallel stay straight and are kept.
func densify(r []lonLat, closed bool) []lonLat {
	const step = 1.0 // degrees
	n := len(r)
	out := make([]lonLat, 0, n)
	last := n
	if !closed {
		last = n - 1
	}
	for i := range n {
		a := r[i]
		out = append(out, a)
		if i >= last {
			continue
		}
		b := r[(i+1)%n]
		d := math.Max(math.Abs(b[0]-a[0]), math.Abs(b[1]-a[1]))
		if d <= step || a[1] == b[1] {
			continue
		}
		k := int(math.Ceil(d / step))
		for j := 1; j < k; j++ {
			t := float64(j) / float64(k)
			out = append(out, lonLat{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])})
		}
	}
	return out
}

// cutPolygon turns the rings of one spherical polygon into map polygons.
// A ring reaching past ±180° after unwrapping is drawn once per 360° shift
// that brings part of it onto the map, each copy clipped to the map, and
// each shift becomes its own Polygon so boxes stay tight (Chukotka's piece
// is a small box at the left edge, not one spanning the map).
func cutPolygon(rings [][]lonLat) []Polygon {
	type prepared struct {
		pts      []lonLat
		min, max float64
	}
	var prep []prepared
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range rings {
		if len(r) > 1 && r[0] == r[len(r)-1] {
			r = r[:len(r)-1] // rings are closed implicitly from here on
		}
		if len(r) < 3 || !validLonLat(r) {
			continue
		}
		u := closeThroughPole(unwrap(r))
		p := prepared{pts: u, min: math.Inf(1), max: math.Inf(-1)}
		for i, q := range u {
			p.min = math.Min(p.min, q[0])
			p.max = math.Max(p.max, q[0])
			u[i][1] = math.Max(-90, math.Min(90, q[1]))
		}
		if p.max-p.min > 720 {
			continue // winds round the globe more than twice: not a shape
		}
		lo, hi = math.Min(lo, p.min), math.Max(hi, p.max)
		prep = append(prep, p)
	}
	if len(prep) == 0 {
		return nil
	}
	// Shifts that bring [lo, hi] onto [-180, 180].
	kmin := int(math.Ceil((-180 - hi) / 360))
	kmax := int(math.Floor((180 - lo) / 360))
	var out []Polygon
	for k := kmin; k <= kmax; k++ {
		shift := float64(k) * 360
		poly := Polygon{Box: emptyBox()}
		for _, p := range prep {
			if p.max+shift <= -180 || p.min+shift >= 180 {
				continue
			}
			r := p.pts
			if shift != 0 {
				r = make([]lonLat, len(p.pts))
				for i, q := range p.pts {
					r[i] = lonLat{q[0] + shift, q[1]}
				}
			}
			if p.max+shift > 180 {
				r = clipLon(r, 180, true)
			}
			if p.min+shift < -180 {
				r = clipLon(r, -180, false)
			}
			if len(r) < 3 || ringArea(r) == 0 {
				continue
			}
			r = densify(r, true)
			poly.Rings = append(poly.Rings, int32(len(poly.X)))
			for _, q := range r {
				x, y := Project(q[0], q[1])
				poly.X = append(poly.X, float32(x))
				poly.Y = append(poly.Y, float32(y))
				poly.Box.extend(x, y)
			}
		}
		if len(poly.Rings) > 0 {
			out = append(out, poly)
		}
	}
	// Keep a stable order: largest first helps a reader of the data, and
	// callers never depend on it.
	sort.SliceStable(out, func(i, j int) bool { return boxArea(out[i].Box) > boxArea(out[j].Box) })
	return out
}

func boxArea(b Box) float64 { return (b.MaxX - b.MinX) * (b.MaxY - b.MinY) }

// ringArea is the signed shoelace area in degrees², used to drop rings
// that clipping reduced to a line along the cut.
func ringArea(r []lonLat) float64 {
	var a float64
	n := len(r)
	for i := range n {
		p, q := r[i], r[(i+1)%n]
		a += p[0]*q[1] - q[0]*p[1]
	}
	return a / 2
}

// cutLine projects one arc as polylines, split where it crosses the
// antimeridian and with the segments that only trace the data's cuts
// (along ±180° or along the South Pole edge) left out.
func cutLine(arc []lonLat) []Line {
	if !validLonLat(arc) {
		return nil
	}
	var out []Line
	var cur []lonLat
	flush := func() {
		if len(cur) >= 2 {
			d := densify(cur, false)
			l := Line{Box: emptyBox(), X: make([]float32, len(d)), Y: make([]float32, len(d))}
			for i, q := range d {
				x, y := Project(q[0], q[1])
				l.X[i], l.Y[i] = float32(x), float32(y)
				l.Box.extend(x, y)
			}
			out = append(out, l)
		}
		cur = nil
	}
	for i, p := range arc {
		if i == 0 {
			cur = append(cur, p)
			continue
		}
		prev := arc[i-1]
		onEdge := math.Abs(prev[0]) >= 180-1e-9 && math.Abs(p[0]) >= 180-1e-9
		atPole := prev[1] <= -89.9 && p[1] <= -89.9
		switch {
		case onEdge || atPole:
			flush()
			cur = append(cur, p)
		case math.Abs(p[0]-prev[0]) > 180:
			edge := math.Copysign(180, prev[0])
			q := p[0] + 2*edge // p continued past the edge on prev's side
			t := (edge - prev[0]) / (q - prev[0])
			lat := prev[1] + t*(p[1]-prev[1])
			cur = append(cur, lonLat{edge, lat})
			flush()
			cur = append(cur, lonLat{-edge, lat}, p)
		default:
			cur = append(cur, p)
		}
	}
	flush()
	return out
}
