package mapdraw

import (
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"

	"github.com/reachmap/reachmap/geo/world"
)

// premul is a colour with premultiplied alpha, the form image.RGBA keeps
// and the blend loops want.
type premul struct{ r, g, b, a uint32 }

func toPremul(c color.NRGBA) premul {
	a := uint32(c.A)
	return premul{uint32(c.R) * a / 255, uint32(c.G) * a / 255, uint32(c.B) * a / 255, a}
}

// transform maps plane coordinates to device pixels for one frame.
type transform struct {
	s      float64 // device pixels per plane unit
	ox, oy float64 // pixel position of the plane origin
}

func newTransform(v View, pxScale float64) transform {
	s := v.Scale() * pxScale
	return transform{s: s, ox: v.W/2*pxScale - v.CX*s, oy: v.H/2*pxScale + v.CY*s}
}

func (t transform) apply(x, y float64) (float64, float64) { return x*t.s + t.ox, t.oy - y*t.s }

// pixBox is the pixel rectangle of a plane box (floating, not clipped).
func (t transform) pixBox(b world.Box) (x0, y0, x1, y1 float64) {
	return b.MinX*t.s + t.ox, t.oy - b.MaxY*t.s, b.MaxX*t.s + t.ox, t.oy - b.MinY*t.s
}

// layerStyle is what the country layer is painted with.
type layerStyle struct {
	ocean   color.NRGBA
	outside color.NRGBA // around the world's outline; zero alpha: transparent
	border  color.NRGBA
	coast   color.NRGBA
	fills   []color.NRGBA // per country, in world order

	// Derived by prepare: ramps per country (shared between countries of
	// one colour) and for the lines.
	fillRamps           []*ramp
	borderRamp, coastRp *ramp
}

// prepare derives the ramps from the colours; call it after changing them.
func (st *layerStyle) prepare() {
	byColour := map[color.NRGBA]*ramp{}
	get := func(c color.NRGBA) *ramp {
		r, ok := byColour[c]
		if !ok {
			r = newRamp(c)
			byColour[c] = r
		}
		return r
	}
	st.fillRamps = resize(st.fillRamps, len(st.fills))
	for i, c := range st.fills {
		st.fillRamps[i] = get(c)
	}
	st.borderRamp, st.coastRp = get(st.border), get(st.coast)
}

// layerPainter paints the country layer: ocean inside the map's outline,
// every country rasterised into an alpha mask within its clipped box and
// blended in, then borders as antialiased lines. It keeps its scratch
// buffers between frames so a frame allocates nothing once warmed up.
type layerPainter struct {
	z      vector.Rasterizer
	mask   image.Alpha
	xs, ys []float32 // one ring in mask pixels
	ax, ay []float32 // clipping scratch
	bx, by []float32
	row    []uint8 // one row of ocean pixels
	groups []fillGroup
	one    [1]*world.Polygon
	vx, vy []float32 // rings of one fill, in frame pixels
	rings  []ringRef
}

// fillGroup gathers the visible polygons painted in one colour, with the
// pixel box of their union and the summed area of their own boxes.
type fillGroup struct {
	c              *ramp
	polys          []*world.Polygon
	x0, y0, x1, y1 int
	area           int
}

// paint draws world w as seen through t into dst, which it fully
// overwrites. Pixels outside the map's outline get the outside colour
// (transparent by default, so the widget's background shows there).
func (p *layerPainter) paint(dst *image.RGBA, w *world.World, t transform, st *layerStyle) {
	p.ocean(dst, t, toPremul(st.ocean), toPremul(st.outside))
	W, H := dst.Rect.Dx(), dst.Rect.Dy()
	// Group the visible polygons by colour. A mask costs its box's area
	// whatever it holds, so a group is rasterised as one mask over the
	// union of its boxes when that is smaller than their sum (zoomed in,
	// where the boxes of big neighbours overlap the whole window many
	// times over), and polygon by polygon otherwise (the whole world,
	// where the union of everything is the whole map). In one mask,
	// neighbours' shared edges cancel exactly: no seam between them.
	groups := p.groups[:0]
	for i := range w.Countries {
		c := &w.Countries[i]
		if st.fills[i].A == 0 {
			continue
		}
		bx0, by0, bx1, by1 := t.pixBox(c.Box)
		if bx1 < 0 || by1 < 0 || bx0 > float64(W) || by0 > float64(H) {
			continue
		}
		g := -1
		for k := range groups {
			if groups[k].c == st.fillRamps[i] {
				g = k
				break
			}
		}
		for j := range c.Polygons {
			poly := &c.Polygons[j]
			x0, y0, x1, y1, ok := clippedBox(t, poly.Box, W, H)
			if !ok {
				continue
			}
			if g < 0 {
				// Reuse a previous frame's group and its polygon list.
				if len(groups) < cap(groups) {
					groups = groups[:len(groups)+1]
				} else {
					groups = append(groups, fillGroup{})
				}
				g = len(groups) - 1
				groups[g] = fillGroup{c: st.fillRamps[i], polys: groups[g].polys[:0], x0: x0, y0: y0, x1: x1, y1: y1}
			}
			fg := &groups[g]
			fg.polys = append(fg.polys, poly)
			fg.x0, fg.y0, fg.x1, fg.y1 = min(fg.x0, x0), min(fg.y0, y0), max(fg.x1, x1), max(fg.y1, y1)
			fg.area += (x1 - x0) * (y1 - y0)
		}
	}
	p.groups = groups
	for k := range groups {
		fg := &groups[k]
		if (fg.x1-fg.x0)*(fg.y1-fg.y0) <= fg.area {
			p.fill(dst, fg.polys, fg.x0, fg.y0, fg.x1, fg.y1, t, fg.c)
			continue
		}
		for _, poly := range fg.polys {
			x0, y0, x1, y1, _ := clippedBox(t, poly.Box, W, H)
			p.one[0] = poly
			p.fill(dst, p.one[:], x0, y0, x1, y1, t, fg.c)
		}
	}
	for i := range w.Lines {
		l := &w.Lines[i]
		c, a := st.coastRp, st.coast.A
		if l.Shared {
			c, a = st.borderRamp, st.border.A
		}
		if a != 0 {
			p.polyline(dst, l, t, c)
		}
	}
}

// ocean paints the map's outline row by row: the half width of each row
// comes from the projection, so the edge is exact and antialiased with no
// polygon to rasterise. Outside the outline it paints colour out.
func (p *layerPainter) ocean(dst *image.RGBA, t transform, c, out premul) {
	W, H := dst.Rect.Dx(), dst.Rect.Dy()
	if cap(p.row) < 8*W {
		p.row = make([]uint8, 8*W)
	}
	row, orow := p.row[:4*W], p.row[4*W:8*W]
	for i := 0; i < len(row); i += 4 {
		row[i], row[i+1], row[i+2], row[i+3] = uint8(c.r), uint8(c.g), uint8(c.b), uint8(c.a)
		orow[i], orow[i+1], orow[i+2], orow[i+3] = uint8(out.r), uint8(out.g), uint8(out.b), uint8(out.a)
	}
	top, bottom := t.oy-world.MaxY*t.s, t.oy+world.MaxY*t.s
	for j := range H {
		line := dst.Pix[j*dst.Stride : j*dst.Stride+4*W]
		vcov := overlap(float64(j), float64(j+1), top, bottom)
		if vcov <= 0 {
			copy(line, orow)
			continue
		}
		y := (t.oy - (float64(j) + 0.5)) / t.s
		y = math.Max(-world.MaxY, math.Min(world.MaxY, y))
		hw := world.HalfWidthAt(y) * t.s
		left, right := t.ox-hw, t.ox+hw
		i0 := int(math.Max(0, math.Min(float64(W), math.Floor(left))))
		i1 := int(math.Max(0, math.Min(float64(W), math.Ceil(right))))
		copy(line[:4*i0], orow)
		copy(line[4*i1:], orow[4*i1:])
		copy(line[4*i0:4*i1], row[4*i0:4*i1])
		// Antialias the two edge pixels of the span, and whole rows that
		// the pole edges cut.
		for _, i := range [...]int{i0, i1 - 1} {
			if i < 0 || i >= W {
				continue
			}
			cov := overlap(float64(i), float64(i+1), left, right) * vcov
			setScaled(line[4*i:], c, out, cov)
		}
		if vcov < 1 {
			for i := i0 + 1; i < i1-1; i++ {
				setScaled(line[4*i:], c, out, vcov)
			}
		}
	}
}

// setScaled sets the pixel to colour c at coverage cov over colour out.
func setScaled(px []uint8, c, out premul, cov float64) {
	f := uint32(math.Max(0, math.Min(1, cov)) * 255)
	binary.LittleEndian.PutUint32(px, over(out.pack(), scale(c.pack(), f)))
}

// overlap is the length of [a0, a1] ∩ [b0, b1], or ≤ 0 when disjoint.
func overlap(a0, a1, b0, b1 float64) float64 {
	return math.Min(a1, b1) - math.Max(a0, b0)
}

// clippedBox is the pixel box of plane box b, clipped to a W×H frame.
func clippedBox(t transform, b world.Box, W, H int) (x0, y0, x1, y1 int, ok bool) {
	fx0, fy0, fx1, fy1 := t.pixBox(b)
	x0 = int(math.Max(0, math.Floor(fx0)))
	y0 = int(math.Max(0, math.Floor(fy0)))
	x1 = int(math.Min(float64(W), math.Ceil(fx1)))
	y1 = int(math.Min(float64(H), math.Ceil(fy1)))
	return x0, y0, x1, y1, x1 > x0 && y1 > y0
}

// maskTile bounds the masks handed to x/image/vector. Above 512 pixels
// in either direction it switches to floating-point accumulation, which
// measured 15–25 ns per pixel here against 0.6 ns for its fixed-point
// path (see BenchmarkRasterizerPaths), so large areas are done in tiles.
const maskTile = 512

// ringRef is one ring transformed to frame pixels: its span in the
// painter's flat vertex buffers and its pixel box.
type ringRef struct {
	start, end             int
	minX, minY, maxX, maxY float32
}

// fill rasterises polygons (exteriors and holes together, so holes cancel
// by winding) over pixels [x0,x1)×[y0,y1) of dst and blends colour c
// through the coverage, one tile of at most maskTile² pixels at a time.
func (p *layerPainter) fill(dst *image.RGBA, polys []*world.Polygon, x0, y0, x1, y1 int, t transform, c *ramp) {
	// Transform and decimate every ring once, into frame pixels.
	s := float32(t.s)
	ox, oy := float32(t.ox), float32(t.oy)
	vx, vy, rings := p.vx[:0], p.vy[:0], p.rings[:0]
	for _, poly := range polys {
		for r := range poly.NumRings() {
			rx, ry := poly.Ring(r)
			ref := ringRef{start: len(vx), minX: math.MaxFloat32, minY: math.MaxFloat32, maxX: -math.MaxFloat32, maxY: -math.MaxFloat32}
			var lx, ly float32
			for k := range rx {
				x, y := rx[k]*s+ox, oy-ry[k]*s
				// Drop vertices closer than half a pixel to the last one
				// kept: they cannot change the coverage.
				if k > 0 && abs32(x-lx) < 0.5 && abs32(y-ly) < 0.5 {
					continue
				}
				vx, vy = append(vx, x), append(vy, y)
				lx, ly = x, y
				ref.minX, ref.maxX = min(ref.minX, x), max(ref.maxX, x)
				ref.minY, ref.maxY = min(ref.minY, y), max(ref.maxY, y)
			}
			ref.end = len(vx)
			if ref.end-ref.start >= 3 {
				rings = append(rings, ref)
			} else {
				vx, vy = vx[:ref.start], vy[:ref.start]
			}
		}
	}
	p.vx, p.vy, p.rings = vx, vy, rings
	if len(rings) == 0 {
		return
	}
	for ty := y0; ty < y1; ty += maskTile {
		for tx := x0; tx < x1; tx += maskTile {
			p.fillTile(dst, tx, ty, min(maskTile, x1-tx), min(maskTile, y1-ty), c)
		}
	}
}

// fillTile rasterises the transformed rings over one tile.
func (p *layerPainter) fillTile(dst *image.RGBA, tx, ty, tw, th int, c *ramp) {
	fx0, fy0 := float32(tx), float32(ty)
	fx1, fy1 := fx0+float32(tw), fy0+float32(th)
	p.z.Reset(tw, th)
	p.z.DrawOp = draw.Src
	drawn := false
	for _, r := range p.rings {
		if r.maxX < fx0 || r.maxY < fy0 || r.minX > fx1 || r.minY > fy1 {
			continue
		}
		xs, ys := p.xs[:0], p.ys[:0]
		for k := r.start; k < r.end; k++ {
			xs, ys = append(xs, p.vx[k]-fx0), append(ys, p.vy[k]-fy0)
		}
		// x/image/vector walks every row between a segment's ends, even
		// rows outside its buffer, so a ring larger than the tile is
		// clipped to it first.
		if r.minX < fx0-1 || r.minY < fy0-1 || r.maxX > fx1+1 || r.maxY > fy1+1 {
			xs, ys = p.clipRect(xs, ys, -1, -1, float32(tw+1), float32(th+1))
		}
		p.xs, p.ys = xs, ys
		if len(xs) < 3 {
			continue
		}
		p.z.MoveTo(xs[0], ys[0])
		for k := 1; k < len(xs); k++ {
			p.z.LineTo(xs[k], ys[k])
		}
		p.z.ClosePath()
		drawn = true
	}
	if !drawn {
		return
	}
	// The mask reuses one buffer; the image header lives in the painter
	// too, so nothing is allocated per tile.
	p.mask.Pix = resize(p.mask.Pix, tw*th)
	p.mask.Stride, p.mask.Rect = tw, image.Rect(0, 0, tw, th)
	p.z.Draw(&p.mask, p.mask.Rect, image.Opaque, image.Point{})
	blendMask(dst, tx, ty, &p.mask, c)
}

// blendMask composites colour c through mask onto dst at (x0, y0). Most
// of a country's box is either outside it (mask 0) or inside (mask 255),
// so the loop steps eight mask bytes at a time over those runs and only
// blends the antialiased edge pixels one by one.
func blendMask(dst *image.RGBA, x0, y0 int, mask *image.Alpha, c *ramp) {
	mw, mh := mask.Rect.Dx(), mask.Rect.Dy()
	opaque := c.opaque()
	packed := uint64(c[255])
	packed2 := packed | packed<<32
	for j := range mh {
		m := mask.Pix[j*mask.Stride : j*mask.Stride+mw]
		d := dst.Pix[(y0+j)*dst.Stride+4*x0 : (y0+j)*dst.Stride+4*(x0+mw)]
		i := 0
		for i < len(m) {
			if i+8 <= len(m) {
				w := binary.LittleEndian.Uint64(m[i:])
				if w == 0 {
					i += 8
					continue
				}
				if w == ^uint64(0) && opaque {
					q := d[4*i : 4*i+32]
					binary.LittleEndian.PutUint64(q[0:], packed2)
					binary.LittleEndian.PutUint64(q[8:], packed2)
					binary.LittleEndian.PutUint64(q[16:], packed2)
					binary.LittleEndian.PutUint64(q[24:], packed2)
					i += 8
					continue
				}
			}
			a := m[i]
			switch {
			case a == 0:
			case a == 255 && opaque:
				binary.LittleEndian.PutUint32(d[4*i:], uint32(packed))
			default:
				blendPixel(d[4*i:], c, uint32(a))
			}
			i++
		}
	}
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// clipRect clips a closed ring to a rectangle (Sutherland–Hodgman, one
// edge at a time). Where the ring runs outside, the result follows the
// rectangle's edge, which adds no area inside it. The result reuses the
// storage of xs and ys.
func (p *layerPainter) clipRect(xs, ys []float32, minX, minY, maxX, maxY float32) ([]float32, []float32) {
	type edge struct {
		v     float32
		isX   bool
		below bool // keep coordinates ≤ v
	}
	ax, ay := append(p.ax[:0], xs...), append(p.ay[:0], ys...)
	bx, by := p.bx[:0], p.by[:0]
	for _, e := range [...]edge{{minX, true, false}, {maxX, true, true}, {minY, false, false}, {maxY, false, true}} {
		bx, by = bx[:0], by[:0]
		n := len(ax)
		in := func(k int) bool {
			c := ay[k]
			if e.isX {
				c = ax[k]
			}
			if e.below {
				return c <= e.v
			}
			return c >= e.v
		}
		for k := range n {
			prev := k - 1
			if prev < 0 {
				prev = n - 1
			}
			ik, ip := in(k), in(prev)
			if ik != ip {
				var x, y float32
				if e.isX {
					t := (e.v - ax[prev]) / (ax[k] - ax[prev])
					x, y = e.v, ay[prev]+t*(ay[k]-ay[prev])
				} else {
					t := (e.v - ay[prev]) / (ay[k] - ay[prev])
					x, y = ax[prev]+t*(ax[k]-ax[prev]), e.v
				}
				bx, by = append(bx, x), append(by, y)
			}
			if ik {
				bx, by = append(bx, ax[k]), append(by, ay[k])
			}
		}
		ax, ay, bx, by = bx, by, ax, ay
	}
	p.ax, p.ay, p.bx, p.by = ax, ay, bx, by
	return append(xs[:0], ax...), append(ys[:0], ay...)
}
