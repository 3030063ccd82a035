package mapview

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"github.com/reachmap/reachmap/mapdraw"
)

// screenPos is a disc's centre in widget units.
func (m *Map) screenPos(c mapdraw.Disc) fyne.Position {
	x, y := m.s.V.ToScreen(c.X, c.Y)
	return fyne.NewPos(float32(x), float32(y))
}

func (m *Map) updateOverlays() {
	m.updateSelection()
	m.updateHover()
}

func (m *Map) updateSelection() {
	ring := m.selRing
	i, ok := m.s.Index(m.selected)
	if ok {
		_, _, ok = m.s.Placed(i)
	}
	if !ok || m.selected < 0 {
		if ring.Visible() {
			ring.Hide()
			canvas.Refresh(ring)
		}
		return
	}
	c := m.s.Disc(m.s.DiscOf(i))
	r := float32(c.Outer + 3.5)
	ring.StrokeColor = theme.ColorForWidget(theme.ColorNamePrimary, m)
	ring.FillColor = color.Transparent
	ring.Move(m.screenPos(c).SubtractXY(r, r))
	ring.Resize(fyne.NewSquareSize(2 * r))
	ring.Show()
	canvas.Refresh(ring)
}

func (m *Map) updateHover() {
	if m.hovered < 0 || m.hovered >= m.s.Discs() {
		m.hideHover()
		return
	}
	c := m.s.Disc(m.hovered)
	pos := m.screenPos(c)
	r := float32(c.Outer + 2)
	m.hoverRing.StrokeColor = m.contrast()
	m.hoverRing.FillColor = color.Transparent
	m.hoverRing.Move(pos.SubtractXY(r, r))
	m.hoverRing.Resize(fyne.NewSquareSize(2 * r))
	m.hoverRing.Show()
	canvas.Refresh(m.hoverRing)
	m.showTip(m.tipText(c), pos, float32(c.Outer))
}

func (m *Map) hideHover() {
	objs := []fyne.CanvasObject{m.hoverRing, m.tipBG}
	for _, t := range m.tipLines {
		objs = append(objs, t)
	}
	for _, o := range objs {
		if o.Visible() {
			o.Hide()
			canvas.Refresh(o)
		}
	}
}

// tipText is the tooltip for a disc: a marker's own label, or for a
// cluster a count and the first lines of a few members.
func (m *Map) tipText(c mapdraw.Disc) []string {
	members := c.Members
	if len(members) == 1 {
		lines := strings.Split(strings.TrimSpace(m.s.Marker(int(members[0])).Label), "\n")
		if len(lines) > maxTipLines {
			lines = append(lines[:maxTipLines-1], "…")
		}
		return lines
	}
	w := m.Words.orDefault()
	lines := []string{w.Items(len(members), c.Exact)}
	for k, i := range members {
		if k == maxTipLines-2 && len(members) > maxTipLines-1 {
			lines = append(lines, w.More(len(members)-k))
			break
		}
		first, _, _ := strings.Cut(strings.TrimSpace(m.s.Marker(int(i)).Label), "\n")
		lines = append(lines, first)
	}
	return lines
}

// showTip lays the tooltip out beside a disc at pos, flipping to the left
// and clamping vertically so it stays inside the widget.
func (m *Map) showTip(lines []string, pos fyne.Position, radius float32) {
	if len(lines) == 0 || (len(lines) == 1 && lines[0] == "") {
		m.tipBG.Hide()
		for _, t := range m.tipLines {
			t.Hide()
		}
		canvas.Refresh(m.tipBG)
		return
	}
	th := m.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	ts := th.Size(theme.SizeNameText)
	pad := th.Size(theme.SizeNameInnerPadding) / 2
	fg := th.Color(theme.ColorNameForeground, v)
	var wmax, hsum float32
	sizes := make([]fyne.Size, len(lines))
	for i, l := range lines {
		st := fyne.TextStyle{Bold: i == 0}
		sizes[i] = fyne.MeasureText(l, ts, st)
		wmax = max(wmax, sizes[i].Width)
		hsum += sizes[i].Height
	}
	tw, th2 := wmax+4*pad, hsum+2*pad
	gap := radius + 8
	x := pos.X + gap
	if x+tw > float32(m.s.V.W)-4 {
		x = pos.X - gap - tw
	}
	x = max(4, x)
	y := pos.Y - th2/2
	y = max(4, min(float32(m.s.V.H)-th2-4, y))
	m.tipBG.FillColor = th.Color(theme.ColorNameOverlayBackground, v)
	m.tipBG.StrokeColor = th.Color(theme.ColorNameSeparator, v)
	m.tipBG.Move(fyne.NewPos(x, y))
	m.tipBG.Resize(fyne.NewSize(tw, th2))
	m.tipBG.Show()
	canvas.Refresh(m.tipBG)
	ly := y + pad
	for i, t := range m.tipLines {
		if i >= len(lines) {
			if t.Visible() {
				t.Hide()
				canvas.Refresh(t)
			}
			continue
		}
		t.Text = lines[i]
		t.TextSize = ts
		t.TextStyle = fyne.TextStyle{Bold: i == 0}
		t.Color = fg
		t.Move(fyne.NewPos(x+2*pad, ly))
		t.Resize(sizes[i])
		t.Show()
		canvas.Refresh(t)
		ly += sizes[i].Height
	}
}

// contrast is the colour of the hover ring: it must stand out against
// the map, whatever the app's theme, so it follows the ocean's lightness.
func (m *Map) contrast() color.NRGBA {
	if m.s.Halo().R < 0x80 {
		return color.NRGBA{R: 0xf2, G: 0xf4, B: 0xf7, A: 0xe6}
	}
	return color.NRGBA{R: 0x2a, G: 0x31, B: 0x3a, A: 0xd9}
}
