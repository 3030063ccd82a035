package mapdraw

import (
	"image"
	"math"

	"github.com/reachmap/reachmap/geo/world"
)

// polyline draws a border or coastline as a one-pixel antialiased line.
// Vertices closer than a pixel to the last kept one are dropped first, so
// every segment crosses at least one pixel centre and consecutive segments
// abut without double-painting their joints.
func (p *layerPainter) polyline(dst *image.RGBA, l *world.Line, t transform, c *ramp) {
	W, H := float64(dst.Rect.Dx()), float64(dst.Rect.Dy())
	x0, y0, x1, y1 := t.pixBox(l.Box)
	if x1 < -1 || y1 < -1 || x0 > W+1 || y0 > H+1 {
		return
	}
	s := float32(t.s)
	ox, oy := float32(t.ox), float32(t.oy)
	lx, ly := l.X[0]*s+ox, oy-l.Y[0]*s
	last := len(l.X) - 1
	for k := 1; k <= last; k++ {
		x, y := l.X[k]*s+ox, oy-l.Y[k]*s
		if k < last && abs32(x-lx) < 1 && abs32(y-ly) < 1 {
			continue
		}
		drawSegment(dst, float64(lx), float64(ly), float64(x), float64(y), c)
		lx, ly = x, y
	}
}

// drawSegment draws one antialiased segment (Xiaolin Wu's scheme: along
// the major axis, each pixel centre splits its coverage between the two
// pixels straddling the line). Columns are taken half-open, [start, end),
// so a polyline's segments do not paint their shared vertex twice.
func drawSegment(dst *image.RGBA, x0, y0, x1, y1 float64, c *ramp) {
	W, H := float64(dst.Rect.Dx()), float64(dst.Rect.Dy())
	// Most segments lie well inside the frame: they skip clipping and
	// per-pixel bounds checks.
	inside := min(x0, x1) >= 1 && min(y0, y1) >= 1 && max(x0, x1) <= W-2 && max(y0, y1) <= H-2
	if !inside {
		var ok bool
		if x0, y0, x1, y1, ok = clipSegment(x0, y0, x1, y1, -1, -1, W+1, H+1); !ok {
			return
		}
	}
	steep := math.Abs(y1-y0) > math.Abs(x1-x0)
	if steep {
		x0, y0, x1, y1 = y0, x0, y1, x1
	}
	if x0 > x1 {
		x0, y0, x1, y1 = x1, y1, x0, y0
	}
	dx := x1 - x0
	if dx == 0 {
		return
	}
	grad := (y1 - y0) / dx
	start, end := int(math.Ceil(x0-0.5)), int(math.Ceil(x1-0.5))
	// Offsets of one step along the minor axis and along the major one.
	minor, major := dst.Stride, 4
	if steep {
		minor, major = 4, dst.Stride
	}
	for x := start; x < end; x++ {
		y := y0 + grad*(float64(x)+0.5-x0) - 0.5
		yi := math.Floor(y)
		m := uint32((y - yi) * 256)
		m = min(m, 255)
		if inside {
			i := int(yi)*minor + x*major
			blendPixel(dst.Pix[i:], c, 255-m)
			blendPixel(dst.Pix[i+minor:], c, m)
			continue
		}
		if steep {
			plot(dst, int(yi), x, c, 255-m)
			plot(dst, int(yi)+1, x, c, m)
		} else {
			plot(dst, x, int(yi), c, 255-m)
			plot(dst, x, int(yi)+1, c, m)
		}
	}
}

// plot blends colour c at coverage m over pixel (x, y), if inside.
func plot(dst *image.RGBA, x, y int, c *ramp, m uint32) {
	if x < 0 || y < 0 || x >= dst.Rect.Dx() || y >= dst.Rect.Dy() || m == 0 {
		return
	}
	blendPixel(dst.Pix[y*dst.Stride+4*x:], c, m)
}

// clipSegment clips a segment to a rectangle (Liang–Barsky), so a border
// running far off-screen at high zoom costs only its visible part.
func clipSegment(x0, y0, x1, y1, minX, minY, maxX, maxY float64) (float64, float64, float64, float64, bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := x1-x0, y1-y0
	for _, e := range [4][2]float64{{-dx, x0 - minX}, {dx, maxX - x0}, {-dy, y0 - minY}, {dy, maxY - y0}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return 0, 0, 0, 0, false
			}
			continue
		}
		r := q / p
		if p < 0 {
			if r > t1 {
				return 0, 0, 0, 0, false
			}
			t0 = math.Max(t0, r)
		} else {
			if r < t0 {
				return 0, 0, 0, 0, false
			}
			t1 = math.Min(t1, r)
		}
	}
	return x0 + t0*dx, y0 + t0*dy, x0 + t1*dx, y0 + t1*dy, true
}
