package mapdraw

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/reachmap/reachmap/assets"
)

// LegendEntry is one line of a picture's legend: a dot (with a ring when
// Ring is opaque) and its caption, already in the reader's language.
type LegendEntry struct {
	Fill, Ring color.NRGBA
	Label      string
	X, Y       int // set by LayoutLegend: the entry's place in the legend
}

// Legend is the legend laid out for a picture: a dot and a caption per
// colour, in lines that fit the width. A PNG leaves the app, so it must
// explain itself.
type Legend struct {
	face    font.Face
	fg, bg  color.NRGBA
	Entries []LegendEntry
	Height  int // pixels, at the image's foot
}

// The legend's geometry, pixels.
const (
	LegendPad   = 12
	LegendDotR  = 7
	legendGap   = 22
	LegendLineH = 26
)

// legendFace is the embedded regular face (Fyne's default theme's) at
// 15 px, parsed once.
var legendFace = sync.OnceValues(func() (font.Face, error) {
	f, err := opentype.Parse(assets.FontRegular)
	if err != nil {
		return nil, err
	}
	return opentype.NewFace(f, &opentype.FaceOptions{Size: 15, DPI: 72, Hinting: font.HintingFull})
})

// LayoutLegend places the entries for an image w pixels wide, in dark or
// light colours; nil if the font cannot be loaded (a map without a legend
// beats none).
func LayoutLegend(w int, entries []LegendEntry, dark bool) *Legend {
	face, err := legendFace()
	if err != nil {
		return nil
	}
	lg := &Legend{face: face, fg: color.NRGBA{0x22, 0x22, 0x22, 0xff}, bg: color.NRGBA{0xff, 0xff, 0xff, 0xe6}}
	if dark {
		lg.fg, lg.bg = color.NRGBA{0xee, 0xee, 0xee, 0xff}, color.NRGBA{0x18, 0x1c, 0x22, 0xe6}
	}
	lg.Entries = append([]LegendEntry(nil), entries...)
	d := &font.Drawer{Face: face}
	x, y := LegendPad, 0
	for i := range lg.Entries {
		e := &lg.Entries[i]
		ew := 2*LegendDotR + 8 + d.MeasureString(e.Label).Ceil()
		if x+ew > w-LegendPad && x > LegendPad {
			x, y = LegendPad, y+LegendLineH
		}
		e.X, e.Y = x, y
		x += ew + legendGap
	}
	lg.Height = y + LegendLineH + LegendPad
	return lg
}

// Draw paints the legend along the image's foot.
func (lg *Legend) Draw(img *image.RGBA) {
	W, H := img.Rect.Dx(), img.Rect.Dy()
	top := H - lg.Height
	draw.Draw(img, image.Rect(0, top, W, H), image.NewUniform(lg.bg), image.Point{}, draw.Over)
	asc := lg.face.Metrics().Ascent.Ceil()
	for _, e := range lg.Entries {
		cy := top + LegendPad/2 + e.Y + LegendLineH/2
		drawDisc(img, e.X+LegendDotR, cy, LegendDotR, e.Fill, e.Ring)
		d := &font.Drawer{Dst: img, Src: image.NewUniform(lg.fg), Face: lg.face,
			Dot: fixed.P(e.X+2*LegendDotR+8, cy+asc/2-1)}
		d.DrawString(e.Label)
	}
}

// drawDisc paints an antialiased disc of radius r (with a 3-pixel ring
// outside it when ring is opaque) centred on (cx, cy).
func drawDisc(img *image.RGBA, cx, cy, r int, fill, ring color.NRGBA) {
	outer := float64(r)
	if ring.A != 0 {
		outer += 3
	}
	R := int(math.Ceil(outer)) + 1
	for y := cy - R; y <= cy+R; y++ {
		for x := cx - R; x <= cx+R; x++ {
			dist := math.Hypot(float64(x-cx), float64(y-cy))
			c := fill
			cov := float64(r) - dist + 0.5
			if ring.A != 0 && dist > float64(r)-0.5 {
				c, cov = ring, outer-dist+0.5
			}
			if cov <= 0 {
				continue
			}
			c.A = uint8(float64(c.A) * math.Min(1, cov))
			draw.Draw(img, image.Rect(x, y, x+1, y+1), image.NewUniform(c), image.Point{}, draw.Over)
		}
	}
}
