package report

import (
	"cmp"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/internal/about"
	"github.com/reachmap/reachmap/internal/i18n"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/present"
	"github.com/reachmap/reachmap/reach"
)

//go:embed report.html.tmpl
var htmlTemplate string

var reportTmpl = template.Must(template.New("report").Parse(htmlTemplate))

// now is when a report is written; tests fix it.
var now = time.Now

// WriteHTML writes a self-contained HTML report of the scan: a summary by
// category, country and jurisdiction, the map, every item with its
// territory, operator chain, reach and evidence, each law once with its
// source, the gaps, and the advisory notice. Styles are inline and nothing
// is loaded from elsewhere; the only links out are the citations.
//
// mapPNG is a rendering of the map, embedded as a data: URI; when nil the
// report says that no map image was available.
func WriteHTML(w io.Writer, s *inventory.Scan, mapPNG []byte) error {
	if s == nil {
		return errors.New("write html: no scan")
	}
	if mapPNG != nil && !isPNG(mapPNG) {
		return errors.New("write html: the map image is not a PNG")
	}
	v := buildView(s, mapPNG, english)
	if err := reportTmpl.Execute(w, v); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	return nil
}

// The view types hold the report's text ready to print, so that the
// template only lays it out.
type view struct {
	Title           string
	ScannedAt       string
	ScannedISO      string
	Generated       string
	GeneratedISO    string
	Home            string
	Reviewed        string
	CurrentReviewed string // set when the knowledge base changed since the scan
	Advisory        string
	Version         string
	Total           int
	Headline        string
	Categories      []catView
	Countries       []countryView
	Jurisdictions   []jurisView
	MapURI          template.URL
	MapAlt          string
	Items           []itemView
	Laws            []lawView
	Blocking        []lawView
	Gaps            []gapView
}

type catView struct {
	Key, Label, Desc string
	Count            int
	Pct              int
}

type countryView struct {
	Name, Code string
	Total      int
	ByCat      []int // in reach.Categories order
	HomeSoil   bool
}

type jurisView struct {
	Name, Code string
	Items      int
	Bases      string
	Foreign    bool
	Laws       []link
}

type link struct {
	Label string
	URL   string // empty when no usable source
	// Unverified marks a law the knowledge base could not yet confirm
	// from a good source; the laws section says why.
	Unverified bool
}

type itemView struct {
	N                             int
	Name, Kind, Provider, Account string
	Region, Host                  string
	Place, Evidence               string
	Weak                          bool
	LocNote                       string
	Operator                      string
	Chain                         []string
	OpNote                        string
	OpContested                   bool
	// OpFacts are the contracting entity, the parent's Data Privacy
	// Framework entry and the certifications, one sentence each.
	OpFacts []string
	// Historic says, in the past tense, that the service closed.
	Historic         string
	Reach            []reachView
	Context          []reachView // agreements
	CatKey, CatLabel string
	Gaps             []string
	Tags             string
}

type reachView struct {
	Country   string
	Basis     string
	Via       string
	Laws      []link
	Foreign   bool
	Contested bool
	Note      string
	// Strength is how firmly the law reaches, in words; Status when it
	// applies from a later date or lapsed.
	Strength, StrengthWord, Status string
	// WeakStrength is true for control or contested reach, whose reason
	// the report spells out on the row.
	WeakStrength bool
}

type lawView struct {
	Anchor, Name, Citation, Country, Kind string
	Summary, Note, InForce, Reviewed      string
	// Time is "applies from …", "in force since …" or "lapsed on …".
	Time       string
	URL        string
	Unverified bool
	Items      int
}

type gapView struct {
	Provider, Account, Region, Item, Error, Hint string
}

// catKey is a category's CSS class.
func catKey(c reach.Category) string {
	switch c {
	case reach.CategoryHomeForeign:
		return "homeforeign"
	case reach.CategoryHome, reach.CategoryForeign:
		return string(c)
	}
	return "unknown"
}

const dateLayout = "2 January 2006, 15:04 MST"

// english speaks the report's sentences; the evidence-pack issue will let
// the caller choose French.
var english = present.New(i18n.English())

func buildView(s *inventory.Scan, mapPNG []byte, say *present.Speaker) view {
	home := s.Home
	gen := now().UTC()
	v := view{
		ScannedAt:    s.ScannedAt.UTC().Format(dateLayout),
		ScannedISO:   s.ScannedAt.UTC().Format(time.RFC3339),
		Generated:    gen.Format(dateLayout),
		GeneratedISO: gen.Format(time.RFC3339),
		Home:         homeLabel(say, home),
		Reviewed:     cmp.Or(s.Reviewed, "not recorded"),
		Advisory:     reach.Advisory(),
		Version:      about.Version,
		Total:        len(s.Assets),
	}
	v.Title = "Where the data lives and who can reach it"
	if cur := reach.Reviewed(); s.Reviewed != "" && s.Reviewed != cur {
		v.CurrentReviewed = cur
	}

	counts := s.Counts()
	for _, c := range reach.Categories {
		pct := 0
		if v.Total > 0 {
			pct = (counts[c]*100 + v.Total/2) / v.Total
		}
		v.Categories = append(v.Categories, catView{Key: catKey(c), Label: say.CategoryLabel(c, home), Desc: say.CategoryExplained(c, home), Count: counts[c], Pct: pct})
	}
	v.Headline = headline(say, s)

	if len(mapPNG) > 0 {
		v.MapURI = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(mapPNG))
		v.MapAlt = fmt.Sprintf("World map of the %d data stores of this scan, coloured by who can reach them.", v.Total)
	}

	v.Countries = countries(say, s)
	v.Jurisdictions = jurisdictions(say, s)
	laws := newLawIndex()
	for i, it := range s.Assets {
		v.Items = append(v.Items, item(say, i+1, it, home, laws))
	}
	v.Laws = laws.list()
	v.Blocking = blocking(s)
	for _, g := range s.AllGaps() {
		v.Gaps = append(v.Gaps, gapView{g.Provider, g.Account, g.Region, g.Item, g.Error, g.Hint})
	}
	return v
}

// homeLabel is the home's name, with its code when it is a country:
// "EU/EEA", "France (FR)".
func homeLabel(say *present.Speaker, h reach.Home) string {
	switch h {
	case "":
		return "not set"
	case reach.HomeEU:
		return say.HomeName(h)
	}
	return say.HomeName(h) + " (" + string(h) + ")"
}

// headline says in a sentence what the summary shows.
func headline(say *present.Speaker, s *inventory.Scan) string {
	if len(s.Assets) == 0 {
		return "The scan found no data stores."
	}
	foreign := 0
	for _, it := range s.Assets {
		if len(it.Foreign(s.Home)) > 0 {
			foreign++
		}
	}
	c := s.Counts()
	out := fmt.Sprintf("%d of %d data stores can be reached by a jurisdiction outside %s", foreign, len(s.Assets), homeLabel(say, s.Home))
	switch foreign {
	case 0:
		out = fmt.Sprintf("None of the %d data stores can be reached by a jurisdiction outside %s", len(s.Assets), homeLabel(say, s.Home))
	}
	out += fmt.Sprintf(": %d stored outside home, %d on home soil under a foreign operator's law.", c[reach.CategoryForeign], c[reach.CategoryHomeForeign])
	if n := c[reach.CategoryUnknown]; n > 0 {
		out += fmt.Sprintf(" %d could not be judged fully.", n)
	}
	return out
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

func countries(say *present.Speaker, s *inventory.Scan) []countryView {
	by := map[string]*countryView{}
	for _, it := range s.Assets {
		code := territoryOf(it.Location)
		c, ok := by[code]
		if !ok {
			c = &countryView{Name: territoryName(say, code), Code: code, ByCat: make([]int, len(reach.Categories)), HomeSoil: s.Home.Includes(code)}
			by[code] = c
		}
		c.Total++
		if i := slices.Index(reach.Categories, it.Category); i >= 0 {
			c.ByCat[i]++
		}
	}
	var out []countryView
	for _, c := range by {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b countryView) int {
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
func jurisdictions(say *present.Speaker, s *inventory.Scan) []jurisView {
	type acc struct {
		items   map[int]bool
		bases   map[reach.Basis]bool
		laws    []link
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
	var out []jurisView
	for cc, a := range by {
		var bases []string
		for _, b := range []reach.Basis{reach.BasisTerritorial, reach.BasisOperator, reach.BasisUnion} {
			if a.bases[b] {
				bases = append(bases, string(b))
			}
		}
		out = append(out, jurisView{Name: say.CountryName(cc), Code: cc, Items: len(a.items),
			Bases: strings.Join(bases, ", "), Foreign: a.foreign, Laws: a.laws})
	}
	slices.SortFunc(out, func(a, b jurisView) int {
		return cmp.Or(cmp.Compare(boolInt(!a.Foreign), boolInt(!b.Foreign)), cmp.Compare(b.Items, a.Items), cmp.Compare(a.Name, b.Name))
	})
	return out
}

// lawsOf returns the citations of a reach entry, each law with its own
// source; an entry whose laws the knowledge base no longer lists (a scan
// older than the knowledge base) keeps its recorded label and source.
func lawsOf(j reach.Jurisdiction) []link {
	var out []link
	for _, l := range reach.LawsOf(j) {
		out = append(out, link{Label: l.Label(), URL: safeURL(l.Source), Unverified: l.Unverified})
	}
	if len(out) == 0 && j.Law != "" {
		out = append(out, link{Label: j.Law, URL: safeURL(j.Source)})
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

func item(say *present.Speaker, n int, it inventory.Item, home reach.Home, laws *lawIndex) itemView {
	l := it.Location
	v := itemView{
		N: n, Name: it.Name, Kind: say.Kind(string(it.Kind)), Provider: reach.ProviderName(it.Provider), Account: it.Account,
		Region: it.Region, Host: it.Host, Place: say.Place(l),
		Evidence: say.EvidenceSentence(l), LocNote: l.Note, Weak: present.WeakEvidence(l),
		CatKey: catKey(it.Category), CatLabel: say.CategoryLabel(it.Category, home),
	}
	op := it.Operator
	if op.Name != "" {
		v.Operator = say.Entity(op.Name, op.Country)
		v.Chain = say.Owners(op)
	} else {
		v.Operator = say.OperatorSentence(op)
	}
	v.OpNote, v.OpContested = op.Note, op.Contested
	for _, f := range []string{say.ContractingEntity(op), say.DPF(op), say.Certifications(op)} {
		if f != "" {
			v.OpFacts = append(v.OpFacts, f)
		}
	}
	v.Historic = say.ServiceStatus(it.Status, it.Until, it.Successor)
	for _, j := range it.Reach {
		r := reachView{
			Country: say.CountryName(j.Country), Basis: string(j.Basis), Via: j.Via,
			Laws: lawsOf(j), Foreign: !home.Covers(j), Contested: j.Contested, Note: ownNote(j),
			Strength: say.Strength(j), StrengthWord: say.StrengthWord(j.Strength), Status: say.LawStatus(j),
			WeakStrength: j.Strength == reach.StrengthControl || j.Strength == reach.StrengthContested,
		}
		laws.add(j, n)
		if j.Basis == reach.BasisAgreement {
			v.Context = append(v.Context, r)
			continue
		}
		v.Reach = append(v.Reach, r)
	}
	for _, g := range it.Gaps {
		s := g.Error
		if g.Hint != "" {
			s += " — " + g.Hint
		}
		v.Gaps = append(v.Gaps, s)
	}
	var tags []string
	for k, val := range it.Tags {
		tags = append(tags, k+"="+val)
	}
	slices.Sort(tags)
	v.Tags = strings.Join(tags, ", ")
	return v
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
