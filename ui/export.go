package ui

import (
	"bytes"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/mapdraw"
	"github.com/reachmap/reachmap/report"
)

// exportFormat is one entry of the export menu.
type exportFormat struct {
	ID    string // report.Write's format name, or "png"
	Label string // English key
	Ext   string
}

var exportFormats = []exportFormat{
	{"csv", "CSV for a spreadsheet or a record of processing", ".csv"},
	{"json", "JSON (the command line's format)", ".json"},
	{"geojson", "GeoJSON for a GIS tool or a slide", ".geojson"},
	{"html", "HTML report with the map", ".html"},
	{"png", "PNG image of the map", ".png"},
}

// exportBytes writes a scan in a format. The PNG is the map as the user
// sees it (colour mode and theme) with its legend; the HTML report embeds
// the report's own map (MapPNG). Safe for any goroutine.
func exportBytes(scan *inventory.Scan, format string, byHome bool, pal mapPalette) ([]byte, error) {
	switch format {
	case "png":
		return renderMapPNG(scan, byHome, pal, pngWidth, pngHeight, true)
	case "html":
		img, err := mapdraw.ReportPNG(scan)
		if err != nil {
			return nil, fmt.Errorf("render the map: %w", err)
		}
		var buf bytes.Buffer
		err = report.WriteHTML(&buf, scan, img)
		return buf.Bytes(), err
	}
	var buf bytes.Buffer
	err := report.Write(&buf, scan, format)
	return buf.Bytes(), err
}

// exportName is the file name offered: reachmap-2026-11-22.csv.
func exportName(scan *inventory.Scan, f exportFormat) string {
	return "reachmap-" + scan.ScannedAt.Local().Format("2006-01-02") + f.Ext
}

// updateExport enables the export button when there is a scan to export.
func (m *mainWindow) updateExport() {
	if m.scan == nil {
		m.export.Disable()
	} else {
		m.export.Enable()
	}
}

// showExportMenu opens the list of formats under the export button.
func (m *mainWindow) showExportMenu() {
	if m.scan == nil {
		return
	}
	var items []*fyne.MenuItem
	for _, f := range exportFormats {
		items = append(items, fyne.NewMenuItem(tr(f.Label), func() { m.exportAs(f) }))
	}
	items = append(items, fyne.NewMenuItemSeparator(), fyne.NewMenuItem(tr("Evidence pack…"), m.exportPack))
	c := m.win.Canvas()
	pos := fyne.NewPos(0, m.export.Size().Height)
	widget.ShowPopUpMenuAtRelativePosition(fyne.NewMenu("", items...), c, pos, m.export)
}

// exportAs asks where to save, then writes the file off the UI thread.
func (m *mainWindow) exportAs(f exportFormat) {
	scan := m.scan
	byHome, pal := m.dash.Look()
	if scan == nil {
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, m.win)
			return
		}
		if w == nil {
			return // cancelled
		}
		m.setStatus(tr("Exporting {{.Name}}…", "Name", w.URI().Name()))
		m.writeExport(w, scan, f.ID, byHome, pal)
	}, m.win)
	d.SetFileName(exportName(scan, f))
	d.SetFilter(storage.NewExtensionFileFilter([]string{f.Ext}))
	d.Resize(m.win.Canvas().Size().Subtract(fyne.NewSize(120, 120)))
	d.Show()
}

// writeExport renders and writes an export in the background.
func (m *mainWindow) writeExport(w io.WriteCloser, scan *inventory.Scan, format string, byHome bool, pal mapPalette) {
	name := ""
	if u, ok := w.(fyne.URIWriteCloser); ok {
		name = u.URI().Path()
	}
	background(m.work, func() (struct{}, error) {
		b, err := exportBytes(scan, format, byHome, pal)
		if err != nil {
			w.Close()
			return struct{}{}, err
		}
		if _, err := w.Write(b); err != nil {
			w.Close()
			return struct{}{}, err
		}
		return struct{}{}, w.Close()
	}, func(_ struct{}, err error) {
		if err != nil {
			m.setStatus(tr("The export failed: {{.Error}}", "Error", err.Error()))
			dialog.ShowError(err, m.win)
			return
		}
		m.setStatus(tr("Exported to {{.Path}}", "Path", name))
	})
}
