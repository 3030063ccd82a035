package present

import (
	"strings"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/reach"
)

// Place is where a location is in a few words: "Dublin, Ireland",
// "European Union (exact country unknown)", or "unknown".
func (s *Speaker) Place(l geo.Location) string {
	country := ""
	if l.Country != "" {
		country = s.CountryName(l.Country)
	}
	if country == "" && l.Area != "" {
		country = s.l("{{.Area}} (exact country unknown)", "Area", s.CountryName(l.Area))
	}
	switch {
	case country == "":
		return s.l("unknown")
	case l.City != "":
		return l.City + ", " + country
	}
	return country
}

// LocationSentence says where the data is, with its region when that
// says more than the place: "Dublin, Ireland (region eu-west-1)."
func (s *Speaker) LocationSentence(l geo.Location, region string) string {
	if !l.Known() && l.Area == "" {
		return s.l("Unknown location.")
	}
	place := s.Place(l)
	if region != "" && region != l.Area {
		return s.l("{{.Place}} (region {{.Region}}).", "Place", place, "Region", region)
	}
	return place + "."
}

// EvidenceSentence says how Reachmap knows where the data is, and how
// sure it is: "How we know: a documented region code. Confidence: high."
func (s *Speaker) EvidenceSentence(l geo.Location) string {
	return s.evidence(s.Evidence(l.Evidence), l.Confidence)
}

// StatedEvidenceSentence is EvidenceSentence for a provider with one
// site, whose place is what the provider states.
func (s *Speaker) StatedEvidenceSentence(l geo.Location) string {
	return s.evidence(s.l("the provider's stated location"), l.Confidence)
}

func (s *Speaker) evidence(ev string, c geo.Confidence) string {
	return s.l("How we know: {{.Evidence}}. Confidence: {{.Confidence}}.", "Evidence", ev, "Confidence", s.Confidence(c))
}

// Evidence names a kind of evidence: "a documented region code".
func (s *Speaker) Evidence(e geo.Evidence) string {
	switch e {
	case geo.EvidenceAPI:
		return s.l("the provider's own API said so")
	case geo.EvidenceCatalog:
		return s.l("a documented region code")
	case geo.EvidenceDNS:
		return s.l("a documented host name pattern")
	case geo.EvidenceGeoIP:
		return s.l("an IP database's guess (the country where the address is registered, weak)")
	}
	return s.l("none")
}

// Confidence names a level of confidence: "high".
func (s *Speaker) Confidence(c geo.Confidence) string {
	switch c {
	case geo.ConfidenceHigh:
		return s.l("high")
	case geo.ConfidenceMedium:
		return s.l("medium")
	case geo.ConfidenceLow:
		return s.l("low")
	}
	return s.l("none")
}

// WeakEvidence marks a location a person should not take as fact: a
// GeoIP guess, low confidence, or no place at all.
func WeakEvidence(l geo.Location) bool {
	return l.Evidence == geo.EvidenceGeoIP || l.Confidence == geo.ConfidenceLow || !l.Known()
}

// Kind names a kind of data store: "bucket", "inbound mail".
func (s *Speaker) Kind(k string) string {
	switch k {
	case "bucket":
		return s.l("bucket")
	case "storage-account":
		return s.l("storage account")
	case "mailbox":
		return s.l("mailbox")
	case "mail-gateway":
		return s.l("mail gateway")
	case "mail-inbound":
		return s.l("inbound mail")
	case "database":
		return s.l("database")
	case "filesystem":
		return s.l("file system")
	case "volume":
		return s.l("disk volume")
	case "snapshot":
		return s.l("snapshot")
	case "archive":
		return s.l("archive")
	case "backup-vault":
		return s.l("backup vault")
	}
	return strings.ReplaceAll(k, "-", " ")
}

// shortProviders are the table's names of providers whose full name does
// not fit a narrow column ("Amazon Web Services" is "AWS").
var shortProviders = map[string]string{
	"aws":         "AWS",
	"azure":       "Azure",
	"barracuda":   "Barracuda",
	"spamexperts": "SpamExperts",
	"broadcom":    "Broadcom",
	"linode":      "Linode",
}

// ProviderShort names a provider in a few letters, for the table: "AWS",
// "Hetzner", "S3 server" for an S3-compatible server of no known company.
func (s *Speaker) ProviderShort(id string) string {
	if n, ok := shortProviders[id]; ok {
		return n
	}
	if id == "s3-compatible" {
		return s.l("S3 server")
	}
	n := reach.ProviderName(id)
	if i := strings.Index(n, " ("); i > 0 {
		n = n[:i]
	}
	return n
}
