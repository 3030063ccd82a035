package ui

import (
	"context"
	"fmt"
	"testing"

	"reachmap/inventory"
	"reachmap/providers"
	"reachmap/reach"
)

func demoItems(t *testing.T) *inventory.Scan {
	t.Helper()
	s, err := inventory.Run(context.Background(), inventory.Options{Config: providers.Config{Demo: true}, Home: "EU"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestItemViewFilterAndSort(t *testing.T) {
	s := demoItems(t)
	v := &itemView{sortCol: 1}
	v.SetItems(s.Assets)
	if len(v.rows) != len(s.Assets) {
		t.Fatalf("no filter: %d rows of %d", len(v.rows), len(s.Assets))
	}
	for i := 1; i < len(v.rows); i++ {
		if v.items[v.rows[i-1]].Name > v.items[v.rows[i]].Name {
			t.Fatalf("not sorted by name at row %d", i)
		}
	}
	v.SortBy(1)
	if !v.desc || v.items[v.rows[0]].Name < v.items[v.rows[len(v.rows)-1]].Name {
		t.Error("sorting twice by a column must reverse it")
	}

	v.Filter("hetzner", "", "")
	if len(v.rows) != 4 {
		t.Errorf("search 'hetzner': %d rows, want 4", len(v.rows))
	}
	v.Filter("", reach.CategoryForeign, "")
	for _, r := range v.rows {
		if v.items[r].Category != reach.CategoryForeign {
			t.Fatalf("category filter let %s through", v.items[r].Category)
		}
	}
	if len(v.rows) == 0 {
		t.Error("the demo has foreign items")
	}
	v.Filter("Frankfurt", "", "aws")
	for _, r := range v.rows {
		if v.items[r].Provider != "aws" || v.items[r].Location.City != "Frankfurt" {
			t.Errorf("filter let %s (%s) through", v.items[r].Name, v.items[r].Location.City)
		}
	}
	if len(v.rows) < 2 {
		t.Errorf("the demo has several AWS items in Frankfurt, got %d", len(v.rows))
	}
	hidden := v.rows[0]
	v.Filter("zzz-no-match", "", "")
	if v.RowOf(hidden) != -1 || v.Summary() != fmt.Sprintf("0 of %d items", len(s.Assets)) {
		t.Errorf("RowOf a filtered-out item = %d; summary %q", v.RowOf(hidden), v.Summary())
	}
}

func TestMarkerColors(t *testing.T) {
	s := demoItems(t)
	for _, it := range s.Assets {
		fill, ring := markerColors(it)
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
