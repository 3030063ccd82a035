package world

// The repairs Load makes to Natural Earth's rings before projecting them:
// unwrapping across the antimeridian, closing through a pole, clipping and
// densifying, and cutting rings that reach past ±180° into pieces.

import (
	"math"
	"sort"
)

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
