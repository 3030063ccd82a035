package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/internal/about"
)

// licencesCard is the About screen's link to the third-party notices: the
// licence of every Go module in the binary (about.Notices), opened in a
// window of their own.
func licencesCard() *widget.Card {
	open := &widget.Button{Text: tr("Show the licences of the Go modules"), OnTapped: showNotices}
	return widget.NewCard(tr("Third-party licences"), "", container.NewVBox(
		para(tr("Reachmap is built from Go modules written by others; each keeps its own licence. The packages also ship them as {{.File}}.", "File", about.NoticesFile)),
		container.NewHBox(open)))
}

// showNotices opens the notices in a window. They run to thousands of
// lines, so a list draws only the lines in view.
func showNotices() {
	lines := strings.Split(about.Notices(), "\n")
	list := widget.NewList(
		func() int { return len(lines) },
		func() fyne.CanvasObject {
			return &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}, Truncation: fyne.TextTruncateEllipsis}
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(lines[i]) },
	)
	list.HideSeparators = true
	w := fyne.CurrentApp().NewWindow(tr("Third-party licences") + " — " + about.Name)
	w.SetContent(list)
	w.Resize(fyne.NewSize(760, 640))
	w.Show()
}
