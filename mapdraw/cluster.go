package mapdraw

import (
	"image/color"
	"math"
	"slices"

	"github.com/reachmap/reachmap/geo/world"
)

// A disc's geometry, units.
const (
	DiscRadius   = 6.0  // a single marker's disc
	clusterDist  = 14.0 // markers closer than this on screen share a disc
	HaloWidth    = 1.25 // light gap between the disc and its ring
	RingWidth    = 2.5  // the foreign-reach ring
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
	r        float64 // disc radius, units
	// mix is the share of each fill among the members, most frequent
	// first, when they differ: the disc then shows them as a band round
	// its edge, so a cluster of mostly-green items that holds one red
	// item still shows red.
	mix  [maxMix]mixShare
	nmix int8
}

// maxMix is how many fills a cluster's band shows; the rest are grey.
const maxMix = 3

// mixShare is one fill of a mixed cluster and how many members have it.
type mixShare struct {
	c color.NRGBA
	n int32
}

// outer is the radius of everything drawn for the cluster, ring included.
func (c *cluster) outer() float64 {
	o := c.r + HaloWidth
	if c.ring.A != 0 {
		o += RingWidth
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

	// Scratch reused between builds.
	cells                      cellTable
	next, gnext, order, parent []int32
	final, fill, gn            []int32
	gx, gy                     []float64
	done                       []bool
	keys                       []uint64
	spare                      []cluster
}

// cellTable maps grid cells to the first marker in them (-1: none), with
// open addressing and linear probing. Key, head and the in-use flag sit
// together so a probe touches one cache line.
type cellTable struct {
	slots []cellSlot
	mask  uint64
}

type cellSlot struct {
	key  int64
	head int32
	used bool
}

func (t *cellTable) reset(n int) {
	size := 16
	for size < 2*n {
		size *= 2
	}
	t.slots = resize(t.slots, size)
	clear(t.slots)
	t.mask = uint64(size - 1)
}

func (t *cellTable) hash(k int64) uint64 { return uint64(k) * 0x9e3779b97f4a7c15 >> 20 }

// slot returns the head slot for key k, claiming a free one if needed.
func (t *cellTable) slot(k int64) *int32 {
	for i := t.hash(k) & t.mask; ; i = (i + 1) & t.mask {
		sl := &t.slots[i]
		if !sl.used {
			*sl = cellSlot{key: k, head: -1, used: true}
			return &sl.head
		}
		if sl.key == k {
			return &sl.head
		}
	}
}

// ref returns the head slot of cell k, or nil if the cell was never
// filled. A slot emptied by unlinking stays claimed (it holds -1 but
// keeps its key), so probing past it still works.
func (t *cellTable) ref(k int64) *int32 {
	for i := t.hash(k) & t.mask; ; i = (i + 1) & t.mask {
		sl := &t.slots[i]
		if !sl.used {
			return nil
		}
		if sl.key == k {
			return &sl.head
		}
	}
}

// discRadiusFor grows a cluster's disc slowly with its count so the count
// fits and big groups stand out, without discs swallowing the map.
func discRadiusFor(n int) float64 {
	if n <= 1 {
		return DiscRadius
	}
	return math.Min(maxDiscUnits, DiscRadius+2+1.6*math.Log2(float64(n)))
}

// build groups markers at positions (xs, ys) (plane units) for scale s,
// in three linear passes:
//
//  1. Markers are taken in order; each one not yet grouped seeds a group
//     that takes every ungrouped marker within clusterDist units on
//     screen (discs that would overlap by more than about a third).
//  2. A group's disc grows with its count, so it may now cover a
//     neighbouring group: biggest first, each group absorbs the groups
//     whose centre lies within its disc.
//  3. Groups become clusters with their members in marker order, their
//     mean position and their dominant colours.
//
// Neighbours are found through hash grids, so the cost stays linear in
// the number of markers.
func (cs *clusters) build(xs, ys []float64, ms []Marker, s float64) {
	n := len(xs)
	cs.list = cs.list[:0]
	cs.members = cs.members[:0]
	cs.scale = s
	cs.of = resize(cs.of, n)
	for i := range cs.of {
		cs.of[i] = -1
	}
	if n == 0 {
		return
	}
	key := func(x, y, cell float64) int64 {
		return cellKey(int64(math.Floor(x/cell)), int64(math.Floor(y/cell)))
	}
	near := func(x, y, cell float64, visit func(head *int32)) {
		gx, gy := int64(math.Floor(x/cell)), int64(math.Floor(y/cell))
		for dy := int64(-1); dy <= 1; dy++ {
			for dx := int64(-1); dx <= 1; dx++ {
				if h := cs.cells.ref(cellKey(gx+dx, gy+dy)); h != nil {
					visit(h)
				}
			}
		}
	}

	// Pass 1. Cells are chained lists (head by cell, next by marker) in a
	// small open-addressing table; a Go map here cost more than all the
	// rest. Members are unlinked as they are taken, so dense cells are not
	// rescanned by every later seed.
	d := clusterDist / s
	cs.cells.reset(n)
	next := resize(cs.next, n)
	cs.next = next
	for i := n - 1; i >= 0; i-- {
		if math.IsNaN(xs[i]) || math.IsNaN(ys[i]) {
			continue // not drawn: never a seed nor a member (of stays -1)
		}
		h := cs.cells.slot(key(xs[i], ys[i], d))
		next[i] = *h
		*h = int32(i)
	}
	gx, gy, gn := cs.gx[:0], cs.gy[:0], cs.gn[:0] // per group: position sums, count
	for i := range n {
		if cs.of[i] >= 0 || math.IsNaN(xs[i]) || math.IsNaN(ys[i]) {
			continue
		}
		g := int32(len(gn))
		var sx, sy float64
		var cnt int32
		near(xs[i], ys[i], d, func(link *int32) {
			for j := *link; j >= 0; j = *link {
				ex, ey := xs[j]-xs[i], ys[j]-ys[i]
				if ex*ex+ey*ey > d*d {
					link = &next[j]
					continue
				}
				*link = next[j]
				cs.of[j] = g
				sx, sy, cnt = sx+xs[j], sy+ys[j], cnt+1
			}
		})
		gx, gy, gn = append(gx, sx), append(gy, sy), append(gn, cnt)
	}
	cs.gx, cs.gy, cs.gn = gx, gy, gn
	ng := len(gn)

	// Pass 2, biggest groups first. A group that has absorbed others is
	// done and cannot itself be absorbed, so parents are one level deep.
	// Order by count, descending, then by group: packed keys sort fast.
	okeys := resize(cs.keys, ng)
	for g := range okeys {
		okeys[g] = uint64(math.MaxUint32-uint32(gn[g]))<<32 | uint64(g)
	}
	slices.Sort(okeys)
	cs.keys = okeys
	order := resize(cs.order, ng)
	cs.order = order
	for i, k := range okeys {
		order[i] = int32(uint32(k))
	}
	parent := resize(cs.parent, ng)
	cs.parent = parent
	gnext := resize(cs.gnext, ng)
	cs.gnext = gnext
	for g := range parent {
		parent[g] = -1
	}
	mcell := hitCell / s
	cs.cells.reset(ng)
	for g := ng - 1; g >= 0; g-- {
		h := cs.cells.slot(key(gx[g]/float64(gn[g]), gy[g]/float64(gn[g]), mcell))
		gnext[g] = *h
		*h = int32(g)
	}
	done := cs.done[:0]
	for range ng {
		done = append(done, false)
	}
	cs.done = done
	for _, g := range order {
		if parent[g] >= 0 || gn[g] == 1 {
			continue // absorbed; or a single, which pass 1 already merged
		}
		done[g] = true
		px, py := gx[g]/float64(gn[g]), gy[g]/float64(gn[g])
		reach := (discRadiusFor(int(gn[g])) + HaloWidth + RingWidth + 2) / s
		near(px, py, mcell, func(link *int32) {
			for h := *link; h >= 0; h = gnext[h] {
				if h == g || done[h] || parent[h] >= 0 {
					continue
				}
				hx, hy := gx[h]/float64(gn[h]), gy[h]/float64(gn[h])
				if (hx-px)*(hx-px)+(hy-py)*(hy-py) > reach*reach {
					continue
				}
				parent[h] = g
				gx[g] += gx[h]
				gy[g] += gy[h]
				gn[g] += gn[h]
			}
		})
	}

	// Pass 3: number the surviving groups and lay members out by cluster
	// with a counting sort over markers in order, so each cluster's
	// members come out in marker order.
	final := resize(cs.final, ng)
	cs.final = final
	for g := range ng {
		if parent[g] < 0 {
			final[g] = int32(len(cs.list))
			cs.list = append(cs.list, cluster{n: gn[g], x: gx[g] / float64(gn[g]), y: gy[g] / float64(gn[g])})
		}
	}
	for i, g := range cs.of {
		if g < 0 {
			continue
		}
		if p := parent[g]; p >= 0 {
			g = p
		}
		cs.of[i] = final[g]
	}
	var at int32
	for ci := range cs.list {
		cs.list[ci].start = at
		at += cs.list[ci].n
	}
	cs.members = resize(cs.members, int(at))
	fill := resize(cs.fill, len(cs.list))
	cs.fill = fill
	clear(fill)
	for i, ci := range cs.of {
		if ci < 0 {
			continue
		}
		c := &cs.list[ci]
		cs.members[c.start+fill[ci]] = int32(i)
		fill[ci]++
	}
	for ci := range cs.list {
		c := &cs.list[ci]
		mem := cs.members[c.start : c.start+c.n]
		c.exact = true
		for _, i := range mem[1:] {
			if xs[i] != xs[mem[0]] || ys[i] != ys[mem[0]] {
				c.exact = false
				break
			}
		}
		c.fill, c.ring, c.mix, c.nmix = dominantColours(ms, mem)
		c.r = discRadiusFor(int(c.n))
	}
	cs.sortTopDown()
}

// cellKey packs grid cell coordinates into one table key.
func cellKey(ix, iy int64) int64 { return ix<<32 ^ (iy & 0xffffffff) }

// resize returns a slice of length n, reusing buf's storage when it can.
func resize[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	return buf[:n]
}

// sortTopDown orders discs for drawing: single markers first, then
// clusters, so a count is never hidden under a neighbour; within each,
// from the top of the map down (west to east within a row). Stamping in
// that order walks the frame's memory nearly sequentially instead of
// jumping across 8 MB per disc, which halves the stamping time.
func (cs *clusters) sortTopDown() {
	// Sort packed keys rather than the 64-byte cluster structs: one bit
	// for "is a cluster", 21 bits of y (descending) and 21 of x, then the
	// index, which also makes ties deterministic.
	n := len(cs.list)
	if n >= 1<<21 {
		return // absurdly many discs: keep grouping order rather than overflow
	}
	q := func(v, lo, span float64) uint64 {
		f := (v - lo) / span
		return uint64(math.Max(0, math.Min(1, f)) * (1<<21 - 1))
	}
	keys := resize(cs.keys, n)
	for i := range cs.list {
		c := &cs.list[i]
		var k uint64
		if c.n > 1 {
			k = 1 << 63
		}
		k |= q(-c.y, -world.MaxY, 2*world.MaxY) << 42
		k |= q(c.x, -world.MaxX, 2*world.MaxX) << 21
		keys[i] = k | uint64(i)
	}
	slices.Sort(keys)
	cs.keys = keys
	sorted := resize(cs.spare, n)
	for i, k := range keys {
		sorted[i] = cs.list[k&(1<<21-1)]
	}
	cs.list, cs.spare = sorted, cs.list
	for ci := range cs.list {
		c := &cs.list[ci]
		for _, i := range cs.members[c.start : c.start+c.n] {
			cs.of[i] = int32(ci)
		}
	}
}

// dominantColours picks the fill and ring shared by most members, so a
// cluster of mostly-US-reached items shows the US ring, and the shares of
// the most frequent fills when there are several.
func dominantColours(ms []Marker, idx []int32) (fill, ring color.NRGBA, mix [maxMix]mixShare, nmix int8) {
	if len(idx) == 1 {
		m := ms[idx[0]]
		return m.Fill, m.Ring, mix, 0
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
	if fills[1].n > 0 {
		// Several fills: keep the most frequent, in order (a stable
		// insertion sort of at most 8 tallies).
		for k := 1; k < len(fills) && fills[k].n > 0; k++ {
			for j := k; j > 0 && fills[j].n > fills[j-1].n; j-- {
				fills[j], fills[j-1] = fills[j-1], fills[j]
			}
		}
		for k := 0; k < maxMix && fills[k].n > 0; k++ {
			mix[k] = mixShare{fills[k].c, int32(fills[k].n)}
			nmix++
		}
	}
	return best(&fills), best(&rings), mix, nmix
}
