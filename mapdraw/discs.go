package mapdraw

import "image/color"

// Disc is one disc as drawn at the current view: a single marker or a
// cluster of markers close together on screen.
type Disc struct {
	X, Y    float64 // centre, plane coordinates (see View.ToScreen)
	Radius  float64 // the disc's own radius, units
	Outer   float64 // everything drawn for it, ring included, units
	Exact   bool    // all members at exactly the same point
	Members []int32 // marker indices, in marker order; do not modify
	Fill    color.NRGBA
	Ring    color.NRGBA
}

// ensureClusters regroups the markers if the scale or markers changed.
func (s *Scene) ensureClusters() {
	sc := s.V.Scale()
	if s.cl.scale == sc && s.cl.version == s.mVersion && s.clusterGen != 0 {
		return
	}
	s.cl.build(s.mx, s.my, s.markers, sc)
	s.cl.version = s.mVersion
	s.clusterGen++
}

// Discs is how many discs are drawn at the current view. Disc indices
// stay valid until the zoom, the size or the markers change.
func (s *Scene) Discs() int {
	s.ensureClusters()
	return len(s.cl.list)
}

// Disc returns disc ci (0 ≤ ci < Discs()).
func (s *Scene) Disc(ci int) Disc {
	s.ensureClusters()
	c := &s.cl.list[ci]
	return Disc{X: c.x, Y: c.y, Radius: c.r, Outer: c.outer(), Exact: c.exact,
		Members: s.cl.members[c.start : c.start+c.n], Fill: c.fill, Ring: c.ring}
}

// DiscOf returns the disc that draws marker i, or -1.
func (s *Scene) DiscOf(i int) int {
	s.ensureClusters()
	return int(s.cl.of[i])
}

// DiscAt returns the disc under a point (map units): the nearest whose
// hit circle holds it, or -1.
func (s *Scene) DiscAt(x, y float64) int {
	s.ensureClusters()
	k := gridKey{s.V, s.clusterGen}
	if !s.grid.valid || s.gridKey != k {
		s.grid.build(&s.cl, s.V)
		s.gridKey = k
	}
	return s.grid.at(&s.cl, x, y)
}
