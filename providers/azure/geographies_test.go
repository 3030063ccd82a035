package azure

import (
	"strings"
	"testing"

	"github.com/reachmap/reachmap/geo"
)

// The tenant's default geography from each kind of evidence, strongest
// first, with the confidence each deserves.
func TestTenantGeography(t *testing.T) {
	org := func(cc string) organization {
		o := organization{ID: "t", DisplayName: "T", CountryLetterCode: cc, CreatedDateTime: "2019-05-01T00:00:00Z"}
		o.VerifiedDomains = append(o.VerifiedDomains, struct {
			Name      string `json:"name"`
			IsInitial bool   `json:"isInitial"`
		}{"contoso.onmicrosoft.com", true})
		return o
	}
	root := func(host, code string) []site {
		var s site
		s.SiteCollection.Hostname, s.SiteCollection.DataLocationCode = host, code
		return []site{s}
	}
	cases := []struct {
		name          string
		cloud         Cloud
		org           organization
		sites         []site
		scope         string
		code, country string
		area          string
		ev            geo.Evidence
		conf          geo.Confidence
		noteHas       string
	}{
		{"root site says so", AzurePublic, org("US"), root("contoso.sharepoint.com", "GBR"), "NA", "GBR", "GB", "", geo.EvidenceAPI, geo.ConfidenceMedium, "dataLocationCode GBR"},
		{"a satellite's root is not the default", AzurePublic, org("DE"), root("contosoeur.sharepoint.com", "EUR"), "", "DEU", "DE", "", geo.EvidenceCatalog, geo.ConfidenceLow, "countryLetterCode"},
		{"local geography by country", AzurePublic, org("CH"), nil, "EU", "CHE", "CH", "", geo.EvidenceCatalog, geo.ConfidenceLow, "created 2019-05-01"},
		{"an EU country without one", AzurePublic, org("BE"), nil, "EU", "EUR", "", "EU", geo.EvidenceCatalog, geo.ConfidenceLow, "tenant_region_scope EU"},
		{"the US", AzurePublic, org("US"), nil, "NA", "NAM", "US", "", geo.EvidenceCatalog, geo.ConfidenceLow, "not the API"},
		{"no rule: the region scope", AzurePublic, org("SG"), nil, "AS", "APC", "", "Asia-Pacific", geo.EvidenceAPI, geo.ConfidenceLow, "tenant_region_scope AS"},
		{"nothing known", AzurePublic, org("AR"), nil, "", "", "", "", geo.EvidenceUnknown, geo.ConfidenceNone, "AR"},
		{"21Vianet", AzureChina, org("CN"), nil, "", "cn", "CN", "", geo.EvidenceCatalog, geo.ConfidenceMedium, "21Vianet"},
		{"US Government", AzureGovernment, org("US"), nil, "USGov", "USGov", "US", "", geo.EvidenceCatalog, geo.ConfidenceMedium, "Government"},
	}
	for _, c := range cases {
		code, loc := tenantGeography(c.cloud, c.org, c.sites, c.scope)
		if code != c.code || loc.Country != c.country || loc.Area != c.area || loc.Evidence != c.ev || loc.Confidence != c.conf || !strings.Contains(loc.Note, c.noteHas) {
			t.Errorf("%s: %q %+v", c.name, code, loc)
		}
	}
}

func TestGeoLocationCodes(t *testing.T) {
	for code, cc := range geoCountry {
		loc, ok := geoLocation(code, geo.EvidenceAPI, geo.ConfidenceMedium, "x")
		if !ok || loc.Country != cc || !geo.ValidCountry(cc) || loc.Lat == 0 {
			t.Errorf("%s: %+v", code, loc)
		}
	}
	if _, ok := geoLocation("XYZ", geo.EvidenceAPI, geo.ConfidenceMedium, "x"); ok {
		t.Error("an unknown code placed")
	}
}
