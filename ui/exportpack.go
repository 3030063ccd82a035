package ui

import (
	"context"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/mapdraw"
	"github.com/reachmap/reachmap/pack"
	"github.com/reachmap/reachmap/store"
)

// exportPack asks for a folder, then writes the evidence pack of the scan
// shown into a new directory there, in the window's language, off the UI
// thread.
func (m *mainWindow) exportPack() {
	scan, st := m.scan, m.store
	if scan == nil {
		return
	}
	d := dialog.NewFolderOpen(func(folder fyne.ListableURI, err error) {
		if err != nil {
			dialog.ShowError(err, m.win)
			return
		}
		if folder == nil {
			return // cancelled
		}
		m.setStatus(tr("Writing the evidence pack…"))
		background(m.work, func() (string, error) {
			return writePack(st, scan, folder.Path())
		}, func(dir string, err error) {
			if err != nil {
				m.setStatus(tr("The export failed: {{.Error}}", "Error", err.Error()))
				dialog.ShowError(err, m.win)
				return
			}
			m.setStatus(tr("Evidence pack written to {{.Path}}", "Path", dir))
		})
	}, m.win)
	d.Resize(m.win.Canvas().Size().Subtract(fyne.NewSize(120, 120)))
	d.Show()
}

// writePack writes the evidence pack of scan into a new directory in
// folder, with the saved scan before it when the store (nil: none) holds
// the scan, and returns the directory. Safe for any goroutine.
func writePack(st *store.Store, scan *inventory.Scan, folder string) (string, error) {
	in, err := pack.Find(context.Background(), st, scan)
	if err != nil {
		return "", err
	}
	in.Lang = windowLanguage
	if png, err := mapdraw.ReportPNG(scan); err == nil {
		in.Map = png // a map that fails to draw costs the map, not the pack
	}
	dir := filepath.Join(folder, pack.DirName(in))
	_, err = pack.Write(dir, in)
	return dir, err
}
