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

// Covers reports whether a reach entry stays within home, so that it does
// not make the item foreign. Agreements are context and always covered.
// The Union entry (the e-Evidence Regulation) is covered for the EU/EEA
// home and for a single member state as home: the member state is itself
// bound by the Regulation, and an order from another member state runs
// under Union law and its safeguards, not a foreign one. It counts against
// any other home (Switzerland, the United States, Norway: the Regulation
// is not part of the EEA Agreement).
func (h Home) Covers(j Jurisdiction) bool {
	switch j.Basis {
	case BasisAgreement:
		return true
	case BasisUnion:
		if h == HomeEU {
			return true
		}
		c, ok := CountryInfo(string(h))
		return ok && c.EU
	}
	return h.Includes(j.Country)
}

// Label names the home for people: "EU/EEA" or "France".
func (h Home) Label() string {
	if h == HomeEU {
		return "EU/EEA"
	}
	return CountryLabel(string(h))
}
