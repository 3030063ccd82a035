// Package ui is Reachmap's window: the world map, the table of items, the
// detail of one item, the changes since the previous scan, the accounts
// to scan and the settings. It shows what package inventory returns and
// never talks to a cloud SDK itself; slow work runs off the UI thread
// (see worker) and every update from another goroutine goes through
// fyne.Do or a data binding.
//
// Every screen, and every part of one, follows one pattern. It is a struct
// that holds its widgets, made by newX from what it needs (settings, the
// worker, a model such as itemView); root is the object its container lays
// out, and the only field anyone else reads. It is told what to show
// through its methods (main thread) and says what the user did through its
// On… callback fields, which the one who made it sets; its widgets are
// struct literals whose handlers are its named on… methods. No screen reads
// another's fields: the window (window.go) wires the screens together.
package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/reachmap/reachmap/assets"
	"github.com/reachmap/reachmap/internal/about"
	"github.com/reachmap/reachmap/providers/all"
	"github.com/reachmap/reachmap/store"
	"github.com/reachmap/reachmap/ui/mapview"
)

// Options are the window's start-up choices.
type Options struct {
	// Demo loads the demo estate at start instead of the last scan.
	Demo bool
	// StorePath is the scan store; empty means store.DefaultPath().
	StorePath string
}

// Run opens the window and blocks until it is closed.
func Run(opts Options) {
	start := time.Now()
	tuneMemory()
	// Decoding the world map takes a quarter of a second: start it now,
	// beside the window's own start-up.
	go mapview.Preload()
	migrateAppID()
	a := app.NewWithID(about.AppID)
	checkStorageRoot(a)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	loadTranslations()
	w := a.NewWindow(about.Name)
	m := newMainWindow(w, deps{
		prefs:     a.Preferences(),
		secrets:   keyringSecrets{},
		registry:  all.Registry(),
		openStore: storeOpener(opts.StorePath),
		notify:    a.SendNotification,
		region:    systemRegion(),
	})
	m.started = start
	w.SetContent(m.root)
	size := m.set.WindowSize()
	w.Resize(size)
	m.shortcuts(w.Canvas())
	w.SetCloseIntercept(func() {
		m.saveState()
		w.Close()
	})
	a.Lifecycle().SetOnStopped(m.close)
	m.start(opts.Demo)
	// Shown first (which makes the window, and so knows its scale), then
	// fitted to the screen, then run: the first frame is drawn at the
	// fitted size.
	w.Show()
	fitToScreen(w, size)
	a.Run()
}

// storeOpener opens the scan store at path, or at the default place.
func storeOpener(path string) func() (*store.Store, error) {
	return func() (*store.Store, error) {
		p := path
		if p == "" {
			var err error
			if p, err = store.DefaultPath(); err != nil {
				return nil, err
			}
		}
		return store.Open(p)
	}
}

// close releases the store when the app stops.
func (m *mainWindow) close() {
	m.scnr.Cancel()
	if m.store != nil {
		if err := m.store.Close(); err != nil {
			fyne.LogError("closing the scan store", err)
		}
	}
}
