package present

import (
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/reach"
)

// SectionKind is one of the seven sections of a diff, in the order they
// are shown: what came under foreign reach first, the details after.
type SectionKind int

const (
	SectionNewForeign      SectionKind = iota // Changes.NewForeign: items
	SectionMoreForeign                        // Changes.MoreForeign: changes
	SectionNoLongerForeign                    // Changes.NoLongerForeign: items
	SectionLessForeign                        // Changes.LessForeign: changes
	SectionAdded                              // Changes.Added: items
	SectionRemoved                            // Changes.Removed: items
	SectionChanged                            // Changes.Changed: changes
)

// Section is one section of a diff: its title, whether it is about more
// foreign reach (Alarm) or less (Good), and its items or its changes.
type Section struct {
	Kind    SectionKind
	Title   string
	Alarm   bool
	Good    bool
	Items   []inventory.Item   // for the sections of items
	Changes []inventory.Change // for the sections of changes
}

// Len is how many entries the section holds.
func (sec Section) Len() int { return len(sec.Items) + len(sec.Changes) }

// Sections orders a diff for people: the sections that hold something,
// in SectionKind order.
func (s *Speaker) Sections(ch inventory.Changes) []Section {
	all := []Section{
		{Kind: SectionNewForeign, Title: s.l("Newly within reach of a foreign government"), Alarm: true, Items: ch.NewForeign()},
		{Kind: SectionMoreForeign, Title: s.l("Reached by more foreign law than before"), Alarm: true, Changes: ch.MoreForeign()},
		{Kind: SectionNoLongerForeign, Title: s.l("No longer within foreign reach"), Good: true, Items: ch.NoLongerForeign()},
		{Kind: SectionLessForeign, Title: s.l("Reached by less foreign law than before"), Good: true, Changes: ch.LessForeign()},
		{Kind: SectionAdded, Title: s.l("New items"), Items: ch.Added},
		{Kind: SectionRemoved, Title: s.l("Removed items"), Items: ch.Removed},
		{Kind: SectionChanged, Title: s.l("Changed items"), Changes: ch.Changed},
	}
	var out []Section
	for _, sec := range all {
		if sec.Len() > 0 {
			out = append(out, sec)
		}
	}
	return out
}

// ChangeKind names one kind of change: "location".
func (s *Speaker) ChangeKind(k inventory.ChangeKind) string {
	switch k {
	case inventory.ChangeLocation:
		return s.l("location")
	case inventory.ChangeOperator:
		return s.l("operator")
	case inventory.ChangeReach:
		return s.l("reach")
	case inventory.ChangeCategory:
		return s.l("category")
	}
	return string(k)
}

// ItemLine is an item of a diff in one line: "Amazon Web Services ·
// Dublin, Ireland · Reachable by: Ireland, United States".
func (s *Speaker) ItemLine(it inventory.Item) string {
	out := reach.ProviderName(it.Provider) + " · " + s.Place(it.Location)
	if n := s.ReachNames(it.Reach); n != "" {
		out += " · " + s.l("Reachable by: {{.List}}", "List", n)
	}
	return out
}

// ChangeLine is a change in one line: "location and reach changed:
// Paris, France (FR · US) → Ashburn, United States (US)".
func (s *Speaker) ChangeLine(c inventory.Change) string {
	what := make([]string, len(c.What))
	for i, w := range c.What {
		what[i] = s.ChangeKind(w)
	}
	state := func(it inventory.Item) string { return s.Place(it.Location) + " (" + ReachCodes(it.Reach) + ")" }
	return s.l("{{.What}} changed: {{.Old}} → {{.New}}", "What", s.JoinAnd(what), "Old", state(c.Old), "New", state(c.New))
}

// Unchanged says how many items a diff left as they were. When nothing
// else changed, the sentence says so.
func (s *Speaker) Unchanged(ch inventory.Changes) string {
	if ch.Empty() {
		return s.n("Nothing changed: the {{.Count}} items are where they were, reached by the same laws.", ch.Unchanged)
	}
	return s.n("{{.Count}} items did not change.", ch.Unchanged)
}
