package mapview

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/reachmap/reachmap/geo/world"
	"github.com/reachmap/reachmap/mapdraw"
)

// Tapped selects the marker under the pointer. A cluster zooms in to
// separate its members, or, when they all sit at one spot (several
// buckets in one region), selects its members in turn on each tap so the
// caller can show them one by one. A tap on empty map clears the
// selection and reports the country, if any.
func (m *Map) Tapped(ev *fyne.PointEvent) {
	ci := m.clusterAt(ev.Position)
	if ci < 0 {
		if m.selected != -1 {
			m.Select(-1)
			if m.OnSelected != nil {
				m.OnSelected(-1)
			}
		}
		if m.OnCountryTapped != nil {
			if iso, ok := m.CountryAt(ev.Position); ok {
				m.OnCountryTapped(iso)
			}
		}
		return
	}
	c := m.s.Disc(ci)
	members := c.Members
	if len(members) > 1 && !c.Exact && m.s.V.Zoom < mapdraw.MaxZoom {
		b := world.Box{MinX: math.Inf(1), MinY: math.Inf(1), MaxX: math.Inf(-1), MaxY: math.Inf(-1)}
		for _, i := range members {
			x, y, _ := m.s.Placed(int(i))
			b = b.Union(world.Box{MinX: x, MinY: y, MaxX: x, MaxY: y})
		}
		v := m.s.V.Framing(b, mapdraw.Insets{}.Add(fitPad), mapdraw.MaxZoom)
		if v.Zoom < m.s.V.Zoom*2 { // always make progress, even for a wide cluster
			v = m.s.V
			v.CX, v.CY = c.X, c.Y
			v.Zoom = math.Min(mapdraw.MaxZoom, m.s.V.Zoom*2)
			v = v.Clamped()
		}
		m.setView(v)
		return
	}
	next := members[0]
	for k, i := range members {
		if m.s.Marker(int(i)).ID == m.selected {
			next = members[(k+1)%len(members)]
			break
		}
	}
	id := m.s.Marker(int(next)).ID
	m.Select(id)
	if m.OnSelected != nil {
		m.OnSelected(id)
	}
}

// Dragged pans the map.
func (m *Map) Dragged(ev *fyne.DragEvent) {
	s := m.s.V.Scale()
	v := m.s.V
	v.CX -= float64(ev.Dragged.DX) / s
	v.CY += float64(ev.Dragged.DY) / s
	m.mousePos = ev.Position
	m.setView(v.Clamped())
}

// DragEnd is part of fyne.Draggable.
func (m *Map) DragEnd() {}

// Scrolled zooms about the pointer: one wheel notch is a factor of √2.
func (m *Map) Scrolled(ev *fyne.ScrollEvent) {
	dy := math.Max(-8*wheelNotch, math.Min(8*wheelNotch, float64(ev.Scrolled.DY)))
	if dy == 0 {
		return
	}
	f := math.Pow(2, dy/(2*wheelNotch))
	m.mousePos = ev.Position
	m.setView(m.s.V.ZoomAbout(f, float64(ev.Position.X), float64(ev.Position.Y)))
}

// MouseIn is part of desktop.Hoverable.
func (m *Map) MouseIn(ev *desktop.MouseEvent) {
	m.mouseIn = true
	m.hoverAt(ev.Position)
}

// MouseMoved is part of desktop.Hoverable.
func (m *Map) MouseMoved(ev *desktop.MouseEvent) {
	m.mouseIn = true
	m.hoverAt(ev.Position)
}

// MouseOut is part of desktop.Hoverable.
func (m *Map) MouseOut() {
	m.mouseIn = false
	m.setHovered(-1)
}

// Cursor is part of desktop.Cursorable: a pointing hand over a marker.
func (m *Map) Cursor() desktop.Cursor {
	if m.hovered >= 0 {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// FocusGained is part of fyne.Focusable.
func (m *Map) FocusGained() {}

// FocusLost is part of fyne.Focusable.
func (m *Map) FocusLost() {}

// TypedRune zooms with + and - (= too, the unshifted +) and fits the
// markers with 0.
func (m *Map) TypedRune(r rune) {
	switch r {
	case '+', '=':
		m.ZoomIn()
	case '-', '_':
		m.ZoomOut()
	case '0':
		m.FitToData()
	}
}

// TypedKey pans with the arrow keys by a sixth of the view.
func (m *Map) TypedKey(ev *fyne.KeyEvent) {
	s := m.s.V.Scale()
	dx, dy := m.s.V.W/6/s, m.s.V.H/6/s
	v := m.s.V
	switch ev.Name {
	case fyne.KeyLeft:
		v.CX -= dx
	case fyne.KeyRight:
		v.CX += dx
	case fyne.KeyUp:
		v.CY += dy
	case fyne.KeyDown:
		v.CY -= dy
	default:
		return
	}
	m.setView(v.Clamped())
}

// CountryAt returns the alpha-2 code of the country under a widget
// position, and whether there is land there at all.
func (m *Map) CountryAt(pos fyne.Position) (iso2 string, ok bool) {
	return m.s.CountryAt(float64(pos.X), float64(pos.Y))
}

// MarkerAt returns the ID of the marker drawn under a widget position
// (for a cluster, its first member's), or -1.
func (m *Map) MarkerAt(pos fyne.Position) int {
	ci := m.clusterAt(pos)
	if ci < 0 {
		return -1
	}
	return m.s.Marker(int(m.s.Disc(ci).Members[0])).ID
}

// Colocated returns the IDs of the markers drawn in the same disc as the
// marker with this ID at the current zoom (itself included), in marker
// order; nil if it is not on the map. A details panel can list them.
func (m *Map) Colocated(id int) []int {
	i, ok := m.s.Index(id)
	if !ok {
		return nil
	}
	ci := m.s.DiscOf(i)
	if ci < 0 {
		return nil
	}
	c := m.s.Disc(ci)
	out := make([]int, 0, len(c.Members))
	for _, k := range c.Members {
		out = append(out, m.s.Marker(int(k)).ID)
	}
	return out
}

func (m *Map) clusterAt(pos fyne.Position) int {
	return m.s.DiscAt(float64(pos.X), float64(pos.Y))
}

func (m *Map) hoverAt(pos fyne.Position) {
	m.mousePos = pos
	m.setHovered(m.clusterAt(pos))
}

// setHovered moves the hover ring and tooltip to disc ci (-1: none) and
// reports a change of hovered marker; it never touches the raster.
func (m *Map) setHovered(ci int) {
	if ci != m.hovered {
		m.hovered = ci
		m.updateHover()
	}
	id := -1
	if ci >= 0 {
		id = m.s.Marker(int(m.s.Disc(ci).Members[0])).ID
	}
	if id != m.hoverID {
		m.hoverID = id
		if m.OnHover != nil {
			m.OnHover(id)
		}
	}
}
