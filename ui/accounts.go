package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/aws"
	"github.com/reachmap/reachmap/reach"
)

// accountsScreen is where the user says what to scan: the AWS profiles
// found on this computer (each with a tick box), mail domains, and
// S3-compatible endpoints (their secrets in the OS keyring). It starts the scan, shows its progress with a
// cancel button, and lists the gaps the last scan ran into.
type accountsScreen struct {
	m    *mainWindow
	root fyne.CanvasObject

	profiles  *fyne.Container
	domains   *widget.Entry
	endpoints *fyne.Container
	s3        s3Form
	scanBtn   *widget.Button
	cancel    *widget.Button
	progress  *widget.ProgressBar
	gaps      *fyne.Container
	summary   *widget.Label
}

// s3Form is the form that adds an S3-compatible endpoint.
type s3Form struct {
	url, region, keyID *widget.Entry
	secret             *widget.Entry
	provider           *widget.Select
	err                *widget.Label
	add                *widget.Button
}

func newAccountsScreen(m *mainWindow) *accountsScreen {
	a := &accountsScreen{m: m}
	a.profiles = container.NewVBox()
	a.domains = widget.NewMultiLineEntry()
	a.domains.SetPlaceHolder(tr("example.com\none domain per line"))
	a.domains.SetMinRowsVisible(3)
	a.domains.OnChanged = a.onDomains
	a.endpoints = container.NewVBox()
	a.buildS3Form()
	a.scanBtn = widget.NewButtonWithIcon(tr("Scan these accounts"), theme.ViewRefreshIcon(), m.scanAccounts)
	a.scanBtn.Importance = widget.HighImportance
	a.cancel = widget.NewButtonWithIcon(tr("Cancel"), theme.CancelIcon(), m.scnr.Cancel)
	a.cancel.Disable()
	a.progress = widget.NewProgressBarWithData(m.scnr.Progress)
	status := widget.NewLabelWithData(m.scnr.Status)
	status.Wrapping = fyne.TextWrapWord
	a.summary = widget.NewLabel("")
	a.summary.Wrapping = fyne.TextWrapWord
	a.gaps = container.NewVBox()

	intro := para(tr("Reachmap reads your accounts with read-only calls: it changes nothing in them. Secret keys are kept in your system's keyring, never in Reachmap's settings or logs."))
	reload := widget.NewButtonWithIcon(tr("Look again"), theme.ViewRefreshIcon(), m.loadProfiles)
	reload.Importance = widget.LowImportance
	iam := widget.NewButtonWithIcon(tr("Minimal read-only IAM policy…"), theme.DocumentIcon(), a.showPolicy)
	iam.Importance = widget.LowImportance
	awsCard := widget.NewCard(tr("Amazon Web Services"), tr("Profiles found in this computer's AWS configuration (~/.aws/config and ~/.aws/credentials)"),
		container.NewVBox(a.profiles, container.NewHBox(reload, iam)))
	mailCard := widget.NewCard(tr("Mail domains"), tr("Reachmap finds where each domain's mail is hosted from public DNS records; no login needed."), a.domains)
	s3Card := widget.NewCard(tr("S3-compatible storage"), tr("Hetzner, OVHcloud, Scaleway, Backblaze B2, Wasabi, MinIO…"),
		container.NewVBox(a.endpoints, a.s3Box()))
	scanCard := widget.NewCard(tr("Scan"), "", container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(a.cancel, a.scanBtn), a.progress),
		status, a.summary, a.gaps))
	body := container.NewVBox(intro, awsCard, mailCard, s3Card, scanCard)
	a.root = container.NewVScroll(container.NewPadded(readable(body, 820, false)))
	a.Reload()
	return a
}

// Reload shows the configured accounts again (after the profiles were
// read, or the screen was opened). Main thread.
func (a *accountsScreen) Reload() {
	a.profiles.RemoveAll()
	m := a.m
	switch {
	case m.profErr != nil:
		a.profiles.Add(withIcon(theme.ErrorIcon(), para(tr("The AWS configuration could not be read: {{.Error}}", "Error", m.profErr.Error()))))
	case len(m.profiles) == 0:
		a.profiles.Add(para(tr("No AWS profile was found on this computer. Set one up with “aws configure” or “aws configure sso”, then press Look again.")))
	}
	ex := m.set.AWSExcluded()
	for _, p := range m.profiles {
		name := p.Name
		c := widget.NewCheck(profileLabel(p), func(on bool) {
			m.set.SetAWSIncluded(name, on)
			m.dash.empty.SetAccounts(m.profiles, m.config(), m.profErr)
		})
		c.Checked = indexOf(ex, name) < 0
		a.profiles.Add(c)
	}
	a.profiles.Refresh()
	if !a.domainsFocused() {
		a.domains.OnChanged = nil
		a.domains.SetText(strings.Join(m.set.Domains(), "\n"))
		a.domains.OnChanged = a.onDomains
	}
	a.showEndpoints()
}

func (a *accountsScreen) domainsFocused() bool {
	c := fyne.CurrentApp().Driver().CanvasForObject(a.domains)
	return c != nil && c.Focused() == a.domains
}

// profileLabel is "client-a (eu-west-3, SSO: sign in with aws sso login)".
func profileLabel(p aws.Profile) string {
	var notes []string
	if p.Region != "" {
		notes = append(notes, p.Region)
	}
	// The other partitions are separate clouds: say which one.
	switch p.Partition {
	case "aws-cn":
		notes = append(notes, tr("AWS China"))
	case "aws-us-gov":
		notes = append(notes, tr("AWS GovCloud (US)"))
	case "aws-eusc":
		notes = append(notes, tr("AWS European Sovereign Cloud"))
	}
	if p.Endpoint != "" {
		notes = append(notes, tr("endpoint {{.URL}}", "URL", p.Endpoint))
	}
	if p.SSO {
		notes = append(notes, tr("SSO: sign in first with aws sso login --profile {{.Name}}", "Name", p.Name))
	}
	if p.Source == "env" {
		notes = append(notes, tr("from environment variables"))
	}
	if len(notes) == 0 {
		return p.Name
	}
	return p.Name + " (" + strings.Join(notes, "; ") + ")"
}

func (a *accountsScreen) onDomains(s string) {
	a.m.set.SetDomains(splitList(s))
	a.m.dash.empty.SetAccounts(a.m.profiles, a.m.config(), a.m.profErr)
}

// splitList splits user input on commas, spaces and newlines.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ' ' || r == '\n' || r == '\t' || r == ';' || r == '\r'
	})
}

func (a *accountsScreen) showPolicy() {
	text := widget.NewMultiLineEntry()
	text.SetText(aws.Policy())
	text.TextStyle = fyne.TextStyle{Monospace: true}
	copyBtn := widget.NewButtonWithIcon(tr("Copy"), theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(aws.Policy())
	})
	content := container.NewBorder(para(tr("Attach this policy to the role or user Reachmap signs in as. It allows only the read-only calls Reachmap makes.")), copyBtn, nil, nil, text)
	d := dialog.NewCustom(tr("Minimal read-only IAM policy"), tr("Close"), content, a.m.win)
	d.Resize(fyne.NewSize(640, 560))
	d.Show()
}

func (a *accountsScreen) buildS3Form() {
	f := &a.s3
	f.url = widget.NewEntry()
	f.url.SetPlaceHolder("https://fsn1.your-objectstorage.com")
	f.provider = widget.NewSelect(s3ProviderNames(), nil)
	f.provider.PlaceHolder = tr("Provider")
	f.region = widget.NewEntry()
	f.region.SetPlaceHolder(tr("Region, e.g. fsn1"))
	f.url.OnChanged = func(s string) {
		p, r := guessS3Provider(s)
		if p != "" {
			f.provider.SetSelectedIndex(indexOf(s3Providers, p))
		}
		if r != "" && f.region.Text == "" {
			f.region.SetText(r)
		}
	}
	f.keyID = widget.NewEntry()
	f.keyID.SetPlaceHolder(tr("Access key id"))
	f.secret = widget.NewPasswordEntry()
	f.secret.SetPlaceHolder(tr("Secret key (kept in the system keyring)"))
	f.err = widget.NewLabel("")
	f.err.Importance = widget.DangerImportance
	f.err.Wrapping = fyne.TextWrapWord
	f.err.Hide()
	f.add = widget.NewButtonWithIcon(tr("Add endpoint"), theme.ContentAddIcon(), a.onAddEndpoint)
}

func (a *accountsScreen) s3Box() fyne.CanvasObject {
	f := &a.s3
	form := widget.NewForm(
		widget.NewFormItem(tr("Endpoint URL"), f.url),
		widget.NewFormItem(tr("Provider"), container.NewGridWithColumns(2, f.provider, f.region)),
		widget.NewFormItem(tr("Access key id"), f.keyID),
		widget.NewFormItem(tr("Secret key"), f.secret),
	)
	return container.NewVBox(form, f.err, container.NewHBox(layout.NewSpacer(), f.add))
}

func s3ProviderNames() []string {
	out := make([]string, len(s3Providers))
	for i, p := range s3Providers {
		out[i] = reach.ProviderName(p)
	}
	return out
}

// onAddEndpoint checks the form, puts the secret in the keyring, and
// saves the rest in preferences.
func (a *accountsScreen) onAddEndpoint() {
	f := &a.s3
	prov := ""
	if i := f.provider.SelectedIndex(); i >= 0 && i < len(s3Providers) {
		prov = s3Providers[i]
	}
	ep, err := newS3Endpoint(f.url.Text, prov, f.region.Text, f.keyID.Text, f.secret.Text)
	if err == nil {
		for _, e := range a.m.set.Endpoints() {
			if e.ID == ep.ID {
				err = errorf(tr("This access key is already saved for this endpoint."))
			}
		}
	}
	if err == nil && a.m.deps.secrets != nil {
		if kerr := a.m.deps.secrets.Set(ep.ID, f.secret.Text); kerr != nil {
			// Say so, and keep nothing: without the keyring there is no
			// safe place for the secret.
			err = errorf(tr("The system keyring refused the secret key, so nothing was saved: {{.Error}}", "Error", kerr.Error()))
		}
	}
	if err != nil {
		f.err.SetText(err.Error())
		f.err.Show()
		return
	}
	a.m.set.SetEndpoints(append(a.m.set.Endpoints(), ep))
	f.err.Hide()
	for _, e := range []*widget.Entry{f.url, f.region, f.keyID, f.secret} {
		e.SetText("")
	}
	f.provider.ClearSelected()
	a.showEndpoints()
}

func (a *accountsScreen) showEndpoints() {
	a.endpoints.RemoveAll()
	for _, e := range a.m.set.Endpoints() {
		desc := []string{e.URL}
		if e.Provider != "" {
			desc = append(desc, reach.ProviderName(e.Provider))
		}
		if e.Region != "" {
			desc = append(desc, e.Region)
		}
		desc = append(desc, tr("key {{.Key}}", "Key", e.AccessKeyID))
		id := e.ID
		rm := widget.NewButtonWithIcon(tr("Remove"), theme.DeleteIcon(), func() { a.removeEndpoint(id) })
		rm.Importance = widget.LowImportance
		a.endpoints.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.StorageIcon()), rm, para(strings.Join(desc, " · "))))
	}
	a.endpoints.Refresh()
}

// removeEndpoint forgets an endpoint and deletes its secret.
func (a *accountsScreen) removeEndpoint(id string) {
	var keep []s3Endpoint
	for _, e := range a.m.set.Endpoints() {
		if e.ID != id {
			keep = append(keep, e)
		}
	}
	a.m.set.SetEndpoints(keep)
	if a.m.deps.secrets != nil {
		if err := a.m.deps.secrets.Delete(id); err != nil {
			a.s3.err.SetText(tr("The secret key could not be removed from the system keyring: {{.Error}}", "Error", err.Error()))
			a.s3.err.Show()
		}
	}
	a.showEndpoints()
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

type textError string

func (e textError) Error() string { return string(e) }

func errorf(s string) error { return textError(s) }
