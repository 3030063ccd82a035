package world

import "slices"

// pack moves every coordinate, ring index and polygon of w into a few
// exactly sized blocks. Load and Simplify build their rings by appending,
// which leaves each slice up to twice the size it needs, in some 20,000
// small allocations among the decoding's garbage; a window keeps five
// worlds (the 1:50m one and its simplified copies) for as long as it
// runs, and packed they take 7 MB less of its heap. The slices handed out
// are capped at their length, so an append to one cannot write into the
// next.
func (w *World) pack() {
	var nPts, nRings, nPolys int
	for _, c := range w.Countries {
		nPolys += len(c.Polygons)
		for _, p := range c.Polygons {
			nPts += len(p.X)
			nRings += len(p.Rings)
		}
	}
	for _, l := range w.Lines {
		nPts += len(l.X)
	}
	coords := make([]float32, 0, 2*nPts)
	rings := make([]int32, 0, nRings)
	polys := make([]Polygon, 0, nPolys)
	take := func(src []float32) []float32 {
		if src == nil {
			return nil
		}
		start := len(coords)
		coords = append(coords, src...)
		return coords[start:len(coords):len(coords)]
	}
	for i := range w.Countries {
		c := &w.Countries[i]
		start := len(polys)
		for _, p := range c.Polygons {
			np := Polygon{X: take(p.X), Y: take(p.Y), Box: p.Box}
			if p.Rings != nil {
				r := len(rings)
				rings = append(rings, p.Rings...)
				np.Rings = rings[r:len(rings):len(rings)]
			}
			polys = append(polys, np)
		}
		c.Polygons = polys[start:len(polys):len(polys)]
		if len(c.Polygons) == 0 {
			c.Polygons = nil
		}
	}
	w.Lines = slices.Clone(w.Lines)
	for i := range w.Lines {
		l := &w.Lines[i]
		l.X, l.Y = take(l.X), take(l.Y)
	}
}
