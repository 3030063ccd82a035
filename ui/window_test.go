package ui

import (
	"context"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/aws"
	"github.com/reachmap/reachmap/store"
)

func bucket(name, region string) providers.Asset {
	return providers.Asset{Provider: "aws", Account: "fake", Kind: providers.KindBucket, Name: name, Region: region, Evidence: geo.EvidenceAPI}
}

// First run with nothing configured: the card says so and offers the demo
// and the accounts screen.
func TestFirstRunEmptyState(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.start(false)
	e := h.m.dash.empty
	if !e.root.Visible() {
		t.Fatal("no first-run card")
	}
	if got := e.accounts.Text; got != "No cloud account is configured on this computer yet." {
		t.Errorf("accounts line %q", got)
	}
	if e.scan.Visible() {
		t.Error("offers to scan accounts that do not exist")
	}
	if !h.m.export.Disabled() {
		t.Error("export enabled with nothing to export")
	}
	// "Scan" with nothing configured leads to the accounts screen.
	test.Tap(h.m.scanBtn)
	if h.m.screen != screenAccounts || h.m.scnr.Running() {
		t.Errorf("scan with no account: screen %d, running %v", h.m.screen, h.m.scnr.Running())
	}
	h.m.showScreen(screenMap)
	add := findButton(t, e.root, "Add an account…")
	test.Tap(add)
	if h.m.screen != screenAccounts || !h.m.accounts.root.Visible() || h.m.dash.root.Visible() {
		t.Error("Add an account did not open the accounts screen")
	}
	h.m.showScreen(screenMap)
	test.Tap(findButton(t, e.root, "Show the demo estate"))
	h.settle()
	if h.m.scan == nil || !h.m.demo || e.root.Visible() {
		t.Error("the demo button showed no demo")
	}
}

// With AWS profiles on the machine, the card names them and offers to
// scan them.
func TestFirstRunFindsProfiles(t *testing.T) {
	h := newHarness(t, harnessOpts{profiles: []aws.Profile{{Name: "default", Region: "eu-west-3"}, {Name: "fake"}}})
	h.start(false)
	e := h.m.dash.empty
	if got := e.accounts.Text; got != "Set up on this computer: Amazon Web Services (default, fake)." {
		t.Errorf("accounts line %q", got)
	}
	if !e.scan.Visible() {
		t.Error("no button to scan the profiles found")
	}
}

// The window opens on the last saved scan, without scanning, and says
// how old it is.
func TestStartShowsLastScan(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "scans.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	saved := demoScan(t)
	saved.ScannedAt = time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)
	if _, err := st.Save(context.Background(), saved); err != nil {
		t.Fatal(err)
	}
	st.Close()

	h := newHarness(t, harnessOpts{db: db, prefs: map[string]any{prefHome: "FR"}})
	h.start(false)
	if h.m.scan == nil || len(h.m.scan.Assets) != len(saved.Assets) || h.m.demo {
		t.Fatalf("last scan not shown: %v", h.m.scan)
	}
	if h.m.scnr.Running() {
		t.Error("a scan started")
	}
	if h.m.scan.Home != "FR" {
		t.Errorf("the saved scan was not judged against the home set (%s)", h.m.scan.Home)
	}
	if !strings.HasPrefix(h.m.status.Text, "Last scan: 2026-11-02") {
		t.Errorf("status %q", h.m.status.Text)
	}
	if h.m.shownAfter <= 0 {
		t.Error("the time to show the last scan was not measured")
	}
}

// A scan of the accounts is saved; the next one that finds data newly
// under foreign reach says so in a banner and a notification, and the
// Changes screen lists it first.
func TestScanSavesAndAnnounces(t *testing.T) {
	h := newHarness(t, harnessOpts{profiles: []aws.Profile{{Name: "fake"}}})
	h.start(false)
	h.estate.set([]providers.Asset{bucket("plans", "eu-west-3"), bucket("old", "eu-central-1")}, nil)
	h.shortcut(fyne.KeyR)
	h.settle()
	if h.m.scan == nil || len(h.m.scan.Assets) != 2 || h.m.demo {
		t.Fatalf("scan not shown: %+v", h.m.scan)
	}
	if h.m.banner.Visible() || len(h.notes) != 0 {
		t.Error("the first scan announced news")
	}
	if h.m.lastSaved == nil {
		t.Fatal("the scan was not saved")
	}

	// "old" is deleted, a new bucket appears in Virginia.
	h.estate.set([]providers.Asset{bucket("plans", "eu-west-3"), bucket("exports", "us-east-1")}, nil)
	test.Tap(h.m.scanBtn)
	h.settle()
	if !h.m.banner.Visible() || !strings.Contains(h.m.banner.text.Text, "1 item is newly within reach of a foreign government") {
		t.Errorf("banner visible %v: %q", h.m.banner.Visible(), h.m.banner.text.Text)
	}
	if len(h.notes) != 1 || !strings.Contains(h.notes[0].Content, "exports") {
		t.Errorf("notifications %+v", h.notes)
	}
	secs := h.m.changes.sections
	if len(secs) == 0 || !secs[0].Alarm || secs[0].Rows[0].Name != "exports" {
		t.Fatalf("changes: %+v", secs)
	}
	// "Show changes" opens the screen; picking the item shows it on the map.
	test.Tap(findButton(t, h.m.banner.root, "Show changes"))
	if h.m.screen != screenChanges {
		t.Error("Show changes did not open the Changes screen")
	}
	test.Tap(findButton(t, h.m.changes.root, "exports"))
	if h.m.screen != screenMap || h.m.dash.detail.Title() != "exports" {
		t.Errorf("picking a change: screen %d, detail %q", h.m.screen, h.m.dash.detail.Title())
	}

	// A second window on the same store opens with both scans compared.
	h2 := newHarnessIn(t, h.app, harnessOpts{db: h.db, profiles: []aws.Profile{{Name: "fake"}}})
	h2.start(false)
	if h2.m.prevSaved == nil || len(h2.m.changes.sections) == 0 {
		t.Error("the Changes screen is empty after a restart")
	}
}

// Cancelling a scan stops it, says so, and keeps what was shown.
func TestCancelScan(t *testing.T) {
	h := newHarness(t, harnessOpts{profiles: []aws.Profile{{Name: "fake"}}})
	h.start(true)
	before := h.m.scan
	h.estate.block = true
	h.m.scanAccounts()
	if !h.m.scnr.Running() || !h.m.cancel.Visible() || !h.m.scanBtn.Disabled() {
		t.Fatal("scan not running, or its controls not shown")
	}
	// The progress arrives through the queue, on the UI goroutine.
	for i := 0; i < 100 && !strings.Contains(h.m.status.Text, "Scanning"); i++ {
		time.Sleep(5 * time.Millisecond)
		h.q.run()
	}
	if got := h.m.status.Text; got != "Scanning Amazon Web Services · fake: eu-west-3" {
		t.Errorf("progress %q", got)
	}
	test.Tap(h.m.cancel)
	h.settle()
	if h.m.scnr.Running() || h.m.cancel.Visible() || h.m.scanBtn.Disabled() {
		t.Error("controls not reset after cancelling")
	}
	if h.m.status.Text != "Scan cancelled." || h.m.scan != before {
		t.Errorf("after cancel: status %q, scan replaced %v", h.m.status.Text, h.m.scan != before)
	}
}

// A policy file marks the violating items in the table and the detail.
func TestPolicyMarksItems(t *testing.T) {
	path := filepath.Join(t.TempDir(), "client.yaml")
	os.WriteFile(path, []byte("rules:\n  - name: no US reach\n    deny_reach: [US]\n"), 0o644)
	h := newHarness(t, harnessOpts{prefs: map[string]any{prefPolicy: path}})
	h.start(true)
	d := h.m.dash
	if d.violations == nil {
		t.Fatalf("policy not applied: %v", h.m.polErr)
	}
	if _, cols := d.table.size(); cols != len(columns) {
		t.Error("no policy column")
	}
	id := h.itemID("lumen-renders-dublin")
	if got := columns[colPolicy].Text(d.view, id); got != "⚠ no US reach" {
		t.Errorf("policy cell %q", got)
	}
	if got := columns[colPolicy].Text(d.view, h.itemID("lumen-photos")); got != "" {
		t.Errorf("a Hetzner bucket breaks no US rule, cell %q", got)
	}
	d.selectItem(id)
	if !hasText(d.detail.box, "Breaks your policy") {
		t.Error("the detail panel does not say the item breaks the policy")
	}
	if got := h.m.settings.polStatus.Text; got != "1 rules from client.yaml are in force." && got != "1 rule from client.yaml is in force." {
		t.Errorf("policy status %q", got)
	}
	// A broken file says why and marks nothing.
	os.WriteFile(path, []byte("rules:\n  - name: x\n    deny_reach: [ZZZ]\n"), 0o644)
	h.m.settings.onPolicy()
	h.settle()
	if d.violations != nil || !strings.Contains(h.m.settings.polStatus.Text, "not applied") {
		t.Errorf("bad policy: violations %v, status %q", d.violations != nil, h.m.settings.polStatus.Text)
	}
}

// The window remembers its size, the map's view and the colour mode.
func TestStateRemembered(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.start(true)
	h.win.Resize(fyne.NewSize(1280, 800))
	h.m.dash.mapv.SetView(10, 45, 4)
	h.m.dash.mode.SetSelected(h.m.dash.mode.Options[modeJurisdiction])
	h.m.saveState()
	if sz := h.m.set.WindowSize(); sz.Width != 1280 || sz.Height != 800 {
		t.Errorf("saved size %v", sz)
	}
	h2 := newHarnessIn(t, h.app, harnessOpts{})
	h2.start(true)
	h2.win.Canvas().Capture()
	if !h2.m.dash.RestoreView() {
		t.Fatal("no saved view")
	}
	lon, lat, z := h2.m.dash.mapv.View()
	if z != 4 || lon < 9 || lon > 11 || lat < 44 || lat > 46 {
		t.Errorf("restored view %.1f %.1f %.1f", lon, lat, z)
	}
	if h2.m.dash.byHome {
		t.Error("colour mode not remembered")
	}
}

// Ctrl+F shows the map screen and focuses the search.
func TestSearchShortcut(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.start(true)
	h.m.showScreen(screenSettings)
	h.shortcut(fyne.KeyF)
	if h.m.screen != screenMap || h.win.Canvas().Focused() != h.m.dash.filters.search {
		t.Fatal("Ctrl+F did not focus the search")
	}
	test.Type(h.m.dash.filters.search, "scaleway")
	if n := len(h.m.dash.view.rows); n != 2 {
		t.Errorf("search scaleway: %d rows", n)
	}
}

// findButton finds a visible button by its text under o.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walk(o, func(c fyne.CanvasObject) {
		if b, ok := c.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

// hasText reports whether a label under o shows s.
func hasText(o fyne.CanvasObject, s string) bool {
	ok := false
	walk(o, func(c fyne.CanvasObject) {
		if l, is := c.(*widget.Label); is && strings.Contains(l.Text, s) {
			ok = true
		}
	})
	return ok
}

// walk visits o and every object inside it (containers and widgets).
func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, x := range c.Objects {
			walk(x, f)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(c)
		for _, x := range r.Objects() {
			walk(x, f)
		}
	}
}

// The map follows the theme: dark colours in a dark theme, light ones in
// a light theme, switched while the window is open.
func TestMapFollowsTheme(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.start(true)
	h.app.Settings().SetTheme(theme.DarkTheme())
	dark, _, _ := h.m.dash.mapv.Colors()
	h.app.Settings().SetTheme(theme.LightTheme())
	light, _, _ := h.m.dash.mapv.Colors()
	if lum(dark) > 0.3 || lum(light) < 0.6 {
		t.Errorf("ocean %v in the dark theme, %v in the light one", dark, light)
	}
	if h.m.dash.legend.bg.FillColor == nil {
		t.Error("legend lost its background")
	}
}

func lum(c color.NRGBA) float64 {
	return (0.299*float64(c.R) + 0.587*float64(c.G) + 0.114*float64(c.B)) / 255
}
