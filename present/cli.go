package present

import "github.com/reachmap/reachmap/reach"

// The command line's sentences, for diff's text and the scan's messages on
// standard error: the same words as the window, in its language.

// DiffHeader opens diff's text: "Changes from scan 1 (…) to scan 2 (…),
// home EU/EEA".
func (s *Speaker) DiffHeader(old, cur string, home reach.Home) string {
	return s.l("Changes from {{.Old}} to {{.New}}, home {{.Home}}", "Old", old, "New", cur, "Home", s.HomeName(home))
}

// DiffRejudged says that the older scan was judged again against the
// newer one's home.
func (s *Speaker) DiffRejudged(old, cur reach.Home) string {
	return s.l("(the older scan used home {{.Old}}; it was judged again against {{.New}})", "Old", s.HomeName(old), "New", s.HomeName(cur))
}

// DiffNone says that nothing changed.
func (s *Speaker) DiffNone(unchanged int) string {
	return s.n("No changes: {{.Count}} items, all as before.", unchanged)
}

// ScanLabel names a scan of the store: "scan 3 (22 Nov 2026 09:00 UTC)".
func (s *Speaker) ScanLabel(id int64, when string) string {
	return s.l("scan {{.ID}} ({{.When}})", "ID", id, "When", when)
}

// NowReached is a change followed by the foreign reach it leaves.
func (s *Speaker) NowReached(change, reached string) string {
	return s.l("{{.Change}}; now reached by {{.Reach}}", "Change", change, "Reach", reached)
}

// NewReached is a new store with where it is and who reaches it.
func (s *Speaker) NewReached(where, reached string) string {
	return s.l("new, {{.Where}}; reached by {{.Reach}}", "Where", where, "Reach", reached)
}

// Removed marks a store that is gone.
func (s *Speaker) Removed() string { return s.l("removed") }

// WasAt is where a removed store was: "was France (eu-west-3), home".
func (s *Speaker) WasAt(where string, c reach.Category) string {
	return s.l("was {{.Where}}, {{.Category}}", "Where", where, "Category", string(c))
}

// NowAlso is a change that brought more foreign reach.
func (s *Speaker) NowAlso(change, gained string) string {
	return s.l("{{.Change}}; now also {{.Gained}}", "Change", change, "Gained", gained)
}

// NoLonger is a change that took foreign reach away.
func (s *Speaker) NoLonger(change, lost, still string) string {
	return s.l("{{.Change}}; no longer {{.Lost}}, still {{.Still}}", "Change", change, "Lost", lost, "Still", still)
}

// DiffTotals is diff's last line.
func (s *Speaker) DiffTotals(added, removed, changed, unchanged, newForeign, noLonger int) string {
	return s.l("{{.Added}} added, {{.Removed}} removed, {{.Changed}} changed, {{.Unchanged}} unchanged; {{.New}} under foreign reach; {{.Gone}} no longer under foreign reach.",
		"Added", added, "Removed", removed, "Changed", changed, "Unchanged", unchanged,
		"New", s.n("{{.Count}} new items", newForeign), "Gone", s.n("{{.Count}} items", noLonger))
}

// Moved, OperatorChanged and CategoryChanged say what changed about a
// store; ReachChanged when only its reach did.
func (s *Speaker) Moved(from, to string) string {
	return s.l("moved {{.From}} → {{.To}}", "From", from, "To", to)
}

func (s *Speaker) OperatorChanged(from, to string) string {
	return s.l("operator {{.From}} → {{.To}}", "From", from, "To", to)
}

func (s *Speaker) CategoryChanged(from, to reach.Category) string {
	return s.l("category {{.From}} → {{.To}}", "From", string(from), "To", string(to))
}

func (s *Speaker) ReachChanged() string { return s.l("reach changed") }

// UnknownPlace and UnknownOperator stand for what a scan could not tell.
func (s *Speaker) UnknownPlace() string { return s.l("unknown place") }

func (s *Speaker) UnknownOperator() string { return s.l("unknown") }

// Saved says where a scan was saved.
func (s *Speaker) Saved(id int64, path string) string {
	return s.l("saved as scan {{.ID}} in {{.Path}}", "ID", id, "Path", path)
}

// GapLine is a gap on standard error.
func (s *Speaker) GapLine(gap string) string { return s.l("gap: {{.Gap}}", "Gap", gap) }

// PolicyViolated opens the list of a policy's violations.
func (s *Speaker) PolicyViolated(path string, items int) string {
	return s.n("policy {{.Path}} violated by {{.Count}} item(s):", items, "Path", path)
}

// PolicyKept says a policy holds.
func (s *Speaker) PolicyKept(path string) string {
	return s.l("policy {{.Path}}: no violation", "Path", path)
}
