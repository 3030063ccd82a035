package mapdraw

import "math"

// hitGrid finds the disc under a point in map units. It is a dense grid
// over the map, rebuilt (in O(discs on screen)) after a view change;
// a query looks at one cell, so hover stays cheap however many markers.
type hitGrid struct {
	cell       float64
	cols, rows int
	start      []int32 // CSR: cell k holds items[start[k]:start[k+1]]
	items      []int32 // cluster indices
	sx, sy     []float64
	valid      bool
}

const hitCell = 2 * (maxDiscUnits + HaloWidth + RingWidth + hitSlop)

// build indexes the clusters visible in a w×h map under view v. Each
// disc goes in every cell its hit circle touches, so a query reads only
// the cell under the pointer.
func (g *hitGrid) build(cs *clusters, v View) {
	g.cell = hitCell
	g.cols = int(math.Ceil(v.W/g.cell)) + 1
	g.rows = int(math.Ceil(v.H/g.cell)) + 1
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
		if sx+rad < 0 || sy+rad < 0 || sx-rad > v.W || sy-rad > v.H {
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
		g.sx[i], g.sy[i] = v.ToScreen(c.x, c.y)
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
