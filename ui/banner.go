package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/inventory"
)

// banner is the in-window notice that a scan found data newly within a
// foreign government's reach. It stays until dismissed, unlike the
// system notification, which may be missed or turned off.
type banner struct {
	root  *fyne.Container
	bg    *canvas.Rectangle
	text  *widget.Label
	names *widget.Label

	// OnShow is called by the banner's "Show changes" button.
	OnShow func()
}

func newBanner() *banner {
	b := &banner{bg: canvas.NewRectangle(color.Transparent)}
	b.text = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	b.names = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	show := &widget.Button{Text: tr("Show changes"), Icon: theme.HistoryIcon(), OnTapped: b.onShow}
	closeBtn := &widget.Button{Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: b.Hide}
	row := container.NewBorder(nil, nil, container.NewHBox(widget.NewIcon(theme.WarningIcon()), b.text), container.NewHBox(show, closeBtn), b.names)
	b.root = container.NewStack(b.bg, container.NewPadded(row))
	b.Restyle()
	b.root.Hide()
	return b
}

func (b *banner) onShow() { call(b.OnShow) }

// Show displays msg and the names of the items concerned. Main thread.
func (b *banner) Show(msg string, items []inventory.Item) {
	b.text.SetText(msg)
	b.names.SetText(namesOf(items, 5))
	b.root.Show()
}

// Hide dismisses the banner. Main thread.
func (b *banner) Hide() { b.root.Hide() }

// Restyle follows a theme change.
func (b *banner) Restyle() {
	c := color.NRGBAModel.Convert(theme.Color(theme.ColorNameWarning)).(color.NRGBA)
	c.A = 0x40
	b.bg.FillColor = c
	b.bg.Refresh()
}
