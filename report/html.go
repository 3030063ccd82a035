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
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/providers"
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
	v := buildView(s, mapPNG)
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
	Territory, City, Evidence     string
	Weak                          bool
	LocNote                       string
	Operator                      string
	Chain                         []string
	OpNote                        string
	OpContested                   bool
	Reach                         []reachView
	Context                       []reachView // agreements
	CatKey, CatLabel              string
	Gaps                          []string
	Tags                          string
}

type reachView struct {
	Country   string
	Basis     string
	Via       string
	Laws      []link
	Foreign   bool
	Contested bool
	Note      string
}

type lawView struct {
	Anchor, Name, Citation, Country, Kind string
	Summary, Note, InForce, Reviewed      string
	URL                                   string
	Unverified                            bool
	Items                                 int
}

type gapView struct {
	Provider, Account, Region, Item, Error, Hint string
}

// catLabels say what a category means, in the words of the map's legend.
var catLabels = map[reach.Category][2]string{
	reach.CategoryHome:        {"Home reach only", "Only home jurisdictions can compel this data."},
	reach.CategoryHomeForeign: {"Home soil, foreign reach", "Stored at home, but a foreign law reaches its operator."},
	reach.CategoryForeign:     {"Outside home", "Stored outside the home jurisdiction."},
	reach.CategoryUnknown:     {"Unknown", "Where it is or who runs it is not known."},
}

func catKey(c reach.Category) string {
	if c == reach.CategoryHomeForeign {
		return "homeforeign"
	}
	if _, ok := catLabels[c]; !ok {
		return "unknown"
	}
	return string(c)
}

func catLabel(c reach.Category) string {
	if l, ok := catLabels[c]; ok {
		return l[0]
	}
	return string(c)
}

const dateLayout = "2 January 2006, 15:04 MST"

func buildView(s *inventory.Scan, mapPNG []byte) view {
	home := s.Home
	gen := now().UTC()
	v := view{
		ScannedAt:    s.ScannedAt.UTC().Format(dateLayout),
		ScannedISO:   s.ScannedAt.UTC().Format(time.RFC3339),
		Generated:    gen.Format(dateLayout),
		GeneratedISO: gen.Format(time.RFC3339),
		Home:         homeLabel(home),
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
		v.Categories = append(v.Categories, catView{Key: catKey(c), Label: catLabel(c), Desc: catLabels[c][1], Count: counts[c], Pct: pct})
	}
	v.Headline = headline(s)

	if len(mapPNG) > 0 {
		v.MapURI = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(mapPNG))
		v.MapAlt = fmt.Sprintf("World map of the %d data stores of this scan, coloured by who can reach them.", v.Total)
	}

	v.Countries = countries(s)
	v.Jurisdictions = jurisdictions(s)
	laws := newLawIndex()
	for i, it := range s.Assets {
		v.Items = append(v.Items, item(i+1, it, home, laws))
	}
	v.Laws = laws.list()
	v.Blocking = blocking(s)
	for _, g := range s.AllGaps() {
		v.Gaps = append(v.Gaps, gapView{g.Provider, g.Account, g.Region, g.Item, g.Error, g.Hint})
	}
	return v
}

func homeLabel(h reach.Home) string {
	if h == "" {
		return "not set"
	}
	if h == reach.HomeEU {
		return "EU/EEA"
	}
	return h.Label() + " (" + string(h) + ")"
}

// headline says in a sentence what the summary shows.
func headline(s *inventory.Scan) string {
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
	out := fmt.Sprintf("%d of %d data stores can be reached by a jurisdiction outside %s", foreign, len(s.Assets), homeLabel(s.Home))
	switch foreign {
	case 0:
		out = fmt.Sprintf("None of the %d data stores can be reached by a jurisdiction outside %s", len(s.Assets), homeLabel(s.Home))
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

func territoryName(code string) string {
	switch code {
	case "":
		return "Unknown"
	case "EU":
		return "EU/EEA (country not known)"
	}
	return reach.CountryLabel(code)
}

func countries(s *inventory.Scan) []countryView {
	by := map[string]*countryView{}
	for _, it := range s.Assets {
		code := territoryOf(it.Location)
		c, ok := by[code]
		if !ok {
			c = &countryView{Name: territoryName(code), Code: code, ByCat: make([]int, len(reach.Categories)), HomeSoil: s.Home.Includes(code)}
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
func jurisdictions(s *inventory.Scan) []jurisView {
	type acc struct {
		items map[int]bool
		bases map[reach.Basis]bool
		laws  []link
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
		for _, b := range []reach.Basis{reach.BasisTerritorial, reach.BasisOperator} {
			if a.bases[b] {
				bases = append(bases, string(b))
			}
		}
		out = append(out, jurisView{Name: reach.CountryLabel(cc), Code: cc, Items: len(a.items),
			Bases: strings.Join(bases, ", "), Foreign: !s.Home.Includes(cc), Laws: a.laws})
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

func item(n int, it inventory.Item, home reach.Home, laws *lawIndex) itemView {
	l := it.Location
	code := territoryOf(l)
	v := itemView{
		N: n, Name: it.Name, Kind: kindLabel(it.Kind), Provider: reach.ProviderName(it.Provider), Account: it.Account,
		Region: it.Region, Host: it.Host, Territory: territoryName(code), City: l.City,
		Evidence: evidenceLabel(l), LocNote: l.Note,
		Weak:   l.Evidence == geo.EvidenceGeoIP || l.Confidence == geo.ConfidenceLow || l.Confidence == geo.ConfidenceNone,
		CatKey: catKey(it.Category), CatLabel: catLabel(it.Category),
	}
	op := it.Operator
	if op.Name != "" {
		v.Operator = entityLabel(op.Name, op.Country)
		for _, p := range op.Parents {
			v.Chain = append(v.Chain, entityLabel(p.Name, p.Country))
		}
	} else {
		v.Operator = "Unknown"
	}
	v.OpNote, v.OpContested = op.Note, op.Contested
	for _, j := range it.Reach {
		r := reachView{
			Country: reach.CountryLabel(j.Country), Basis: string(j.Basis), Via: j.Via,
			Laws: lawsOf(j), Foreign: !home.Includes(j.Country), Contested: j.Contested, Note: ownNote(j),
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

func entityLabel(name, country string) string {
	if country == "" {
		return name
	}
	return name + " (" + reach.CountryLabel(country) + ")"
}

func kindLabel(k providers.Kind) string {
	return strings.ReplaceAll(string(k), "-", " ")
}

func evidenceLabel(l geo.Location) string {
	e := string(l.Evidence)
	switch l.Evidence {
	case geo.EvidenceAPI:
		e = "provider API"
	case geo.EvidenceCatalog:
		e = "region catalog"
	case geo.EvidenceDNS:
		e = "DNS"
	case geo.EvidenceGeoIP:
		e = "GeoIP guess"
	case geo.EvidenceUnknown, "":
		e = "no evidence"
	}
	if l.Confidence != "" && l.Confidence != geo.ConfidenceNone {
		e += ", " + string(l.Confidence) + " confidence"
	}
	return e
}

// lawIndex collects every law cited by the items, once each.
type lawIndex struct {
	order []string
	laws  map[string]*lawView
	items map[string]map[int]bool
}

func newLawIndex() *lawIndex {
	return &lawIndex{laws: map[string]*lawView{}, items: map[string]map[int]bool{}}
}

func (x *lawIndex) add(j reach.Jurisdiction, item int) {
	found := reach.LawsOf(j)
	if len(found) == 0 && j.Law != "" {
		found = []reach.Law{{ID: "recorded-" + j.Law, Country: j.Country, Name: j.Law, Source: j.Source}}
	}
	for _, l := range found {
		if _, ok := x.laws[l.ID]; !ok {
			x.order = append(x.order, l.ID)
			lv := newLawView(l)
			x.laws[l.ID] = &lv
			x.items[l.ID] = map[int]bool{}
		}
		x.items[l.ID][item] = true
	}
}

func newLawView(l reach.Law) lawView {
	return lawView{
		Anchor: "law-" + anchor(l.ID), Name: l.Name, Citation: l.Citation, Country: reach.CountryLabel(l.Country),
		Kind: string(l.Kind), Summary: l.Summary, Note: l.Note, InForce: l.InForce, Reviewed: l.Reviewed,
		URL: safeURL(l.Source), Unverified: l.Unverified,
	}
}

// lawKindOrder shows reach before context.
var lawKindOrder = []reach.LawKind{reach.LawExtraterritorial, reach.LawTerritorial, reach.LawAgreement, reach.LawBlocking, reach.LawLocalisation}

func (x *lawIndex) list() []lawView {
	var out []lawView
	for _, id := range x.order {
		lv := *x.laws[id]
		lv.Items = len(x.items[id])
		out = append(out, lv)
	}
	slices.SortStableFunc(out, func(a, b lawView) int {
		ka, kb := slices.Index(lawKindOrder, reach.LawKind(a.Kind)), slices.Index(lawKindOrder, reach.LawKind(b.Kind))
		return cmp.Or(cmp.Compare(ka, kb), cmp.Compare(b.Items, a.Items), cmp.Compare(a.Country, b.Country), cmp.Compare(a.Name, b.Name))
	})
	return out
}

// blocking lists the blocking statutes of the territories where data is
// stored (GDPR art. 48 in the EU/EEA): a transfer impact assessment
// weighs them against the foreign laws that reach the data.
func blocking(s *inventory.Scan) []lawView {
	seen := map[string]int{}
	var out []lawView
	for _, it := range s.Assets {
		for _, l := range reach.Blocking(territoryOf(it.Location)) {
			i, ok := seen[l.ID]
			if !ok {
				i = len(out)
				seen[l.ID] = i
				out = append(out, newLawView(l))
			}
			out[i].Items++
		}
	}
	return out
}

// anchor makes an id safe for an HTML fragment.
func anchor(id string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '-'
	}, id)
}
