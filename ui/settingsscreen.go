package ui

import (
	"net"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	fynesettings "fyne.io/fyne/v2/cmd/fyne_settings/settings"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/geo/geoip"
	"github.com/reachmap/reachmap/policy"
	"github.com/reachmap/reachmap/reach"
)

// settingsScreen holds the choices that change how a scan is judged and
// shown: the home jurisdiction, the policy file, the DNS resolver and
// GeoIP database of the mail lookups, and the appearance (Fyne's own
// settings screen: theme, scale, colour). It saves its own choices and
// tells the window through its on… callbacks; it reads no other screen.
type settingsScreen struct {
	// OnHome is called with a new home jurisdiction, OnPolicy when
	// another policy file was chosen (saved already). Main thread.
	OnHome   func(reach.Home)
	OnPolicy func()

	set  settings
	work *worker
	win  fyne.Window
	root fyne.CanvasObject

	home      *widget.Select
	policy    *widget.Entry
	polStatus *widget.Label
	dns       *widget.Entry
	dnsErr    *widget.Label
	geoip     *widget.Entry
	geoipErr  *widget.Label
	quiet     bool
}

func newSettingsScreen(set settings, work *worker, win fyne.Window) *settingsScreen {
	s := &settingsScreen{set: set, work: work, win: win, OnHome: func(reach.Home) {}, OnPolicy: func() {}}

	s.home = widget.NewSelect(homeOptions(), s.onHome)
	s.SetHome(s.set.Home())

	s.policy = widget.NewEntry()
	s.policy.SetPlaceHolder(tr("No policy: choose a YAML file"))
	s.policy.SetText(s.set.PolicyPath())
	s.policy.OnSubmitted = func(string) { s.onPolicy() }
	s.polStatus = widget.NewLabel("")
	s.polStatus.Wrapping = fyne.TextWrapWord
	choose := widget.NewButtonWithIcon(tr("Choose…"), theme.FolderOpenIcon(), func() { s.browse(s.policy, []string{".yaml", ".yml"}, s.onPolicy) })
	clearPol := widget.NewButtonWithIcon(tr("No policy"), theme.ContentClearIcon(), func() {
		s.policy.SetText("")
		s.onPolicy()
	})

	s.dns = widget.NewEntry()
	s.dns.SetPlaceHolder(tr("System resolver (or HOST:PORT, e.g. 9.9.9.9:53)"))
	s.dns.SetText(s.set.DNS())
	s.dns.OnChanged = s.onDNS
	s.dnsErr = errorLabel()

	s.geoip = widget.NewEntry()
	s.geoip.SetPlaceHolder(tr("Built-in database"))
	s.geoip.SetText(s.set.GeoIPDB())
	s.geoip.OnSubmitted = func(string) { s.onGeoIP() }
	s.geoipErr = errorLabel()
	chooseDB := widget.NewButtonWithIcon(tr("Choose…"), theme.FolderOpenIcon(), func() { s.browse(s.geoip, []string{".mmdb"}, s.onGeoIP) })

	homeCard := widget.NewCard(tr("Home jurisdiction"), tr("Categories are relative to it: data only its law reaches, data on its soil that a foreign law also reaches, data stored abroad."), s.home)
	polCard := widget.NewCard(tr("Policy"), tr("A policy file lists which jurisdictions may reach which data; the table and the detail panel mark the items that break it."),
		container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(choose, clearPol), s.policy), s.polStatus))
	scanCard := widget.NewCard(tr("Mail lookups"), "", widget.NewForm(
		widget.NewFormItem(tr("DNS resolver"), container.NewVBox(s.dns, s.dnsErr)),
		widget.NewFormItem(tr("GeoIP database"), container.NewVBox(container.NewBorder(nil, nil, nil, chooseDB, s.geoip), s.geoipErr,
			dim(tr("Used only as weak evidence for mail hosts: an IP database tells where an address is registered, not where the data is. Any MaxMind-format Country or City database works."))))))
	appearance := fynesettings.NewSettings().LoadAppearanceScreen(win)
	lookCard := widget.NewCard(tr("Theme and size"), tr("Theme, size and accent colour, shared with other Fyne apps. The language follows your system (English or French)."), appearance)
	body := container.NewVBox(homeCard, polCard, scanCard, lookCard)
	s.root = container.NewVScroll(container.NewPadded(readable(body, 820, false)))
	return s
}

func errorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// SetHome shows the home jurisdiction without reporting it back.
func (s *settingsScreen) SetHome(h reach.Home) {
	s.quiet = true
	defer func() { s.quiet = false }()
	if i := indexOf(homeCodes, string(h)); i >= 0 {
		s.home.SetSelectedIndex(i)
	}
}

func (s *settingsScreen) onHome(string) {
	if s.quiet {
		return
	}
	if i := s.home.SelectedIndex(); i >= 0 && i < len(homeCodes) {
		s.OnHome(reach.Home(homeCodes[i]))
	}
}

func (s *settingsScreen) onPolicy() {
	s.set.SetPolicyPath(s.policy.Text)
	s.polStatus.SetText(tr("Reading the policy…"))
	s.OnPolicy()
}

// ShowPolicy says whether the policy file was read. Main thread.
func (s *settingsScreen) ShowPolicy(p *policy.Policy, err error) {
	s.polStatus.Importance = widget.MediumImportance
	switch {
	case err != nil:
		s.polStatus.Importance = widget.DangerImportance
		s.polStatus.SetText(tr("The policy was not applied: {{.Error}}", "Error", err.Error()))
	case p == nil:
		s.polStatus.SetText(tr("No policy in force."))
	default:
		s.polStatus.SetText(trn("{{.Count}} rules from {{.File}} are in force.", len(p.Rules), "File", filepath.Base(p.Path)))
	}
}

// validDNS accepts an empty value (the system resolver) or HOST:PORT.
func validDNS(v string) bool {
	if v == "" {
		return true
	}
	host, port, err := net.SplitHostPort(v)
	return err == nil && host != "" && port != ""
}

func (s *settingsScreen) onDNS(v string) {
	if !validDNS(v) {
		s.dnsErr.SetText(tr("Write the resolver as HOST:PORT, for example 127.0.0.1:5353."))
		s.dnsErr.Show()
		return
	}
	s.dnsErr.Hide()
	s.set.SetDNS(v)
}

// onGeoIP checks the chosen database off the UI thread before using it.
func (s *settingsScreen) onGeoIP() {
	path := s.geoip.Text
	if path == "" {
		s.geoipErr.Hide()
		s.set.SetGeoIPDB("")
		return
	}
	background(s.work, func() (struct{}, error) {
		db, err := geoip.Open(path)
		if err == nil {
			db.Close()
		}
		return struct{}{}, err
	}, func(_ struct{}, err error) {
		if err != nil {
			s.geoipErr.SetText(tr("This file cannot be used: {{.Error}}", "Error", err.Error()))
			s.geoipErr.Show()
			return
		}
		s.geoipErr.Hide()
		s.set.SetGeoIPDB(path)
	})
}

// browse lets the user pick a file for an entry, then calls done.
func (s *settingsScreen) browse(e *widget.Entry, exts []string, done func()) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		e.SetText(r.URI().Path())
		done()
	}, s.win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	if home, err := os.UserHomeDir(); err == nil {
		if l, err := storage.ListerForURI(storage.NewFileURI(home)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Resize(s.win.Canvas().Size().Subtract(fyne.NewSize(120, 120)))
	d.Show()
}
