package report

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"testing"

	"golang.org/x/image/vector"

	"github.com/reachmap/reachmap/assets"
	"github.com/reachmap/reachmap/geo/world"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/reach"
)

// testMapPNG draws a plain map of a scan so that the report tests embed a
// real picture: Natural Earth countries in grey, one disc per placed item
// in its category's colour. The app's own renderer (ui/mapview) replaces
// it through MapPNG; this one only has to look like a map.
func testMapPNG(t testing.TB, s *inventory.Scan, w, h int) []byte {
	t.Helper()
	wd, err := world.Load(assets.Countries110m)
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.RGBA{0xf4, 0xf7, 0xfa, 0xff}), image.Point{}, draw.Src)
	sx := float64(w) / (2 * world.MaxX)
	sy := float64(h) / (2 * world.MaxY)
	scale := min(sx, sy)
	toPx := func(x, y float64) (float32, float32) {
		return float32(float64(w)/2 + x*scale), float32(float64(h)/2 - y*scale)
	}
	// fill rasterises one shape inside its own bounding box: a rasteriser
	// the size of the whole image per shape would clear megabytes each
	// time, and x/image/vector's fast path does not clip.
	fill := func(c color.RGBA, minX, minY, maxX, maxY float32, path func(r *vector.Rasterizer, ox, oy float32)) {
		box := image.Rect(int(minX)-1, int(minY)-1, int(maxX)+2, int(maxY)+2).Intersect(img.Bounds())
		if box.Empty() {
			return
		}
		r := vector.NewRasterizer(box.Dx(), box.Dy())
		path(r, float32(box.Min.X), float32(box.Min.Y))
		r.Draw(img, box, image.NewUniform(c), image.Point{})
	}
	land := color.RGBA{0xd5, 0xda, 0xe0, 0xff}
	for _, c := range wd.Countries {
		for pi := range c.Polygons {
			p := &c.Polygons[pi]
			x0, y0 := toPx(p.Box.MinX, p.Box.MaxY)
			x1, y1 := toPx(p.Box.MaxX, p.Box.MinY)
			fill(land, x0, y0, x1, y1, func(r *vector.Rasterizer, ox, oy float32) {
				for ri := range p.NumRings() {
					xs, ys := p.Ring(ri)
					for k := range xs {
						px, py := toPx(float64(xs[k]), float64(ys[k]))
						if k == 0 {
							r.MoveTo(px-ox, py-oy)
						} else {
							r.LineTo(px-ox, py-oy)
						}
					}
					r.ClosePath()
				}
			})
		}
	}
	colors := map[reach.Category]color.RGBA{
		reach.CategoryHome:        {0x00, 0x9e, 0x73, 0xff},
		reach.CategoryHomeForeign: {0xe6, 0x9f, 0x00, 0xff},
		reach.CategoryForeign:     {0xd5, 0x5e, 0x00, 0xff},
	}
	for _, it := range s.Assets {
		if unplacedReason(it) != "" {
			continue
		}
		col, ok := colors[it.Category]
		if !ok {
			col = color.RGBA{0x99, 0x99, 0x99, 0xff}
		}
		x, y := world.Project(it.Location.Lon, it.Location.Lat)
		cx, cy := toPx(x, y)
		for _, d := range []struct {
			r float32
			c color.RGBA
		}{{7, color.RGBA{0xff, 0xff, 0xff, 0xff}}, {5.5, col}} {
			fill(d.c, cx-d.r, cy-d.r, cx+d.r, cy+d.r, func(r *vector.Rasterizer, ox, oy float32) {
				x, y, rad := cx-ox, cy-oy, d.r
				const k = 0.5523 // cubic approximation of a quarter circle
				r.MoveTo(x+rad, y)
				r.CubeTo(x+rad, y+k*rad, x+k*rad, y+rad, x, y+rad)
				r.CubeTo(x-k*rad, y+rad, x-rad, y+k*rad, x-rad, y)
				r.CubeTo(x-rad, y-k*rad, x-k*rad, y-rad, x, y-rad)
				r.CubeTo(x+k*rad, y-rad, x+rad, y-k*rad, x+rad, y)
				r.ClosePath()
			})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
