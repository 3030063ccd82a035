package mapdraw

import (
	"sync"

	"github.com/reachmap/reachmap/assets"
	"github.com/reachmap/reachmap/geo/world"
)

// Atlas is the decoded map with simplified copies for low zooms. It is
// read-only once built and shared by every scene.
type Atlas struct {
	full   *world.World
	levels []lod // coarsest first
}

// lod is the world simplified to within tol plane units.
type lod struct {
	tol float64
	w   *world.World
}

// lodPixels is how far (device pixels) a simplified outline may stray from
// the 1:50m one; below half a pixel the difference cannot be seen.
const lodPixels = 0.5

// pick returns the coarsest copy whose simplification stays under
// lodPixels at s device pixels per plane unit.
func (a *Atlas) pick(s float64) *world.World {
	for _, l := range a.levels {
		if l.tol*s <= lodPixels {
			return l.w
		}
	}
	return a.full
}

// LoadAtlas decodes the embedded 1:50m countries once per process (about
// a quarter of a second) and prepares simplified copies at 1.4, 2.8, 5.6
// and 11.2 thousandths of a plane unit (about half a pixel at zoom 1 on a
// 1920-pixel map, then halving the resolution each time). Safe for any
// goroutine.
var LoadAtlas = sync.OnceValues(func() (*Atlas, error) {
	w, err := world.Load(assets.Countries50m)
	if err != nil {
		return nil, err
	}
	a := &Atlas{full: w}
	for _, tol := range []float64{0.0112, 0.0056, 0.0028, 0.0014} {
		a.levels = append(a.levels, lod{tol, w.Simplify(tol)})
	}
	return a, nil
})

// EmptyAtlas is a world with no countries: the ocean alone, drawn while
// the real one is decoded or if the embedded data is broken.
func EmptyAtlas() *Atlas { return &Atlas{full: &world.World{}} }
