package ui

import (
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/data/binding"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/internal/i18n"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

// accountsScreen is where the user says what to scan: one section per
// provider kind, drawn from the kind's providers.Form (the AWS profiles
// found on this computer with a tick box each, mail domains, S3-compatible
// endpoints with their secrets in the OS keyring, …). It starts the scan,
// shows its progress with a cancel button, and lists the gaps the last
// scan ran into. It reads no other screen: what it needs it is given, and
// it tells the window through its on… callbacks.
type accountsScreen struct {
	// OnScan and OnCancel are the scan buttons; OnChanged follows every
	// change of what is configured (a tick, a domain, an endpoint, the
	// profiles found). Main thread.
	OnScan, OnCancel, OnChanged func()

	d        accountsDeps
	root     fyne.CanvasObject
	sections []*formSection
	scanBtn  *widget.Button
	cancel   *widget.Button
	progress *widget.ProgressBar
	gaps     *fyne.Container
	summary  *widget.Label
	// ids are the account ids the last scan learned, by provider kind and
	// account label: a source shows its id once it is known.
	ids map[string]string
}

// accountsDeps are what the accounts screen works with.
type accountsDeps struct {
	kinds    []providers.Factory
	settings providers.Settings
	work     *worker
	win      fyne.Window
	// load, by kind, replaces a checklist's Load (tests pass fakes).
	load     map[string]func() ([]providers.Item, error)
	progress binding.Float
	status   binding.String
}

// formSection is one provider kind's card.
type formSection struct {
	kind string
	form *providers.Form

	// A checklist: the items found, or why none.
	list    *fyne.Container
	items   []providers.Item
	loadErr error

	lines *widget.Entry

	// Records: the saved entries and the add form.
	records *fyne.Container
	entries map[string]*widget.Entry
	choices map[string]*widget.Select
	err     *widget.Label
	add     *widget.Button
}

func newAccountsScreen(d accountsDeps) *accountsScreen {
	a := &accountsScreen{d: d, OnScan: func() {}, OnCancel: func() {}, OnChanged: func() {}}
	a.scanBtn = widget.NewButtonWithIcon(tr("Scan these accounts"), theme.ViewRefreshIcon(), func() { a.OnScan() })
	a.scanBtn.Importance = widget.HighImportance
	a.cancel = widget.NewButtonWithIcon(tr("Cancel"), theme.CancelIcon(), func() { a.OnCancel() })
	a.cancel.Disable()
	a.progress = widget.NewProgressBarWithData(d.progress)
	status := widget.NewLabelWithData(d.status)
	status.Wrapping = fyne.TextWrapWord
	a.summary = widget.NewLabel("")
	a.summary.Wrapping = fyne.TextWrapWord
	a.gaps = container.NewVBox()

	intro := para(tr("Reachmap reads your accounts with read-only calls: it changes nothing in them. Secret keys are kept in your system's keyring, never in Reachmap's settings or logs."))
	body := container.NewVBox(intro)
	for _, k := range d.kinds {
		if k.Form == nil {
			continue
		}
		if f := k.Form(); f != nil {
			s := &formSection{kind: k.Name, form: f}
			a.sections = append(a.sections, s)
			body.Add(a.card(s))
		}
	}
	scanCard := widget.NewCard(tr("Scan"), "", container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(a.cancel, a.scanBtn), a.progress),
		status, a.summary, a.gaps))
	body.Add(scanCard)
	a.root = container.NewVScroll(container.NewPadded(readable(body, 820, false)))
	a.Reload()
	return a
}

// card draws a section: its list, its lines, its records and add form,
// its buttons, in that order.
func (a *accountsScreen) card(s *formSection) fyne.CanvasObject {
	var parts []fyne.CanvasObject
	f := s.form
	if f.Checklist != nil {
		s.list = container.NewVBox()
		parts = append(parts, s.list)
	}
	if f.Lines != nil {
		s.lines = widget.NewMultiLineEntry()
		s.lines.SetPlaceHolder(trText(f.Lines.Placeholder))
		s.lines.SetMinRowsVisible(3)
		s.lines.OnChanged = func(v string) { a.onLines(s, v) }
		parts = append(parts, s.lines)
	}
	if f.Records != nil {
		s.records = container.NewVBox()
		parts = append(parts, s.records, a.addForm(s))
	}
	if len(f.Actions) > 0 {
		row := container.NewHBox()
		for _, act := range f.Actions {
			row.Add(a.actionButton(s, act))
		}
		parts = append(parts, row)
	}
	var content fyne.CanvasObject
	if len(parts) == 1 {
		content = parts[0]
	} else {
		content = container.NewVBox(parts...)
	}
	return widget.NewCard(trText(f.Title), trText(f.Subtitle), content)
}

func (a *accountsScreen) actionButton(s *formSection, act providers.Action) *widget.Button {
	icon := theme.DocumentIcon()
	switch act.Icon {
	case "refresh":
		icon = theme.ViewRefreshIcon()
	case "login":
		icon = theme.LoginIcon()
	}
	b := widget.NewButtonWithIcon(trText(act.Label), icon, func() {
		if act.Reload {
			a.load(s)
		}
		if act.Show != nil {
			a.showText(act.Show())
		}
		if act.SignIn != nil {
			a.signIn(s, act.SignIn)
		}
	})
	b.Importance = widget.LowImportance
	return b
}

// showText opens a dialog with a text to read and copy (the IAM policy).
func (a *accountsScreen) showText(title, intro providers.Text, body string) {
	text := widget.NewMultiLineEntry()
	text.SetText(body)
	text.TextStyle = fyne.TextStyle{Monospace: true}
	copyBtn := widget.NewButtonWithIcon(tr("Copy"), theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(body)
	})
	content := container.NewBorder(para(trText(intro)), copyBtn, nil, nil, text)
	d := dialog.NewCustom(trText(title), tr("Close"), content, a.d.win)
	d.Resize(fyne.NewSize(640, 560))
	d.Show()
}

// Load finds, off the UI thread, what each checklist lists (the AWS
// profiles on this computer), then shows it and calls OnChanged.
func (a *accountsScreen) Load() {
	for _, s := range a.sections {
		if s.form.Checklist != nil {
			a.load(s)
		}
	}
}

func (a *accountsScreen) load(s *formSection) {
	load := s.form.Checklist.Load
	if l, ok := a.d.load[s.kind]; ok {
		load = l
	}
	if load == nil {
		return
	}
	background(a.d.work, load, func(items []providers.Item, err error) {
		s.items, s.loadErr = items, err
		a.Reload()
		a.OnChanged()
	})
}

// Reload shows the configured accounts again (after the profiles were
// read, or the screen was opened). Main thread.
func (a *accountsScreen) Reload() {
	for _, s := range a.sections {
		if s.list != nil {
			a.showChecklist(s)
		}
		if s.lines != nil && !focused(s.lines) {
			s.lines.OnChanged = nil
			s.lines.SetText(strings.Join(s.form.Lines.Get(a.d.settings), "\n"))
			s.lines.OnChanged = func(v string) { a.onLines(s, v) }
		}
		if s.records != nil {
			a.showRecords(s)
		}
	}
}

func (a *accountsScreen) showChecklist(s *formSection) {
	cl := s.form.Checklist
	s.list.RemoveAll()
	switch {
	case s.loadErr != nil:
		s.list.Add(withIcon(theme.ErrorIcon(), para(trText(providers.T(cl.Failed.Key, "Error", s.loadErr.Error())))))
	case len(s.items) == 0:
		s.list.Add(para(trText(cl.Empty)))
	}
	ex := a.d.settings.StringList(cl.Excluded)
	for _, it := range s.items {
		id := it.ID
		label := itemLabel(it)
		if id := a.ids[s.kind+"\x00"+it.ID]; id != "" && id != it.ID {
			label += " · " + id
		}
		c := widget.NewCheck(label, func(on bool) {
			a.setIncluded(cl, id, on)
			a.OnChanged()
		})
		c.Checked = !slices.Contains(ex, id)
		s.list.Add(c)
		if opt := cl.Option; opt != nil {
			s.list.Add(a.itemOption(opt, id))
		}
	}
	s.list.Refresh()
}

// itemOption is an item's optional text, indented under its tick box,
// saved as it is typed; a refusal shows under it.
func (a *accountsScreen) itemOption(opt *providers.ItemOption, id string) fyne.CanvasObject {
	e := widget.NewEntry()
	e.SetPlaceHolder(trText(opt.Placeholder))
	e.SetText(opt.Get(a.d.settings, id))
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Hide()
	e.OnChanged = func(v string) {
		if err := opt.Set(a.d.settings, id, v); err != nil {
			msg.SetText(errText(err))
			msg.Show()
			return
		}
		msg.Hide()
		a.OnChanged()
	}
	row := container.NewBorder(nil, nil, widget.NewLabel(trText(opt.Label)), nil, e)
	return container.NewPadded(container.NewVBox(row, msg))
}

// setIncluded ticks or unticks one item.
func (a *accountsScreen) setIncluded(cl *providers.Checklist, id string, on bool) {
	ex := slices.DeleteFunc(a.d.settings.StringList(cl.Excluded), func(n string) bool { return n == id })
	if !on {
		ex = append(ex, id)
		slices.Sort(ex)
	}
	a.d.settings.SetStringList(cl.Excluded, ex)
}

func focused(o fyne.Focusable) bool {
	c := fyne.CurrentApp().Driver().CanvasForObject(o.(fyne.CanvasObject))
	return c != nil && c.Focused() == o
}

// itemLabel is "client-a (eu-west-3; SSO: sign in with aws sso login …)".
func itemLabel(it providers.Item) string {
	if len(it.Notes) == 0 {
		return it.ID
	}
	notes := make([]string, len(it.Notes))
	for i, n := range it.Notes {
		notes[i] = trText(n)
	}
	return it.ID + " (" + strings.Join(notes, "; ") + ")"
}

func (a *accountsScreen) onLines(s *formSection, v string) {
	s.form.Lines.Set(a.d.settings, splitList(v))
	a.OnChanged()
}

// splitList splits user input on commas, spaces and newlines.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ' ' || r == '\n' || r == '\t' || r == ';' || r == '\r'
	})
}

// Selection is what "Scan" scans: each kind's saved options, with the
// checklists' items that are ticked. Main thread.
func (a *accountsScreen) Selection(reg *providers.Registry) providers.Selection {
	sel := reg.Saved(a.d.settings)
	for _, s := range a.sections {
		if cl := s.form.Checklist; cl != nil && cl.Pick != nil {
			sel[s.kind] = cl.Pick(sel[s.kind], s.foundIDs())
		}
	}
	return sel
}

// foundIDs are the ids of the items a checklist found.
func (s *formSection) foundIDs() []string {
	ids := make([]string, len(s.items))
	for i, it := range s.items {
		ids[i] = it.ID
	}
	return ids
}

// Scanning switches the buttons while a scan runs. Main thread.
func (a *accountsScreen) Scanning(on bool) {
	if on {
		a.scanBtn.Disable()
		a.cancel.Enable()
		a.summary.SetText("")
		a.gaps.RemoveAll()
		return
	}
	a.scanBtn.Enable()
	a.cancel.Disable()
}

// ShowAccountIDs notes the account id of each source the scan reached
// (an AWS profile's 12 digits), shown after its name. Main thread.
func (a *accountsScreen) ShowAccountIDs(scan *inventory.Scan) {
	ids := map[string]string{}
	for _, it := range scan.Assets {
		if it.AccountID != "" {
			ids[it.Provider+"\x00"+it.Account] = it.AccountID
		}
	}
	a.ids = ids
	for _, s := range a.sections {
		if s.form.Checklist != nil {
			a.showChecklist(s)
		}
	}
}

// ShowGaps lists what the last scan could not see, each with its
// account, region, error and what to do. Main thread.
func (a *accountsScreen) ShowGaps(gaps []providers.Gap) {
	a.gaps.RemoveAll()
	if len(gaps) == 0 {
		a.summary.SetText(tr("The scan saw everything it looked for."))
		return
	}
	a.summary.SetText(trn("The scan could not see {{.Count}} things:", len(gaps)))
	for _, g := range gaps {
		a.gaps.Add(gapBlock(g))
	}
}

// trText translates a provider's text. Its keys are not literals here:
// formKeys lists them for the catalogs' test.
func trText(t providers.Text) string {
	switch {
	case t.Plain != "":
		return t.Plain
	case t.Provider != "":
		return reach.ProviderName(t.Provider)
	case t.Key == "":
		return ""
	case len(t.Args) == 0:
		return lang.L(t.Key)
	}
	kv := make([]any, len(t.Args))
	for i, v := range t.Args {
		kv[i] = v
	}
	return lang.L(t.Key, i18n.Data(kv...))
}

// formKeys lists the message keys of the kinds' forms, and of what their
// hooks may say (Form.Messages).
func formKeys(kinds []providers.Factory) []string {
	var keys []string
	add := func(ts ...providers.Text) {
		for _, t := range ts {
			if t.Key != "" && t.Plain == "" && t.Provider == "" {
				keys = append(keys, t.Key)
			}
		}
	}
	for _, k := range kinds {
		if k.Form == nil {
			continue
		}
		f := k.Form()
		if f == nil {
			continue
		}
		add(f.Title, f.Subtitle)
		add(f.Messages...)
		if cl := f.Checklist; cl != nil {
			add(cl.Empty, cl.Failed)
			if cl.Option != nil {
				add(cl.Option.Label, cl.Option.Placeholder)
			}
		}
		if l := f.Lines; l != nil {
			add(l.Placeholder)
		}
		if r := f.Records; r != nil {
			add(r.AddLabel)
			for _, fd := range r.Fields {
				add(fd.Label, fd.Placeholder)
				add(fd.ChoiceNames...)
			}
		}
		for _, act := range f.Actions {
			add(act.Label)
			if act.Show != nil {
				title, intro, _ := act.Show()
				add(title, intro)
			}
			if si := act.SignIn; si != nil {
				add(si.Label, si.Title, si.Intro, si.NameLabel)
				for _, fd := range si.Fields {
					add(fd.Label, fd.Placeholder)
				}
			}
		}
	}
	return keys
}

// errText is an error as the screen shows it: a provider's Problem
// translated, anything else as it is.
func errText(err error) string {
	var p *providers.Problem
	if errors.As(err, &p) {
		return trText(p.Text)
	}
	return err.Error()
}
