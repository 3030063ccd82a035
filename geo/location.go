// Package geo knows where things are: the region catalogs that turn a
// provider's region code into a city, country and coordinates, and the
// Location type that carries that answer together with how sure we are of it.
//
// geo is a leaf package: it imports no other Reachmap package and no GUI
// toolkit, so providers, the legal model and the UI can all depend on it.
package geo

// Evidence says how a location was learned. It is part of the JSON contract.
type Evidence string

const (
	// EvidenceAPI: the provider's own API said so (S3 BucketRegion).
	EvidenceAPI Evidence = "api"
	// EvidenceCatalog: a documented region code mapped by our catalog.
	EvidenceCatalog Evidence = "catalog"
	// EvidenceDNS: a documented hostname pattern (an MX host, an endpoint).
	EvidenceDNS Evidence = "dns"
	// EvidenceGeoIP: an IP database's guess; the registration country, weak.
	EvidenceGeoIP Evidence = "geoip"
	// EvidenceUnknown: nothing we know places this item.
	EvidenceUnknown Evidence = "unknown"
)

// Confidence grades a location. A GeoIP guess is never more than low.
type Confidence string

const (
	ConfidenceHigh   Confidence = "high"
	ConfidenceMedium Confidence = "medium"
	ConfidenceLow    Confidence = "low"
	ConfidenceNone   Confidence = "none"
)

// Location is where an item's bytes are, with the evidence for it.
//
// Country is an ISO 3166-1 alpha-2 code, or empty when unknown. Area is set
// when only a wider area is known (for example "EU" for a Microsoft 365
// tenant in the EU geography); Lat/Lon then point at a representative place
// and Confidence is low.
type Location struct {
	Country    string     `json:"country"`
	City       string     `json:"city,omitempty"`
	Lat        float64    `json:"lat"`
	Lon        float64    `json:"lon"`
	Evidence   Evidence   `json:"evidence"`
	Confidence Confidence `json:"confidence"`
	Area       string     `json:"area,omitempty"`
	// Note explains an unknown or a weak location in a sentence.
	Note string `json:"note,omitempty"`
}

// Known reports whether the location places the item at all.
func (l Location) Known() bool { return l.Country != "" || l.Area != "" }

// Unknown returns the location of an item we cannot place, with the reason.
func Unknown(reason string) Location {
	return Location{Evidence: EvidenceUnknown, Confidence: ConfidenceNone, Note: reason}
}
