package inventory

// Copies: the other places an item's bytes live. The legal question is about
// every place the data is, so a copy is placed and judged like an item, and
// its reach joins the item's own.

import (
	"fmt"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

// Copy is one other place where an item's bytes live. Its JSON form is
// part of the contract: {"region", "location", "reach", "why", "item"}.
type Copy struct {
	Region   string               `json:"region"`
	Location geo.Location         `json:"location"`
	Reach    []reach.Jurisdiction `json:"reach"`
	// Why says what makes the copy ("replication rule to bucket x").
	Why string `json:"why"`
	// Item is the name of the destination when it is itself an item of
	// the same scan, else empty.
	Item string `json:"item"`
	// AccountID is the destination's account when it is another one.
	AccountID string `json:"account_id,omitempty"`
}

// addCopies places and judges each copy the provider reported, and adds to
// the item's reach every jurisdiction a copy brings that the item's own
// place does not, marked with the copy it comes through. A copy that cannot
// be placed is kept, as unknown, with a gap.
func addCopies(it *Item, a providers.Asset) {
	seen := map[string]bool{}
	for _, j := range it.Reach {
		seen[copyReachKey(j)] = true
	}
	for _, c := range a.Copies {
		prov := c.Provider
		if prov == "" {
			prov = a.Provider
		}
		loc, gap := Locate(providers.Asset{
			Provider: prov, Account: a.Account, Name: a.Name,
			Region: c.Region, Location: c.Location, Evidence: a.Evidence,
		})
		if gap != nil {
			gap.Error = fmt.Sprintf("copy in %s: %s", c.Region, gap.Error)
			it.Gaps = append(it.Gaps, *gap)
		}
		// The operator override is the asset's (a reseller runs its
		// copies too) only when the copy stays with the same provider.
		op := a.Operator
		if prov != a.Provider {
			op = ""
		}
		as := reach.Assess(prov, c.Region, loc, op)
		it.Copies = append(it.Copies, Copy{
			Region: c.Region, Location: loc, Reach: as.Reach,
			Why: c.Why, Item: c.Item, AccountID: c.AccountID,
		})
		for _, j := range as.Reach {
			if k := copyReachKey(j); !seen[k] {
				seen[k] = true
				j.Copy = c.Region
				it.Reach = append(it.Reach, j)
			}
		}
	}
}

// copyReachKey is who reaches and on which basis: a copy in Virginia adds
// US territorial reach to a Frankfurt bucket, not a second CLOUD Act entry.
func copyReachKey(j reach.Jurisdiction) string { return j.Country + ":" + string(j.Basis) }

// categorize is the item's category against home, its copies included:
// a Frankfurt bucket copied to Virginia is not "home" for an EU home, and
// a copy nobody could place leaves the data's home unknown.
func categorize(it Item, home reach.Home) reach.Category {
	cat := reach.Categorize(reach.Assessment{Operator: it.Operator, Reach: it.Reach}, it.Location, home)
	for _, c := range it.Copies {
		if !c.Location.Known() && cat == reach.CategoryHome {
			return reach.CategoryUnknown
		}
	}
	return cat
}

// linkCopies keeps a copy's Item only when the scan holds that item: the
// same provider, the same name, and the copy's account when it names one.
func linkCopies(items []Item) {
	type key struct{ provider, name string }
	byName := map[key][]int{}
	for i, it := range items {
		byName[key{it.Provider, it.Name}] = append(byName[key{it.Provider, it.Name}], i)
	}
	for i := range items {
		for c := range items[i].Copies {
			cp := &items[i].Copies[c]
			if cp.Item == "" {
				continue
			}
			found := false
			for _, j := range byName[key{items[i].Provider, cp.Item}] {
				want := cp.AccountID
				if want == "" {
					want = items[i].AccountID
				}
				if j != i && (want == "" || items[j].AccountID == want) {
					found = true
					break
				}
			}
			if !found {
				cp.Item = ""
			}
		}
	}
}
