package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/mapdraw"
	"github.com/reachmap/reachmap/reach"
)

// legend is the map's key, a compact strip along the bottom of the map
// (over Antarctica, where no data lives) with the colour mode switch at
// its start; the key folds away, leaving the switch and one button.
type legend struct {
	root   *fyne.Container
	bg     *canvas.Rectangle
	body   *fyne.Container
	toggle *widget.Button
	mode   fyne.CanvasObject // the colour mode switch
	open   bool
	byHome bool
	home   reach.Home

	// OnToggled is called when the user folds or unfolds the legend.
	OnToggled func(open bool)
}

func newLegend(open bool, mode fyne.CanvasObject) *legend {
	l := &legend{open: open, home: reach.HomeEU, mode: mode}
	l.bg = canvas.NewRectangle(color.Transparent)
	l.bg.CornerRadius = theme.InputRadiusSize()
	l.toggle = &widget.Button{Importance: widget.LowImportance, OnTapped: l.onToggle}
	l.body = container.NewVBox()
	l.root = container.NewStack(l.bg, container.NewPadded(l.body))
	l.rebuild()
	return l
}

func (l *legend) onToggle() {
	l.open = !l.open
	l.rebuild()
	if l.OnToggled != nil {
		l.OnToggled(l.open)
	}
}

// Show sets the colour mode the legend explains. Main thread.
func (l *legend) Show(byHome bool, home reach.Home) {
	l.byHome, l.home = byHome, home
	l.rebuild()
}

// Restyle follows a theme change.
func (l *legend) Restyle() { l.rebuild() }

// Height is the legend's height, for the map to keep markers clear of it.
func (l *legend) Height() float32 { return l.root.MinSize().Height }

func (l *legend) rebuild() {
	bg := color.NRGBAModel.Convert(theme.Color(theme.ColorNameOverlayBackground)).(color.NRGBA)
	bg.A = 0xe6
	l.bg.FillColor = bg
	l.bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	l.bg.StrokeWidth = 1
	l.body.RemoveAll()
	if !l.open {
		l.toggle.SetIcon(theme.MenuExpandIcon())
		l.toggle.SetText(tr("Legend"))
		l.body.Add(container.NewHBox(l.toggle, l.mode))
		l.root.Refresh()
		return
	}
	l.toggle.SetIcon(theme.MenuDropDownIcon())
	l.toggle.SetText("")
	var key fyne.CanvasObject
	if l.byHome {
		grid := container.NewGridWithColumns(2)
		for _, c := range reach.Categories {
			grid.Add(legendChip(mapdraw.CategoryColor(c), color.NRGBA{}, categoryExplained(c, l.home)))
		}
		key = grid
	} else {
		row := container.NewHBox(legendTitle(tr("Dot: the country where the data is (its law reaches it)")))
		for _, b := range blocs {
			row.Add(legendChip(b.Color, color.NRGBA{}, b.Label()))
		}
		key = container.NewVBox(row, container.NewHBox(
			legendChip(blocEU.Color, blocUS.Color, tr("Ring: another country's law reaches it too, through the company that runs it (here: EU soil, US company)"))))
	}
	l.body.Add(container.NewHBox(l.toggle, l.mode))
	l.body.Add(key)
	l.root.Refresh()
}

func legendTitle(s string) fyne.CanvasObject {
	t := canvas.NewText(s, theme.Color(theme.ColorNameForeground))
	t.TextSize = theme.CaptionTextSize()
	t.TextStyle = fyne.TextStyle{Bold: true}
	return container.NewCenter(t)
}

// legendChip is a small disc (with a ring when ring is opaque) and its
// caption, drawn like the map's markers.
func legendChip(fill, ring color.NRGBA, label string) fyne.CanvasObject {
	dot := canvas.NewCircle(fill)
	size := float32(11)
	if ring.A != 0 {
		dot.StrokeColor = ring
		dot.StrokeWidth = 3
		size = 15
	}
	t := canvas.NewText(label, theme.Color(theme.ColorNameForeground))
	t.TextSize = theme.CaptionTextSize()
	return container.NewHBox(container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(size), dot)), container.NewCenter(t))
}
