package ui

import (
	"image/color"
	"strings"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/reach"
	"github.com/reachmap/reachmap/ui/mapview"
)

// mapModel turns a scan into what the map draws: a marker per placed item
// and a tint per country that holds data. It holds no widgets, so the
// live map, the exported PNG and the tests share it.
type mapModel struct {
	items  []inventory.Item
	byHome bool
	home   reach.Home
	// keep, if set, says which items to draw (the table's filter).
	keep func(id int) bool
}

// placed reports whether an item has coordinates worth drawing.
func placed(it inventory.Item) bool {
	l := it.Location
	return l.Known() && !(l.Lat == 0 && l.Lon == 0)
}

// Markers returns one marker per placed item; its ID is the item's index.
func (mm mapModel) Markers() []mapview.Marker {
	ms := make([]mapview.Marker, 0, len(mm.items))
	for i, it := range mm.items {
		if !placed(it) || (mm.keep != nil && !mm.keep(i)) {
			continue
		}
		m := mapview.Marker{ID: i, Lat: it.Location.Lat, Lon: it.Location.Lon, Label: markerLabel(it, mm.home)}
		if mm.byHome {
			m.Fill = categoryColor(it.Category)
		} else {
			m.Fill, m.Ring = markerColors(it)
		}
		ms = append(ms, m)
	}
	return ms
}

// severity orders categories for a country's tint in the home mode: the
// tint shows the worst case of the data stored there.
func severity(c reach.Category) int {
	switch c {
	case reach.CategoryForeign:
		return 3
	case reach.CategoryHomeForeign:
		return 2
	case reach.CategoryUnknown:
		return 1
	}
	return 0
}

// CountryFill tints the countries that hold data: by jurisdiction, the
// territory's bloc colour; relative to home, the colour of the worst
// category stored there. Other countries keep the land colour.
func (mm mapModel) CountryFill(p mapPalette) func(iso2 string) color.NRGBA {
	worst := map[string]reach.Category{}
	for _, it := range mm.items {
		cc := it.Location.Country
		if cc == "" {
			continue
		}
		if old, ok := worst[cc]; !ok || severity(it.Category) > severity(old) {
			worst[cc] = it.Category
		}
	}
	tint := make(map[string]color.NRGBA, len(worst))
	for cc, c := range worst {
		if mm.byHome {
			tint[cc] = p.shade(categoryColor(c))
		} else {
			tint[cc] = p.shade(blocOf(cc).Color)
		}
	}
	return func(iso2 string) color.NRGBA { return tint[iso2] }
}

// markerLabel is the tooltip: the name, who runs it and where, who can
// reach it, and what that means relative to home.
func markerLabel(it inventory.Item, home reach.Home) string {
	lines := []string{it.Name, reach.ProviderName(it.Provider) + " · " + placeText(it)}
	if names := reachNames(it); names != "" {
		lines = append(lines, tr("Reachable by: {{.List}}", "List", names))
	}
	lines = append(lines, categoryLabel(it.Category, home))
	if it.Location.Evidence == geo.EvidenceGeoIP {
		lines = append(lines, tr("Place guessed from an IP database"))
	}
	return strings.Join(lines, "\n")
}

// reachNames lists the reaching jurisdictions by name, territory first.
func reachNames(it inventory.Item) string { return say.ReachNames(it.Reach) }

// countryName names a jurisdiction code in the user's language: "EU" is
// the European Union.
func countryName(cc string) string { return say.CountryName(cc) }
