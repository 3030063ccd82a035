// Package ui is Reachmap's window: the world map, the table of items, the
// detail of one item, and the scan controls. It shows what package
// inventory returns and never talks to a cloud SDK itself; scans run off
// the UI thread and every update from another goroutine goes through
// fyne.Do or a data binding.
package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"reachmap/internal/about"
	"reachmap/providers"
	"reachmap/reach"
)

// Options are the window's start-up choices.
type Options struct {
	// Demo loads the demo estate at start.
	Demo bool
}

// Run opens the window and blocks until it is closed.
func Run(opts Options) {
	a := app.NewWithID(about.AppID)
	w := a.NewWindow(about.Name)
	d := newDashboard(w, reach.Home("EU"))
	w.SetContent(d.root)
	w.Resize(fyne.NewSize(1440, 900))
	if opts.Demo {
		d.startScan(providers.Config{Demo: true})
	}
	w.ShowAndRun()
}

// splitList splits user input on commas, spaces and newlines.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' || r == ';' })
}
