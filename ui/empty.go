package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/reach"
)

// emptyState is the first-run card over the empty map: what Reachmap
// does, what it found on this computer, the home that categories are
// judged against (proposed from the system's region, for the person to
// confirm or change), and the ways to start (the demo estate, or adding
// an account).
type emptyState struct {
	root     *fyne.Container
	bg       *canvas.Rectangle
	accounts *widget.Label
	scan     *widget.Button
	homeSel  *widget.Select
	homeNote *widget.Label
	home     reach.Home
	chosen   bool
	quiet    bool // SetHome is moving the selector

	// OnHome is called with the home when the person picks one, or starts
	// (demo, scan) with the one proposed, which confirms it.
	OnHome func(reach.Home)
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
	e.accounts = &widget.Label{Alignment: fyne.TextAlignCenter, SizeName: theme.SizeNameCaptionText, Wrapping: fyne.TextWrapWord}
	demo := &widget.Button{Text: tr("Show the demo estate"), Icon: theme.MediaPlayIcon(), Importance: widget.HighImportance, OnTapped: e.onDemo}
	add := &widget.Button{Text: tr("Add an account…"), Icon: theme.ContentAddIcon(), OnTapped: e.onAddAccount}
	e.scan = &widget.Button{Text: tr("Scan my accounts"), Icon: theme.ViewRefreshIcon(), OnTapped: e.onScanAccounts}
	e.scan.Hide()
	e.homeSel = widget.NewSelect(homeOptions(), e.onHomeSelected)
	e.homeNote = &widget.Label{Alignment: fyne.TextAlignCenter, SizeName: theme.SizeNameCaptionText, Wrapping: fyne.TextWrapWord}
	home := container.NewCenter(container.NewHBox(&widget.Label{Text: tr("Home:")}, e.homeSel))
	card := container.NewVBox(title, body, e.accounts, home, e.homeNote, container.NewCenter(container.NewHBox(demo, add, e.scan)), privacy)
	sized := readable(card, 620, true)
	e.bg = overlayBG()
	e.root = container.NewCenter(container.NewStack(e.bg, container.NewPadded(container.NewPadded(sized))))
	e.SetAccounts(nil, nil, false)
	return e
}

func (e *emptyState) onDemo()         { e.confirmHome(); call(e.OnDemo) }
func (e *emptyState) onAddAccount()   { call(e.OnAddAccount) }
func (e *emptyState) onScanAccounts() { e.confirmHome(); call(e.OnScanAccounts) }

func (e *emptyState) onHomeSelected(string) {
	if e.quiet {
		return
	}
	if i := e.homeSel.SelectedIndex(); i >= 0 && i < len(homeCodes) {
		e.home, e.chosen = reach.Home(homeCodes[i]), true
		if e.OnHome != nil {
			e.OnHome(e.home)
		}
	}
}

// confirmHome saves the proposed home when the person starts with it.
func (e *emptyState) confirmHome() {
	if !e.chosen && e.OnHome != nil {
		e.chosen = true
		e.OnHome(e.home)
	}
}

// SetHome shows the home on the card: chosen says the person chose it,
// else it was proposed from region (the system locale's). Main thread.
func (e *emptyState) SetHome(h reach.Home, chosen bool, region string) {
	e.home, e.chosen = h, chosen
	e.quiet = true
	if i := indexOf(homeCodes, string(h)); i >= 0 {
		e.homeSel.SetSelectedIndex(i)
	} else {
		e.homeSel.Options = append(homeOptions(), homeOption(h))
		e.homeSel.SetSelected(homeOption(h))
	}
	e.quiet = false
	switch {
	case chosen:
		e.homeNote.SetText(tr("Categories are judged against this home; change it here or in Settings."))
	case region != "" && geo.ValidCountry(region):
		e.homeNote.SetText(tr("Proposed from this computer's region ({{.Region}}): confirm it or pick another. Categories are judged against it.", "Region", say.CountryName(region)))
	default:
		e.homeNote.SetText(tr("This computer names no region: confirm the EU/EEA or pick your country. Categories are judged against it."))
	}
}

// Restyle follows a theme change.
func (e *emptyState) Restyle() { restyleOverlayBG(e.bg) }

// SetAccounts says what the Accounts screen holds (accountsScreen.
// Configured: a line per kind) and what could not be read, and shows
// "Scan my accounts" when there is something to scan. Main thread.
func (e *emptyState) SetAccounts(found, problems []string, scannable bool) {
	var parts []string
	if len(found) > 0 {
		parts = append(parts, tr("Set up on this computer: {{.List}}.", "List", strings.Join(found, "; ")))
	}
	parts = append(parts, problems...)
	if len(parts) == 0 {
		parts = append(parts, tr("No cloud account is configured on this computer yet."))
	}
	e.accounts.SetText(strings.Join(parts, "\n"))
	if scannable {
		e.scan.Show()
	} else {
		e.scan.Hide()
	}
}
