package world

import "math"

// Simplify returns a copy of w whose rings and lines keep only the
// vertices needed to stay within tol plane units of the original
// (Douglas–Peucker). Renderers draw a simplified copy when tol is below
// a pixel: at world scale most of the 1:50m detail is sub-pixel, and
// walking it costs more than drawing it. Countries keep their order,
// names and codes; rings that shrink below a triangle (islands smaller
// than tol) are dropped, and so is a polygon left with no exterior.
func (w *World) Simplify(tol float64) *World {
	out := &World{Countries: make([]Country, len(w.Countries))}
	var keep []bool
	for i, c := range w.Countries {
		nc := Country{Name: c.Name, Numeric: c.Numeric, ISO2: c.ISO2, Box: emptyBox()}
		for j := range c.Polygons {
			p := &c.Polygons[j]
			np := Polygon{Box: emptyBox()}
			for r := range p.NumRings() {
				xs, ys := p.Ring(r)
				keep = simplifyMarks(xs, ys, tol, true, keep)
				start := len(np.X)
				for k := range xs {
					if keep[k] {
						np.X = append(np.X, xs[k])
						np.Y = append(np.Y, ys[k])
					}
				}
				if len(np.X)-start < 3 {
					np.X, np.Y = np.X[:start], np.Y[:start]
					if r == 0 {
						break // the exterior vanished: so does the polygon
					}
					continue
				}
				np.Rings = append(np.Rings, int32(start))
				for k := start; k < len(np.X); k++ {
					np.Box.extend(float64(np.X[k]), float64(np.Y[k]))
				}
			}
			if len(np.Rings) > 0 {
				nc.Polygons = append(nc.Polygons, np)
				nc.Box = nc.Box.Union(np.Box)
			}
		}
		out.Countries[i] = nc
	}
	for _, l := range w.Lines {
		keep = simplifyMarks(l.X, l.Y, tol, false, keep)
		nl := Line{Box: emptyBox(), Shared: l.Shared}
		for k := range l.X {
			if keep[k] {
				nl.X = append(nl.X, l.X[k])
				nl.Y = append(nl.Y, l.Y[k])
				nl.Box.extend(float64(l.X[k]), float64(l.Y[k]))
			}
		}
		if len(nl.X) >= 2 {
			out.Lines = append(out.Lines, nl)
		}
	}
	out.pack()
	return out
}

// simplifyMarks runs Douglas–Peucker over one ring or polyline and marks
// the vertices to keep in the returned slice (which reuses buf). A closed
// ring is split at its first vertex and the vertex farthest from it, so
// both halves are simplified against a real chord.
func simplifyMarks(xs, ys []float32, tol float64, closed bool, buf []bool) []bool {
	n := len(xs)
	if cap(buf) < n {
		buf = make([]bool, n)
	}
	keep := buf[:n]
	clear(keep)
	if n <= 2 {
		for i := range keep {
			keep[i] = true
		}
		return keep
	}
	keep[0], keep[n-1] = true, true
	type span struct{ a, b int }
	stack := []span{{0, n - 1}}
	if closed {
		far, best := 0, -1.0
		for i := 1; i < n; i++ {
			dx, dy := float64(xs[i]-xs[0]), float64(ys[i]-ys[0])
			if d := dx*dx + dy*dy; d > best {
				far, best = i, d
			}
		}
		keep[far] = true
		stack = []span{{0, far}, {far, n - 1}}
		if far == n-1 {
			stack = stack[:1]
		}
	}
	tol2 := tol * tol
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if s.b-s.a < 2 {
			continue
		}
		ax, ay := float64(xs[s.a]), float64(ys[s.a])
		bx, by := float64(xs[s.b]), float64(ys[s.b])
		dx, dy := bx-ax, by-ay
		l2 := dx*dx + dy*dy
		idx, best := -1, tol2
		for i := s.a + 1; i < s.b; i++ {
			px, py := float64(xs[i])-ax, float64(ys[i])-ay
			var d float64
			if l2 == 0 {
				d = px*px + py*py
			} else {
				// Distance to the segment, not the infinite line, so
				// spikes past the chord's ends are kept.
				t := math.Max(0, math.Min(1, (px*dx+py*dy)/l2))
				ex, ey := px-t*dx, py-t*dy
				d = ex*ex + ey*ey
			}
			if d > best {
				idx, best = i, d
			}
		}
		if idx >= 0 {
			keep[idx] = true
			stack = append(stack, span{s.a, idx}, span{idx, s.b})
		}
	}
	return keep
}
