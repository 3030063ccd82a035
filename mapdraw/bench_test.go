package mapdraw

import (
	"image"
	"image/color"
	"image/draw"
	"math/rand/v2"
	"testing"

	"golang.org/x/image/vector"

	"github.com/reachmap/reachmap/geo/world"
)

// benchMap is a 1920×1080 map (scale 1: units are pixels) with n markers:
// half around real cloud-region cities, half spread over the inhabited
// latitudes, in four fills with a ring on every other one.
func benchMap(b *testing.B, n int) *Scene {
	b.Helper()
	a, err := LoadAtlas()
	if err != nil {
		b.Fatal(err)
	}
	m := NewScene(a)
	m.V.W, m.V.H = 1920, 1080
	m.V = m.V.Clamped()
	cities := [][2]float64{{8.68, 50.11}, {-6.26, 53.35}, {2.35, 48.86}, {-77.4, 38.9}, {-121.2, 45.6},
		{103.82, 1.35}, {139.69, 35.68}, {151.21, -33.87}, {72.88, 19.08}, {-46.63, -23.55}}
	fills := []color.NRGBA{{0x1b, 0x9e, 0x77, 255}, {0xd9, 0x5f, 0x02, 255}, {0x75, 0x70, 0xb3, 255}, {0xe7, 0x29, 0x8a, 255}}
	r := rand.New(rand.NewPCG(1, 2))
	ms := make([]Marker, n)
	for i := range ms {
		var lon, lat float64
		if i%2 == 0 {
			c := cities[r.IntN(len(cities))]
			lon, lat = c[0]+r.NormFloat64()*2, c[1]+r.NormFloat64()*2
		} else {
			lon, lat = r.Float64()*360-180, r.Float64()*125-55
		}
		ms[i] = Marker{ID: i, Lon: lon, Lat: lat, Fill: fills[i%len(fills)], Label: "item"}
		if i%2 == 1 {
			ms[i].Ring = fills[1]
		}
	}
	m.SetMarkers(ms)
	return m
}

// measure runs the benchmark loop body and reports wall and thread-CPU
// time per iteration in unit (for example "ms/frame") and "cpu-"+unit.
func measure(b *testing.B, unit string, div float64, body func()) {
	b.Helper()
	lockThread()
	defer unlockThread()
	c0, ok := threadCPU()
	for b.Loop() {
		body()
	}
	c1, _ := threadCPU()
	n := float64(b.N)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/div/n, unit)
	if ok {
		b.ReportMetric(float64((c1-c0).Nanoseconds())/div/n, "cpu-"+unit)
	}
}

const (
	perMs = 1e6
	perUs = 1e3
	perNs = 1
)

// BenchmarkFullFrame is a frame after a zoom: the country layer, the
// clustering and every disc are redone (1920×1080, 1:50m, 10,000 markers).
func BenchmarkFullFrame(b *testing.B) {
	m := benchMap(b, 10000)
	m.Render(1920, 1080, 1)
	measure(b, "ms/frame", perMs, func() {
		m.styleVersion++ // invalidates the country layer
		m.cl.scale = 0   // and the clusters
		m.Render(1920, 1080, 1)
	})
	b.ReportMetric(float64(len(m.cl.list)), "discs")
}

// BenchmarkFullFrameEurope is the same at zoom 8 over Europe, where the
// 1:50m detail is all visible and polygons are clipped to the window.
func BenchmarkFullFrameEurope(b *testing.B) {
	m := benchMap(b, 10000)
	m.V.CX, m.V.CY = world.Project(10, 50)
	m.V.Zoom = 8
	m.V = m.V.Clamped()
	m.Render(1920, 1080, 1)
	measure(b, "ms/frame", perMs, func() {
		m.styleVersion++
		m.cl.scale = 0
		m.Render(1920, 1080, 1)
	})
}

// BenchmarkCountryLayer is the country layer alone (a pan or a colour
// change with no markers).
func BenchmarkCountryLayer(b *testing.B) {
	m := benchMap(b, 0)
	m.Render(1920, 1080, 1)
	measure(b, "ms/frame", perMs, func() {
		m.styleVersion++
		m.Render(1920, 1080, 1)
	})
}

// BenchmarkMarkerRestamp is a frame after SetMarkers with the view
// unchanged: copy the cached country layer and stamp the discs.
func BenchmarkMarkerRestamp(b *testing.B) {
	m := benchMap(b, 10000)
	m.Render(1920, 1080, 1)
	measure(b, "ms/frame", perMs, func() {
		m.frameKey = frameKey{}
		m.Render(1920, 1080, 1)
	})
}

// BenchmarkCluster is the regrouping of 10,000 markers after a zoom.
func BenchmarkCluster(b *testing.B) {
	m := benchMap(b, 10000)
	measure(b, "ms/op", perMs, func() {
		m.cl.scale = 0
		m.ensureClusters()
	})
}

// benchPositions are pointer positions over the map, in units (float32,
// as a toolkit's events give them).
func benchPositions() [][2]float32 {
	r := rand.New(rand.NewPCG(3, 4))
	ps := make([][2]float32, 4096)
	for i := range ps {
		ps[i] = [2]float32{r.Float32() * 1920, r.Float32() * 1080}
	}
	return ps
}

// BenchmarkHoverHitTest is the nearest-disc query run on every mouse move.
func BenchmarkHoverHitTest(b *testing.B) {
	m := benchMap(b, 10000)
	ps := benchPositions()
	m.DiscAt(float64(ps[0][0]), float64(ps[0][1]))
	i := 0
	measure(b, "ns/query", perNs, func() {
		p := ps[i&4095]
		m.DiscAt(float64(p[0]), float64(p[1]))
		i++
	})
}

// BenchmarkCountryUnderCursor is the point-in-country query run on taps.
func BenchmarkCountryUnderCursor(b *testing.B) {
	m := benchMap(b, 0)
	ps := benchPositions()
	i := 0
	measure(b, "µs/query", perUs, func() {
		p := ps[i&4095]
		m.CountryAt(float64(p[0]), float64(p[1]))
		i++
	})
}

// BenchmarkRasterizerPaths documents why masks are tiled: x/image/vector
// accumulates masks up to 512 pixels wide and high in fixed point and
// larger ones in floating point, and the two differ by an order of
// magnitude per pixel on the machines this was measured on.
func BenchmarkRasterizerPaths(b *testing.B) {
	for _, sz := range []struct {
		name string
		w, h int
	}{{"fixed-512x512", 512, 512}, {"float-600x400", 600, 400}} {
		b.Run(sz.name, func(b *testing.B) {
			var z vector.Rasterizer
			m := image.NewAlpha(image.Rect(0, 0, sz.w, sz.h))
			w, h := float32(sz.w), float32(sz.h)
			measure(b, "ns/px", perNs*float64(sz.w*sz.h), func() {
				z.Reset(sz.w, sz.h)
				z.DrawOp = draw.Src
				z.MoveTo(1, 1)
				z.LineTo(w-1, 2)
				z.LineTo(w-2, h-1)
				z.LineTo(2, h-2)
				z.ClosePath()
				z.Draw(m, m.Rect, image.Opaque, image.Point{})
			})
		})
	}
}

// BenchmarkFirstFrame is a full frame with no disc drawn before: every
// sprite (colour, size, count and mixed-colour band) is drawn afresh, as
// on the first frame after start-up.
func BenchmarkFirstFrame(b *testing.B) {
	m := benchMap(b, 10000)
	m.Render(1920, 1080, 1)
	measure(b, "ms/frame", perMs, func() {
		m.styleVersion++
		m.cl.scale = 0
		m.stamper.sprites = nil
		m.Render(1920, 1080, 1)
	})
	b.ReportMetric(float64(len(m.stamper.sprites)), "sprites")
}
