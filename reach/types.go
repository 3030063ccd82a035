package reach

// Basis says why a jurisdiction reaches an item. Part of the JSON contract.
type Basis string

const (
	// BasisTerritorial: the country where the data sits.
	BasisTerritorial Basis = "territorial"
	// BasisOperator: the country of the company operating the service, or
	// of a company in its parent chain.
	BasisOperator Basis = "operator"
	// BasisAgreement: a treaty channel that eases access (US–UK CLOUD Act
	// agreement). Shown as context; it never counts as reach.
	BasisAgreement Basis = "agreement"
	// BasisUnion: Union law that reaches the provider because it offers
	// services in the Union, wherever the data is (the e-Evidence
	// Regulation). Listed as reach; it never counts against an EU/EEA home
	// or a member state's (see Home.Covers).
	BasisUnion Basis = "union"
)

// Strength says how directly a law reaches the data of an entry. Part of
// the JSON contract; the category never hides a reach, strength says how
// firm it is.
type Strength string

const (
	// StrengthStatute: the law names the operator's kind directly (the
	// CLOUD Act names US providers), or the data is on the law's soil.
	StrengthStatute Strength = "statute"
	// StrengthControl: reach through a parent that controls the operator.
	StrengthControl Strength = "control"
	// StrengthContested: a construct designed to cut that reach (a
	// sovereign subsidiary, a partner-operated cloud), or an ownership
	// whose reach is disputed. StrengthReason says why.
	StrengthContested Strength = "contested"
)

// Strengths lists every strength, firmest first.
var Strengths = []Strength{StrengthStatute, StrengthControl, StrengthContested}

// Law status of a reach entry, relative to the day it was judged.
const (
	// StatusPending: the law applies only from a later date (From).
	StatusPending = "pending"
	// StatusLapsed: the law stopped applying (Until).
	StatusLapsed = "lapsed"
	// StatusHistoric: a service that has closed (Microsoft Cloud
	// Deutschland). Used on inventory items and Service.
	StatusHistoric = "historic"
)

// Jurisdiction is one government that can compel an item's data.
type Jurisdiction struct {
	// Country is an ISO 3166-1 alpha-2 code, or "EU" for Union law.
	Country string `json:"country"`
	Basis   Basis  `json:"basis"`
	// Law names the instrument, e.g. "CLOUD Act, 18 U.S.C. § 2713".
	Law string `json:"law,omitempty"`
	// Source is a public URL for the law.
	Source string `json:"source,omitempty"`
	// Via names the entity through which an operator basis applies.
	Via string `json:"via,omitempty"`
	// Copy, when set, is the region of the copy through which this reach
	// applies: the item's bytes are also kept there (a replication rule,
	// geo-redundant storage). Empty for reach on the item's own place.
	Copy string `json:"copy,omitempty"`
	// Contested marks reach that is disputed (a sovereign-cloud subsidiary
	// whose parent is still foreign).
	Contested bool `json:"contested,omitempty"`
	// Note is a sentence of context.
	Note string `json:"note,omitempty"`
	// Strength says how directly the law reaches (statute, control,
	// contested); empty only on agreement entries, which are context.
	Strength Strength `json:"strength,omitempty"`
	// StrengthReason says why, in a sentence.
	StrengthReason string `json:"strength_reason,omitempty"`
	// LawIDs are the knowledge base ids of the laws behind the entry.
	LawIDs []string `json:"law_ids,omitempty"`
	// Status is "pending" when the laws apply only from From, "lapsed"
	// when they stopped on Until, empty when in force.
	Status string `json:"status,omitempty"`
	From   string `json:"from,omitempty"`
	Until  string `json:"until,omitempty"`
}

// Entity is a company in an operator's parent chain.
type Entity struct {
	Name    string `json:"name"`
	Country string `json:"country"`
}

// Operator is the company that runs the service where an item lives.
type Operator struct {
	Name    string `json:"name"`
	Country string `json:"country"`
	// Parents is the ownership chain, nearest first.
	Parents []Entity `json:"parents,omitempty"`
	// Contested marks an operator whose independence from a foreign parent
	// is disputed.
	Contested bool   `json:"contested,omitempty"`
	Note      string `json:"note,omitempty"`
	// ContractingEntity is the company an EU customer signs with (the data
	// importer of a transfer impact assessment), where it differs from
	// the operator.
	ContractingEntity *ContractingEntity `json:"contracting_entity,omitempty"`
	// DPF says whether the ultimate parent is certified under the EU–US
	// Data Privacy Framework, with the list entry and the date checked.
	DPF *DPF `json:"dpf,omitempty"`
	// Certifications names the security qualifications of a sovereign or
	// partner-operated offer (SecNumCloud, C5).
	Certifications []string `json:"certifications,omitempty"`
}

// ContractingEntity is the company a customer contracts with.
type ContractingEntity struct {
	Name    string `yaml:"name" json:"name"`
	Country string `yaml:"country" json:"country"`
	Source  string `yaml:"source" json:"source,omitempty"`
	// Unverified marks an entity not confirmed from the contract terms.
	Unverified bool `yaml:"unverified" json:"unverified,omitempty"`
}

// DPF is a Data Privacy Framework list entry.
type DPF struct {
	// Entity is the organisation looked up on the DPF list.
	Entity    string `yaml:"entity" json:"entity"`
	Certified bool   `yaml:"certified" json:"certified"`
	// Source is the list (or the entity's list page).
	Source string `yaml:"source" json:"source"`
	// Checked is the date the list was checked, YYYY-MM-DD; empty when it
	// could not be (the entry is then unverified).
	Checked    string `yaml:"checked" json:"checked,omitempty"`
	Unverified bool   `yaml:"unverified" json:"unverified,omitempty"`
	Note       string `yaml:"note" json:"note,omitempty"`
}

// Service is the life of the service at a region: a closed one is
// historic, with the date it closed and the region that replaced it.
type Service struct {
	Status    string `json:"status,omitempty"`
	From      string `json:"from,omitempty"`
	Until     string `json:"until,omitempty"`
	Successor string `json:"successor,omitempty"`
}

// Historic reports whether the service has closed.
func (s Service) Historic() bool { return s.Status == StatusHistoric }

// Category places an item's reach relative to the user's home jurisdiction.
type Category string

const (
	// CategoryHome: only home jurisdictions can reach it.
	CategoryHome Category = "home"
	// CategoryHomeForeign: on home soil, but a foreign law also reaches it
	// (the Dublin case).
	CategoryHomeForeign Category = "home+foreign"
	// CategoryForeign: stored outside home.
	CategoryForeign Category = "foreign"
	// CategoryUnknown: we cannot tell where it is or who runs it.
	CategoryUnknown Category = "unknown"
)

// Categories lists every category in display order.
var Categories = []Category{CategoryHome, CategoryHomeForeign, CategoryForeign, CategoryUnknown}
