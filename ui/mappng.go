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

// MapPNG renders a scan's map for the HTML report, with no window: the
// report's own map (mapdraw.ReportPNG, which report draws too). Safe for
// any goroutine.
func MapPNG(scan *inventory.Scan) ([]byte, error) { return mapdraw.ReportPNG(scan) }

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

// Legend geometry, for the tests that look at a PNG's legend.
const (
	legendPad   = mapdraw.LegendPad
	legendDotR  = mapdraw.LegendDotR
	legendLineH = mapdraw.LegendLineH
)

// legendEntries are what a PNG's legend explains: the four categories
// relative to home, or the blocs and what a ring means.
func legendEntries(byHome bool, home reach.Home) []mapdraw.LegendEntry {
	var es []mapdraw.LegendEntry
	if byHome {
		for _, c := range reach.Categories {
			es = append(es, mapdraw.LegendEntry{Fill: categoryColor(c), Label: categoryExplained(c, home)})
		}
		return es
	}
	for _, b := range blocs {
		es = append(es, mapdraw.LegendEntry{Fill: b.Color, Label: b.Label()})
	}
	return append(es, mapdraw.LegendEntry{Fill: blocEU.Color, Ring: blocUS.Color,
		Label: tr("ring: a foreign law reaches it through the company that runs it")})
}

// layoutLegend lays out a PNG's legend for an image w pixels wide; nil if
// the font cannot be loaded.
func layoutLegend(w int, byHome bool, home reach.Home, pal mapPalette) *mapdraw.Legend {
	return mapdraw.LayoutLegend(w, legendEntries(byHome, home), pal.Dark)
}
