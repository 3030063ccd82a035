package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// emptyState is the first-run card over the empty map: what Reachmap
// does, what it found on this computer, and the two ways to start (the
// demo estate, or adding an account).
type emptyState struct {
	root     *fyne.Container
	bg       *canvas.Rectangle
	accounts *widget.Label
	scan     *widget.Button

	// OnDemo, OnAddAccount and OnScanAccounts are called by the card's
	// buttons.
	OnDemo, OnAddAccount, OnScanAccounts func()
}

func newEmptyState() *emptyState {
	e := &emptyState{}
	title := &widget.Label{Text: tr("Where does your data live, and whose laws can reach it?"), Alignment: fyne.TextAlignCenter,
		TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Wrapping: fyne.TextWrapWord}
	body := para(tr("Reachmap finds the buckets, mailboxes and databases in your cloud accounts, puts each one on a world map, and shows which governments can demand it: the country where it is stored, and the country of the company that runs it. A US company's data centre in Dublin is still within reach of US law (the CLOUD Act)."))
	body.Alignment = fyne.TextAlignCenter
	privacy := para(tr("Reachmap only reads. It changes nothing in your accounts, and nothing leaves this computer except the read-only calls to the accounts you connect."))
	privacy.Alignment = fyne.TextAlignCenter
	privacy.SizeName = theme.SizeNameCaptionText
	e.accounts = &widget.Label{Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Italic: true}, Wrapping: fyne.TextWrapWord}
	demo := &widget.Button{Text: tr("Show the demo estate"), Icon: theme.MediaPlayIcon(), Importance: widget.HighImportance, OnTapped: e.onDemo}
	add := &widget.Button{Text: tr("Add an account…"), Icon: theme.ContentAddIcon(), OnTapped: e.onAddAccount}
	e.scan = &widget.Button{Text: tr("Scan my accounts"), Icon: theme.ViewRefreshIcon(), OnTapped: e.onScanAccounts}
	e.scan.Hide()
	card := container.NewVBox(title, body, e.accounts, container.NewCenter(container.NewHBox(demo, add, e.scan)), privacy)
	sized := readable(card, 620, true)
	e.bg = overlayBG()
	e.root = container.NewCenter(container.NewStack(e.bg, container.NewPadded(container.NewPadded(sized))))
	e.SetAccounts(nil, nil, false, nil)
	return e
}

func (e *emptyState) onDemo()         { call(e.OnDemo) }
func (e *emptyState) onAddAccount()   { call(e.OnAddAccount) }
func (e *emptyState) onScanAccounts() { call(e.OnScanAccounts) }

// Restyle follows a theme change.
func (e *emptyState) Restyle() { restyleOverlayBG(e.bg) }

// SetAccounts says what was found on this computer: AWS profiles and the
// configured domains, or that nothing is configured. Main thread.
// scannable says whether anything is configured to scan.
func (e *emptyState) SetAccounts(names, domains []string, scannable bool, err error) {
	switch {
	case err != nil:
		e.accounts.SetText(tr("The AWS configuration on this computer could not be read: {{.Error}}", "Error", err.Error()))
	case len(names) == 0 && len(domains) == 0:
		e.accounts.SetText(tr("No cloud account is configured on this computer yet."))
	case len(names) > 0 && len(domains) > 0:
		e.accounts.SetText(tr("Found on this computer: AWS profiles {{.Profiles}}; mail domains {{.Domains}}.", "Profiles", strings.Join(names, ", "), "Domains", strings.Join(domains, ", ")))
	case len(names) > 0:
		e.accounts.SetText(tr("Found on this computer: AWS profiles {{.Profiles}}.", "Profiles", strings.Join(names, ", ")))
	default:
		e.accounts.SetText(tr("Mail domains to check: {{.Domains}}.", "Domains", strings.Join(domains, ", ")))
	}
	if scannable {
		e.scan.Show()
	} else {
		e.scan.Hide()
	}
}
