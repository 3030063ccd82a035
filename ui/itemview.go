package ui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/mapdraw"
	"github.com/reachmap/reachmap/policy"
	"github.com/reachmap/reachmap/present"
	"github.com/reachmap/reachmap/reach"
)

// column is one column of the items table: its title (an English key,
// translated when drawn), its width, and how to read a cell.
type column struct {
	Title string
	Width float32
	Text  func(v *itemView, id int) string
}

// Column indexes the dashboard refers to. The columns that answer the
// question come first (what, where, who can reach it, the category), so
// that a 13-inch screen shows them without scrolling; provider, kind and
// account follow.
const (
	colSwatch = iota
	colName
	colWhere
	colReach
	colCategory
	colProvider
	colKind
	colAccount
	colPolicy
)

var columns = []column{
	{"", 30, func(v *itemView, id int) string { return strings.Repeat("z", mapdraw.Severity(v.items[id].Category)) }},
	{"Name", 190, func(v *itemView, id int) string { return v.items[id].Name }},
	{"Where", 170, func(v *itemView, id int) string { return placeText(v.items[id]) }},
	{"Reachable by", 130, func(v *itemView, id int) string { return reachText(v.items[id]) }},
	{"Category", 190, func(v *itemView, id int) string { return say.CategoryLabel(v.items[id].Category, v.home) }},
	{"Provider", 110, func(v *itemView, id int) string { return say.ProviderShort(v.items[id].Provider) }},
	{"Kind", 110, func(v *itemView, id int) string { return say.Kind(string(v.items[id].Kind)) }},
	{"Account", 130, func(v *itemView, id int) string { return v.items[id].Account }},
	{"Policy", 190, func(v *itemView, id int) string { return v.policyText(id) }},
}

// placeText is "Dublin, Ireland", or "unknown".
func placeText(it inventory.Item) string { return say.Place(it.Location) }

// reachText lists the reaching jurisdictions, territory first: "IE · US".
func reachText(it inventory.Item) string { return present.ReachCodes(it.Reach) }

// itemFilter is what the table shows: a text query and one value per
// facet ("" = any).
type itemFilter struct {
	Query    string
	Provider string
	Account  string
	Country  string // territory: a country code, or an area such as "EU"
	Kind     string
	Category reach.Category
}

// Active reports whether any filter is set.
func (f itemFilter) Active() bool { return f != itemFilter{} }

// facet is one of the filter's fields, with the values it can take.
type facet int

const (
	facetProvider facet = iota
	facetAccount
	facetCountry
	facetKind
	facetCategory
)

// value reads the facet of an item.
func (fc facet) value(it inventory.Item) string {
	switch fc {
	case facetProvider:
		return it.Provider
	case facetAccount:
		return it.Account
	case facetCountry:
		return mapdraw.Territory(it)
	case facetKind:
		return string(it.Kind)
	}
	return string(it.Category)
}

// itemView is the table's model: which items pass the filters, in which
// order, and which break the policy. It holds no widgets, so tests reach
// every rule directly.
type itemView struct {
	items []inventory.Item
	rows  []int // indices into items, filtered and sorted
	home  reach.Home
	// violations, by item index, from the policy in force (nil: none).
	violations map[int][]policy.Violation

	sortCol int
	desc    bool
	filter  itemFilter
	query   string // filter.Query, lower-cased
}

// SetItems replaces the items and reapplies filters and order.
func (v *itemView) SetItems(items []inventory.Item, home reach.Home) {
	v.items, v.home = items, home
	v.apply()
}

// SetViolations marks the items that break the policy.
func (v *itemView) SetViolations(vs map[int][]policy.Violation) {
	v.violations = vs
	v.apply()
}

// SortBy sorts by a column; sorting by the same column again reverses.
func (v *itemView) SortBy(col int) {
	if col < 0 || col >= len(columns) {
		return
	}
	if col == v.sortCol {
		v.desc = !v.desc
	} else {
		v.sortCol, v.desc = col, false
	}
	v.apply()
}

// SetFilter replaces the filter.
func (v *itemView) SetFilter(f itemFilter) {
	v.filter = f
	v.query = strings.ToLower(strings.TrimSpace(f.Query))
	v.apply()
}

// Filter returns the filter in force.
func (v *itemView) Filter() itemFilter { return v.filter }

// RowOf returns the row showing item id, or -1 when it is filtered out.
func (v *itemView) RowOf(id int) int { return slices.Index(v.rows, id) }

// Visible reports whether item id passes the filters.
func (v *itemView) Visible(id int) bool { return v.RowOf(id) >= 0 }

func (v *itemView) matches(it inventory.Item) bool {
	f := v.filter
	for fc, want := range map[facet]string{facetProvider: f.Provider, facetAccount: f.Account,
		facetCountry: f.Country, facetKind: f.Kind, facetCategory: string(f.Category)} {
		if want == "" {
			continue
		}
		if got := fc.value(it); got != want && !(want == facetNone && got == "") {
			return false
		}
	}
	if v.query == "" {
		return true
	}
	hay := strings.ToLower(strings.Join([]string{
		it.Name, it.Provider, reach.ProviderName(it.Provider), it.Account, string(it.Kind), say.Kind(string(it.Kind)),
		it.Region, it.Host, placeText(it), reachText(it), reachNames(it), it.Operator.Name,
		say.CategoryLabel(it.Category, v.home), it.Location.Country,
	}, "\x00"))
	return strings.Contains(hay, v.query)
}

func (v *itemView) apply() {
	v.rows = v.rows[:0]
	for i, it := range v.items {
		if v.matches(it) {
			v.rows = append(v.rows, i)
		}
	}
	// Each row's sort key is made once, not at every comparison: with
	// 10,000 rows that is 10,000 strings instead of some 300,000.
	col := columns[v.sortCol]
	type keyed struct {
		id  int
		key string
	}
	ks := make([]keyed, len(v.rows))
	for i, id := range v.rows {
		ks[i] = keyed{id, strings.ToLower(col.Text(v, id))}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		c := cmp.Or(strings.Compare(a.key, b.key), strings.Compare(v.items[a.id].Name, v.items[b.id].Name))
		if v.desc {
			return -c
		}
		return c
	})
	for i, k := range ks {
		v.rows[i] = k.id
	}
}

// policyText is the policy cell: the rules an item breaks, or nothing.
func (v *itemView) policyText(id int) string {
	vs := v.violations[id]
	switch len(vs) {
	case 0:
		return ""
	case 1:
		return "⚠ " + vs[0].Rule
	}
	return "⚠ " + trn("{{.Count}} rules broken", len(vs))
}

// Summary is the counts line for the filtered rows.
func (v *itemView) Summary() string {
	return trn("{{.Count}} of {{.Total}} items", len(v.rows), "Total", len(v.items))
}

// facetNone is the filter value that picks items where a facet is empty
// (no known country): "" already means "any".
const facetNone = "\x00none"

// option is one choice of a facet's filter: a value and how many items
// (among all, not only the filtered ones) have it.
type option struct {
	Value string
	Label string
	Count int
}

// Options lists a facet's values found in the items, most frequent first.
func (v *itemView) Options(fc facet) []option {
	counts := map[string]int{}
	for _, it := range v.items {
		counts[fc.value(it)]++
	}
	out := make([]option, 0, len(counts))
	for val, n := range counts {
		o := option{Value: val, Label: facetLabel(fc, val, v.home), Count: n}
		if val == "" {
			o.Value = facetNone
		}
		out = append(out, o)
	}
	slices.SortFunc(out, func(a, b option) int {
		return cmp.Or(b.Count-a.Count, strings.Compare(a.Label, b.Label))
	})
	return out
}

// facetLabel is a facet value as a person reads it.
func facetLabel(fc facet, val string, home reach.Home) string {
	switch fc {
	case facetProvider:
		return reach.ProviderName(val)
	case facetCountry:
		if val == "" {
			return tr("unknown")
		}
		return say.CountryName(val)
	case facetKind:
		return say.Kind(val)
	case facetCategory:
		return say.CategoryLabel(reach.Category(val), home)
	}
	if val == "" {
		return tr("(none)")
	}
	return val
}

// topCountries is "FR 11 · DE 7 · US 5 · IE 3", the n territories holding
// most items.
func topCountries(items []inventory.Item, n int) string {
	v := &itemView{items: items}
	var parts []string
	for _, o := range v.Options(facetCountry) {
		if o.Value == facetNone {
			continue
		}
		if len(parts) == n {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprintf("%s %d", o.Value, o.Count))
	}
	return strings.Join(parts, " · ")
}
