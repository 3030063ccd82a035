package mapview

import (
	"image/color"

	"fyne.io/fyne/v2"
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
	var out []Drawn
	for ci := range m.s.Discs() {
		c := m.s.Disc(ci)
		sx, sy := m.s.V.ToScreen(c.X, c.Y)
		if sx < 0 || sy < 0 || sx >= m.s.V.W || sy >= m.s.V.H {
			continue
		}
		d := Drawn{Pos: fyne.NewPos(float32(sx), float32(sy)), Fill: c.Fill, Ring: c.Ring}
		for _, i := range c.Members {
			d.IDs = append(d.IDs, m.s.Marker(int(i)).ID)
		}
		out = append(out, d)
	}
	return out
}

// PositionOf returns where a place is drawn, in widget coordinates, and
// whether it is inside the widget.
func (m *Map) PositionOf(lat, lon float64) (fyne.Position, bool) {
	sx, sy, ok := m.s.PositionOf(lat, lon)
	return fyne.NewPos(float32(sx), float32(sy)), ok
}

// Colors returns the theme colours in use: ocean, unshaded land, borders.
func (m *Map) Colors() (ocean, land, border color.NRGBA) { return m.s.Colors() }
