package inventory

import (
	"slices"
	"strings"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

// Identity names a data store across scans. The same provider, account,
// kind and name is the same store even when it has moved to another region
// or another operator now runs it: that is exactly the change a person
// wants to see.
type Identity struct {
	Provider string         `json:"provider"`
	Account  string         `json:"account"`
	Kind     providers.Kind `json:"kind"`
	Name     string         `json:"name"`
}

// Identity returns the item's identity.
func (it Item) Identity() Identity {
	return Identity{Provider: it.Provider, Account: it.Account, Kind: it.Kind, Name: it.Name}
}

// String writes the identity for people: "aws/lumen-prod bucket lumen-invoices".
func (id Identity) String() string {
	return id.Provider + "/" + id.Account + " " + string(id.Kind) + " " + id.Name
}

// ChangeKind is one kind of change of a store between two scans. Its
// value is what the JSON output says.
type ChangeKind string

// The kinds of change, in the order Change.What lists them.
const (
	// ChangeLocation: the country, area or region.
	ChangeLocation ChangeKind = "location"
	// ChangeOperator: the operator's name, country, parent chain or
	// contested flag.
	ChangeOperator ChangeKind = "operator"
	// ChangeReach: the set of jurisdictions, agreements excluded.
	ChangeReach ChangeKind = "reach"
	// ChangeCategory: the category relative to home.
	ChangeCategory ChangeKind = "category"
)

// Change is a store found in both scans whose place or reach changed.
type Change struct {
	Old Item `json:"old"`
	New Item `json:"new"`
	// What lists what changed, in the order of the ChangeKind constants.
	What []ChangeKind `json:"what"`
	// ForeignGained lists the reach from outside home that the store has now
	// and did not have before, by jurisdiction and basis: a bucket moved from
	// AWS Paris to AWS Virginia gains US territorial reach although US law
	// reached it already as the operator's. ForeignLost is the reverse.
	ForeignGained []reach.Jurisdiction `json:"foreign_gained,omitempty"`
	ForeignLost   []reach.Jurisdiction `json:"foreign_lost,omitempty"`
}

// Changes is what happened between two scans, judged against the newer
// scan's home jurisdiction.
type Changes struct {
	Home reach.Home `json:"home"`
	// OldHome is set when the older scan used another home. Its categories
	// were recomputed against Home before comparing, so that a change of
	// setting is not reported as a change of every item.
	OldHome reach.Home `json:"old_home,omitempty"`
	// Added and Removed are in scan order; Added holds the new items,
	// Removed the old ones.
	Added   []Item   `json:"added"`
	Removed []Item   `json:"removed"`
	Changed []Change `json:"changed"`
	// Unchanged counts the stores found in both scans with nothing changed.
	Unchanged int `json:"unchanged"`
}

// Empty reports whether nothing was added, removed or changed.
func (c Changes) Empty() bool {
	return len(c.Added) == 0 && len(c.Removed) == 0 && len(c.Changed) == 0
}

// NewForeign returns the stores that a foreign jurisdiction reaches now and
// none did before: new stores under foreign reach, and stores that moved
// (or changed operator) into it. This is the headline of a diff: data
// that slipped out of home control.
func (c Changes) NewForeign() []Item {
	var out []Item
	for _, it := range c.Added {
		if len(it.Foreign(c.Home)) > 0 {
			out = append(out, it)
		}
	}
	for _, ch := range c.Changed {
		if len(ch.Old.Foreign(c.Home)) == 0 && len(ch.New.Foreign(c.Home)) > 0 {
			out = append(out, ch.New)
		}
	}
	sortItems(out)
	return out
}

// NoLongerForeign returns the stores that a foreign jurisdiction reached
// before and none reaches now: moved or re-operated stores (their new
// state), and removed stores that were under foreign reach (their old
// state), since that data no longer sits within foreign reach either.
func (c Changes) NoLongerForeign() []Item {
	var out []Item
	for _, ch := range c.Changed {
		if len(ch.Old.Foreign(c.Home)) > 0 && len(ch.New.Foreign(c.Home)) == 0 {
			out = append(out, ch.New)
		}
	}
	for _, it := range c.Removed {
		if len(it.Foreign(c.Home)) > 0 {
			out = append(out, it)
		}
	}
	sortItems(out)
	return out
}

// MoreForeign returns the changes of stores that were already under
// foreign reach and gained more of it: a new foreign jurisdiction, or a
// new basis for one (now stored on its soil).
func (c Changes) MoreForeign() []Change {
	var out []Change
	for _, ch := range c.Changed {
		if len(ch.ForeignGained) > 0 && len(ch.Old.Foreign(c.Home)) > 0 {
			out = append(out, ch)
		}
	}
	return out
}

// LessForeign returns the changes of stores that lost some foreign reach
// and are still under some: a bucket moved from AWS Virginia to AWS Paris
// is no longer stored in the United States, yet US law still reaches it
// through its operator.
func (c Changes) LessForeign() []Change {
	var out []Change
	for _, ch := range c.Changed {
		if len(ch.ForeignLost) > 0 && len(ch.New.Foreign(c.Home)) > 0 {
			out = append(out, ch)
		}
	}
	return out
}

// matchKey is what pairs stores across scans before their accounts are
// compared (sameAccount).
type matchKey struct {
	provider string
	kind     providers.Kind
	name     string
}

// sameAccount says whether two states are of one account: by account id
// when both scans know it, so a renamed profile is the same account; by
// the account's label otherwise, so scans saved before ids were recorded
// still compare.
func sameAccount(o, n Item) bool {
	if o.AccountID != "" && n.AccountID != "" {
		return o.AccountID == n.AccountID
	}
	return o.Account == n.Account
}

// Diff compares two scans. Stores are matched by Identity, their accounts
// by account id where both scans have one (sameAccount); when a scan
// holds several stores with one identity (the same name in two regions),
// those in the same region are paired first, then the rest in scan order.
// A nil scan counts as an empty one.
func Diff(old, new *Scan) Changes {
	if old == nil {
		old = &Scan{}
	}
	if new == nil {
		new = &Scan{Home: old.Home}
	}
	c := Changes{Home: new.Home, Added: []Item{}, Removed: []Item{}, Changed: []Change{}}
	if old.Home != new.Home && old.Home != "" {
		c.OldHome = old.Home
		old = old.WithHome(new.Home)
	}

	oldBy := map[matchKey][]int{}
	key := func(it Item) matchKey { return matchKey{it.Provider, it.Kind, it.Name} }
	for i, it := range old.Assets {
		oldBy[key(it)] = append(oldBy[key(it)], i)
	}
	matched := make([]bool, len(old.Assets))
	pair := make([]int, len(new.Assets)) // index into old.Assets, or -1
	for i := range pair {
		pair[i] = -1
	}
	// Two passes so that a same-region twin is never stolen by an earlier
	// store of the same identity in another region.
	for pass := range 2 {
		for i, it := range new.Assets {
			if pair[i] >= 0 {
				continue
			}
			for _, j := range oldBy[key(it)] {
				if matched[j] || !sameAccount(old.Assets[j], it) || (pass == 0 && old.Assets[j].Region != it.Region) {
					continue
				}
				matched[j], pair[i] = true, j
				break
			}
		}
	}

	for i, it := range new.Assets {
		if pair[i] < 0 {
			c.Added = append(c.Added, it)
			continue
		}
		ch := compare(old.Assets[pair[i]], it, c.Home)
		if len(ch.What) == 0 {
			c.Unchanged++
			continue
		}
		c.Changed = append(c.Changed, ch)
	}
	for j, it := range old.Assets {
		if !matched[j] {
			c.Removed = append(c.Removed, it)
		}
	}
	return c
}

// compare says what changed between two states of one store.
func compare(o, n Item, home reach.Home) Change {
	ch := Change{Old: o, New: n}
	if o.Region != n.Region || !strings.EqualFold(o.Location.Country, n.Location.Country) ||
		!strings.EqualFold(o.Location.Area, n.Location.Area) {
		ch.What = append(ch.What, ChangeLocation)
	}
	if !sameOperator(o.Operator, n.Operator) {
		ch.What = append(ch.What, ChangeOperator)
	}
	if !slices.Equal(reachSet(o.Reach), reachSet(n.Reach)) {
		ch.What = append(ch.What, ChangeReach)
	}
	if o.Category != n.Category {
		ch.What = append(ch.What, ChangeCategory)
	}
	ch.ForeignGained = missingFrom(n.Foreign(home), o.Foreign(home))
	ch.ForeignLost = missingFrom(o.Foreign(home), n.Foreign(home))
	return ch
}

// missingFrom returns the entries of a whose jurisdiction and basis no
// entry of b has, once each.
func missingFrom(a, b []reach.Jurisdiction) []reach.Jurisdiction {
	var out []reach.Jurisdiction
	seen := map[string]bool{}
	for _, j := range b {
		seen[reachKey(j)] = true
	}
	for _, j := range a {
		if k := reachKey(j); !seen[k] {
			seen[k] = true
			out = append(out, j)
		}
	}
	return out
}

func reachKey(j reach.Jurisdiction) string {
	return strings.ToUpper(j.Country) + ":" + string(j.Basis)
}

func sameOperator(a, b reach.Operator) bool {
	return a.Name == b.Name && strings.EqualFold(a.Country, b.Country) &&
		a.Contested == b.Contested && slices.Equal(a.Parents, b.Parents)
}

// reachSet is the comparable form of a reach list: who reaches, on which
// basis, and whether it is contested. Law texts and notes are left out on
// purpose: a knowledge-base update that rewords a citation is not a change
// in the user's estate.
func reachSet(js []reach.Jurisdiction) []string {
	var out []string
	for _, j := range js {
		if j.Basis == reach.BasisAgreement {
			continue
		}
		k := reachKey(j)
		if j.Contested {
			k += ":contested"
		}
		out = append(out, k)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
