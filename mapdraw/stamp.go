package mapdraw

import (
	"image"
	"image/color"
	"math"
	"strconv"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/reachmap/reachmap/assets"
)

// defaultFill is used for markers whose Fill the caller left zero.
var defaultFill = color.NRGBA{R: 0x2b, G: 0x6c, B: 0xb0, A: 0xff}

// spriteKey identifies a pre-drawn disc.
type spriteKey struct {
	fill, ring, halo color.NRGBA
	r                float32 // disc radius, device pixels
	label            string  // a cluster's count, drawn into the disc
	band             band    // a mixed cluster's shares, round the edge
}

// bandSteps is the resolution of a mixed cluster's band: shares are
// rounded to sixteenths of the circle, with at least one sixteenth for
// every fill present, so that a single item of another colour in a large
// cluster still shows. The rounding also bounds how many sprites exist.
const bandSteps = 16

// band is a mixed cluster's band: up to maxMix fills and, for each, its
// end on the circle in bandSteps; steps past the last end are grey.
type band struct {
	c   [maxMix]color.NRGBA
	end [maxMix]uint8
	n   uint8
}

// bandOf rounds a cluster's shares to the band drawn.
func bandOf(c *cluster) band {
	var b band
	if c.nmix < 2 {
		return b
	}
	total := float64(c.n)
	left := bandSteps
	at := 0
	for k := 0; k < int(c.nmix); k++ {
		// Keep a step for every fill still to come.
		steps := int(math.Round(float64(c.mix[k].n) / total * bandSteps))
		steps = max(1, min(steps, left-(int(c.nmix)-k-1)))
		if k == int(c.nmix)-1 && c.mix[k].n+sumShares(c, k) == c.n {
			steps = left // the last fill takes what is left
		}
		at += steps
		left -= steps
		b.c[k], b.end[k] = c.mix[k].c, uint8(at)
		b.n++
	}
	return b
}

// sumShares is the members counted by the fills before k.
func sumShares(c *cluster, k int) int32 {
	var s int32
	for j := 0; j < k; j++ {
		s += c.mix[j].n
	}
	return s
}

// bandGrey is the band's colour for fills beyond maxMix.
var bandGrey = color.NRGBA{R: 0x99, G: 0x99, B: 0x99, A: 0xff}

// at returns the band's colour at angle a (radians clockwise from 12
// o'clock, in [0, 2π)).
func (b *band) at(a float64) color.NRGBA {
	step := uint8(a / (2 * math.Pi) * bandSteps)
	for k := uint8(0); k < b.n; k++ {
		if step < b.end[k] {
			return b.c[k]
		}
	}
	return bandGrey
}

// angle is the direction of (dx, dy) in radians clockwise from 12
// o'clock (y grows downwards), in [0, 2π).
func angle(dx, dy float64) float64 {
	a := math.Atan2(dx, -dy)
	if a < 0 {
		a += 2 * math.Pi
	}
	return a
}

// bandInner is where a mixed cluster's band starts, as a share of its
// radius: the centre keeps the dominant fill, behind the count.
const bandInner = 0.62

// sprite is a premultiplied disc image, centred on pixel (c, c).
type sprite struct {
	pix  []uint8 // size×size RGBA, premultiplied
	size int
	c    int
	// Per row: pixels [lo, hi) are not transparent and [olo, ohi) are
	// opaque, so blit copies the middle of a disc and blends only its rim.
	lo, hi, olo, ohi []int
}

// spans fills in the per-row ranges used by blit.
func (s *sprite) spans() {
	n := s.size
	s.lo, s.hi, s.olo, s.ohi = make([]int, n), make([]int, n), make([]int, n), make([]int, n)
	for j := range n {
		row := s.pix[4*j*n : 4*(j+1)*n]
		lo, hi := n, 0
		olo, ohi := -1, -1
		for i := range n {
			a := row[4*i+3]
			if a != 0 {
				lo, hi = min(lo, i), i+1
			}
			if a == 255 {
				if olo < 0 {
					olo = i
				}
				ohi = i + 1
			}
		}
		if lo > hi {
			lo, hi = 0, 0
		}
		if olo < 0 {
			olo, ohi = lo, lo // no opaque run: blend the whole span
		}
		s.lo[j], s.hi[j], s.olo[j], s.ohi[j] = lo, hi, olo, ohi
	}
}

// stamper draws cluster discs and their counts. Discs are drawn once per
// colour and size and then copied, which is what makes thousands of
// markers cheap; counts are built from cached digit masks.
type stamper struct {
	sprites map[spriteKey]*sprite
	glyphs  glyphCache
}

// newSprite draws a disc with analytic antialiasing: the ring (if any), a
// halo that separates disc and ring (and the disc from the land), and the
// fill. There is deliberately no drop shadow: its soft edge doubled the
// pixels that need blending, the costliest part of stamping.
func newSprite(k spriteKey, pxScale float64) *sprite {
	p := pxScale
	r := float64(k.r)
	halo := r + HaloWidth*p
	outer := halo
	if k.ring.A != 0 {
		outer += RingWidth * p
	}
	c := int(math.Ceil(outer)) + 1
	size := 2*c + 1
	s := &sprite{pix: make([]uint8, 4*size*size), size: size, c: c}
	for j := range size {
		for i := range size {
			dx, dy := float64(i-c), float64(j-c)
			d := math.Sqrt(dx*dx + dy*dy)
			var px [4]float64 // premultiplied, 0..1
			over := func(col color.NRGBA, cov float64) {
				if cov <= 0 {
					return
				}
				a := float64(col.A) / 255 * math.Min(1, cov)
				px[0] = float64(col.R)/255*a + px[0]*(1-a)
				px[1] = float64(col.G)/255*a + px[1]*(1-a)
				px[2] = float64(col.B)/255*a + px[2]*(1-a)
				px[3] = a + px[3]*(1-a)
			}
			if k.ring.A != 0 {
				over(k.ring, outer-d+0.5)
			}
			over(k.halo, halo-d+0.5)
			if k.band.n == 0 || d < r*bandInner-0.5 {
				over(k.fill, r-d+0.5)
			} else {
				// The band. A pixel near a boundary between shares
				// averages its colour over a 3×3 grid of angles, so the
				// boundaries are smooth; the others take one colour.
				a := angle(dx, dy)
				w := 0.75 / math.Max(d, 1) // the pixel's angular half-width
				bc := k.band.at(a)
				if k.band.at(math.Mod(a+w, 2*math.Pi)) != bc || k.band.at(math.Mod(a-w+2*math.Pi, 2*math.Pi)) != bc {
					var acc [4]float64
					for sy := -1; sy <= 1; sy++ {
						for sx := -1; sx <= 1; sx++ {
							c := k.band.at(angle(dx+float64(sx)/3, dy+float64(sy)/3))
							acc[0] += float64(c.R)
							acc[1] += float64(c.G)
							acc[2] += float64(c.B)
							acc[3] += float64(c.A)
						}
					}
					bc = color.NRGBA{uint8(acc[0]/9 + 0.5), uint8(acc[1]/9 + 0.5), uint8(acc[2]/9 + 0.5), uint8(acc[3]/9 + 0.5)}
				}
				over(bc, r-d+0.5)
				over(k.fill, r*bandInner-d+0.5)
			}
			o := 4 * (j*size + i)
			for q := range 4 {
				s.pix[o+q] = uint8(math.Round(math.Min(1, px[q]) * 255))
			}
		}
	}
	s.spans()
	return s
}

// maxSprites bounds the sprite cache. Real palettes need a few dozen
// entries (fills × rings × the counts on screen); past the bound the
// cache starts afresh rather than grow.
const maxSprites = 2048

// disc returns the sprite for a cluster, drawing it on first use. A
// cluster's count is drawn into its sprite, so a frame stamps a whole
// labelled disc with one copy and counts cost nothing per frame.
func (st *stamper) disc(c *cluster, halo color.NRGBA, pxScale float64) *sprite {
	fill := c.fill
	if fill.A == 0 {
		fill = defaultFill
	}
	k := spriteKey{fill: fill, ring: c.ring, halo: halo, r: float32(math.Round(c.r*pxScale*4) / 4)}
	if c.n > 1 {
		k.label = countLabel(int(c.n))
		k.band = bandOf(c)
	}
	if s, ok := st.sprites[k]; ok {
		return s
	}
	if st.sprites == nil || len(st.sprites) >= maxSprites {
		st.sprites = map[spriteKey]*sprite{}
	}
	s := newSprite(k, pxScale)
	if k.label != "" && st.glyphs.ensure(int(math.Round(10*pxScale))) {
		img := &image.RGBA{Pix: s.pix, Stride: 4 * s.size, Rect: image.Rect(0, 0, s.size, s.size)}
		st.glyphs.text(img, k.label, s.c, s.c, countColour(fill))
		s.spans()
	}
	st.sprites[k] = s
	return s
}

// blit composites sprite s centred at pixel (x, y) over dst.
func blit(dst *image.RGBA, s *sprite, x, y int) {
	W, H := dst.Rect.Dx(), dst.Rect.Dy()
	x0, y0 := x-s.c, y-s.c
	j0, j1 := max(0, -y0), min(s.size, H-y0)
	for j := j0; j < j1; j++ {
		lo, hi := max(s.lo[j], -x0), min(s.hi[j], W-x0)
		if lo >= hi {
			continue
		}
		olo, ohi := max(lo, min(s.olo[j], hi)), max(lo, min(s.ohi[j], hi))
		src := s.pix[4*j*s.size:]
		// Indexes into this row of dst, shifted so i addresses column x0+i;
		// lo ≥ -x0 keeps every index used non-negative.
		at := func(i int) int { return (y0+j)*dst.Stride + 4*(x0+i) }
		blendRun(dst.Pix[at(lo):at(olo)], src[4*lo:4*olo])
		copy(dst.Pix[at(olo):at(ohi)], src[4*olo:4*ohi])
		blendRun(dst.Pix[at(ohi):at(hi)], src[4*ohi:4*hi])
	}
}

// glyph is one pre-rendered character of a cluster count.
type glyph struct {
	mask    *image.Alpha
	off     image.Point // mask origin relative to the pen on the baseline
	advance int
}

// glyphCache renders the characters of counts ("0"–"9", "k", "+") once
// per pixel size from the embedded bold font.
type glyphCache struct {
	size   int
	ascent int
	g      map[rune]glyph
	failed bool
}

// boldFont parses the embedded bold face (Fyne's default theme's, so the
// window's counts look as they always did) once per process; the parsed
// font is read-only and shared by every map.
var boldFont = sync.OnceValues(func() (*opentype.Font, error) {
	return opentype.Parse(assets.FontBold)
})

func (gc *glyphCache) ensure(sizePx int) bool {
	if gc.failed {
		return false
	}
	if gc.g != nil && gc.size == sizePx {
		return true
	}
	f, err := boldFont()
	if err != nil {
		gc.failed = true // counts are then simply not drawn
		return false
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: float64(sizePx), DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		gc.failed = true
		return false
	}
	defer face.Close()
	gc.size, gc.g = sizePx, map[rune]glyph{}
	// Cap height of the digits, for vertical centring.
	if b, _, ok := face.GlyphBounds('0'); ok {
		gc.ascent = (-b.Min.Y).Ceil()
	}
	for _, r := range "0123456789k+" {
		dr, m, mp, adv, ok := face.Glyph(fixed.Point26_6{}, r)
		if !ok {
			continue
		}
		a := image.NewAlpha(image.Rect(0, 0, dr.Dx(), dr.Dy()))
		for y := range dr.Dy() {
			for x := range dr.Dx() {
				_, _, _, al := m.At(mp.X+x, mp.Y+y).RGBA()
				a.Pix[y*a.Stride+x] = uint8(al >> 8)
			}
		}
		gc.g[r] = glyph{mask: a, off: dr.Min, advance: adv.Round()}
	}
	return true
}

// Count colours: white, or near-black for light discs.
var (
	countLight = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	countDark  = color.NRGBA{R: 0x1a, G: 0x1a, B: 0x1a, A: 0xff}
)

// countColour is the colour of a cluster's count on a disc of colour
// fill: white or near-black, whichever has the higher WCAG contrast ratio
// with it. White on Okabe–Ito's yellow was unreadable (ratio 1.3).
func countColour(fill color.NRGBA) premul {
	c := countLight
	if contrastRatio(fill, countDark) > contrastRatio(fill, countLight) {
		c = countDark
	}
	return toPremul(c)
}

// relLuminance is WCAG 2's relative luminance of an sRGB colour (0..1).
func relLuminance(c color.NRGBA) float64 {
	lin := func(v uint8) float64 {
		f := float64(v) / 255
		if f <= 0.04045 {
			return f / 12.92
		}
		return math.Pow((f+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrastRatio is WCAG 2's contrast ratio of two colours (1..21).
func contrastRatio(a, b color.NRGBA) float64 {
	la, lb := relLuminance(a), relLuminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// countLabel is how a cluster's count is written: short enough to fit.
func countLabel(n int) string {
	switch {
	case n < 1000:
		return strconv.Itoa(n)
	case n < 10000:
		return strconv.Itoa(n/1000) + "k"
	default:
		return "9k+"
	}
}

// text draws s centred on pixel (x, y) in colour c; white text gets a
// soft dark offset copy beneath, which sharpens it on mid-tone fills.
func (gc *glyphCache) text(dst *image.RGBA, s string, x, y int, c premul) {
	width := 0
	for _, r := range s {
		width += gc.g[r].advance
	}
	penX := x - width/2
	base := y + gc.ascent/2
	shadow := premul{0, 0, 0, 90}
	if c.r < 128 {
		shadow = premul{} // dark text on a light disc needs none
	}
	for _, pass := range [...]struct {
		c  premul
		dy int
	}{{shadow, 1}, {c, 0}} {
		if pass.c.a == 0 {
			continue
		}
		px := penX
		for _, r := range s {
			g, ok := gc.g[r]
			if !ok {
				continue
			}
			stampMask(dst, g.mask, px+g.off.X, base+g.off.Y+pass.dy, pass.c)
			px += g.advance
		}
	}
}

// stampMask blends colour c through mask at (x0, y0), clipped to dst.
func stampMask(dst *image.RGBA, m *image.Alpha, x0, y0 int, c premul) {
	W, H := dst.Rect.Dx(), dst.Rect.Dy()
	mw, mh := m.Rect.Dx(), m.Rect.Dy()
	r := newRamp(color.NRGBA{R: uint8(c.r), G: uint8(c.g), B: uint8(c.b), A: uint8(c.a)})
	for j := max(0, -y0); j < mh && y0+j < H; j++ {
		for i := max(0, -x0); i < mw && x0+i < W; i++ {
			a := uint32(m.Pix[j*m.Stride+i])
			if a == 0 {
				continue
			}
			blendPixel(dst.Pix[(y0+j)*dst.Stride+4*(x0+i):], r, a)
		}
	}
}
