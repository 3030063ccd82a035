package azure

import (
	"slices"
	"strings"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/geo/geoip"
)

// Microsoft 365's geographies: the codes Graph writes in a user's
// preferredDataLocation and a site collection's dataLocationCode, and the
// rule by which a tenant's sign-up country picks its default geography.
//
// Sources (reviewed 2026-12-04):
//   - the geography codes: https://learn.microsoft.com/en-us/microsoft-365/enterprise/multi-geo-add-group-with-pdl#geo-location-codes
//   - the provisioning rule, "Overview and Definitions" of Microsoft 365
//     data residency: the country given at sign-up sets the tenant's
//     default geography; a country with a Local Geography gets it, others
//     the regional geography (EMEA, Asia Pacific, Americas):
//     https://learn.microsoft.com/en-us/microsoft-365/enterprise/m365-dr-overview
//   - the Product Terms commitment for Exchange Online, SharePoint and
//     OneDrive in those geographies:
//     https://learn.microsoft.com/en-us/microsoft-365/enterprise/m365-dr-workload-exo

const (
	srcGeoCodes  = "https://learn.microsoft.com/en-us/microsoft-365/enterprise/multi-geo-add-group-with-pdl#geo-location-codes"
	srcProvision = "https://learn.microsoft.com/en-us/microsoft-365/enterprise/m365-dr-overview"
)

// geoCountry maps a Microsoft 365 geography code to its country, for the
// local geographies.
var geoCountry = map[string]string{
	"ARE": "AE", "AUS": "AU", "BRA": "BR", "CAN": "CA", "CHE": "CH", "DEU": "DE", "FRA": "FR",
	"GBR": "GB", "IND": "IN", "ISR": "IL", "ITA": "IT", "JPN": "JP", "KOR": "KR", "NOR": "NO",
	"POL": "PL", "QAT": "QA", "SWE": "SE", "ZAF": "ZA", "ESP": "ES", "MEX": "MX", "NZL": "NZ",
	"AUT": "AT", "CHL": "CL", "DNK": "DK", "GRC": "GR", "TWN": "TW", "MYS": "MY",
}

// localGeography lists the countries with a Local Geography in Microsoft's
// definitions table (the Expanded Local Geographies are reached only with
// the Advanced Data Residency add-on, so they are not a default).
var localGeography = []string{"AU", "BR", "CA", "FR", "DE", "IN", "JP", "QA", "KR", "NO", "ZA", "SE", "CH", "AE", "GB"}

// euMembers are the EU's member states, whose tenants without a local
// geography are kept in the EU (the Product Terms' "European Union" geo).
var euMembers = []string{"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
	"IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}

// geoCode3 is the geography code of a local-geography country.
func geoCode3(cc string) string {
	for code, c := range geoCountry {
		if c == cc {
			return code
		}
	}
	return cc
}

// geoLocation places a Microsoft 365 geography code with the given
// evidence and confidence; ok is false for a code Reachmap does not know.
func geoLocation(code string, ev geo.Evidence, conf geo.Confidence, note string) (*geo.Location, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	switch code {
	case "NAM":
		return countryLoc("US", ev, conf, note+"; the North America geography, kept in the United States; the point is the country, not a data centre"), true
	case "EUR":
		return &geo.Location{Area: "EU", Lat: 52.37, Lon: 4.90, Evidence: ev, Confidence: conf,
			Note: note + "; the Europe geography (data centres in Austria, Finland, France, Ireland, the Netherlands, Sweden); the point is Amsterdam, standing for it"}, true
	case "APC":
		return &geo.Location{Area: "Asia-Pacific", Lat: 1.35, Lon: 103.82, Evidence: ev, Confidence: conf,
			Note: note + "; the Asia-Pacific geography (Hong Kong, Japan, Malaysia, Singapore, South Korea); the point is Singapore, standing for it"}, true
	}
	if cc, ok := geoCountry[code]; ok {
		return countryLoc(cc, ev, conf, note+"; the "+geo.CountryName(cc)+" local geography; the point is the country, not a data centre"), true
	}
	return nil, false
}

func countryLoc(cc string, ev geo.Evidence, conf geo.Confidence, note string) *geo.Location {
	loc := &geo.Location{Country: cc, Evidence: ev, Confidence: conf, Note: note}
	if lat, lon, ok := geoip.CountryPoint(cc); ok {
		loc.Lat, loc.Lon = lat, lon
	}
	return loc
}

// defaultGeography applies Microsoft's documented rule to a tenant's
// country: its local geography if it has one, else the EU for a member
// state, North America for the US, and nothing Reachmap can say for the
// rest (the regional geography depends on the services). The country is
// organization.countryLetterCode, the address Graph holds, which is the
// sign-up country unless an admin changed it; a tenant created before its
// local geography opened may still be in the regional one. So: low.
func defaultGeography(cc, created string) (code string, loc *geo.Location) {
	cc = strings.ToUpper(cc)
	note := "Microsoft's documented rule (" + srcProvision + ") applied to the tenant's country " + cc +
		" from Graph organization.countryLetterCode, not the API naming the data location"
	if created != "" {
		note += "; the tenant was created " + created + ", and one created before its local geography opened may still be in the regional geography"
	}
	switch {
	case slices.Contains(localGeography, cc):
		code = geoCode3(cc)
	case slices.Contains(euMembers, cc):
		code = "EUR"
	case cc == "US":
		code = "NAM"
	default:
		return "", nil
	}
	loc, _ = geoLocation(code, geo.EvidenceCatalog, geo.ConfidenceLow, note)
	return code, loc
}
