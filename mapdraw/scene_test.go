package mapdraw

import (
	"image"
	"image/color"
	"math"
	"testing"
)

// newTestScene is a w×h scene (units are pixels) with the whole world in
// view, as a map widget of that size at scale 1 shows it.
func newTestScene(t *testing.T, w, h float64) *Scene {
	t.Helper()
	a, err := LoadAtlas()
	if err != nil {
		t.Fatal(err)
	}
	s := NewScene(a)
	s.V.W, s.V.H = w, h
	s.V = s.V.Clamped()
	return s
}

// pixel is the colour at a point in map units, truncated to its pixel as
// a widget's capture is read.
func pixel(img image.Image, x, y float32) color.NRGBA {
	return color.NRGBAModel.Convert(img.At(int(x), int(y))).(color.NRGBA)
}

func near(a, b color.NRGBA, tol int) bool {
	d := func(x, y uint8) int { return max(int(x)-int(y), int(y)-int(x)) }
	return d(a.R, b.R) <= tol && d(a.G, b.G) <= tol && d(a.B, b.B) <= tol && d(a.A, b.A) <= tol
}

// TestOverMatchesReference checks the packed two-channels-per-multiply
// blend against straightforward per-channel arithmetic.
func TestOverMatchesReference(t *testing.T) {
	ref := func(d, s [4]uint8) [4]uint8 {
		inv := 255 - float64(s[3])
		var out [4]uint8
		for i := range 4 {
			out[i] = uint8(math.Min(255, float64(s[i])+math.Round(float64(d[i])*inv/255)))
		}
		return out
	}
	pack := func(p [4]uint8) uint32 {
		return uint32(p[0]) | uint32(p[1])<<8 | uint32(p[2])<<16 | uint32(p[3])<<24
	}
	for _, sa := range []uint8{0, 1, 64, 128, 200, 254, 255} {
		for _, dv := range []uint8{0, 1, 100, 200, 255} {
			s := [4]uint8{sa / 2, sa / 3, sa, sa} // premultiplied: channels ≤ alpha
			d := [4]uint8{dv, 255 - dv, dv / 2, 255}
			want := pack(ref(d, s))
			if got := over(pack(d), pack(s)); got != want {
				t.Errorf("over(%v, %v) = %08x, want %08x", d, s, got, want)
			}
		}
	}
	if got := scale(0xff8040ff, 128); got != 0x80402080 {
		t.Errorf("scale = %08x", got)
	}
}

// A cluster of mixed colours shows every colour in a band round its edge
// (a single red item among ten green ones included) and the most
// frequent one in its centre, behind the count.
func TestMixedClusterBand(t *testing.T) {
	m := newTestScene(t, 800, 420)
	green := color.NRGBA{R: 0x00, G: 0x9E, B: 0x73, A: 255}
	red := color.NRGBA{R: 0xD5, G: 0x5E, B: 0x00, A: 255}
	var ms []Marker
	for i := range 11 {
		f := green
		if i == 10 {
			f = red
		}
		ms = append(ms, Marker{ID: i, Lat: 48.85, Lon: 2.35, Fill: f})
	}
	m.SetMarkers(ms)
	img := m.Render(800, 420, 1)
	if n := m.Discs(); n != 1 || len(m.Disc(0).Members) != 11 {
		t.Fatalf("drawn %d discs: %+v", n, m.Disc(0))
	}
	cl := &m.cl.list[0]
	b := bandOf(cl)
	if b.n != 2 || b.c[0] != green || b.c[1] != red || b.end[0] != bandSteps-1 || b.end[1] != bandSteps {
		t.Fatalf("band %+v", b)
	}
	// Walk round the band: both colours appear; the centre stays green.
	px, py := m.V.ToScreen(cl.x, cl.y)
	r := cl.r * (1 + bandInner) / 2
	seen := map[color.NRGBA]bool{}
	for a := 0.0; a < 2*math.Pi; a += math.Pi / 64 {
		seen[pixel(img, float32(px)+float32(r*math.Sin(a)), float32(py)-float32(r*math.Cos(a)))] = true
	}
	if !seen[green] || !seen[red] {
		t.Errorf("band colours seen: %v", seen)
	}
	// Just off the centre (the count is drawn at the centre itself).
	if got := pixel(img, float32(px), float32(py)+float32(cl.r*bandInner*0.8)); !near(got, green, 2) {
		t.Errorf("centre %v, want the dominant green", got)
	}
	// A cluster of one colour has no band.
	for i := range ms {
		ms[i].Fill = green
	}
	m.SetMarkers(ms)
	m.ensureClusters()
	if b := bandOf(&m.cl.list[0]); b.n != 0 {
		t.Errorf("one-colour cluster has a band %+v", b)
	}
}
