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
}

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
