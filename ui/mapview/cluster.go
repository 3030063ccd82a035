package mapview

import (
	"image/color"
	"math"
)

const (
	discRadius   = 6.0  // a single marker's disc, Fyne units
	clusterDist  = 10.0 // markers closer than this on screen share a disc
	haloWidth    = 1.25 // light gap between the disc and its ring
	ringWidth    = 2.5  // the foreign-reach ring
	hitSlop      = 3.0  // how far outside a disc the pointer still hits it
	maxDiscUnits = 15.0 // cap on a cluster disc's radius
)

// cluster is what is drawn: one disc standing for one or more markers.
type cluster struct {
	x, y     float64 // plane position (members' mean)
	start, n int32   // members are clusters.members[start : start+n]
	fill     color.NRGBA
	ring     color.NRGBA
	exact    bool    // all members at exactly the same point
	r        float64 // disc radius, Fyne units
}

// outer is the radius of everything drawn for the cluster, ring included.
func (c *cluster) outer() float64 {
	o := c.r + haloWidth
	if c.ring.A != 0 {
		o += ringWidth
	}
	return o
}

// clusters groups markers for one scale. It is rebuilt when the zoom, the
// widget size or the markers change, not when the map pans: grouping is
// done in plane units, so a pan moves the discs but never regroups them.
type clusters struct {
	list    []cluster
	members []int32 // marker indices, grouped by cluster
	of      []int32 // marker index → cluster index
	scale   float64 // units per plane unit they were built for
	version uint64  // marker version they were built for
}

// discRadiusFor grows a cluster's disc slowly with its count so the count
// fits and big groups stand out, without discs swallowing the map.
func discRadiusFor(n int) float64 {
	if n <= 1 {
		return discRadius
	}
	return math.Min(maxDiscUnits, discRadius+2+1.6*math.Log2(float64(n)))
}

// build groups markers at positions (xs, ys) (plane units) so that no two
// discs closer than clusterDist units at scale s stay apart. Markers are
// taken in order; each unassigned one seeds a cluster that absorbs the
// unassigned markers within the distance, found through a hash grid of
// that cell size, so the cost stays linear in the number of markers.
func (cs *clusters) build(xs, ys []float64, ms []Marker, s float64) {
	n := len(xs)
	cs.list = cs.list[:0]
	cs.members = cs.members[:0]
	cs.scale = s
	if cap(cs.of) < n {
		cs.of = make([]int32, n)
	}
	cs.of = cs.of[:n]
	for i := range cs.of {
		cs.of[i] = -1
	}
	if n == 0 {
		return
	}
	d := clusterDist / s
	cell := func(x, y float64) (int64, int64) { return int64(math.Floor(x / d)), int64(math.Floor(y / d)) }
	key := func(cx, cy int64) int64 { return cx<<32 ^ (cy & 0xffffffff) }
	head := make(map[int64]int32, n)
	next := make([]int32, n)
	for i := n - 1; i >= 0; i-- {
		if math.IsNaN(xs[i]) || math.IsNaN(ys[i]) {
			continue // not drawn: never a seed (of stays -1) nor a member
		}
		k := key(cell(xs[i], ys[i]))
		if h, ok := head[k]; ok {
			next[i] = h
		} else {
			next[i] = -1
		}
		head[k] = int32(i)
	}
	d2 := d * d
	for i := range n {
		if cs.of[i] >= 0 || math.IsNaN(xs[i]) || math.IsNaN(ys[i]) {
			continue
		}
		ci := int32(len(cs.list))
		c := cluster{start: int32(len(cs.members)), exact: true}
		var sx, sy float64
		gx, gy := cell(xs[i], ys[i])
		for dy := int64(-1); dy <= 1; dy++ {
			for dx := int64(-1); dx <= 1; dx++ {
				h, ok := head[key(gx+dx, gy+dy)]
				if !ok {
					continue
				}
				for j := h; j >= 0; j = next[j] {
					if cs.of[j] >= 0 {
						continue
					}
					ex, ey := xs[j]-xs[i], ys[j]-ys[i]
					if ex*ex+ey*ey > d2 {
						continue
					}
					cs.of[j] = ci
					cs.members = append(cs.members, j)
					sx += xs[j]
					sy += ys[j]
					if ex != 0 || ey != 0 {
						c.exact = false
					}
				}
			}
		}
		c.n = int32(len(cs.members)) - c.start
		// Members were gathered cell by cell; keep them in marker order so
		// "the first" of a cluster is the caller's first.
		sortInt32(cs.members[c.start:])
		c.x, c.y = sx/float64(c.n), sy/float64(c.n)
		c.fill, c.ring = dominantColours(ms, cs.members[c.start:])
		c.r = discRadiusFor(int(c.n))
		cs.list = append(cs.list, c)
	}
}

// dominantColours picks the fill and ring shared by most members, so a
// cluster of mostly-US-reached items shows the US ring.
func dominantColours(ms []Marker, idx []int32) (fill, ring color.NRGBA) {
	if len(idx) == 1 {
		m := ms[idx[0]]
		return m.Fill, m.Ring
	}
	type tally struct {
		c color.NRGBA
		n int
	}
	var fills, rings [8]tally
	pick := func(t *[8]tally, c color.NRGBA) {
		for k := range t {
			if t[k].n > 0 && t[k].c == c {
				t[k].n++
				return
			}
			if t[k].n == 0 {
				t[k] = tally{c, 1}
				return
			}
		}
	}
	for _, i := range idx {
		pick(&fills, ms[i].Fill)
		if ms[i].Ring.A != 0 {
			pick(&rings, ms[i].Ring)
		}
	}
	best := func(t *[8]tally) color.NRGBA {
		b := 0
		for k := range t {
			if t[k].n > t[b].n {
				b = k
			}
		}
		return t[b].c
	}
	return best(&fills), best(&rings)
}

// sortInt32 is an insertion sort: clusters hold few members, and the
// common case (one cell) is already sorted.
func sortInt32(a []int32) {
	for i := 1; i < len(a); i++ {
		v := a[i]
		j := i - 1
		for j >= 0 && a[j] > v {
			a[j+1] = a[j]
			j--
		}
		a[j+1] = v
	}
}

// hitGrid finds the disc under a point in widget units. It is a dense grid
// over the widget, rebuilt (in O(discs on screen)) after a view change;
// a query looks at one cell, so hover stays cheap however many markers.
type hitGrid struct {
	cell       float64
	cols, rows int
	start      []int32 // CSR: cell k holds items[start[k]:start[k+1]]
	items      []int32 // cluster indices
	sx, sy     []float64
	valid      bool
}

const hitCell = 2 * (maxDiscUnits + haloWidth + ringWidth + hitSlop)

// build indexes the clusters visible in a w×h widget under view v. Each
// disc goes in every cell its hit circle touches, so a query reads only
// the cell under the pointer.
func (g *hitGrid) build(cs *clusters, v view) {
	g.cell = hitCell
	g.cols = int(math.Ceil(v.w/g.cell)) + 1
	g.rows = int(math.Ceil(v.h/g.cell)) + 1
	ncell := g.cols * g.rows
	if cap(g.start) < ncell+1 {
		g.start = make([]int32, ncell+1)
	}
	g.start = g.start[:ncell+1]
	clear(g.start)
	n := len(cs.list)
	if cap(g.sx) < n {
		g.sx, g.sy = make([]float64, n), make([]float64, n)
	}
	g.sx, g.sy = g.sx[:n], g.sy[:n]
	span := func(c *cluster, i int) (x0, y0, x1, y1 int, ok bool) {
		rad := c.outer() + hitSlop
		sx, sy := g.sx[i], g.sy[i]
		if sx+rad < 0 || sy+rad < 0 || sx-rad > v.w || sy-rad > v.h {
			return 0, 0, 0, 0, false
		}
		x0 = max(0, int((sx-rad)/g.cell))
		y0 = max(0, int((sy-rad)/g.cell))
		x1 = min(g.cols-1, int((sx+rad)/g.cell))
		y1 = min(g.rows-1, int((sy+rad)/g.cell))
		return x0, y0, x1, y1, true
	}
	for i := range cs.list {
		c := &cs.list[i]
		g.sx[i], g.sy[i] = v.toScreen(c.x, c.y)
		if x0, y0, x1, y1, ok := span(c, i); ok {
			for cy := y0; cy <= y1; cy++ {
				for cx := x0; cx <= x1; cx++ {
					g.start[cy*g.cols+cx+1]++
				}
			}
		}
	}
	for k := 1; k <= ncell; k++ {
		g.start[k] += g.start[k-1]
	}
	total := int(g.start[ncell])
	if cap(g.items) < total {
		g.items = make([]int32, total)
	}
	g.items = g.items[:total]
	fill := make([]int32, ncell)
	for i := range cs.list {
		c := &cs.list[i]
		if x0, y0, x1, y1, ok := span(c, i); ok {
			for cy := y0; cy <= y1; cy++ {
				for cx := x0; cx <= x1; cx++ {
					k := cy*g.cols + cx
					g.items[g.start[k]+fill[k]] = int32(i)
					fill[k]++
				}
			}
		}
	}
	g.valid = true
}

// at returns the index of the disc nearest (x, y) among those whose hit
// circle contains it; -1 if none. Later discs are drawn on top, so on a
// tie the later one wins.
func (g *hitGrid) at(cs *clusters, x, y float64) int {
	if !g.valid || x < 0 || y < 0 {
		return -1
	}
	cx, cy := int(x/g.cell), int(y/g.cell)
	if cx >= g.cols || cy >= g.rows {
		return -1
	}
	k := cy*g.cols + cx
	best, bestD := -1, math.Inf(1)
	for _, i := range g.items[g.start[k]:g.start[k+1]] {
		dx, dy := g.sx[i]-x, g.sy[i]-y
		d := dx*dx + dy*dy
		rad := cs.list[i].outer() + hitSlop
		if d <= rad*rad && d <= bestD {
			best, bestD = int(i), d
		}
	}
	return best
}
