package reach

import (
	"strings"

	"github.com/reachmap/reachmap/geo"
)

// Assessment is the legal model's answer for one place where data lives:
// who operates it and which jurisdictions reach it.
type Assessment struct {
	Operator Operator `json:"operator"`
	// Reach lists territorial entries first, then operator entries (the
	// operator's own country, then its parent chain), then the Union entry
	// (the e-Evidence Regulation), then agreement entries, which are
	// context and never count as reach.
	Reach []Jurisdiction `json:"reach"`
	// Service is the life of the service at the region: "historic" with
	// its closing date and successor for a closed one.
	Service Service `json:"service,omitempty"`
}

// Assess judges data of a provider's region stored at loc.
//
// operatorOverride, when not empty, is the provider id of the company that
// really operates the item (a reseller, a gateway found by its ASN); its
// default operator replaces the provider's. An unknown provider (or a
// self-hosted one) gives an empty Operator and territorial reach only.
func Assess(provider, region string, loc geo.Location, operatorOverride string) Assessment {
	k := kb()
	opProvider, opRegion := provider, region
	if operatorOverride != "" && operatorOverride != provider {
		// The region code belongs to the original provider; it says nothing
		// about which entity of the overriding operator runs the service.
		opProvider, opRegion = operatorOverride, ""
	}
	info, known := OperatorFor(opProvider, opRegion)

	var out Assessment
	out.Operator = info.Operator
	out.Service = info.Service
	t, placed := territory(loc)
	if placed {
		j := k.jurisdiction(t, BasisTerritorial, k.countries[t].TerritorialLaws)
		j.Strength = StrengthStatute
		j.StrengthReason = "The data is stored there (" + CountryLabel(t) + "), where its laws apply directly."
		if t == "EU" {
			j.StrengthReason = "The data is in the EU/EEA, under the law of the member state that hosts it."
		}
		var notes []string
		if t == "EU" {
			notes = append(notes, "Stored somewhere in the EU/EEA; the exact country is not known.")
		}
		if !known {
			notes = append(notes, "The operator is unknown, so only territorial reach is shown.")
		}
		j.Note = joinNotes(j.Note, notes...)
		out.Reach = append(out.Reach, j)
	}
	if known {
		out.Reach = append(out.Reach, k.operatorReach(info, t)...)
		// A service that closed before the Regulation applied was never
		// under it.
		if info.OffersInEU && !info.Service.Historic() {
			out.Reach = append(out.Reach, k.unionReach(info.Operator)...)
		}
	}
	out.Reach = append(out.Reach, k.agreements(out.Reach)...)
	return out
}

// territory is the jurisdiction of the soil the data sits on: its country,
// or the wider area (the EU) when only that is known.
func territory(loc geo.Location) (string, bool) {
	if c := strings.ToUpper(strings.TrimSpace(loc.Country)); c != "" {
		return c, true
	}
	a := strings.ToUpper(strings.TrimSpace(loc.Area))
	if a == "EU" || geo.ValidCountry(a) {
		return a, true
	}
	// Other areas (Microsoft's "NA" or "AS" geographies) span several
	// jurisdictions: no single territory can be named.
	return "", false
}

// operatorReach lists the operator's country and every country of its
// parent chain, once each, with the laws that reach companies there and
// how strongly: statute for the operator's own country, control for a
// parent's, contested where a construct is designed to cut the parent's
// reach. territory is where the data sits ("" if unknown).
func (k *knowledge) operatorReach(info OperatorInfo, territory string) []Jurisdiction {
	op := info.Operator
	chain := append([]Entity{{Name: op.Name, Country: op.Country}}, op.Parents...)
	var out []Jurisdiction
	seen := map[string]bool{}
	for _, e := range chain {
		cc := strings.ToUpper(e.Country)
		if cc == "" || seen[cc] {
			continue
		}
		seen[cc] = true
		j := k.jurisdiction(cc, BasisOperator, k.countries[cc].OperatorLaws)
		j.Via = e.Name
		own := cc == strings.ToUpper(op.Country)
		switch {
		case own:
			j.Strength = StrengthStatute
			j.StrengthReason = op.Name + " is itself a company based there (" + CountryLabel(cc) + "), which these laws name directly."
		case op.Contested:
			// The operator itself is local; whether its foreign parent's
			// law reaches the data it holds is the open question.
			j.Contested = true
			j.Strength = StrengthContested
			j.StrengthReason = joinNotes(info.StrengthReason, "This reaches "+op.Name+" ("+CountryLabel(op.Country)+
				") only through "+e.Name+" ("+CountryLabel(cc)+").")
			j.Note = joinNotes(j.Note, "Contested reach: see its strength.")
		default:
			j.Strength = StrengthControl
			j.StrengthReason = "Through " + e.Name + ", which controls " + op.Name + "."
		}
		out = append(out, j)
	}
	return out
}

// unionReach is the Union entry: the e-Evidence Regulation lets the
// authorities of any bound member state order a provider offering services
// in the Union, wherever the data is stored.
func (k *knowledge) unionReach(op Operator) []Jurisdiction {
	ids := k.countries["EU"].UnionLaws
	if len(ids) == 0 {
		return nil
	}
	j := k.jurisdiction("EU", BasisUnion, ids)
	j.Via = op.Name
	j.Strength = StrengthStatute
	j.StrengthReason = "The Regulation names service providers offering services in the Union, wherever the data is stored."
	return []Jurisdiction{j}
}

// agreements adds, as context, the US CLOUD Act executive agreements that
// link the United States with another country already in reach: they let
// each side order the other's providers directly.
func (k *knowledge) agreements(reach []Jurisdiction) []Jurisdiction {
	hasUS := false
	for _, j := range reach {
		if j.Country == "US" {
			hasUS = true
		}
	}
	if !hasUS {
		return nil
	}
	var out []Jurisdiction
	seen := map[string]bool{}
	for _, j := range reach {
		c, ok := k.countries[j.Country]
		if !ok || c.CloudActAgreement == "" || j.Country == "US" || seen[j.Country] {
			continue
		}
		seen[j.Country] = true
		a := k.jurisdiction(j.Country, BasisAgreement, []string{c.CloudActAgreement})
		if l, ok := k.laws[c.CloudActAgreement]; ok {
			a.Note = joinNotes(a.Note, "Context, not reach: "+oneLine(l.Summary))
		}
		out = append(out, a)
	}
	return out
}

// jurisdiction builds a reach entry for a country and its laws. Law joins
// every law's label; Source is the first law's URL (the others are found
// with LawsOf). Unverified laws say so in the note; the entry's status
// says whether the laws apply yet, or lapsed.
func (k *knowledge) jurisdiction(cc string, basis Basis, lawIDs []string) Jurisdiction {
	j := Jurisdiction{Country: cc, Basis: basis}
	var labels []string
	pending, lapsed, live := false, false, false
	for _, id := range lawIDs {
		l, ok := k.laws[id]
		if !ok {
			continue
		}
		labels = append(labels, l.Label())
		j.LawIDs = append(j.LawIDs, id)
		if j.Source == "" {
			j.Source = l.Source
		}
		// A criminal procedure code's caveat is the same everywhere; the
		// law list marks it unverified.
		if l.Unverified && l.Note != "" && l.Kind != LawProcedure {
			j.Note = joinNotes(j.Note, l.Name+": "+oneLine(l.Note))
		}
		switch lawStatus(l, Today()) {
		case StatusPending:
			pending = true
			j.From = l.From
		case StatusLapsed:
			lapsed = true
			j.Until = l.Until
		default:
			live = true
		}
	}
	j.Law = strings.Join(labels, "; ")
	// One law still in force keeps the entry in force.
	switch {
	case live:
		j.From, j.Until = "", ""
	case pending:
		j.Status = StatusPending
	case lapsed:
		j.Status = StatusLapsed
	}
	return j
}

// LawsOf returns the laws behind a reach entry, each with its own source.
// An entry made before law_ids were recorded finds them by its country
// and basis.
func LawsOf(j Jurisdiction) []Law {
	k := kb()
	ids := j.LawIDs
	if len(ids) == 0 {
		c, ok := k.countries[strings.ToUpper(j.Country)]
		if !ok {
			return nil
		}
		switch j.Basis {
		case BasisTerritorial:
			ids = c.TerritorialLaws
		case BasisOperator:
			ids = c.OperatorLaws
		case BasisUnion:
			ids = c.UnionLaws
		case BasisAgreement:
			if c.CloudActAgreement != "" {
				ids = []string{c.CloudActAgreement}
			}
		}
	}
	var out []Law
	for _, id := range ids {
		if l, ok := k.laws[id]; ok {
			out = append(out, l)
		}
	}
	return out
}

// Blocking returns the blocking statutes that filter foreign orders for
// data stored in a country (GDPR art. 48 in the EU/EEA).
func Blocking(cc string) []Law {
	k := kb()
	var out []Law
	for _, id := range k.countries[strings.ToUpper(cc)].Blocking {
		if l, ok := k.laws[id]; ok {
			out = append(out, l)
		}
	}
	return out
}

// Categorize places an assessment relative to home:
//   - unknown: the location or the operator is not known (or no home is set);
//   - home: every jurisdiction that reaches the data is within home;
//   - home+foreign: on home soil, but a foreign operator law reaches it;
//   - foreign: stored outside home.
//
// Agreement entries are context and never change the category; contested
// entries still count as reach.
func Categorize(a Assessment, loc geo.Location, home Home) Category {
	if home == "" || !loc.Known() || a.Operator.Country == "" {
		return CategoryUnknown
	}
	territorial, territorialHome, allHome := false, true, true
	for _, j := range a.Reach {
		if j.Basis == BasisAgreement {
			continue
		}
		in := home.Covers(j)
		allHome = allHome && in
		if j.Basis == BasisTerritorial {
			territorial = true
			territorialHome = territorialHome && in
		}
	}
	switch {
	case !territorial:
		// An area that spans several jurisdictions: where it is, is unknown.
		return CategoryUnknown
	case allHome:
		return CategoryHome
	case territorialHome:
		return CategoryHomeForeign
	default:
		return CategoryForeign
	}
}

// sameSoil reports whether a company of country operator sits on the
// territory: the same country, or any EU/EEA state for data known only to
// be somewhere in the EU.
func sameSoil(territory, operator string) bool {
	if territory == "" {
		return false
	}
	if territory == operator {
		return true
	}
	return territory == "EU" && HomeEU.Includes(operator)
}

func joinNotes(base string, more ...string) string {
	parts := []string{}
	if base != "" {
		parts = append(parts, base)
	}
	for _, m := range more {
		if m != "" {
			parts = append(parts, m)
		}
	}
	return strings.Join(parts, " ")
}
