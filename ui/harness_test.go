package ui

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"github.com/zalando/go-keyring"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/aws"
	"github.com/reachmap/reachmap/providers/demo"
	"github.com/reachmap/reachmap/providers/mail"
	"github.com/reachmap/reachmap/store"
)

// postQueue stands in for fyne.Do in tests: the worker's goroutines queue
// their UI updates and the test runs them on its own goroutine.
type postQueue struct {
	mu sync.Mutex
	fs []func()
}

func (q *postQueue) add(f func()) {
	q.mu.Lock()
	q.fs = append(q.fs, f)
	q.mu.Unlock()
}

func (q *postQueue) run() bool {
	q.mu.Lock()
	fs := q.fs
	q.fs = nil
	q.mu.Unlock()
	for _, f := range fs {
		f()
	}
	return len(fs) > 0
}

// fakeEstate is what the fake provider finds, set by each test.
type fakeEstate struct {
	mu     sync.Mutex
	assets []providers.Asset
	gaps   []providers.Gap
	block  bool // wait for cancellation instead of finishing
}

func (f *fakeEstate) set(assets []providers.Asset, gaps []providers.Gap) {
	f.mu.Lock()
	f.assets, f.gaps = assets, gaps
	f.mu.Unlock()
}

// fakeProvider scans fakeEstate for the AWS profile "fake".
type fakeProvider struct{ e *fakeEstate }

func (p fakeProvider) Name() string { return "aws:fake" }

func (p fakeProvider) Scan(ctx context.Context, sink providers.Sink) error {
	p.e.mu.Lock()
	assets, gaps, block := slices.Clone(p.e.assets), slices.Clone(p.e.gaps), p.e.block
	p.e.mu.Unlock()
	if block {
		sink.Progress(providers.Progress{Provider: "aws", Account: "fake", Stage: "eu-west-3", Done: 0, Total: 3})
		<-ctx.Done()
		return ctx.Err()
	}
	for i, a := range assets {
		sink.Asset(a)
		sink.Progress(providers.Progress{Provider: "aws", Account: "fake", Stage: a.Region, Done: i + 1, Total: len(assets)})
	}
	for _, g := range gaps {
		sink.Gap(g)
	}
	return nil
}

// harness is a main window in Fyne's test driver with fakes around it.
type harness struct {
	t      testing.TB
	m      *mainWindow
	win    fyne.Window
	q      *postQueue
	estate *fakeEstate
	notes  []*fyne.Notification
	db     string
	app    fyne.App
}

type harnessOpts struct {
	profiles []aws.Profile
	db       string              // store path; "" = a new one in t.TempDir()
	prefs    map[string]any      // preferences set before the window is built
	region   string              // the system locale's region ("" = none)
	kinds    []providers.Factory // more provider kinds, after the usual ones
}

func newHarness(t testing.TB, o harnessOpts) *harness {
	t.Helper()
	keyring.MockInit()
	a := test.NewTempApp(t)
	return newHarnessIn(t, a, o)
}

// newHarnessIn builds a window in an existing test app, as a second run
// of the program would (same preferences).
func newHarnessIn(t testing.TB, a fyne.App, o harnessOpts) *harness {
	t.Helper()
	h := &harness{t: t, q: &postQueue{}, estate: &fakeEstate{}, db: o.db, app: a}
	if h.db == "" {
		h.db = filepath.Join(t.TempDir(), "scans.db")
	}
	for k, v := range o.prefs {
		switch v := v.(type) {
		case string:
			a.Preferences().SetString(k, v)
		case bool:
			a.Preferences().SetBool(k, v)
		case float64:
			a.Preferences().SetFloat(k, v)
		case []string:
			a.Preferences().SetStringList(k, v)
		}
	}
	est := h.estate
	// The AWS kind scans the estate for a profile named "fake".
	fake := aws.Factory
	fake.New = func(o providers.Options, _ providers.Shared) ([]providers.Provider, error) {
		if opts, _ := o.(aws.Options); slices.Contains(opts.Profiles, "fake") {
			return []providers.Provider{fakeProvider{est}}, nil
		}
		return nil, nil
	}
	profiles := o.profiles
	var opened []*store.Store
	d := deps{
		prefs:   a.Preferences(),
		secrets: keyringSecrets{},
		load: map[string]func() ([]providers.Item, error){"aws": func() ([]providers.Item, error) {
			var items []providers.Item
			for _, p := range profiles {
				items = append(items, aws.ProfileItem(p))
			}
			return items, nil
		}},
		registry: providers.NewRegistry(append([]providers.Factory{demo.Factory, fake, mail.Factory, aws.CompatFactory}, o.kinds...)...),
		openStore: func() (*store.Store, error) {
			st, err := store.Open(h.db)
			if err == nil {
				opened = append(opened, st)
			}
			return st, err
		},
		notify: func(n *fyne.Notification) { h.notes = append(h.notes, n) },
		region: o.region,
	}
	t.Cleanup(func() {
		for _, st := range opened {
			st.Close()
		}
	})
	h.win = test.NewTempWindow(t, nil)
	h.m = newMainWindow(h.win, d)
	h.m.work.post = h.q.add
	h.win.SetContent(h.m.root)
	h.win.Resize(fyne.NewSize(1440, 900))
	h.m.shortcuts(h.win.Canvas())
	return h
}

// settle runs background work and its UI updates until none is left.
func (h *harness) settle() {
	h.t.Helper()
	for {
		h.m.work.wg.Wait()
		if !h.q.run() {
			return
		}
	}
}

// start starts the window as Run does and waits for it to settle.
func (h *harness) start(demo bool) {
	h.m.start(demo)
	h.settle()
}

// shortcut types a Ctrl+key shortcut on the window.
func (h *harness) shortcut(k fyne.KeyName) {
	h.win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault})
}

// mapPos is where marker id is drawn, in canvas coordinates.
func (h *harness) mapPos(id int) (fyne.Position, bool) {
	d := h.m.dash
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(d.mapv)
	for _, dr := range d.mapv.Drawn() {
		if len(dr.IDs) == 1 && dr.IDs[0] == id {
			return origin.Add(dr.Pos), true
		}
	}
	return fyne.Position{}, false
}

// itemID is the index of the item named name in the shown scan.
func (h *harness) itemID(name string) int {
	h.t.Helper()
	for i, it := range h.m.scan.Assets {
		if it.Name == name {
			return i
		}
	}
	h.t.Fatalf("no item %q", name)
	return -1
}

// Visible reports whether the banner is shown.
func (b *banner) Visible() bool { return b.root.Visible() }

// Selected is the item the table was last told or tapped to select, or -1.
func (t *itemTable) Selected() int { return t.selected }
