package ui

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/reach"
	"github.com/reachmap/reachmap/ui/mapview"
)

// Size of the map image in exports and in the HTML report.
const (
	pngWidth  = 1600
	pngHeight = 860
)

// MapPNG renders a scan's map for the HTML report, with no window: the
// light palette, coloured relative to the scan's home jurisdiction (the
// report's caption explains those four colours), framed on the data. The
// program installs it as report.MapPNG, so the CLI's HTML report has the
// same map as the window's. Safe for any goroutine.
func MapPNG(scan *inventory.Scan) ([]byte, error) {
	return renderMapPNG(scan, true, mapColors(color.White), pngWidth, pngHeight, false)
}

// renderMapPNG draws the map of a scan offscreen, in either colour mode,
// with the legend at its foot when withLegend is set.
func renderMapPNG(scan *inventory.Scan, byHome bool, pal mapPalette, w, h int, withLegend bool) ([]byte, error) {
	mm := mapModel{items: scan.Assets, byHome: byHome, home: scan.Home}
	st := pal.style()
	st.CountryFill = mm.CountryFill(pal)
	var lg *pngLegend
	if withLegend {
		lg = layoutLegend(w, byHome, scan.Home, pal)
		if lg != nil {
			st.Insets[2] = float32(lg.height)
		}
	}
	img, err := mapview.Snapshot(w, h, mm.Markers(), st)
	if err != nil {
		return nil, err
	}
	if lg != nil {
		lg.draw(img)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// legendFace is the default theme's regular face at 15 px, parsed once.
var legendFace = sync.OnceValues(func() (font.Face, error) {
	f, err := opentype.Parse(theme.DefaultTheme().Font(fyne.TextStyle{}).Content())
	if err != nil {
		return nil, err
	}
	return opentype.NewFace(f, &opentype.FaceOptions{Size: 15, DPI: 72, Hinting: font.HintingFull})
})

// pngLegend is the legend laid out for a PNG: a dot and a caption per
// colour, in lines that fit the width. A PNG leaves the app, so it must
// explain itself.
type pngLegend struct {
	face    font.Face
	fg, bg  color.NRGBA
	entries []legendEntry
	height  int
}

type legendEntry struct {
	fill, ring color.NRGBA
	label      string
	x, y       int
}

const (
	legendPad   = 12
	legendDotR  = 7
	legendGap   = 22
	legendLineH = 26
)

// layoutLegend places the legend's entries for an image w pixels wide;
// nil if the font cannot be loaded (a map without a legend beats none).
func layoutLegend(w int, byHome bool, home reach.Home, pal mapPalette) *pngLegend {
	face, err := legendFace()
	if err != nil {
		return nil
	}
	lg := &pngLegend{face: face, fg: color.NRGBA{0x22, 0x22, 0x22, 0xff}, bg: color.NRGBA{0xff, 0xff, 0xff, 0xe6}}
	if pal.dark {
		lg.fg, lg.bg = color.NRGBA{0xee, 0xee, 0xee, 0xff}, color.NRGBA{0x18, 0x1c, 0x22, 0xe6}
	}
	if byHome {
		for _, c := range reach.Categories {
			lg.entries = append(lg.entries, legendEntry{fill: categoryColor(c), label: categoryExplained(c, home)})
		}
	} else {
		for _, b := range blocs {
			lg.entries = append(lg.entries, legendEntry{fill: b.Color, label: b.Label()})
		}
		lg.entries = append(lg.entries, legendEntry{fill: blocEU.Color, ring: blocUS.Color,
			label: tr("ring: a foreign law reaches it through the company that runs it")})
	}
	d := &font.Drawer{Face: face}
	x, y := legendPad, 0
	for i := range lg.entries {
		e := &lg.entries[i]
		ew := 2*legendDotR + 8 + d.MeasureString(e.label).Ceil()
		if x+ew > w-legendPad && x > legendPad {
			x, y = legendPad, y+legendLineH
		}
		e.x, e.y = x, y
		x += ew + legendGap
	}
	lg.height = y + legendLineH + legendPad
	return lg
}

// draw paints the legend along the image's foot.
func (lg *pngLegend) draw(img *image.RGBA) {
	W, H := img.Rect.Dx(), img.Rect.Dy()
	top := H - lg.height
	draw.Draw(img, image.Rect(0, top, W, H), image.NewUniform(lg.bg), image.Point{}, draw.Over)
	asc := lg.face.Metrics().Ascent.Ceil()
	for _, e := range lg.entries {
		cy := top + legendPad/2 + e.y + legendLineH/2
		drawDisc(img, e.x+legendDotR, cy, legendDotR, e.fill, e.ring)
		d := &font.Drawer{Dst: img, Src: image.NewUniform(lg.fg), Face: lg.face,
			Dot: fixed.P(e.x+2*legendDotR+8, cy+asc/2-1)}
		d.DrawString(e.label)
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
