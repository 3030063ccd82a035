package reach

// The knowledge base's types: what kb.yaml holds, and its parsed index.

import (
	"strings"

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
	// LawProcedure is a country's ordinary criminal procedure: production
	// orders, searches and seizures against companies within its
	// jurisdiction. It is the honest answer where no specific law exists,
	// and it reaches both the data on the country's soil and the companies
	// based there.
	LawProcedure LawKind = "procedure"
	// LawUnion reaches providers because they offer services in the Union,
	// wherever the data is (the e-Evidence Regulation).
	LawUnion LawKind = "union"
)

var lawKinds = []LawKind{LawExtraterritorial, LawTerritorial, LawBlocking, LawAgreement, LawLocalisation, LawProcedure, LawUnion}

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
	// recorded. It is the same date as From (kb.yaml may give either).
	InForce string `yaml:"in_force" json:"in_force,omitempty"`
	// From is the date the law applies from; Until the date it stopped
	// applying (a sunset that lapsed), both YYYY-MM-DD when recorded.
	From    string `yaml:"from" json:"from,omitempty"`
	Until   string `yaml:"until" json:"until,omitempty"`
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
	// Until is the date a time-limited decision expires.
	Until string `yaml:"until" json:"until,omitempty"`
	// Note says what is pending (an appeal) or what changed.
	Note       string `yaml:"note" json:"note,omitempty"`
	Unverified bool   `yaml:"unverified" json:"unverified,omitempty"`
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
	// UnionLaws lists, on "EU" only, the Union laws that reach providers
	// offering services in the Union wherever the data is.
	UnionLaws []string `yaml:"union" json:"union_laws,omitempty"`
	Note      string   `yaml:"note" json:"note,omitempty"`
	Source    string   `yaml:"source" json:"source"`
	Reviewed  string   `yaml:"reviewed" json:"reviewed"`
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
	// Service is the life of the service (historic, until, successor).
	Service Service `json:"service,omitempty"`
	// OffersInEU is false for an operator that offers no services in the
	// Union (a China-only partner), so the e-Evidence Regulation does not
	// reach it.
	OffersInEU bool `json:"offers_in_eu"`
	// StrengthReason says why the operator's reach is contested.
	StrengthReason string `json:"strength_reason,omitempty"`
}

// providerEntry is one provider of kb.yaml.
type providerEntry struct {
	ID              string                   `yaml:"id"`
	Name            string                   `yaml:"name"`
	UnknownOperator bool                     `yaml:"unknown_operator"`
	Location        *locationEntry           `yaml:"location"`
	Locations       map[string]locationEntry `yaml:"locations"`
	Overrides       []overrideEntry          `yaml:"overrides"`
	operatorEntry   `yaml:",inline"`
}

// overrideEntry names another operator for some of a provider's regions.
type overrideEntry struct {
	// Match holds region codes, or prefixes ending in "*".
	Match         []string `yaml:"match"`
	operatorEntry `yaml:",inline"`
}

// operatorEntry is the operator a provider or an override names, with the
// facts kb.yaml records for it.
type operatorEntry struct {
	Entity     string   `yaml:"entity"`
	Country    string   `yaml:"country"`
	Parents    []Entity `yaml:"parents"`
	Contested  bool     `yaml:"contested"`
	Historic   bool     `yaml:"historic"`
	Unverified bool     `yaml:"unverified"`
	Note       string   `yaml:"note"`
	Source     string   `yaml:"source"`
	Reviewed   string   `yaml:"reviewed"`
	// ContestedReason says why a contested operator's reach is disputed.
	ContestedReason   string             `yaml:"contested_reason"`
	ContractingEntity *ContractingEntity `yaml:"contracting_entity"`
	DPF               *DPF               `yaml:"dpf"`
	Certifications    []string           `yaml:"certifications"`
	// OffersInEU, when false, says the operator offers no services in the
	// Union; unset means it does.
	OffersInEU *bool `yaml:"offers_in_eu"`
	// From and Until are when the service opened and closed; Successor is
	// the region that replaced a closed one.
	From      string `yaml:"from"`
	Until     string `yaml:"until"`
	Successor string `yaml:"successor"`
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
