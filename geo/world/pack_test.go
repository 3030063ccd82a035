package world

import (
	"reflect"
	"slices"
	"testing"
	"unsafe"

	"github.com/reachmap/reachmap/assets"
)

// deepCopy copies w slice by slice, as Load built it before pack.
func deepCopy(w *World) *World {
	out := &World{}
	for _, c := range w.Countries {
		nc := c
		nc.Polygons = nil
		for _, p := range c.Polygons {
			nc.Polygons = append(nc.Polygons, Polygon{X: slices.Clone(p.X), Y: slices.Clone(p.Y), Rings: slices.Clone(p.Rings), Box: p.Box})
		}
		out.Countries = append(out.Countries, nc)
	}
	for _, l := range w.Lines {
		l.X, l.Y = slices.Clone(l.X), slices.Clone(l.Y)
		out.Lines = append(out.Lines, l)
	}
	return out
}

// TestPackKeepsTheWorld packs a world built slice by slice and finds the
// same countries, rings and lines, every slice capped at its length so
// that growing one cannot overwrite its neighbour in the shared block.
func TestPackKeepsTheWorld(t *testing.T) {
	for name, w := range map[string]*World{"50m": load(t, assets.Countries50m), "simplified": load(t, assets.Countries50m).Simplify(0.0056)} {
		loose := deepCopy(w)
		packed := deepCopy(w)
		packed.pack()
		if !reflect.DeepEqual(packed, loose) {
			t.Fatalf("%s: the packed world differs from the one it was made of", name)
		}
		for _, c := range packed.Countries {
			if cap(c.Polygons) != len(c.Polygons) {
				t.Fatalf("%s: %s's polygons have room to grow into the next country's", name, c.Name)
			}
			for _, p := range c.Polygons {
				if cap(p.X) != len(p.X) || cap(p.Y) != len(p.Y) || cap(p.Rings) != len(p.Rings) {
					t.Fatalf("%s: a polygon of %s has room to grow into its neighbour", name, c.Name)
				}
			}
		}
		first := &packed.Countries[0].Polygons[0]
		next := slices.Clone(packed.Countries[0].Polygons[0].Y)
		_ = append(first.X, 99)
		if !slices.Equal(first.Y, next) {
			t.Fatalf("%s: appending to a ring's X changed its Y", name)
		}
	}
}

// TestLoadIsPacked checks that what Load and Simplify return is packed
// already: every coordinate in one block exactly as long as they are.
func TestLoadIsPacked(t *testing.T) {
	w := load(t, assets.Countries50m)
	for _, v := range []*World{w, w.Simplify(0.0028)} {
		lo, hi, n := ^uintptr(0), uintptr(0), 0
		see := func(xs []float32) {
			if len(xs) == 0 {
				return
			}
			a := uintptr(unsafe.Pointer(unsafe.SliceData(xs)))
			lo, hi, n = min(lo, a), max(hi, a+uintptr(4*len(xs))), n+len(xs)
		}
		for _, c := range v.Countries {
			for _, p := range c.Polygons {
				see(p.X)
				see(p.Y)
			}
		}
		for _, l := range v.Lines {
			see(l.X)
			see(l.Y)
		}
		if n == 0 || hi-lo != uintptr(4*n) {
			t.Fatalf("%d coordinates span %d bytes, not one block of %d", n, hi-lo, 4*n)
		}
	}
}
