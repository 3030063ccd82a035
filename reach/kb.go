package reach

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/reachmap/reachmap/geo"
)

// LawKind says how a law touches data. It decides where a law is shown:
// extraterritorial and territorial laws are reach, the others context.
type LawKind string

const (
	// LawExtraterritorial reaches companies of its country wherever the
	// data is (the CLOUD Act).
	LawExtraterritorial LawKind = "extraterritorial"
	// LawTerritorial reaches data stored in its country.
	LawTerritorial LawKind = "territorial"
	// LawBlocking filters or forbids disclosure to foreign authorities
	// (GDPR art. 48, China's Data Security Law art. 36).
	LawBlocking LawKind = "blocking"
	// LawAgreement is a treaty channel that eases access (a CLOUD Act
	// executive agreement). Context, never reach.
	LawAgreement LawKind = "agreement"
	// LawLocalisation requires data to be kept in the country.
	LawLocalisation LawKind = "localisation"
)

var lawKinds = []LawKind{LawExtraterritorial, LawTerritorial, LawBlocking, LawAgreement, LawLocalisation}

// Law is one legal instrument of the knowledge base.
type Law struct {
	ID string `yaml:"id" json:"id"`
	// Country is the ISO code of the state that made the law, "EU" for
	// Union law, or the partner state of a US agreement.
	Country  string  `yaml:"country" json:"country"`
	Kind     LawKind `yaml:"kind" json:"kind"`
	Name     string  `yaml:"name" json:"name"`
	Citation string  `yaml:"citation" json:"citation"`
	// InForce is the date the law or agreement took effect, YYYY-MM-DD, if
	// recorded.
	InForce string `yaml:"in_force" json:"in_force,omitempty"`
	Summary string `yaml:"summary" json:"summary"`
	Note    string `yaml:"note" json:"note,omitempty"`
	// Source is a public URL for the text, primary where possible.
	Source string `yaml:"source" json:"source"`
	// Reviewed is the date a person last checked the entry, YYYY-MM-DD.
	Reviewed string `yaml:"reviewed" json:"reviewed"`
	// Unverified marks a fact not yet confirmed from a good source.
	Unverified bool `yaml:"unverified" json:"unverified,omitempty"`
}

// Label is how a law is cited in a reach entry: "CLOUD Act, 18 U.S.C. § 2713".
func (l Law) Label() string {
	if l.Citation == "" {
		return l.Name
	}
	return l.Name + ", " + l.Citation
}

// AdequacyStatus is a country's standing under EU data-protection law.
type AdequacyStatus string

const (
	// AdequacyEUEEA: the GDPR applies directly (EU and EEA states).
	AdequacyEUEEA AdequacyStatus = "eu-eea"
	// AdequacyFull: a Commission adequacy decision covers the country.
	AdequacyFull AdequacyStatus = "adequate"
	// AdequacyPartial: a decision covers part of the country's
	// organisations (US: Data Privacy Framework; Canada: PIPEDA).
	AdequacyPartial AdequacyStatus = "partial"
	// AdequacyNone: no adequacy decision.
	AdequacyNone AdequacyStatus = "none"
)

// Adequacy records an EU adequacy decision.
type Adequacy struct {
	Status   AdequacyStatus `yaml:"status" json:"status"`
	Decision string         `yaml:"decision" json:"decision,omitempty"`
	// Date is the date of the decision, YYYY-MM-DD.
	Date   string `yaml:"date" json:"date,omitempty"`
	Scope  string `yaml:"scope" json:"scope,omitempty"`
	Source string `yaml:"source" json:"source,omitempty"`
}

// Country is what the knowledge base knows about one state, or about the
// Union ("EU").
type Country struct {
	Code     string   `yaml:"code" json:"code"`
	Name     string   `yaml:"name" json:"name"`
	EU       bool     `yaml:"eu" json:"eu"`
	EEA      bool     `yaml:"eea" json:"eea"`
	Adequacy Adequacy `yaml:"adequacy" json:"adequacy"`
	// CloudActAgreement is the id of the US CLOUD Act executive agreement
	// in force with this country, if any.
	CloudActAgreement string `yaml:"cloud_act_agreement" json:"cloud_act_agreement,omitempty"`
	// Blocking lists the ids of blocking statutes that apply here.
	Blocking []string `yaml:"blocking" json:"blocking,omitempty"`
	// TerritorialLaws lists the ids of laws that reach data stored here.
	TerritorialLaws []string `yaml:"territorial" json:"territorial_laws,omitempty"`
	// OperatorLaws lists the ids of laws that reach companies of this
	// country wherever their data is.
	OperatorLaws []string `yaml:"operator" json:"operator_laws,omitempty"`
	Note         string   `yaml:"note" json:"note,omitempty"`
	Source       string   `yaml:"source" json:"source"`
	Reviewed     string   `yaml:"reviewed" json:"reviewed"`
}

// OperatorInfo is an operator with the knowledge base's evidence for it.
type OperatorInfo struct {
	Operator
	Source     string `json:"source,omitempty"`
	Reviewed   string `json:"reviewed,omitempty"`
	Unverified bool   `json:"unverified,omitempty"`
	// Historic marks a service that has closed (Microsoft Cloud
	// Deutschland); it is explained but never suggested.
	Historic bool `json:"historic,omitempty"`
}

// providerEntry is one provider of kb.yaml.
type providerEntry struct {
	ID              string                   `yaml:"id"`
	Name            string                   `yaml:"name"`
	Entity          string                   `yaml:"entity"`
	Country         string                   `yaml:"country"`
	Parents         []Entity                 `yaml:"parents"`
	Contested       bool                     `yaml:"contested"`
	Historic        bool                     `yaml:"historic"`
	Unverified      bool                     `yaml:"unverified"`
	UnknownOperator bool                     `yaml:"unknown_operator"`
	Note            string                   `yaml:"note"`
	Source          string                   `yaml:"source"`
	Reviewed        string                   `yaml:"reviewed"`
	Location        *locationEntry           `yaml:"location"`
	Locations       map[string]locationEntry `yaml:"locations"`
	Overrides       []overrideEntry          `yaml:"overrides"`
}

// overrideEntry names another operator for some of a provider's regions.
type overrideEntry struct {
	// Match holds region codes, or prefixes ending in "*".
	Match      []string `yaml:"match"`
	Entity     string   `yaml:"entity"`
	Country    string   `yaml:"country"`
	Parents    []Entity `yaml:"parents"`
	Contested  bool     `yaml:"contested"`
	Historic   bool     `yaml:"historic"`
	Unverified bool     `yaml:"unverified"`
	Note       string   `yaml:"note"`
	Source     string   `yaml:"source"`
	Reviewed   string   `yaml:"reviewed"`
}

func (o overrideEntry) matches(region string) bool {
	region = strings.ToLower(strings.TrimSpace(region))
	if region == "" {
		return false
	}
	for _, m := range o.Match {
		m = strings.ToLower(m)
		if p, ok := strings.CutSuffix(m, "*"); ok {
			if strings.HasPrefix(region, p) {
				return true
			}
		} else if region == m {
			return true
		}
	}
	return false
}

// locationEntry is a fixed place in kb.yaml, for providers that have no
// region catalog.
type locationEntry struct {
	Country string  `yaml:"country"`
	City    string  `yaml:"city"`
	Area    string  `yaml:"area"`
	Lat     float64 `yaml:"lat"`
	Lon     float64 `yaml:"lon"`
	Note    string  `yaml:"note"`
}

func (l locationEntry) location() geo.Location {
	// The knowledge base documents these places like a region catalog; they
	// are the provider's stated country, so never better than medium, and
	// low when only a wider area is known.
	conf := geo.ConfidenceMedium
	if l.Country == "" {
		conf = geo.ConfidenceLow
	}
	return geo.Location{
		Country: l.Country, City: l.City, Area: l.Area, Lat: l.Lat, Lon: l.Lon,
		Evidence: geo.EvidenceCatalog, Confidence: conf, Note: oneLine(l.Note),
	}
}

// kbFile is the shape of kb.yaml.
type kbFile struct {
	// Sources only holds YAML anchors shared by entries.
	Sources   []string        `yaml:"sources"`
	Laws      []Law           `yaml:"laws"`
	Countries []Country       `yaml:"countries"`
	Providers []providerEntry `yaml:"providers"`
}

// knowledge is the parsed, indexed knowledge base.
type knowledge struct {
	laws          map[string]Law
	countries     map[string]Country
	providers     map[string]*providerEntry
	lawOrder      []string
	countryOrder  []string
	providerOrder []string
	// reviewed is the newest reviewed date of any entry.
	reviewed string
}

//go:embed kb.yaml
var kbYAML []byte

var loadEmbedded = sync.OnceValues(func() (*knowledge, error) { return parseKB(kbYAML) })

// kb returns the embedded knowledge base. The file is compiled into the
// binary and checked by the package tests, so a failure here is a build
// defect, not bad input: it panics with the reason rather than run on with
// an empty model that would show every item as unreached.
func kb() *knowledge {
	k, err := loadEmbedded()
	if err != nil {
		panic("reach: embedded knowledge base kb.yaml: " + err.Error())
	}
	return k
}

// parseKB decodes and indexes a knowledge base. Unknown keys are errors so
// that a typo in a hand-edited file is caught, not silently dropped.
func parseKB(data []byte) (*knowledge, error) {
	var f kbFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	k := &knowledge{
		laws:      map[string]Law{},
		countries: map[string]Country{},
		providers: map[string]*providerEntry{},
	}
	var errs []error
	for _, l := range f.Laws {
		if _, dup := k.laws[l.ID]; dup {
			errs = append(errs, fmt.Errorf("law %q defined twice", l.ID))
			continue
		}
		k.laws[l.ID] = l
		k.lawOrder = append(k.lawOrder, l.ID)
	}
	for _, c := range f.Countries {
		c.Code = strings.ToUpper(c.Code)
		if c.Adequacy.Status == "" {
			// EU and EEA states need no decision; everyone else without
			// one has none.
			c.Adequacy.Status = AdequacyNone
			if c.EU || c.EEA {
				c.Adequacy.Status = AdequacyEUEEA
			}
		}
		if _, dup := k.countries[c.Code]; dup {
			errs = append(errs, fmt.Errorf("country %q defined twice", c.Code))
			continue
		}
		k.countries[c.Code] = c
		k.countryOrder = append(k.countryOrder, c.Code)
	}
	for i := range f.Providers {
		p := &f.Providers[i]
		if _, dup := k.providers[p.ID]; dup {
			errs = append(errs, fmt.Errorf("provider %q defined twice", p.ID))
			continue
		}
		k.providers[p.ID] = p
		k.providerOrder = append(k.providerOrder, p.ID)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	k.reviewed = k.newestReviewed()
	return k, nil
}

// validate checks the knowledge base against itself: every reference
// resolves, every entry has a source and a reviewed date, every country
// code is valid. It returns every problem, not just the first.
func (k *knowledge) validate() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }

	validCode := func(cc string) bool { return cc == "EU" || geo.ValidCountry(cc) }
	checkSourced := func(what, source, reviewed string) {
		if !strings.HasPrefix(source, "https://") {
			bad("%s: source %q is not an https URL", what, source)
		}
		if !validDate(reviewed) {
			bad("%s: reviewed date %q is not YYYY-MM-DD", what, reviewed)
		}
	}
	checkLaws := func(what string, ids []string, kinds ...LawKind) {
		for _, id := range ids {
			l, ok := k.laws[id]
			if !ok {
				bad("%s: law %q is not in the knowledge base", what, id)
				continue
			}
			if !slices.Contains(kinds, l.Kind) {
				bad("%s: law %q is %s, want one of %v", what, id, l.Kind, kinds)
			}
		}
	}
	checkChain := func(what, entity, country string, parents []Entity) {
		if entity == "" {
			bad("%s: no legal entity", what)
		}
		for i, e := range append([]Entity{{Name: entity, Country: country}}, parents...) {
			if e.Name == "" {
				bad("%s: parent %d has no name", what, i)
			}
			if _, ok := k.countries[e.Country]; !ok {
				bad("%s: entity %q country %q is not in the knowledge base", what, e.Name, e.Country)
			}
		}
	}
	checkLocation := func(what string, l locationEntry) {
		if l.Country == "" && l.Area == "" {
			bad("%s: location has neither country nor area", what)
		}
		if l.Country != "" && !geo.ValidCountry(l.Country) {
			bad("%s: location country %q is not a valid code", what, l.Country)
		}
		if l.Area != "" && !validCode(l.Area) {
			bad("%s: location area %q is not EU nor a country code", what, l.Area)
		}
		if math.Abs(l.Lat) > 90 || math.Abs(l.Lon) > 180 || (l.Lat == 0 && l.Lon == 0) {
			bad("%s: location %v,%v is not a place", what, l.Lat, l.Lon)
		}
	}

	for _, id := range k.lawOrder {
		l := k.laws[id]
		what := "law " + id
		if id == "" || l.Name == "" || l.Citation == "" || l.Summary == "" {
			bad("%s: id, name, citation and summary are required", what)
		}
		if !slices.Contains(lawKinds, l.Kind) {
			bad("%s: unknown kind %q", what, l.Kind)
		}
		if !validCode(l.Country) {
			bad("%s: country %q is not a valid code", what, l.Country)
		}
		if l.InForce != "" && !validDate(l.InForce) {
			bad("%s: in_force %q is not YYYY-MM-DD", what, l.InForce)
		}
		checkSourced(what, l.Source, l.Reviewed)
	}

	eu, eeaOnly := 0, 0
	for _, cc := range k.countryOrder {
		c := k.countries[cc]
		what := "country " + cc
		if !validCode(cc) {
			bad("%s: not a valid ISO 3166-1 alpha-2 code", what)
		}
		if c.Name == "" {
			bad("%s: no name", what)
		}
		if c.EU && !c.EEA {
			bad("%s: an EU member is in the EEA too", what)
		}
		switch {
		case cc == "EU":
		case c.EU:
			eu++
		case c.EEA:
			eeaOnly++
		}
		checkSourced(what, c.Source, c.Reviewed)
		checkLaws(what+" territorial", c.TerritorialLaws, LawTerritorial, LawExtraterritorial, LawLocalisation)
		checkLaws(what+" operator", c.OperatorLaws, LawExtraterritorial)
		checkLaws(what+" blocking", c.Blocking, LawBlocking)
		if c.CloudActAgreement != "" {
			checkLaws(what+" agreement", []string{c.CloudActAgreement}, LawAgreement)
		}
		switch c.Adequacy.Status {
		case AdequacyEUEEA:
			if !c.EU && !c.EEA {
				bad("%s: adequacy eu-eea but not an EU or EEA state", what)
			}
		case AdequacyFull, AdequacyPartial:
			a := c.Adequacy
			if a.Decision == "" || !validDate(a.Date) || !strings.HasPrefix(a.Source, "https://") {
				bad("%s: an adequacy decision needs decision, date and an https source", what)
			}
		case AdequacyNone:
		default:
			bad("%s: unknown adequacy status %q", what, c.Adequacy.Status)
		}
	}
	// 27 EU members and 3 more EEA states (Iceland, Liechtenstein, Norway).
	if eu != 27 || eeaOnly != 3 {
		bad("knowledge base has %d EU and %d EEA-only states, want 27 and 3", eu, eeaOnly)
	}

	for _, id := range k.providerOrder {
		p := k.providers[id]
		what := "provider " + id
		if id == "" || p.Name == "" {
			bad("%s: id and name are required", what)
		}
		if !validDate(p.Reviewed) {
			bad("%s: reviewed date %q is not YYYY-MM-DD", what, p.Reviewed)
		}
		if p.UnknownOperator {
			if p.Entity != "" || p.Country != "" || len(p.Overrides) > 0 {
				bad("%s: an unknown operator has no entity, country or overrides", what)
			}
			if p.Note == "" {
				bad("%s: an unknown operator needs a note saying why", what)
			}
		} else {
			checkSourced(what, p.Source, p.Reviewed)
			checkChain(what, p.Entity, p.Country, p.Parents)
		}
		if p.Location != nil {
			checkLocation(what, *p.Location)
		}
		for region, l := range p.Locations {
			checkLocation(what+" region "+region, l)
			if region != strings.ToLower(strings.TrimSpace(region)) {
				bad("%s: region %q must be lower case, as Locate looks it up", what, region)
			}
		}
		for i, o := range p.Overrides {
			what := fmt.Sprintf("%s override %d %v", what, i, o.Match)
			if len(o.Match) == 0 {
				bad("%s: matches no region", what)
			}
			checkSourced(what, o.Source, o.Reviewed)
			checkChain(what, o.Entity, o.Country, o.Parents)
			if o.Contested && len(o.Parents) == 0 {
				bad("%s: contested needs the parent whose reach is disputed", what)
			}
		}
	}
	return errors.Join(errs...)
}

func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// Validate checks the embedded knowledge base against itself and returns
// every problem found, or nil. The tests run it; a UI may too.
func Validate() error {
	k, err := loadEmbedded()
	if err != nil {
		return err
	}
	return k.validate()
}

// Reviewed returns the newest reviewed date in the knowledge base,
// YYYY-MM-DD.
func Reviewed() string { return kb().reviewed }

// newestReviewed finds the newest valid reviewed date. Dates in this
// format sort as strings.
func (k *knowledge) newestReviewed() string {
	newest := ""
	see := func(d string) {
		if validDate(d) && d > newest {
			newest = d
		}
	}
	for _, l := range k.laws {
		see(l.Reviewed)
	}
	for _, c := range k.countries {
		see(c.Reviewed)
	}
	for _, p := range k.providers {
		see(p.Reviewed)
		for _, o := range p.Overrides {
			see(o.Reviewed)
		}
	}
	return newest
}

// Advisory is the notice Reachmap shows once wherever it judges reach.
func Advisory() string {
	return "Advisory, not legal advice. Knowledge base reviewed on " + Reviewed() + "."
}

// LawByID returns a law of the knowledge base.
func LawByID(id string) (Law, bool) {
	l, ok := kb().laws[id]
	return l, ok
}

// Laws returns every law of the knowledge base, in file order.
func Laws() []Law {
	k := kb()
	out := make([]Law, 0, len(k.lawOrder))
	for _, id := range k.lawOrder {
		out = append(out, k.laws[id])
	}
	return out
}

// CountryInfo returns what the knowledge base knows about a country (an
// ISO code, case-insensitive) or about the Union ("EU").
func CountryInfo(cc string) (Country, bool) {
	c, ok := kb().countries[strings.ToUpper(strings.TrimSpace(cc))]
	return c, ok
}

// CountryLabel names a country code for people: the knowledge base's name,
// then geo's, then the code itself.
func CountryLabel(cc string) string {
	if c, ok := CountryInfo(cc); ok {
		return c.Name
	}
	if n := geo.CountryName(cc); n != "" {
		return n
	}
	return cc
}

// Providers returns the known provider ids, sorted.
func Providers() []string {
	ids := slices.Clone(kb().providerOrder)
	slices.Sort(ids)
	return ids
}

// ProviderName returns a provider's display name ("Amazon Web Services" for
// "aws"), or the id itself when the provider is unknown.
func ProviderName(id string) string {
	if p, ok := kb().providers[id]; ok {
		return p.Name
	}
	return id
}

// FixedLocation returns where a provider without a region catalog keeps
// data (Proton in Switzerland, Tuta in Germany), as documented in the
// knowledge base.
func FixedLocation(provider string) (geo.Location, bool) {
	p, ok := kb().providers[provider]
	if !ok || p.Location == nil {
		return geo.Location{}, false
	}
	return p.Location.location(), true
}

// RegionLocations returns the region codes the knowledge base itself places
// for a provider without a region catalog (iCloud "cn"), sorted.
func RegionLocations(provider string) []string {
	p, ok := kb().providers[provider]
	if !ok {
		return nil
	}
	var out []string
	for r := range p.Locations {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

// Locate places a provider's region: the geo region catalog first, then
// the knowledge base's own places for providers without a catalog; an
// empty region or "default" gives the provider's fixed location.
func Locate(provider, region string) (geo.Location, bool) {
	region = strings.TrimSpace(region)
	if region != "" && region != "default" {
		if loc, ok := geo.Lookup(provider, region); ok {
			return loc, true
		}
		if p, ok := kb().providers[provider]; ok {
			if l, ok := p.Locations[strings.ToLower(region)]; ok {
				return l.location(), true
			}
		}
		return geo.Location{}, false
	}
	return FixedLocation(provider)
}

// OperatorFor returns who operates a provider's region, with the source
// for it. ok is false when the provider is not in the knowledge base or
// its operator is unknown (self-hosted); the Operator then carries only a
// note, if any.
func OperatorFor(provider, region string) (OperatorInfo, bool) {
	p, found := kb().providers[provider]
	if !found {
		return OperatorInfo{}, false
	}
	if p.UnknownOperator {
		return OperatorInfo{Operator: Operator{Note: oneLine(p.Note)}, Reviewed: p.Reviewed}, false
	}
	for _, o := range p.Overrides {
		if o.matches(region) {
			return OperatorInfo{
				Operator: Operator{
					Name: o.Entity, Country: o.Country, Parents: slices.Clone(o.Parents),
					Contested: o.Contested, Note: oneLine(o.Note),
				},
				Source: o.Source, Reviewed: o.Reviewed, Unverified: o.Unverified, Historic: o.Historic,
			}, true
		}
	}
	return OperatorInfo{
		Operator: Operator{
			Name: p.Entity, Country: p.Country, Parents: slices.Clone(p.Parents),
			Contested: p.Contested, Note: oneLine(p.Note),
		},
		Source: p.Source, Reviewed: p.Reviewed, Unverified: p.Unverified, Historic: p.Historic,
	}, true
}

// oneLine folds the line breaks a YAML block may leave.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
