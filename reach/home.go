package reach

import (
	"fmt"
	"strings"

	"github.com/reachmap/reachmap/geo"
)

// Home is the user's home jurisdiction: "EU" for the EU/EEA as a whole, or
// an ISO 3166-1 alpha-2 country code. Categories are relative to it.
type Home string

// HomeEU is the EU/EEA as one home jurisdiction.
const HomeEU Home = "EU"

// ParseHome reads a home jurisdiction, case-insensitively: "EU" (also
// "EEA", "EU/EEA"), or a valid country code ("UK" is read as "GB", the ISO
// code people often mistype).
func ParseHome(s string) (Home, error) {
	v := strings.ToUpper(strings.TrimSpace(s))
	switch v {
	case "":
		return "", fmt.Errorf("home jurisdiction is empty: give EU or a country code such as FR")
	case "EU", "EEA", "EU/EEA":
		return HomeEU, nil
	case "UK":
		v = "GB"
	}
	if len(v) != 2 || !geo.ValidCountry(v) {
		return "", fmt.Errorf("home jurisdiction %q: want EU or an ISO 3166-1 alpha-2 country code such as FR", s)
	}
	return Home(v), nil
}

// Includes reports whether a jurisdiction (a country code, or "EU" for
// Union law) is within home. The EU home includes every EU and EEA state
// and the Union itself; a country home includes only that country.
func (h Home) Includes(jurisdiction string) bool {
	j := strings.ToUpper(strings.TrimSpace(jurisdiction))
	if h == "" || j == "" {
		return false
	}
	if h == HomeEU {
		if j == "EU" {
			return true
		}
		c, ok := CountryInfo(j)
		return ok && (c.EU || c.EEA)
	}
	return j == string(h)
}

// Label names the home for people: "EU/EEA" or "France".
func (h Home) Label() string {
	if h == HomeEU {
		return "EU/EEA"
	}
	return CountryLabel(string(h))
}
