package ui

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/policy"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/store"
)

// deps are what the window needs from the outside world. Run passes the
// real ones; tests pass fakes (a memory keyring, no AWS files, a store in
// a temporary directory, a recorded notification).
type deps struct {
	prefs    fyne.Preferences
	secrets  secretStore
	registry *providers.Registry // the provider kinds: all.Registry()
	// load, by provider kind, replaces the Load of its accounts
	// checklist (tests pass fake AWS profiles).
	load      map[string]func() ([]providers.Item, error)
	openStore func() (*store.Store, error)
	notify    func(*fyne.Notification)
	// region is the system locale's region, from which the home is
	// proposed on first start ("" in tests: the EU/EEA).
	region string
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
	lastSaved *inventory.Scan // newest scan in the store
	prevSaved *inventory.Scan // the one before it: the Changes view compares them
	pol       *policy.Policy
	polErr    error

	screen   screenID
	nav      []*widget.Button
	headline *widget.Label // the dashboard's answer, in the header
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
	shownAfter time.Duration   // start → first scan on screen
	released   *inventory.Scan // the scan whose loading garbage was last handed back
}

func newMainWindow(win fyne.Window, d deps) *mainWindow {
	m := &mainWindow{win: win, deps: d, set: settings{p: d.prefs, region: d.region}, reg: d.registry, work: newWorker(), started: time.Now()}
	m.pset = providerSettings{p: d.prefs, secrets: d.secrets}
	m.scnr = newScanner(m.work, m.reg, m.pset)
	m.build()
	// Follow theme changes (the settings screen, the system's dark mode):
	// the map's colours are the app's, not the theme's.
	if a := fyne.CurrentApp(); a != nil {
		a.Settings().AddListener(m.onSettings)
	}
	return m
}

func (m *mainWindow) onSettings(fyne.Settings) { fyne.Do(m.Restyle) }

// build makes the screens, wires them, and lays out the window.
func (m *mainWindow) build() {
	m.dash = newDashboard(m.set)
	m.changes = newChangesScreen()
	m.accounts = newAccountsScreen(accountsDeps{kinds: m.reg.Factories(), settings: m.pset, work: m.work, win: m.win,
		load: m.deps.load, progress: m.scnr.Progress, status: m.scnr.Status})
	m.settings = newSettingsScreen(m.set, m.work, m.win)
	m.about = newAboutScreen()
	m.banner = newBanner()
	header := m.buildHeader()
	bar := m.buildStatusBar()
	m.wire()

	// Only the map screen is in the window at first: the others join it
	// when first shown, so that start-up does not lay out (and measure
	// the text of) screens nobody has looked at yet.
	m.content = container.NewStack(m.dash.root)
	top := container.NewVBox(container.NewPadded(header), m.banner.root)
	m.root = container.NewBorder(top, container.NewPadded(bar), nil, nil, m.content)
	m.showScreen(screenMap)
	m.updateExport()
}

// wire connects the screens: what one reports through its On…
// callbacks, the window passes on to the others through their methods.
func (m *mainWindow) wire() {
	m.dash.OnHome = m.setHome
	m.dash.OnSelected = m.onSelected
	m.dash.OnHeadline = m.headline.SetText
	m.dash.OnDemo = m.startDemo
	m.dash.OnAddAccount = m.showAccounts
	m.dash.OnScanAccounts = m.scanAccounts
	m.changes.OnSelect = m.selectByIdentity
	m.accounts.OnScan = m.scanAccounts
	m.accounts.OnCancel = m.scnr.Cancel
	m.accounts.OnChanged = m.accountsChanged
	m.settings.OnHome = m.setHome
	m.settings.OnPolicy = m.loadPolicy
	m.banner.OnShow = m.showChanges
}

// buildHeader makes the header: the screens, the headline, export and
// scan.
func (m *mainWindow) buildHeader() fyne.CanvasObject {
	titles := []string{tr("Map"), tr("Changes"), tr("Accounts"), tr("Settings"), tr("About")}
	icons := []fyne.Resource{theme.GridIcon(), theme.HistoryIcon(), theme.AccountIcon(), theme.SettingsIcon(), theme.InfoIcon()}
	navBox := container.NewHBox()
	for i, t := range titles {
		id := screenID(i)
		b := &widget.Button{Text: t, Icon: icons[i], OnTapped: func() { m.showScreen(id) }}
		m.nav = append(m.nav, b)
		navBox.Add(b)
	}
	// The headline truncates rather than widen the window: on a small
	// screen the Scan button must stay in view.
	m.headline = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Alignment: fyne.TextAlignCenter, Truncation: fyne.TextTruncateEllipsis}
	m.scanBtn = &widget.Button{Text: tr("Scan"), Icon: theme.ViewRefreshIcon(), Importance: widget.HighImportance, OnTapped: m.scanAccounts}
	m.export = &widget.Button{Text: tr("Export"), Icon: theme.DownloadIcon(), OnTapped: m.showExportMenu}
	return container.NewBorder(nil, nil, navBox, container.NewHBox(m.export, m.scanBtn), m.headline)
}

// buildStatusBar makes the foot of the window: the status line, and the
// scan's progress with its cancel button.
func (m *mainWindow) buildStatusBar() fyne.CanvasObject {
	m.status = widget.NewLabelWithData(m.scnr.Status)
	m.status.Truncation = fyne.TextTruncateEllipsis
	m.progress = widget.NewProgressBarWithData(m.scnr.Progress)
	m.progress.Hide()
	m.cancel = &widget.Button{Text: tr("Cancel"), Icon: theme.CancelIcon(), OnTapped: m.scnr.Cancel}
	m.cancel.Hide()
	return container.NewBorder(nil, nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(260, m.progress.MinSize().Height), m.progress), m.cancel), m.status)
}

func (m *mainWindow) showAccounts() { m.showScreen(screenAccounts) }
func (m *mainWindow) showChanges()  { m.showScreen(screenChanges) }

// onSelected follows the dashboard's selection.
func (m *mainWindow) onSelected(int) { m.reportSoon() }

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

// shortcuts binds the keyboard: scan, search, zoom.
func (m *mainWindow) shortcuts(c fyne.Canvas) {
	mod := fyne.KeyModifierShortcutDefault
	add := func(k fyne.KeyName, f func()) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: mod}, func(fyne.Shortcut) { f() })
	}
	add(fyne.KeyR, m.scanAccounts)
	add(fyne.KeyF, func() { m.focusSearch(c) })
	add(fyne.KeyEqual, m.dash.ZoomIn)
	add(fyne.KeyPlus, m.dash.ZoomIn)
	add(fyne.KeyMinus, m.dash.ZoomOut)
	add(fyne.Key0, m.dash.FitToData)
	add(fyne.KeyE, m.showExportMenu)
	c.SetOnTypedKey(m.onTypedKey)
}

func (m *mainWindow) focusSearch(c fyne.Canvas) {
	m.showScreen(screenMap)
	m.dash.FocusSearch(c)
}

// onTypedKey clears the selection on Escape, wherever the focus is.
func (m *mainWindow) onTypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && m.screen == screenMap {
		m.dash.ClearSelection()
	}
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
			return say.JoinAnd(append(names, trn("{{.Count}} more", len(items)-n)))
		}
		names = append(names, it.Name)
	}
	return say.JoinAnd(names)
}
