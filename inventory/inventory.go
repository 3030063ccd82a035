// Package inventory runs a scan and holds its result: every item found by
// the providers, placed by geo, judged by the legal model, with the gaps
// the scan could not see into. The GUI and the CLI both call Run and show
// the same Scan.
package inventory

import (
	"cmp"
	"slices"
	"time"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

// Item is one data store with its location and legal reach. Its JSON form is
// the contract the README states ("Command line"): fields may be added, never renamed.
type Item struct {
	Provider string `json:"provider"`
	Account  string `json:"account"`
	// AccountID is the provider's stable id of the account (12 digits for
	// AWS), when the provider knows it.
	AccountID string               `json:"account_id,omitempty"`
	Kind      providers.Kind       `json:"kind"`
	Name      string               `json:"name"`
	Region    string               `json:"region"`
	Host      string               `json:"host,omitempty"`
	Location  geo.Location         `json:"location"`
	Operator  reach.Operator       `json:"operator"`
	Reach     []reach.Jurisdiction `json:"reach"`
	Category  reach.Category       `json:"category"`
	Gaps      []providers.Gap      `json:"gaps"`
	Tags      map[string]string    `json:"tags,omitempty"`
	// Copies are the other places the item's bytes live. Their reach is
	// also in Reach, each entry marked with the copy it comes through, and
	// Category accounts for them.
	Copies []Copy `json:"copies,omitempty"`
	// Status is "historic" for a service that has closed (Microsoft Cloud
	// Deutschland), with the date it closed and the region that replaced
	// it; empty for a live service. From is when the service opened, where
	// recorded.
	Status    string `json:"status,omitempty"`
	From      string `json:"from,omitempty"`
	Until     string `json:"until,omitempty"`
	Successor string `json:"successor,omitempty"`
	// Signals are the records that named the provider, and
	// ProviderConfidence how far they agree (mail: high when the MX names
	// it, medium from autodiscover or DKIM behind a gateway, low from SPF
	// or TXT alone, unknown otherwise).
	Signals            []providers.Signal `json:"signals,omitempty"`
	ProviderConfidence geo.Confidence     `json:"provider_confidence,omitempty"`
}

// Foreign lists the jurisdictions that reach the item from outside home,
// agreements excluded, and the Union entry too for an EU/EEA or member
// state home (reach.Home.Covers).
func (it Item) Foreign(home reach.Home) []reach.Jurisdiction {
	var out []reach.Jurisdiction
	for _, j := range it.Reach {
		if !home.Covers(j) {
			out = append(out, j)
		}
	}
	return out
}

// Scan is the result of one scan.
type Scan struct {
	ScannedAt time.Time       `json:"scanned_at"`
	Home      reach.Home      `json:"home"`
	Reviewed  string          `json:"kb_reviewed"`
	Assets    []Item          `json:"assets"`
	Gaps      []providers.Gap `json:"gaps"`
}

// Counts returns how many items fall in each category.
func (s *Scan) Counts() map[reach.Category]int {
	c := map[reach.Category]int{}
	for _, it := range s.Assets {
		c[it.Category]++
	}
	return c
}

// AllGaps returns the scan's gaps followed by every item's gaps.
func (s *Scan) AllGaps() []providers.Gap {
	out := slices.Clone(s.Gaps)
	for _, it := range s.Assets {
		out = append(out, it.Gaps...)
	}
	return out
}

// WithHome returns the scan judged against another home jurisdiction: a
// copy with every category recomputed. Location and reach do not depend
// on home, so no rescan is needed. Against its own home it returns the
// scan itself, as nothing changes a scan once made: the window, which
// asks for that at every start, then holds 10,000 items once, not twice.
func (s *Scan) WithHome(home reach.Home) *Scan {
	if home == s.Home {
		return s
	}
	out := *s
	out.Home = home
	out.Assets = slices.Clone(s.Assets)
	for i := range out.Assets {
		it := &out.Assets[i]
		it.Category = categorize(*it, home)
	}
	return &out
}

// sortItems gives a scan a stable order: provider, account, kind, name.
func sortItems(items []Item) {
	slices.SortFunc(items, func(a, b Item) int {
		return cmp.Or(
			cmp.Compare(a.Provider, b.Provider),
			cmp.Compare(a.Account, b.Account),
			cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(a.Name, b.Name),
			cmp.Compare(a.Region, b.Region),
		)
	})
}

func sortGaps(gaps []providers.Gap) {
	slices.SortFunc(gaps, func(a, b providers.Gap) int {
		return cmp.Or(
			cmp.Compare(a.Provider, b.Provider),
			cmp.Compare(a.Account, b.Account),
			cmp.Compare(a.Region, b.Region),
			cmp.Compare(a.Item, b.Item),
			cmp.Compare(a.Error, b.Error),
		)
	})
}
