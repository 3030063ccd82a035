package ui

import (
	"context"
	"errors"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/policy"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/aws"
	"github.com/reachmap/reachmap/providers/demo"
	"github.com/reachmap/reachmap/providers/mail"
	"github.com/reachmap/reachmap/reach"
	"github.com/reachmap/reachmap/store"
)

// deps are what the window needs from the outside world. Run passes the
// real ones; tests pass fakes (a memory keyring, no AWS files, a store in
// a temporary directory, a recorded notification).
type deps struct {
	prefs    fyne.Preferences
	secrets  secretStore
	registry *providers.Registry // the provider kinds: all.Registry()
	// load, by provider kind, replaces its checklist's Load (tests).
	load      map[string]func() ([]providers.Item, error)
	openStore func() (*store.Store, error)
	notify    func(*fyne.Notification)
}

// screenID names the window's screens, in the order of the header.
type screenID int

const (
	screenMap screenID = iota
	screenChanges
	screenAccounts
	screenSettings
	screenAbout
)

// mainWindow is the window: a header to switch screens, scan and export;
// the screens; a banner for news; and a status bar with the scan's
// progress. It owns the state the screens show: the scan, the one before
// it, the policy, the accounts found.
type mainWindow struct {
	win  fyne.Window
	deps deps
	set  settings
	reg  *providers.Registry
	pset providers.Settings // the providers' view of the settings and keyring
	work *worker
	scnr *scanner

	scan      *inventory.Scan // shown
	demo      bool            // the scan shown is the demo estate
	store     *store.Store    // nil until opened (or if it cannot be)
	storeErr  error
	lastSaved *inventory.Scan // newest scan in the store
	prevSaved *inventory.Scan // the one before it: the Changes view compares them
	pol       *policy.Policy
	polErr    error

	screen   screenID
	nav      []*widget.Button
	content  *fyne.Container
	dash     *dashboard
	changes  *changesScreen
	accounts *accountsScreen
	settings *settingsScreen
	about    *aboutScreen
	banner   *banner
	scanBtn  *widget.Button
	export   *widget.Button
	status   *widget.Label
	progress *widget.ProgressBar
	cancel   *widget.Button
	root     fyne.CanvasObject

	started    time.Time
	shownAfter time.Duration // start → first scan on screen
	onShown    func()        // test hook: a scan was put on screen
}

func newMainWindow(win fyne.Window, d deps) *mainWindow {
	m := &mainWindow{win: win, deps: d, set: settings{p: d.prefs}, reg: d.registry, work: newWorker(), started: time.Now()}
	m.pset = providerSettings{p: d.prefs, secrets: d.secrets}
	m.scnr = newScanner(m.work, m.reg, m.pset)
	m.build()
	// Follow theme changes (the settings screen, the system's dark mode):
	// the map's colours are the app's, not the theme's.
	if a := fyne.CurrentApp(); a != nil {
		a.Settings().AddListener(func(fyne.Settings) { fyne.Do(m.Restyle) })
	}
	return m
}

func (m *mainWindow) build() {
	m.dash = newDashboard(m.set, emptyActions{Demo: m.startDemo, AddAccount: func() { m.showScreen(screenAccounts) }, ScanAccounts: m.scanAccounts})
	m.dash.OnHome = m.setHome
	m.dash.OnSelected = func(int) { m.reportSoon() }
	m.changes = newChangesScreen()
	m.changes.OnSelect = m.selectByIdentity
	m.accounts = newAccountsScreen(accountsDeps{kinds: m.reg.Factories(), settings: m.pset, work: m.work, win: m.win,
		load: m.deps.load, progress: m.scnr.Progress, status: m.scnr.Status})
	m.accounts.OnScan = m.scanAccounts
	m.accounts.OnCancel = m.scnr.Cancel
	m.accounts.OnChanged = m.accountsChanged
	m.settings = newSettingsScreen(m.set, m.work, m.win)
	m.settings.OnHome = m.setHome
	m.settings.OnPolicy = m.loadPolicy
	m.about = newAboutScreen()
	m.banner = newBanner()
	m.banner.OnShow = func() { m.showScreen(screenChanges) }

	titles := []string{tr("Map"), tr("Changes"), tr("Accounts"), tr("Settings"), tr("About")}
	icons := []fyne.Resource{theme.GridIcon(), theme.HistoryIcon(), theme.AccountIcon(), theme.SettingsIcon(), theme.InfoIcon()}
	navBox := container.NewHBox()
	for i, t := range titles {
		id := screenID(i)
		b := widget.NewButtonWithIcon(t, icons[i], func() { m.showScreen(id) })
		m.nav = append(m.nav, b)
		navBox.Add(b)
	}
	m.scanBtn = widget.NewButtonWithIcon(tr("Scan"), theme.ViewRefreshIcon(), m.scanAccounts)
	m.scanBtn.Importance = widget.HighImportance
	m.export = widget.NewButtonWithIcon(tr("Export"), theme.DownloadIcon(), m.showExportMenu)
	header := container.NewBorder(nil, nil, navBox, container.NewHBox(m.export, m.scanBtn), container.NewCenter(m.dash.summary.headline))

	m.status = widget.NewLabelWithData(m.scnr.Status)
	m.status.Truncation = fyne.TextTruncateEllipsis
	m.progress = widget.NewProgressBarWithData(m.scnr.Progress)
	m.progress.Hide()
	m.cancel = widget.NewButtonWithIcon(tr("Cancel"), theme.CancelIcon(), m.scnr.Cancel)
	m.cancel.Hide()
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(260, m.progress.MinSize().Height), m.progress), m.cancel), m.status)

	// Only the map screen is in the window at first: the others join it
	// when first shown, so that start-up does not lay out (and measure
	// the text of) screens nobody has looked at yet.
	m.content = container.NewStack(m.dash.root)
	top := container.NewVBox(container.NewPadded(header), m.banner.root)
	m.root = container.NewBorder(top, container.NewPadded(bar), nil, nil, m.content)
	m.showScreen(screenMap)
	m.updateExport()
}

// showScreen switches to a screen. Main thread.
func (m *mainWindow) showScreen(id screenID) {
	m.screen = id
	roots := []fyne.CanvasObject{m.dash.root, m.changes.root, m.accounts.root, m.settings.root, m.about.root}
	if !slices.Contains(m.content.Objects, roots[id]) {
		m.content.Add(roots[id])
	}
	for i, o := range roots {
		if screenID(i) == id {
			o.Show()
		} else {
			o.Hide()
		}
	}
	for i, b := range m.nav {
		if screenID(i) == id {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.LowImportance
		}
		b.Refresh()
	}
	if id == screenAccounts {
		m.accounts.Reload()
	}
}

// start loads what the window shows at once: the last scan from the
// store (unless the demo was asked for), the AWS profiles and the policy,
// each off the UI thread.
func (m *mainWindow) start(demo bool) {
	m.accounts.Load()
	m.loadPolicy()
	if demo {
		m.startDemo()
	}
	if m.deps.openStore == nil {
		return
	}
	type loaded struct {
		st         *store.Store
		last, prev *inventory.Scan
	}
	background(m.work, func() (loaded, error) {
		st, err := m.deps.openStore()
		if err != nil {
			return loaded{}, err
		}
		ctx := context.Background()
		l := loaded{st: st}
		if l.last, err = st.Last(ctx); err != nil {
			return l, err
		}
		sums, err := st.List(ctx)
		if err == nil && len(sums) > 1 {
			l.prev, err = st.Get(ctx, sums[1].ID)
		}
		return l, err
	}, func(l loaded, err error) {
		m.store = l.st
		if err != nil {
			m.storeErr = err
			m.setStatus(tr("The saved scans could not be read: {{.Error}}", "Error", err.Error()))
			return
		}
		m.lastSaved, m.prevSaved = l.last, l.prev
		m.refreshChanges()
		if l.last != nil && m.scan == nil && !m.scnr.Running() {
			m.showScan(l.last.WithHome(m.set.Home()), false)
			if !m.dash.RestoreView() {
				m.dash.mapv.FitToData()
			}
			m.setStatus(tr("Last scan: {{.When}}, {{.Items}} items. Press Scan (Ctrl+R) to look again.", "When", when(l.last.ScannedAt), "Items", len(l.last.Assets)))
		}
	})
}

// accountsChanged shows a change of the configured accounts on the first-run card.
func (m *mainWindow) accountsChanged() {
	sel := m.selection()
	profiles, err := m.accounts.Found(aws.Factory.Name)
	var domains []string
	if o, ok := sel[mail.Factory.Name].(mail.Options); ok {
		domains = o.Domains
	}
	m.dash.empty.SetAccounts(profiles, domains, !sel.Empty(), err)
}

// selection is what "Scan" scans.
func (m *mainWindow) selection() providers.Selection { return m.accounts.Selection(m.reg) }

// scanAccounts scans the configured accounts, or opens the accounts
// screen when none is configured.
func (m *mainWindow) scanAccounts() {
	cfg := m.selection()
	if cfg.Empty() {
		m.showScreen(screenAccounts)
		m.setStatus(tr("Add an AWS profile or a mail domain to scan, or look at the demo estate first."))
		return
	}
	m.startScan(cfg, false)
}

func (m *mainWindow) startDemo() {
	m.startScan(providers.Selection{demo.Factory.Name: demo.Options{Demo: true}}, true)
}

// startScan runs a scan in the background. Main thread.
func (m *mainWindow) startScan(sel providers.Selection, demo bool) {
	if !m.scnr.Start(sel, m.set.Shared(), m.set.Home(), func(s *inventory.Scan, err error) { m.scanDone(s, err, demo) }) {
		return
	}
	m.progress.Show()
	m.cancel.Show()
	m.scanBtn.Disable()
	m.accounts.Scanning(true)
}

// scanDone receives a scan's result on the UI thread.
func (m *mainWindow) scanDone(scan *inventory.Scan, err error, demo bool) {
	m.progress.Hide()
	m.cancel.Hide()
	m.scanBtn.Enable()
	m.accounts.Scanning(false)
	if err != nil {
		cancelled := errors.Is(err, context.Canceled)
		if cancelled {
			m.setStatus(tr("Scan cancelled."))
		} else {
			m.setStatus(tr("The scan stopped: {{.Error}}", "Error", err.Error()))
		}
		if scan == nil || len(scan.Assets) == 0 {
			if !cancelled {
				dialog.ShowError(err, m.win)
			}
			return
		}
	} else {
		m.setStatus(scanStatus(scan, demo))
	}
	m.showScan(scan, demo)
	m.dash.mapv.FitToData()
	m.accounts.ShowGaps(scan.AllGaps())
	if !demo && err == nil {
		m.save(scan)
	}
}

// scanStatus is the status line after a scan.
func scanStatus(s *inventory.Scan, demo bool) string {
	if demo {
		return tr("Demo estate: {{.Items}} items, {{.Gaps}} gaps. Sample data, not saved.", "Items", len(s.Assets), "Gaps", len(s.AllGaps()))
	}
	return tr("Scanned {{.When}}: {{.Items}} items, {{.Gaps}} gaps.", "When", when(s.ScannedAt), "Items", len(s.Assets), "Gaps", len(s.AllGaps()))
}

// save stores a scan off the UI thread, then compares it with the one
// before and announces new foreign reach.
func (m *mainWindow) save(scan *inventory.Scan) {
	st := m.store
	if st == nil {
		return
	}
	background(m.work, func() (int64, error) {
		return st.Save(context.Background(), scan)
	}, func(_ int64, err error) {
		if err != nil {
			m.setStatus(tr("The scan could not be saved: {{.Error}}", "Error", err.Error()))
			return
		}
		m.prevSaved, m.lastSaved = m.lastSaved, scan
		ch := m.refreshChanges()
		if m.prevSaved != nil && ch != nil {
			m.announce(*ch)
		}
	})
}

// refreshChanges compares the two newest saved scans for the Changes
// screen, judged against the current home.
func (m *mainWindow) refreshChanges() *inventory.Changes {
	if m.lastSaved == nil {
		m.changes.Show(nil, nil, nil)
		return nil
	}
	home := m.set.Home()
	cur := m.lastSaved.WithHome(home)
	var prev *inventory.Scan
	if m.prevSaved != nil {
		prev = m.prevSaved.WithHome(home)
	}
	ch := inventory.Diff(prev, cur)
	m.changes.Show(&ch, prev, cur)
	return &ch
}

// announce tells the user, in the window and through the system, when a
// scan found data newly within foreign reach.
func (m *mainWindow) announce(ch inventory.Changes) {
	news := ch.NewForeign()
	if len(news) == 0 {
		m.banner.Hide()
		return
	}
	msg := trn("{{.Count}} items are newly within reach of a foreign government", len(news))
	m.banner.Show(msg, news)
	if m.deps.notify != nil {
		m.deps.notify(fyne.NewNotification(tr("Reachmap: new foreign reach"), msg+": "+namesOf(news, 3)))
	}
}

// showScan puts a scan on the screens. Main thread.
func (m *mainWindow) showScan(scan *inventory.Scan, demo bool) {
	m.scan, m.demo = scan, demo
	m.dash.Show(scan)
	m.applyPolicy()
	m.updateExport()
	if m.shownAfter == 0 && scan != nil {
		m.shownAfter = time.Since(m.started)
	}
	if m.onShown != nil {
		m.onShown()
	}
	m.reportSoon()
}

// setHome changes the home jurisdiction everywhere: categories are
// recomputed from the scan in memory, with no rescan.
func (m *mainWindow) setHome(h reach.Home) {
	if h == m.set.Home() && (m.scan == nil || m.scan.Home == h) {
		return
	}
	m.set.SetHome(h)
	m.settings.SetHome(h)
	if m.scan != nil {
		m.showScan(m.scan.WithHome(h), m.demo)
	} else {
		m.dash.home = h
		m.dash.Show(nil)
	}
	m.refreshChanges()
}

// selectByIdentity shows an item named in the Changes screen on the map.
func (m *mainWindow) selectByIdentity(id inventory.Identity) {
	if m.scan == nil {
		return
	}
	for i, it := range m.scan.Assets {
		if it.Identity() == id {
			m.showScreen(screenMap)
			m.dash.filters.onClear()
			m.dash.selectItem(i)
			return
		}
	}
}

// loadPolicy reads the policy file chosen in the settings, if any.
func (m *mainWindow) loadPolicy() {
	path := m.set.PolicyPath()
	if path == "" {
		m.pol, m.polErr = nil, nil
		m.applyPolicy()
		m.settings.ShowPolicy(nil, nil)
		return
	}
	background(m.work, func() (*policy.Policy, error) { return policy.Load(path) }, func(p *policy.Policy, err error) {
		if path != m.set.PolicyPath() {
			return // another file was chosen meanwhile
		}
		m.pol, m.polErr = p, err
		m.applyPolicy()
		m.settings.ShowPolicy(p, err)
	})
}

// applyPolicy marks the items of the shown scan that break the policy.
func (m *mainWindow) applyPolicy() {
	if m.pol == nil || m.scan == nil {
		m.dash.SetViolations(nil)
		return
	}
	vs := policy.ByItem(m.pol.Check(m.scan))
	if vs == nil {
		vs = map[int][]policy.Violation{}
	}
	m.dash.SetViolations(vs)
}

func (m *mainWindow) setStatus(s string) { _ = m.scnr.Status.Set(s) }

// shortcuts binds the keyboard: scan, search, zoom.
func (m *mainWindow) shortcuts(c fyne.Canvas) {
	mod := fyne.KeyModifierShortcutDefault
	add := func(k fyne.KeyName, f func()) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: mod}, func(fyne.Shortcut) { f() })
	}
	add(fyne.KeyR, m.scanAccounts)
	add(fyne.KeyF, func() {
		m.showScreen(screenMap)
		m.dash.FocusSearch(c)
	})
	add(fyne.KeyEqual, m.dash.mapv.ZoomIn)
	add(fyne.KeyPlus, m.dash.mapv.ZoomIn)
	add(fyne.KeyMinus, m.dash.mapv.ZoomOut)
	add(fyne.Key0, m.dash.mapv.FitToData)
	add(fyne.KeyE, m.showExportMenu)
	// Escape clears the selection wherever the focus is.
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape && m.screen == screenMap {
			m.dash.selectItem(-1)
		}
	})
}

// saveState remembers the window's size and the map's view.
func (m *mainWindow) saveState() {
	m.set.SetWindowSize(m.win.Canvas().Size())
	m.dash.SaveLayout()
}

// Restyle follows a theme change.
func (m *mainWindow) Restyle() {
	m.dash.Restyle()
	m.banner.Restyle()
}

// when formats a scan's time for people, in local time, in digits (no
// month name to translate).
func when(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }

// namesOf lists up to n item names: "a, b, c and 2 more".
func namesOf(items []inventory.Item, n int) string {
	var names []string
	for i, it := range items {
		if i == n {
			return joinAnd(append(names, trn("{{.Count}} more", len(items)-n)))
		}
		names = append(names, it.Name)
	}
	return joinAnd(names)
}
