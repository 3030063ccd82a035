package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/mapdraw"
	"github.com/reachmap/reachmap/reach"
)

// legend is the map's key, a compact strip along the bottom of the map
// (over Antarctica, where no data lives) with the colour mode switch at
// its start; the key folds away, leaving the switch and one button.
//
// On a small map the key folds by itself (the summary bar's chips above
// the map carry the same colours and words), so that it never covers a
// third of the map; the person can still unfold it. open is the person's
// choice, which is saved; shown is what the legend shows now.
type legend struct {
	root   *fyne.Container
	bg     *canvas.Rectangle
	body   *fyne.Container
	toggle *widget.Button
	mode   fyne.CanvasObject // the colour mode switch
	open   bool
	shown  bool
	small  bool
	byHome bool
	home   reach.Home

	// OnToggled is called when the user folds or unfolds the legend.
	OnToggled func(open bool)
}

func newLegend(open bool, mode fyne.CanvasObject) *legend {
	l := &legend{open: open, shown: open, home: reach.HomeEU, mode: mode}
	l.bg = canvas.NewRectangle(color.Transparent)
	l.bg.CornerRadius = theme.InputRadiusSize()
	l.toggle = &widget.Button{Importance: widget.LowImportance, OnTapped: l.onToggle}
	l.body = container.NewVBox()
	l.root = container.NewStack(l.bg, container.NewPadded(l.body))
	l.rebuild()
	return l
}

func (l *legend) onToggle() {
	l.shown = !l.shown
	l.open = l.shown
	l.rebuild()
	if l.OnToggled != nil {
		l.OnToggled(l.open)
	}
}

// smallMap is the room below which the key folds by itself: the map is
// then too small for a four-line key (a 1280×720 screen's map).
var smallMap = fyne.NewSize(760, 380)

// SetRoom tells the legend the size of the map it lies on. Crossing
// smallMap folds or restores the key without touching the saved choice.
// It reports whether the legend changed. Main thread.
func (l *legend) SetRoom(size fyne.Size) bool {
	small := size.Width < smallMap.Width || size.Height < smallMap.Height
	if small == l.small {
		return false
	}
	l.small = small
	shown := l.open && !small
	if shown == l.shown {
		return false
	}
	l.shown = shown
	l.rebuild()
	return true
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
	if !l.shown {
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

// roomLayout stacks the map and its overlays, and tells onSize the size
// it lays them out at (after the pass, through fyne.Do, as what it calls
// may change the overlays' size).
type roomLayout struct {
	last   *fyne.Size
	onSize func(fyne.Size)
}

func (l roomLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return layout.NewStackLayout().MinSize(objs)
}

func (l roomLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	layout.NewStackLayout().Layout(objs, size)
	if *l.last != size {
		*l.last = size
		fyne.Do(func() { l.onSize(size) })
	}
}
