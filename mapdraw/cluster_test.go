package mapdraw

import (
	"image/color"
	"math"
	"math/rand/v2"
	"testing"
)

func buildAt(xs, ys []float64, s float64) *clusters {
	ms := make([]Marker, len(xs))
	for i := range ms {
		ms[i].ID = i
	}
	cs := &clusters{}
	cs.build(xs, ys, ms, s)
	return cs
}

func TestClusterMergesIntoBigDisc(t *testing.T) {
	// Scale 1: plane units are screen units. Eight markers at one spot, one
	// 16 units away (beyond clusterDist, inside the big disc), one far off.
	xs := []float64{0, 0, 0, 0, 0, 0, 0, 0, 16, 100}
	ys := make([]float64, len(xs))
	cs := buildAt(xs, ys, 1)
	if len(cs.list) != 2 {
		t.Fatalf("%d discs, want 2", len(cs.list))
	}
	big := cs.list[cs.of[0]]
	if big.n != 9 || big.exact || cs.of[8] != cs.of[0] || cs.of[9] == cs.of[0] {
		t.Errorf("big disc %+v; of = %v", big, cs.of)
	}
	// Without the big group, the two would stay apart.
	cs = buildAt([]float64{0, 16}, []float64{0, 0}, 1)
	if len(cs.list) != 2 {
		t.Errorf("two singles 16 units apart merged")
	}
	cs = buildAt([]float64{0, 13}, []float64{0, 0}, 1)
	if len(cs.list) != 1 || cs.list[0].exact {
		t.Errorf("two singles 13 units apart: %+v", cs.list)
	}
}

// TestClusterInvariants: on random data every drawn marker is in exactly
// one cluster, members are in marker order, and positions are means.
func TestClusterInvariants(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, s := range []float64{0.5, 3, 40} {
		n := 3000
		xs, ys := make([]float64, n), make([]float64, n)
		for i := range xs {
			xs[i], ys[i] = r.NormFloat64()*20, r.NormFloat64()*10
			if i%97 == 0 {
				xs[i] = math.NaN()
			}
			if i%5 == 0 && i > 0 {
				xs[i], ys[i] = xs[i-1], ys[i-1] // exact duplicates
			}
		}
		cs := buildAt(xs, ys, s)
		seen := make([]int, n)
		total := 0
		for ci, c := range cs.list {
			mem := cs.members[c.start : c.start+c.n]
			var sx, sy float64
			for k, i := range mem {
				seen[i]++
				if cs.of[i] != int32(ci) {
					t.Fatalf("of[%d] = %d, want %d", i, cs.of[i], ci)
				}
				if k > 0 && mem[k-1] >= i {
					t.Fatalf("members not in marker order: %v", mem)
				}
				sx, sy = sx+xs[i], sy+ys[i]
			}
			if math.Abs(sx/float64(c.n)-c.x) > 1e-9 || math.Abs(sy/float64(c.n)-c.y) > 1e-9 {
				t.Fatalf("cluster %d not at its members' mean", ci)
			}
			total += int(c.n)
		}
		for i := range seen {
			want := 1
			if math.IsNaN(xs[i]) {
				want = 0
			}
			if seen[i] != want {
				t.Fatalf("scale %v: marker %d in %d clusters", s, i, seen[i])
			}
		}
		// Single discs never overlap much: any two singles are at least
		// clusterDist apart on screen.
		for a := range cs.list {
			for b := a + 1; b < len(cs.list); b++ {
				ca, cb := cs.list[a], cs.list[b]
				if ca.n == 1 && cb.n == 1 && math.Hypot(ca.x-cb.x, ca.y-cb.y)*s <= clusterDist {
					t.Fatalf("scale %v: singles %d and %d only %v apart", s, a, b, math.Hypot(ca.x-cb.x, ca.y-cb.y)*s)
				}
			}
		}
		drawn := 0
		for i := range xs {
			if !math.IsNaN(xs[i]) {
				drawn++
			}
		}
		if total != drawn {
			t.Errorf("scale %v: clusters hold %d markers, %d drawn", s, total, drawn)
		}
	}
}

// The count on a cluster disc must be readable on every colour of the
// app's palette (Okabe–Ito): WCAG AA asks 4.5:1 for small text.
func TestCountContrast(t *testing.T) {
	for _, fill := range []color.NRGBA{
		{0x00, 0x72, 0xB2, 0xff}, {0xD5, 0x5E, 0x00, 0xff}, {0xCC, 0x79, 0xA7, 0xff},
		{0x56, 0xB4, 0xE9, 0xff}, {0x00, 0x9E, 0x73, 0xff}, {0xF0, 0xE4, 0x42, 0xff},
		{0xE6, 0x9F, 0x00, 0xff}, {0x99, 0x99, 0x99, 0xff}, defaultFill,
	} {
		p := countColour(fill)
		text := color.NRGBA{R: uint8(p.r), G: uint8(p.g), B: uint8(p.b), A: 0xff}
		if r := contrastRatio(fill, text); r < 4.5 {
			t.Errorf("count %v on %v: contrast %.2f, want ≥ 4.5", text, fill, r)
		}
	}
	// Yellow, the case that was unreadable, gets dark text.
	if p := countColour(color.NRGBA{0xF0, 0xE4, 0x42, 0xff}); p.r > 0x40 {
		t.Errorf("count on yellow is %v, want dark", p)
	}
}
