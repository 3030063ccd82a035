package ui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"reachmap/geo"
	"reachmap/inventory"
	"reachmap/reach"
)

// column is one column of the items table: its title and how to read a cell.
type column struct {
	Title string
	Width float32
	Text  func(it inventory.Item) string
}

var columns = []column{
	{"", 28, func(it inventory.Item) string { return string(it.Category) }},
	{"Name", 250, func(it inventory.Item) string { return it.Name }},
	{"Provider", 130, func(it inventory.Item) string { return reach.ProviderName(it.Provider) }},
	{"Account", 130, func(it inventory.Item) string { return it.Account }},
	{"Kind", 110, func(it inventory.Item) string { return string(it.Kind) }},
	{"Where", 170, placeText},
	{"Reached by", 110, reachText},
	{"Category", 170, func(it inventory.Item) string { return categoryLabel(it.Category) }},
}

// placeText is "Dublin, Ireland", or "unknown".
func placeText(it inventory.Item) string {
	l := it.Location
	country := geo.CountryName(l.Country)
	if country == "" {
		country = l.Country
	}
	if country == "" && l.Area != "" {
		country = l.Area + " (area)"
	}
	switch {
	case country == "":
		return "unknown"
	case l.City != "":
		return l.City + ", " + country
	}
	return country
}

// reachText lists the reaching jurisdictions, territory first: "IE · US".
func reachText(it inventory.Item) string {
	var cs []string
	for _, j := range it.Reach {
		if j.Basis == reach.BasisAgreement || slices.Contains(cs, j.Country) {
			continue
		}
		cs = append(cs, j.Country)
	}
	if len(cs) == 0 {
		return "?"
	}
	return strings.Join(cs, " · ")
}

// itemView is the table's model: which items pass the filters, in which
// order. It holds no widgets, so tests reach every rule directly.
type itemView struct {
	items []inventory.Item
	rows  []int // indices into items, filtered and sorted

	sortCol  int
	desc     bool
	query    string
	category reach.Category // "" = all
	provider string         // "" = all
}

// SetItems replaces the items and reapplies filters and order.
func (v *itemView) SetItems(items []inventory.Item) {
	v.items = items
	v.apply()
}

// SortBy sorts by a column; sorting by the same column again reverses.
func (v *itemView) SortBy(col int) {
	if col == v.sortCol {
		v.desc = !v.desc
	} else {
		v.sortCol, v.desc = col, false
	}
	v.apply()
}

// Filter sets the text query and the category and provider filters.
func (v *itemView) Filter(query string, cat reach.Category, provider string) {
	v.query, v.category, v.provider = strings.ToLower(strings.TrimSpace(query)), cat, provider
	v.apply()
}

// RowOf returns the row showing item id, or -1 when it is filtered out.
func (v *itemView) RowOf(id int) int { return slices.Index(v.rows, id) }

func (v *itemView) matches(it inventory.Item) bool {
	if v.category != "" && it.Category != v.category {
		return false
	}
	if v.provider != "" && it.Provider != v.provider {
		return false
	}
	if v.query == "" {
		return true
	}
	hay := strings.ToLower(strings.Join([]string{
		it.Name, it.Provider, reach.ProviderName(it.Provider), it.Account, string(it.Kind),
		it.Region, placeText(it), reachText(it), it.Operator.Name, string(it.Category),
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
	col := columns[v.sortCol]
	slices.SortStableFunc(v.rows, func(a, b int) int {
		c := cmp.Or(
			strings.Compare(strings.ToLower(col.Text(v.items[a])), strings.ToLower(col.Text(v.items[b]))),
			strings.Compare(v.items[a].Name, v.items[b].Name),
		)
		if v.desc {
			return -c
		}
		return c
	})
}

// Summary is the counts line for the filtered rows.
func (v *itemView) Summary() string {
	return fmt.Sprintf("%d of %d items", len(v.rows), len(v.items))
}
