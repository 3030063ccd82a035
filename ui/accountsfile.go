package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fileField is a FieldFile's entry with a "Choose…" button beside it: the
// path can be typed or pasted, or picked in a file dialog (filtered to
// exts) that fills the entry. The file is read only when the person adds
// the entry, by the provider's Add. Main thread.
func (a *accountsScreen) fileField(e *widget.Entry, exts []string) fyne.CanvasObject {
	choose := widget.NewButtonWithIcon(tr("Choose…"), theme.FolderOpenIcon(), func() {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return // cancelled, or nothing the dialog could open
			}
			defer r.Close()
			e.SetText(r.URI().Path())
		}, a.d.win)
		if len(exts) > 0 {
			d.SetFilter(storage.NewExtensionFileFilter(exts))
		}
		// Fyne's dialog opens at its minimum, too small to find a file in.
		size := a.d.win.Canvas().Size()
		d.Resize(fyne.NewSize(min(900, size.Width*0.8), min(640, size.Height*0.8)))
		d.Show()
	})
	return container.NewBorder(nil, nil, nil, choose, e)
}
