package ui

import (
	"image/color"
	"strings"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/mapdraw"
	"github.com/reachmap/reachmap/reach"
	"github.com/reachmap/reachmap/ui/mapview"
)

// mapModel turns a scan into what the map draws: a marker per placed item
// and a tint per country that holds data (mapdraw.ScanMap), with the
// tooltips in the user's language. It holds no widgets, so the live map,
// the exported PNG and the tests share it.
type mapModel struct {
	items  []inventory.Item
	byHome bool
	home   reach.Home
	// keep, if set, says which items to draw (the table's filter).
	keep func(id int) bool
}

func (mm mapModel) scanMap() mapdraw.ScanMap {
	return mapdraw.ScanMap{Items: mm.items, ByHome: mm.byHome, Home: mm.home, Keep: mm.keep,
		Label: func(it inventory.Item) string { return markerLabel(it, mm.home) }}
}

// Markers returns one marker per placed item; its ID is the item's index.
func (mm mapModel) Markers() []mapview.Marker { return mm.scanMap().Markers() }

// Arcs returns an arc per placed copy of the items drawn.
func (mm mapModel) Arcs() []mapview.Arc { return mm.scanMap().Arcs() }

// CountryFill tints the countries that hold data: by jurisdiction, the
// territory's bloc colour; relative to home, the colour of the worst
// category stored there. Other countries keep the land colour.
func (mm mapModel) CountryFill(p mapPalette) func(iso2 string) color.NRGBA {
	return mm.scanMap().CountryFill(p)
}

// markerLabel is the tooltip: the name, who runs it and where, who can
// reach it, and what that means relative to home.
func markerLabel(it inventory.Item, home reach.Home) string {
	lines := []string{it.Name, reach.ProviderName(it.Provider) + " · " + placeText(it)}
	if names := reachNames(it); names != "" {
		lines = append(lines, tr("Reachable by: {{.List}}", "List", names))
	}
	lines = append(lines, say.CategoryLabel(it.Category, home))
	if it.Location.Evidence == geo.EvidenceGeoIP {
		lines = append(lines, tr("Place guessed from an IP database"))
	}
	return strings.Join(lines, "\n")
}

// reachNames lists the reaching jurisdictions by name, territory first.
func reachNames(it inventory.Item) string { return say.ReachNames(it.Reach) }
