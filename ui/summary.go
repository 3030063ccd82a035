package ui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/mapdraw"
	"github.com/reachmap/reachmap/present"
	"github.com/reachmap/reachmap/reach"
)

// summaryBar is the line above the map: the count per category as chips
// that filter the table, the count per country, and the home
// jurisdiction, which can be changed there. It also makes the headline
// answer (how many items a foreign government can reach), which the
// window shows in its header.
type summaryBar struct {
	root      *fyne.Container
	chips     []*widget.Button
	countries *widget.Label
	homeSel   *widget.Select
	quiet     bool // setHome is moving the selector

	// OnCategory is called when a chip is tapped.
	OnCategory func(reach.Category)
	// OnHome is called when the user picks another home.
	OnHome func(reach.Home)
	// OnHeadline is called with the headline each time the bar shows a
	// scan ("" for none).
	OnHeadline func(string)
}

func newSummaryBar(home reach.Home) *summaryBar {
	s := &summaryBar{}
	s.countries = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	chips := container.NewHBox()
	for _, c := range reach.Categories {
		b := &widget.Button{Importance: widget.LowImportance, Icon: dotIcon(mapdraw.CategoryColor(c), color.NRGBA{}),
			OnTapped: func() { s.onCategory(c) }}
		s.chips = append(s.chips, b)
		chips.Add(b)
	}
	s.homeSel = widget.NewSelect(homeOptions(), s.onHome)
	s.setHome(home)
	right := container.NewHBox(&widget.Label{Text: tr("Home:")}, s.homeSel)
	s.root = container.NewBorder(nil, nil, chips, right, s.countries)
	return s
}

func (s *summaryBar) onCategory(c reach.Category) {
	if s.OnCategory != nil {
		s.OnCategory(c)
	}
}

func (s *summaryBar) onHome(opt string) {
	if s.quiet {
		return
	}
	i := s.homeSel.SelectedIndex()
	if i < 0 || i >= len(homeCodes) || s.OnHome == nil {
		return
	}
	s.OnHome(reach.Home(homeCodes[i]))
}

// setHome shows home in the selector without reporting it back.
func (s *summaryBar) setHome(h reach.Home) {
	s.quiet = true
	defer func() { s.quiet = false }()
	s.homeSel.Options = homeOptions()
	if i := indexOf(homeCodes, string(h)); i >= 0 {
		s.homeSel.SetSelectedIndex(i)
	} else {
		s.homeSel.Options = append(s.homeSel.Options, homeOption(h))
		s.homeSel.SetSelected(homeOption(h))
	}
}

// Show puts a scan's counts on the bar. Main thread.
func (s *summaryBar) Show(scan *inventory.Scan, home reach.Home) {
	s.setHome(home)
	if scan == nil {
		s.showHeadline("")
		for _, b := range s.chips {
			b.Hide()
		}
		s.countries.SetText("")
		return
	}
	s.showHeadline(say.ReachHeadline(scan.Assets, home))
	counts := scan.Counts()
	for i, c := range reach.Categories {
		s.chips[i].SetText(fmt.Sprintf("%d %s", counts[c], say.CategoryLabel(c, home)))
		s.chips[i].Show()
	}
	// Where the data is; when nothing could be placed (an S3 server
	// nobody placed), why, in the scan's words, which say what to do.
	reason, n := present.UnknownReason(scan.Assets)
	switch top := topCountries(scan.Assets, 5); {
	case top != "":
		s.countries.SetText(tr("Where: {{.List}}", "List", top))
	case reason != "":
		s.countries.SetText(trn("Why unknown ({{.Count}} items): {{.Reason}}", n, "Reason", reason))
	default:
		s.countries.SetText("")
	}
}

func (s *summaryBar) showHeadline(text string) {
	if s.OnHeadline != nil {
		s.OnHeadline(text)
	}
}

// homeCodes are the home jurisdictions offered: the EU/EEA as a whole, its
// states, and the other countries whose users we expect.
var homeCodes = []string{"EU", "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IS", "IE", "IT",
	"LV", "LI", "LT", "LU", "MT", "NL", "NO", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
	"CH", "GB", "US", "CA", "AU", "NZ", "JP", "KR", "SG", "IN", "BR", "CN"}

func homeOptions() []string {
	out := make([]string, len(homeCodes))
	for i, c := range homeCodes {
		out[i] = homeOption(reach.Home(c))
	}
	return out
}

func homeOption(h reach.Home) string {
	if h == reach.HomeEU {
		return tr("EU/EEA")
	}
	if geo.ValidCountry(string(h)) {
		return say.CountryName(string(h)) + " (" + string(h) + ")"
	}
	return string(h)
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}
