package ui

import (
	"context"
	"fmt"
	"testing"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/mapdraw"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/demo"
	"github.com/reachmap/reachmap/reach"
)

func demoScan(t testing.TB) *inventory.Scan {
	t.Helper()
	s, err := inventory.Run(context.Background(), inventory.Options{Providers: []providers.Provider{&demo.Provider{}}, Home: "EU"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestItemViewFilterAndSort(t *testing.T) {
	s := demoScan(t)
	v := &itemView{sortCol: colName}
	v.SetItems(s.Assets, s.Home)
	if len(v.rows) != len(s.Assets) {
		t.Fatalf("no filter: %d rows of %d", len(v.rows), len(s.Assets))
	}
	for i := 1; i < len(v.rows); i++ {
		if v.items[v.rows[i-1]].Name > v.items[v.rows[i]].Name {
			t.Fatalf("not sorted by name at row %d", i)
		}
	}
	v.SortBy(colName)
	if !v.desc || v.items[v.rows[0]].Name < v.items[v.rows[len(v.rows)-1]].Name {
		t.Error("sorting twice by a column must reverse it")
	}
	// The swatch column sorts by severity: descending puts data stored
	// abroad first and data only home law reaches last.
	v.SortBy(colSwatch)
	v.SortBy(colSwatch)
	if first, last := v.items[v.rows[0]], v.items[v.rows[len(v.rows)-1]]; first.Category != reach.CategoryForeign || last.Category != reach.CategoryHome {
		t.Errorf("by severity: first %s, last %s", first.Category, last.Category)
	}

	v.SetFilter(itemFilter{Query: "hetzner"})
	if len(v.rows) != 4 {
		t.Errorf("search 'hetzner': %d rows, want 4", len(v.rows))
	}
	v.SetFilter(itemFilter{Category: reach.CategoryForeign})
	for _, r := range v.rows {
		if v.items[r].Category != reach.CategoryForeign {
			t.Fatalf("category filter let %s through", v.items[r].Category)
		}
	}
	if len(v.rows) == 0 {
		t.Error("the demo has foreign items")
	}
	v.SetFilter(itemFilter{Query: "Frankfurt", Provider: "aws"})
	for _, r := range v.rows {
		if v.items[r].Provider != "aws" || v.items[r].Location.City != "Frankfurt" {
			t.Errorf("filter let %s (%s) through", v.items[r].Name, v.items[r].Location.City)
		}
	}
	if len(v.rows) < 2 {
		t.Errorf("the demo has several AWS items in Frankfurt, got %d", len(v.rows))
	}
	hidden := v.rows[0]
	v.SetFilter(itemFilter{Query: "zzz-no-match"})
	if v.RowOf(hidden) != -1 || v.Visible(hidden) || v.Summary() != fmt.Sprintf("0 of %d items", len(s.Assets)) {
		t.Errorf("RowOf a filtered-out item = %d; summary %q", v.RowOf(hidden), v.Summary())
	}
	// Searching finds items by a reaching country's name, not only its code.
	v.SetFilter(itemFilter{Query: "united states"})
	if len(v.rows) < 20 {
		t.Errorf("search by a reaching country's name: %d rows", len(v.rows))
	}
}

// Each facet filters on its own field, and its options count the items.
func TestItemViewFacets(t *testing.T) {
	s := demoScan(t)
	v := &itemView{sortCol: colName}
	v.SetItems(s.Assets, s.Home)
	for _, tc := range []struct {
		fc  facet
		set func(*itemFilter, string)
	}{
		{facetProvider, func(f *itemFilter, x string) { f.Provider = x }},
		{facetAccount, func(f *itemFilter, x string) { f.Account = x }},
		{facetCountry, func(f *itemFilter, x string) { f.Country = x }},
		{facetKind, func(f *itemFilter, x string) { f.Kind = x }},
		{facetCategory, func(f *itemFilter, x string) { f.Category = reach.Category(x) }},
	} {
		opts := v.Options(tc.fc)
		if len(opts) < 2 {
			t.Fatalf("facet %d: %d options in the demo", tc.fc, len(opts))
		}
		sum := 0
		for i, o := range opts {
			sum += o.Count
			if i > 0 && o.Count > opts[i-1].Count {
				t.Errorf("facet %d: options not by frequency", tc.fc)
			}
			var f itemFilter
			tc.set(&f, o.Value)
			v.SetFilter(f)
			if len(v.rows) != o.Count {
				t.Errorf("facet %d = %q: %d rows, option says %d", tc.fc, o.Value, len(v.rows), o.Count)
			}
			for _, r := range v.rows {
				if got := tc.fc.value(v.items[r]); got != o.Value && !(o.Value == facetNone && got == "") {
					t.Errorf("facet %d = %q let %s through", tc.fc, o.Value, v.items[r].Name)
				}
			}
		}
		if sum != len(s.Assets) {
			t.Errorf("facet %d: options count %d items of %d", tc.fc, sum, len(s.Assets))
		}
	}
	if got := topCountries(s.Assets, 3); got != "FR 11 · DE 7 · US 5 · …" {
		t.Errorf("topCountries = %q", got)
	}
}

func TestMarkerColors(t *testing.T) {
	s := demoScan(t)
	for _, it := range s.Assets {
		fill, ring := mapdraw.MarkerColors(it)
		switch it.Name {
		case "lumen-renders-dublin":
			if fill != blocEU.Color || ring != blocUS.Color {
				t.Errorf("Dublin bucket: fill %v ring %v, want EU fill and US ring", fill, ring)
			}
		case "lumen-photos":
			if fill != blocEU.Color || ring.A != 0 {
				t.Errorf("Hetzner bucket: fill %v ring %v, want EU fill and no ring", fill, ring)
			}
		case "lumen-old-exports":
			if fill != blocUS.Color || ring.A != 0 {
				t.Errorf("Virginia bucket: fill %v ring %v, want US fill, no ring", fill, ring)
			}
		case "lumen-shanghai-competition":
			if fill != blocCN.Color {
				t.Errorf("Beijing bucket: fill %v", fill)
			}
		case "lumen-scratch":
			if fill != blocUnknown.Color {
				t.Errorf("unknown bucket: fill %v", fill)
			}
		}
	}
}
