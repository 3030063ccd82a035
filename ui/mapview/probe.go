package mapview

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"

	"github.com/reachmap/reachmap/geo/world"
)

// Drawn is one disc as the map draws it now: a single marker or a cluster.
type Drawn struct {
	IDs  []int         // the members' marker IDs
	Pos  fyne.Position // centre, in widget coordinates (Fyne units)
	Fill color.NRGBA
	Ring color.NRGBA
}

// Drawn lists the discs inside the widget at the current view, for the
// window's self-report that the smoke test checks against a screenshot.
// Main thread.
func (m *Map) Drawn() []Drawn {
	m.ensureClusters()
	var out []Drawn
	for _, c := range m.cl.list {
		sx, sy := m.v.toScreen(c.x, c.y)
		if sx < 0 || sy < 0 || sx >= m.v.w || sy >= m.v.h {
			continue
		}
		d := Drawn{Pos: fyne.NewPos(float32(sx), float32(sy)), Fill: c.fill, Ring: c.ring}
		for _, i := range m.cl.members[c.start : c.start+c.n] {
			d.IDs = append(d.IDs, m.markers[i].ID)
		}
		out = append(out, d)
	}
	return out
}

// PositionOf returns where a place is drawn, in widget coordinates, and
// whether it is inside the widget.
func (m *Map) PositionOf(lat, lon float64) (fyne.Position, bool) {
	x, y := world.Project(normLon(lon), lat)
	sx, sy := m.v.toScreen(x, y)
	ok := !math.IsNaN(sx) && sx >= 0 && sy >= 0 && sx < m.v.w && sy < m.v.h
	return fyne.NewPos(float32(sx), float32(sy)), ok
}

// Colors returns the theme colours in use: ocean, unshaded land, borders.
func (m *Map) Colors() (ocean, land, border color.NRGBA) { return m.ocean, m.land, m.border }

// Renders counts how often the map has repainted its country layer and
// its markers, so an app can check that hovering repaints nothing.
func (m *Map) Renders() (countries, frames int) { return m.baseRenders, m.frameRenders }
