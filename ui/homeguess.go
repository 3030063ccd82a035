package ui

import (
	"strings"

	"fyne.io/fyne/v2/lang"
	"golang.org/x/text/language"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/reach"
)

// systemRegion is the region of the system's locale ("CH" for fr_CH), or
// "" when the locale names none (C, "en").
func systemRegion() string {
	tag, err := language.Parse(string(lang.SystemLocale()))
	if err != nil {
		return ""
	}
	r, conf := tag.Region()
	if conf != language.Exact {
		return ""
	}
	return r.String()
}

// homeForRegion is the home proposed for a system region: the EU/EEA for
// one of its states (de_DE), the country itself otherwise (fr_CH is
// Switzerland), and the EU/EEA when the region is unknown.
func homeForRegion(region string) reach.Home {
	cc := strings.ToUpper(region)
	if !geo.ValidCountry(cc) || reach.HomeEU.Includes(cc) {
		return reach.HomeEU
	}
	if h, err := reach.ParseHome(cc); err == nil {
		return h
	}
	return reach.HomeEU
}
