package present

import (
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/reach"
)

// ReachHeadline is the window's one-line answer to "can a foreign government reach my
// data?": items with any reach from outside home, whatever their
// category (an item whose place is unknown can still be reached through
// its operator). Items of unknown category with no foreign reach are not
// counted as safe: nobody knows whose law reaches them, and the headline
// says so, with the commonest reason (Unknown), rather than offering
// "no foreign government can reach" as comfort.
func (s *Speaker) ReachHeadline(items []inventory.Item, home reach.Home) string {
	foreign, unknown := 0, 0
	for _, it := range items {
		switch {
		case len(it.Foreign(home)) > 0:
			foreign++
		case it.Category == reach.CategoryUnknown:
			unknown++
		}
	}
	total := len(items)
	switch {
	case total == 0:
		return s.l("The scan found no data")
	case unknown == total:
		return s.n("Reachmap cannot tell who can reach these {{.Count}} items: {{.Why}}", total, "Why", s.UnknownWhy(items))
	case foreign == 0 && unknown == 0:
		return s.n("No foreign government can reach these {{.Count}} items", total)
	case foreign == 0:
		return s.l("{{.First}}; {{.Then}}",
			"First", s.n("No foreign government can reach {{.Count}} of {{.Total}} items", total-unknown, "Total", total),
			"Then", s.n("Reachmap cannot tell for the other {{.Count}}", unknown))
	}
	// Each part in the plural of its own count: in French "1 élément sur
	// 4 est", not "1 éléments sur 4 sont".
	reached := s.n("{{.Count}} of {{.Total}} items can be reached by a foreign government", foreign, "Total", total)
	if unknown == 0 {
		return reached
	}
	return s.l("{{.First}}; {{.Then}}", "First", reached, "Then", s.n("Reachmap cannot tell for {{.Count}} more", unknown))
}

// UnknownWhy says in a few words why the items of unknown category are
// unknown, for the headline: where they are stored is not known, who runs
// them is not known, or both. "" when no item is unknown.
func (s *Speaker) UnknownWhy(items []inventory.Item) string {
	place, operator, any := false, false, false
	for _, it := range items {
		if it.Category != reach.CategoryUnknown {
			continue
		}
		any = true
		place = place || !it.Location.Known()
		operator = operator || it.Operator.Country == ""
	}
	switch {
	case !any:
		return ""
	case place && operator:
		return s.l("their place and operator are unknown")
	case operator:
		return s.l("their operator is unknown")
	case place:
		return s.l("their place is unknown")
	}
	return s.l("they span several countries")
}

// UnknownReason is the commonest reason the scan gave for an item of
// unknown category, in the scan's words (the item's gap, else the note on
// its place), with how many items it concerns: what the person can act
// on ("set its provider and region in Accounts"). "" when none gave one.
func UnknownReason(items []inventory.Item) (reason string, n int) {
	count := map[string]int{}
	for _, it := range items {
		if it.Category != reach.CategoryUnknown {
			continue
		}
		why := it.Location.Note
		if len(it.Gaps) > 0 && it.Gaps[0].Error != "" {
			why = it.Gaps[0].Error
		}
		if why != "" {
			count[why]++
		}
	}
	for r, c := range count {
		if c > n || c == n && r < reason {
			reason, n = r, c
		}
	}
	return reason, n
}
