package mapdraw

import (
	"encoding/binary"
	"image/color"
)

// over returns premultiplied src over premultiplied dst, both packed as
// little-endian RGBA in a uint32. Two channels are scaled per multiply
// (red and blue, then green and alpha), with the usual exact /255
// rounding, which is what keeps per-pixel blending cheap enough for the
// rims of thousands of discs.
func over(dst, src uint32) uint32 {
	inv := 255 - src>>24
	rb := (dst&0x00ff00ff)*inv + 0x00800080
	rb = (rb + (rb>>8)&0x00ff00ff) >> 8 & 0x00ff00ff
	ag := (dst>>8&0x00ff00ff)*inv + 0x00800080
	ag = (ag + (ag>>8)&0x00ff00ff) & 0xff00ff00
	return src + (rb | ag)
}

// scale returns premultiplied colour c scaled by coverage m (0..255).
func scale(c uint32, m uint32) uint32 {
	rb := (c&0x00ff00ff)*m + 0x00800080
	rb = (rb + (rb>>8)&0x00ff00ff) >> 8 & 0x00ff00ff
	ag := (c>>8&0x00ff00ff)*m + 0x00800080
	ag = (ag + (ag>>8)&0x00ff00ff) & 0xff00ff00
	return rb | ag
}

// pack packs a premultiplied colour as over and scale expect.
func (c premul) pack() uint32 { return c.r | c.g<<8 | c.b<<16 | c.a<<24 }

// blendRun composites premultiplied src over dst, pixel by pixel.
func blendRun(d, src []uint8) {
	n := min(len(d), len(src)) &^ 3
	for i := 0; i < n; i += 4 {
		s := binary.LittleEndian.Uint32(src[i:])
		if s>>24 == 0 {
			continue
		}
		binary.LittleEndian.PutUint32(d[i:], over(binary.LittleEndian.Uint32(d[i:]), s))
	}
}

// ramp holds a colour premultiplied and scaled by every coverage 0..255,
// packed. Painting an antialiased edge pixel is then one lookup and one
// blend; ramps are built when colours change, not per frame.
type ramp [256]uint32

func newRamp(c color.NRGBA) *ramp {
	var r ramp
	p := toPremul(c).pack()
	for m := range r {
		r[m] = scale(p, uint32(m))
	}
	return &r
}

// opaque reports whether full coverage replaces the pixel outright.
func (r *ramp) opaque() bool { return r[255]>>24 == 255 }

// blendPixel composites the ramp's colour at coverage m over the pixel at
// d[0:4].
func blendPixel(d []uint8, r *ramp, m uint32) {
	if m == 0 {
		return
	}
	binary.LittleEndian.PutUint32(d, over(binary.LittleEndian.Uint32(d), r[m&255]))
}
