package reach

// Loading and checking the embedded knowledge base (kb.yaml).

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
		// in_force and from name the same date; either may be given.
		if l.From == "" {
			l.From = l.InForce
		}
		if l.InForce == "" {
			l.InForce = l.From
		}
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

	checkFacts := func(what string, f operatorEntry) {
		if f.Contested && f.ContestedReason == "" {
			bad("%s: contested needs contested_reason", what)
		}
		if f.Historic && !validDate(f.Until) {
			bad("%s: a historic service needs until, the date it closed", what)
		}
		for _, d := range []string{f.From, f.Until} {
			if d != "" && !validDate(d) {
				bad("%s: date %q is not YYYY-MM-DD", what, d)
			}
		}
		if c := f.ContractingEntity; c != nil {
			if c.Name == "" || !strings.HasPrefix(c.Source, "https://") {
				bad("%s: contracting_entity needs a name and an https source", what)
			}
			if _, ok := k.countries[c.Country]; !ok {
				bad("%s: contracting_entity country %q is not in the knowledge base", what, c.Country)
			}
		}
		if d := f.DPF; d != nil {
			if d.Entity == "" || !strings.HasPrefix(d.Source, "https://") || (!d.Unverified && !validDate(d.Checked)) {
				bad("%s: dpf needs entity, an https source and, unless unverified, a checked date", what)
			}
			if d.Checked != "" && !validDate(d.Checked) {
				bad("%s: dpf checked %q is not YYYY-MM-DD", what, d.Checked)
			}
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
		for _, d := range []string{l.InForce, l.From, l.Until} {
			if d != "" && !validDate(d) {
				bad("%s: date %q is not YYYY-MM-DD", what, d)
			}
		}
		if l.InForce != l.From {
			bad("%s: in_force %s and from %s differ", what, l.InForce, l.From)
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
		checkLaws(what+" territorial", c.TerritorialLaws, LawTerritorial, LawExtraterritorial, LawLocalisation, LawProcedure)
		checkLaws(what+" operator", c.OperatorLaws, LawExtraterritorial, LawProcedure)
		checkLaws(what+" union", c.UnionLaws, LawUnion)
		if len(c.UnionLaws) > 0 && cc != "EU" {
			bad("%s: only EU lists union laws", what)
		}
		// A law for every reach: the soil's laws, and the laws that reach
		// companies based there.
		if len(c.TerritorialLaws) == 0 {
			bad("%s: no territorial law", what)
		}
		if cc != "EU" && len(c.OperatorLaws) == 0 {
			bad("%s: no law reaching companies based there", what)
		}
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
			checkFacts(what, p.operatorEntry)
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
			checkFacts(what, o.operatorEntry)
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
