package ui

import (
	"context"
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/providers"
)

// signInDialog is a browser sign-in under way (a providers.SignIn): the
// fields, then the code with Open browser, then the choice and its name.
// Every network step runs on the worker and comes back through its post
// (fyne.Do); Cancel cancels the step's context and closes the dialog.
type signInDialog struct {
	a      *accountsScreen
	s      *formSection
	si     *providers.SignIn
	ctx    context.Context
	cancel context.CancelFunc
	dlg    *dialog.CustomDialog
	body   *fyne.Container
	status *widget.Label
	next   *widget.Button
	stop   *widget.Button
	code   *providers.SignInCode
	// entries are the fields', by key; code and choice are the later steps'.
	entries map[string]*widget.Entry
	codeLbl *widget.Label
	choice  *widget.Select
	name    *widget.Entry
	ids     map[string]string
	// open opens a page in the browser: the app's OpenURL.
	open func(*url.URL) error
}

func (a *accountsScreen) signIn(s *formSection, si *providers.SignIn) *signInDialog {
	d := &signInDialog{a: a, s: s, si: si, entries: map[string]*widget.Entry{}, ids: map[string]string{}, open: fyne.CurrentApp().OpenURL}
	d.ctx, d.cancel = context.WithCancel(context.Background())
	form := widget.NewForm()
	for _, f := range si.Fields {
		e := widget.NewEntry()
		e.SetPlaceHolder(trText(f.Placeholder))
		d.entries[f.Key] = e
		form.Append(trText(f.Label), e)
	}
	d.status = para("")
	d.next = widget.NewButtonWithIcon(tr("Sign in"), theme.LoginIcon(), d.start)
	d.next.Importance = widget.HighImportance
	d.stop = widget.NewButtonWithIcon(tr("Cancel"), theme.CancelIcon(), d.close)
	d.body = container.NewVBox(para(trText(si.Intro)), form)
	content := container.NewBorder(nil, container.NewVBox(d.status, container.NewHBox(layout.NewSpacer(), d.stop, d.next)), nil, nil, d.body)
	d.dlg = dialog.NewCustomWithoutButtons(trText(si.Title), content, a.d.win)
	d.dlg.SetOnClosed(d.cancel)
	d.dlg.Resize(fyne.NewSize(560, 380))
	d.dlg.Show()
	return d
}

func (d *signInDialog) close() {
	d.cancel()
	d.dlg.Hide()
}

func (d *signInDialog) values() map[string]string {
	v := map[string]string{}
	for k, e := range d.entries {
		v[k] = e.Text
	}
	return v
}

func (d *signInDialog) busy(msg string) {
	d.next.Disable()
	d.status.SetText(msg)
}

func (d *signInDialog) failed(err error) {
	d.next.Enable()
	d.status.SetText(errText(err))
}

// start asks for the code, then shows it and waits.
func (d *signInDialog) start() {
	d.busy(tr("Contacting IAM Identity Center…"))
	ctx, values := d.ctx, d.values()
	background(d.a.d.work, func() (*providers.SignInCode, error) { return d.si.Start(ctx, values) }, func(c *providers.SignInCode, err error) {
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			d.failed(err)
			return
		}
		d.showCode(c)
	})
}

func (d *signInDialog) showCode(c *providers.SignInCode) {
	d.code = c
	d.codeLbl = widget.NewLabelWithStyle(c.Code, fyne.TextAlignCenter, fyne.TextStyle{Monospace: true})
	d.codeLbl.SizeName = theme.SizeNameHeadingText
	open := widget.NewButtonWithIcon(tr("Open browser"), theme.ComputerIcon(), d.openBrowser)
	d.body.Objects = []fyne.CanvasObject{
		para(tr("Check that the browser shows this code, then approve:")),
		d.codeLbl,
		container.NewCenter(open),
		widget.NewLabel(c.URL),
	}
	d.body.Refresh()
	d.busy(tr("Waiting for your approval in the browser…"))
	d.openBrowser()
	ctx := d.ctx
	background(d.a.d.work, func() ([]providers.Choice, error) { return c.Wait(ctx) }, func(cs []providers.Choice, err error) {
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			d.status.SetText(errText(err))
			return
		}
		d.showChoices(cs)
	})
}

func (d *signInDialog) openBrowser() {
	if u, err := url.Parse(d.code.URL); err == nil && (u.Scheme == "https" || u.Scheme == "http") {
		if err := d.open(u); err != nil {
			d.status.SetText(tr("The browser could not be opened: open this page yourself"))
		}
	}
}

// showChoices lets the person pick an account and role and name it.
func (d *signInDialog) showChoices(cs []providers.Choice) {
	labels := make([]string, len(cs))
	for i, c := range cs {
		labels[i] = trText(c.Label)
		d.ids[labels[i]] = c.ID
	}
	d.name = widget.NewEntry()
	d.choice = widget.NewSelect(labels, func(l string) {
		if d.code.Name != nil {
			d.name.SetText(d.code.Name(d.ids[l]))
		}
	})
	form := widget.NewForm(widget.NewFormItem(tr("Account and role"), d.choice), widget.NewFormItem(trText(d.si.NameLabel), d.name))
	d.body.Objects = []fyne.CanvasObject{para(tr("Signed in. Pick the account and role Reachmap scans with:")), form}
	d.body.Refresh()
	d.choice.SetSelectedIndex(0)
	d.status.SetText("")
	d.next.SetText(tr("Add this account"))
	d.next.OnTapped = d.save
	d.next.Enable()
}

func (d *signInDialog) save() {
	d.busy(tr("Saving…"))
	ctx, id, name := d.ctx, d.ids[d.choice.Selected], d.name.Text
	background(d.a.d.work, func() (struct{}, error) { return struct{}{}, d.code.Save(ctx, id, name) }, func(_ struct{}, err error) {
		if err != nil {
			d.failed(err)
			return
		}
		d.close()
		if d.s.form.Checklist != nil {
			d.a.load(d.s)
		}
	})
}
