package report

import (
	"cmp"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/present"
	"github.com/reachmap/reachmap/reach"
)

//go:embed report.html.tmpl
var htmlTemplate string

var reportTmpl = template.Must(template.New("report").Parse(htmlTemplate))

// now is when a report is written; tests fix it.
var now = time.Now

// WriteHTML writes the English HTML report of the scan; WriteHTMLWith
// chooses the language and adds the changes since a previous scan.
func WriteHTML(w io.Writer, s *inventory.Scan, mapPNG []byte) error {
	return WriteHTMLWith(w, s, Options{Map: mapPNG})
}

// WriteHTMLWith writes a self-contained HTML report of the scan: the
// answer to "is our data at home and out of foreign reach?", a summary by
// category, country and jurisdiction, the map, every item with its
// territory, operator chain, reach, copies and gaps, each law once with
// its source, what could not be checked, the accounts scanned, the
// changes since the previous scan (when o gives one) and the advisory
// notice. Styles are inline and nothing is loaded from elsewhere; the only
// links out are the citations.
//
// o.Map is a rendering of the map, embedded as a data: URI; when nil the
// report says that no map image was available.
func WriteHTMLWith(w io.Writer, s *inventory.Scan, o Options) error {
	if s == nil {
		return errors.New("write html: no scan")
	}
	if o.Map != nil && !isPNG(o.Map) {
		return errors.New("write html: the map image is not a PNG")
	}
	say, err := present.ForLanguage(cmp.Or(o.Lang, "en"))
	if err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	return WriteHTMLView(w, BuildView(s, say, o))
}

// WriteHTMLView lays out a built View as the HTML report, for a caller
// that lays out the same View otherwise too (the evidence pack's PDF).
func WriteHTMLView(w io.Writer, v View) error {
	if err := reportTmpl.Execute(w, v); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	return nil
}

// itoa writes a store id.
func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// homeLabel is the home's name, with its code when it is a country:
// "EU/EEA", "France (FR)".
func homeLabel(say *present.Speaker, h reach.Home) string {
	switch h {
	case "":
		return say.Words().NotRecorded
	case reach.HomeEU:
		return say.HomeName(h)
	}
	return say.HomeName(h) + " (" + string(h) + ")"
}

// territoryOf is the code a location is counted under: its country, its
// area ("EU"), or "" when unknown.
func territoryOf(l geo.Location) string {
	return strings.ToUpper(cmp.Or(l.Country, l.Area))
}

// territoryName names the territory a code stands for: a country, or an
// area whose exact country is not known.
func territoryName(say *present.Speaker, code string) string {
	if code == "EU" {
		return say.Place(geo.Location{Area: code})
	}
	return say.Place(geo.Location{Country: code})
}

func countries(say *present.Speaker, s *inventory.Scan) []CountryView {
	by := map[string]*CountryView{}
	for _, it := range s.Assets {
		code := territoryOf(it.Location)
		c, ok := by[code]
		if !ok {
			c = &CountryView{Name: territoryName(say, code), Code: code, ByCat: make([]int, len(reach.Categories)), HomeSoil: s.Home.Includes(code)}
			by[code] = c
		}
		c.Total++
		if i := slices.Index(reach.Categories, it.Category); i >= 0 {
			c.ByCat[i]++
		}
	}
	var out []CountryView
	for _, c := range by {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b CountryView) int {
		// Unknown last, then by size, then by name.
		return cmp.Or(cmp.Compare(boolInt(a.Code == ""), boolInt(b.Code == "")), cmp.Compare(b.Total, a.Total), cmp.Compare(a.Name, b.Name))
	})
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// jurisdictions counts, for each jurisdiction that reaches data, how many
// items it reaches and on which bases; foreign ones first.
func jurisdictions(say *present.Speaker, s *inventory.Scan) []JurisdictionView {
	type acc struct {
		items   map[int]bool
		bases   map[reach.Basis]bool
		laws    []Link
		foreign bool
	}
	by := map[string]*acc{}
	for i, it := range s.Assets {
		for _, j := range it.Reach {
			if j.Basis == reach.BasisAgreement {
				continue
			}
			cc := strings.ToUpper(j.Country)
			a, ok := by[cc]
			if !ok {
				a = &acc{items: map[int]bool{}, bases: map[reach.Basis]bool{}}
				by[cc] = a
			}
			a.items[i] = true
			a.bases[j.Basis] = true
			a.foreign = a.foreign || !s.Home.Covers(j)
			for _, l := range lawsOf(j) {
				if !slices.Contains(a.laws, l) {
					a.laws = append(a.laws, l)
				}
			}
		}
	}
	var out []JurisdictionView
	for cc, a := range by {
		var bases []string
		for _, b := range []reach.Basis{reach.BasisTerritorial, reach.BasisOperator, reach.BasisUnion} {
			if a.bases[b] {
				bases = append(bases, say.BasisWord(b))
			}
		}
		out = append(out, JurisdictionView{Name: say.CountryName(cc), Code: cc, Items: len(a.items),
			Bases: strings.Join(bases, ", "), Foreign: a.foreign, Laws: a.laws})
	}
	slices.SortFunc(out, func(a, b JurisdictionView) int {
		return cmp.Or(cmp.Compare(boolInt(!a.Foreign), boolInt(!b.Foreign)), cmp.Compare(b.Items, a.Items), cmp.Compare(a.Name, b.Name))
	})
	return out
}

// lawsOf returns the citations of a reach entry, each law with its own
// source; an entry whose laws the knowledge base no longer lists (a scan
// older than the knowledge base) keeps its recorded label and source.
func lawsOf(j reach.Jurisdiction) []Link {
	var out []Link
	for _, l := range reach.LawsOf(j) {
		out = append(out, Link{Label: l.Label(), URL: safeURL(l.Source), Unverified: l.Unverified})
	}
	if len(out) == 0 && j.Law != "" {
		out = append(out, Link{Label: j.Law, URL: safeURL(j.Source)})
	}
	return out
}

// safeURL keeps only http and https links: a citation must open a page,
// nothing else.
func safeURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return ""
	}
	return u.String()
}

// ownNote is a reach entry's note without the caveats of unverified laws,
// which the entry's links mark and the laws section spells out once,
// rather than on every row.
func ownNote(j reach.Jurisdiction) string {
	note := j.Note
	for _, l := range reach.LawsOf(j) {
		if l.Unverified && l.Note != "" {
			note = strings.Replace(note, l.Name+": "+strings.Join(strings.Fields(l.Note), " "), "", 1)
		}
	}
	return strings.Join(strings.Fields(note), " ")
}
