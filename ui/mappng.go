package ui

import (
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/mapdraw"
	"github.com/reachmap/reachmap/reach"
)

// Size of the map image in exports and in the HTML report.
const (
	pngWidth  = mapdraw.PNGWidth
	pngHeight = mapdraw.PNGHeight
)

// renderMapPNG draws the map of a scan offscreen, in either colour mode,
// with the legend, in the user's language, at its foot when withLegend is
// set.
func renderMapPNG(scan *inventory.Scan, byHome bool, pal mapPalette, w, h int, withLegend bool) ([]byte, error) {
	p := mapdraw.Picture{Width: w, Height: h, ByHome: byHome, Palette: pal}
	if withLegend {
		p.Legend = legendEntries(byHome, scan.Home)
	}
	return p.PNG(scan)
}

// legendEntries are what a PNG's legend explains: the four categories
// relative to home, or the blocs and what a ring means.
func legendEntries(byHome bool, home reach.Home) []mapdraw.LegendEntry {
	var es []mapdraw.LegendEntry
	if byHome {
		for _, c := range reach.Categories {
			es = append(es, mapdraw.LegendEntry{Fill: mapdraw.CategoryColor(c), Label: categoryExplained(c, home)})
		}
		return es
	}
	for _, b := range blocs {
		es = append(es, mapdraw.LegendEntry{Fill: b.Color, Label: b.Label()})
	}
	return append(es, mapdraw.LegendEntry{Fill: blocEU.Color, Ring: blocUS.Color,
		Label: tr("ring: a foreign law reaches it through the company that runs it")})
}
