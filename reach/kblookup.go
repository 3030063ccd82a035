package reach

// Lookups in the knowledge base: the functions the rest of Reachmap calls.

import (
	"slices"
	"strings"
	"time"

	"github.com/reachmap/reachmap/geo"
)

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
			return o.info(), true
		}
	}
	return p.info(), true
}

// info is the operator an entry names, with the facts kb.yaml records.
func (e operatorEntry) info() OperatorInfo {
	op := Operator{
		Name: e.Entity, Country: e.Country, Parents: slices.Clone(e.Parents),
		Contested: e.Contested, Note: oneLine(e.Note), Certifications: slices.Clone(e.Certifications),
	}
	if e.ContractingEntity != nil {
		c := *e.ContractingEntity
		op.ContractingEntity = &c
	}
	if e.DPF != nil {
		d := *e.DPF
		d.Note = oneLine(d.Note)
		op.DPF = &d
	}
	info := OperatorInfo{
		Operator: op, Source: e.Source, Reviewed: e.Reviewed, Unverified: e.Unverified, Historic: e.Historic,
		OffersInEU: e.OffersInEU == nil || *e.OffersInEU, StrengthReason: oneLine(e.ContestedReason),
		Service: Service{From: e.From, Until: e.Until, Successor: e.Successor},
	}
	if e.Historic {
		info.Service.Status = StatusHistoric
	}
	return info
}

// oneLine folds the line breaks a YAML block may leave.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// today is the date laws are judged against, YYYY-MM-DD; tests set it.
var today = func() string { return time.Now().UTC().Format(time.DateOnly) }

// Today is the date Reachmap judges a law's status against (pending,
// in force, lapsed), YYYY-MM-DD in UTC.
func Today() string { return today() }

// lawStatus is a law's status on a day: pending before From, lapsed from
// Until on, "" in force.
func lawStatus(l Law, day string) string {
	switch {
	case l.From != "" && day < l.From:
		return StatusPending
	case l.Until != "" && day >= l.Until:
		return StatusLapsed
	}
	return ""
}
