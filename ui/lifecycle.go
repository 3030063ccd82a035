package ui

// The scan's life in the window: what is loaded at start, a scan run and
// shown, saved, compared with the one before and announced; and what is
// judged from it again without a rescan (the home, the policy).

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/policy"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/demo"
	"github.com/reachmap/reachmap/reach"
	"github.com/reachmap/reachmap/store"
)

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
			m.setStatus(tr("The saved scans could not be read: {{.Error}}", "Error", err.Error()))
			return
		}
		m.lastSaved, m.prevSaved = l.last, l.prev
		m.refreshChanges()
		if l.last != nil && m.scan == nil && !m.scnr.Running() {
			m.showScan(l.last.WithHome(m.set.Home()), false)
			if !m.dash.RestoreView() {
				m.dash.FitToData()
			}
			m.setStatus(tr("Last scan: {{.When}}, {{.Items}} items. Press Scan (Ctrl+R) to look again.", "When", when(l.last.ScannedAt), "Items", len(l.last.Assets)))
		}
	})
}

// accountsChanged follows a change of the configured accounts (the
// profiles found, a tick, a domain, an endpoint) on the first-run card.
func (m *mainWindow) accountsChanged() {
	found, problems := m.accounts.Configured()
	m.dash.SetAccounts(found, problems, !m.selection().Empty())
}

// selection is what "Scan" scans.
func (m *mainWindow) selection() providers.Selection { return m.accounts.Selection(m.reg) }

// scanAccounts scans the configured accounts, or opens the accounts
// screen when none is configured.
func (m *mainWindow) scanAccounts() {
	cfg := m.selection()
	if cfg.Empty() {
		m.showScreen(screenAccounts)
		m.setStatus(tr("Add an account or a mail domain to scan, or look at the demo estate first."))
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
	m.dash.FitToData()
	m.accounts.ShowGaps(scan.AllGaps())
	if !demo {
		m.accounts.ShowAccountIDs(scan)
	}
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
	if m.prevSaved == nil {
		// Nothing to compare with: no copy of the scan judged again, no
		// diff listing every item as added (10,000 of them cost more than
		// the rest of the start-up).
		ch := inventory.Changes{Home: home}
		m.changes.Show(&ch, nil, m.lastSaved)
		return &ch
	}
	cur := m.lastSaved.WithHome(home)
	prev := m.prevSaved.WithHome(home)
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
	if scan != nil && scan != m.released {
		m.released = scan
		releaseSoon()
	}
	m.reportSoon()
}

// setHome changes the home jurisdiction everywhere: categories are
// recomputed from the scan in memory, with no rescan.
func (m *mainWindow) setHome(h reach.Home) {
	if h == m.set.Home() && m.set.HomeChosen() && (m.scan == nil || m.scan.Home == h) {
		return
	}
	m.set.SetHome(h)
	m.settings.SetHome(h)
	if m.scan != nil {
		m.showScan(m.scan.WithHome(h), m.demo)
	} else {
		m.dash.ShowNone(h)
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
			m.dash.Reveal(i)
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
