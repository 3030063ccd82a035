package present

import (
	"slices"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/reach"
)

// CategoryLabel is a category in a few words, for chips, tables and the
// report's cards: "Only EU/EEA law".
func (s *Speaker) CategoryLabel(c reach.Category, home reach.Home) string {
	h := s.HomeName(home)
	switch c {
	case reach.CategoryHome:
		return s.l("Only {{.Home}} law", "Home", h)
	case reach.CategoryHomeForeign:
		return s.l("{{.Home}} soil, foreign law too", "Home", h)
	case reach.CategoryForeign:
		return s.l("Stored abroad")
	}
	return s.l("Unknown")
}

// CategoryExplained is what a category means, as the legend says it.
func (s *Speaker) CategoryExplained(c reach.Category, home reach.Home) string {
	h := s.HomeName(home)
	switch c {
	case reach.CategoryHome:
		return s.l("Only {{.Home}} law reaches it", "Home", h)
	case reach.CategoryHomeForeign:
		return s.l("On {{.Home}} soil, but a foreign law reaches it too", "Home", h)
	case reach.CategoryForeign:
		return s.l("Stored abroad: foreign law reaches it")
	}
	return s.l("Unknown: the scan could not tell")
}

// CategorySentence explains one item's category in plain words, naming
// the foreign jurisdictions that reach it (foreign is the item's reach
// from outside home, agreements excluded).
func (s *Speaker) CategorySentence(c reach.Category, foreign []reach.Jurisdiction, home reach.Home) string {
	list := s.JoinAnd(s.countryNames(foreign, nil))
	h := s.HomeName(home)
	switch c {
	case reach.CategoryHome:
		return s.l("Only {{.Home}} law reaches this data.", "Home", h)
	case reach.CategoryHomeForeign:
		return s.l("Stored in {{.Home}}, but {{.List}} law also reaches it.", "Home", h, "List", list)
	case reach.CategoryForeign:
		return s.l("Stored outside {{.Home}}; {{.List}} law reaches it.", "Home", h, "List", list)
	}
	if list != "" {
		return s.l("We cannot tell where this is stored; {{.List}} law reaches it through its operator.", "List", list)
	}
	return s.l("We cannot tell where this is stored or who runs it.")
}

// ItemSentence is CategorySentence for one item, saying so when only a
// copy is abroad: a bucket in Frankfurt replicated to Virginia is stored
// abroad as far as its category goes, but "stored outside the EU/EEA"
// would misplace the original.
func (s *Speaker) ItemSentence(it inventory.Item, home reach.Home) string {
	foreign := it.Foreign(home)
	if it.Category != reach.CategoryForeign || !home.Includes(it.Location.Country) {
		return s.CategorySentence(it.Category, foreign, home)
	}
	where := s.countryNames(foreign, func(j reach.Jurisdiction) bool { return j.Basis == reach.BasisTerritorial && j.Copy != "" })
	if len(where) == 0 {
		return s.CategorySentence(it.Category, foreign, home)
	}
	return s.l("Stored in {{.Home}}, but a copy is kept in {{.Where}}; {{.List}} law reaches it.",
		"Home", s.HomeName(home), "Where", s.JoinAnd(where), "List", s.JoinAnd(s.countryNames(foreign, nil)))
}

// countryNames names the countries of the jurisdictions keep accepts (all
// with a nil keep), each once, in their order.
func (s *Speaker) countryNames(js []reach.Jurisdiction, keep func(reach.Jurisdiction) bool) []string {
	var names []string
	for _, j := range js {
		if n := s.CountryName(j.Country); (keep == nil || keep(j)) && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return names
}

// ContestedReach says that part of the foreign reach is contested (the
// sovereign cloud whose parent is still American), or "" when none is.
func (s *Speaker) ContestedReach(js []reach.Jurisdiction, home reach.Home) string {
	for _, j := range js {
		if j.Contested && !home.Covers(j) {
			return s.l("Part of that foreign reach is contested.")
		}
	}
	return ""
}
