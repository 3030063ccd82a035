package mapdraw

import (
	"image/color"
	"testing"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/reach"
)

// A copy is an arc from the item to the copy's place, in the colour a
// disc there would have; an item the filter hides draws none, and a copy
// nobody placed is left out.
func TestScanMapArcs(t *testing.T) {
	fra := geo.Location{Country: "DE", City: "Frankfurt", Lat: 50.1, Lon: 8.7, Evidence: geo.EvidenceAPI, Confidence: geo.ConfidenceHigh}
	va := geo.Location{Country: "US", City: "Ashburn", Lat: 39.0, Lon: -77.5, Evidence: geo.EvidenceAPI, Confidence: geo.ConfidenceHigh}
	it := inventory.Item{Name: "records", Location: fra, Category: reach.CategoryForeign,
		Operator: reach.Operator{Name: "Amazon Web Services EMEA SARL", Country: "LU"},
		Copies: []inventory.Copy{
			{Region: "us-east-1", Location: va, Reach: []reach.Jurisdiction{{Country: "US", Basis: reach.BasisTerritorial}}},
			{Region: "nowhere-1", Location: geo.Unknown("not in the catalog")},
		}}
	sm := ScanMap{Items: []inventory.Item{it}, ByHome: true, Home: reach.HomeEU}
	as := sm.Arcs()
	if len(as) != 1 || as[0].ToLat != va.Lat || as[0].FromLon != fra.Lon || as[0].ID != 0 {
		t.Fatalf("arcs = %+v, want one from Frankfurt to Ashburn", as)
	}
	if as[0].Color != CategoryColor(reach.CategoryForeign) {
		t.Errorf("arc colour %v, want the foreign colour", as[0].Color)
	}
	sm.Keep = func(int) bool { return false }
	if n := len(sm.Arcs()); n != 0 {
		t.Errorf("%d arcs for a hidden item", n)
	}
}

// The arc is drawn: between its ends, pixels take its colour.
func TestArcIsDrawn(t *testing.T) {
	red := color.NRGBA{255, 0, 0, 255}
	ms := []Marker{{ID: 0, Lat: 50.1, Lon: 8.7, Fill: Green}, {ID: 1, Lat: 39, Lon: -77.5, Fill: Green}}
	st := LightStyle()
	plain, err := Snapshot(800, 430, ms, st)
	if err != nil {
		t.Fatal(err)
	}
	plainPix := append([]uint8(nil), plain.Pix...)
	st.Arcs = []Arc{{ID: 0, FromLat: 50.1, FromLon: 8.7, ToLat: 39, ToLon: -77.5, Color: red}}
	withArc, err := Snapshot(800, 430, ms, st)
	if err != nil {
		t.Fatal(err)
	}
	reddish := 0
	for i := 0; i < len(withArc.Pix); i += 4 {
		if withArc.Pix[i] != plainPix[i] && withArc.Pix[i] > 200 && withArc.Pix[i+1] < 120 {
			reddish++
		}
	}
	if reddish < 100 {
		t.Errorf("%d pixels turned red, want an arc across the Atlantic", reddish)
	}
}
