package mapdraw

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/reach"
)

// Size of the map image in exports and in the HTML report.
const (
	PNGWidth  = 1600
	PNGHeight = 860
)

// ScanMap turns a scan's items into what the map draws: a marker per
// placed item and a tint per country that holds data. The live map, the
// exported PNG, the HTML report and the tests share it.
type ScanMap struct {
	Items  []inventory.Item
	ByHome bool // colour relative to Home, else by jurisdiction
	Home   reach.Home
	// Keep, if set, says which items to draw (the table's filter).
	Keep func(id int) bool
	// Label, if set, is a marker's tooltip; a picture needs none.
	Label func(it inventory.Item) string
}

// Placed reports whether an item has coordinates worth drawing.
func Placed(it inventory.Item) bool {
	l := it.Location
	return l.Known() && !(l.Lat == 0 && l.Lon == 0)
}

// Markers returns one marker per placed item; its ID is the item's index.
func (sm ScanMap) Markers() []Marker {
	ms := make([]Marker, 0, len(sm.Items))
	for i, it := range sm.Items {
		if !Placed(it) || (sm.Keep != nil && !sm.Keep(i)) {
			continue
		}
		m := Marker{ID: i, Lat: it.Location.Lat, Lon: it.Location.Lon}
		if sm.Label != nil {
			m.Label = sm.Label(it)
		}
		if sm.ByHome {
			m.Fill = CategoryColor(it.Category)
		} else {
			m.Fill, m.Ring = MarkerColors(it)
		}
		ms = append(ms, m)
	}
	return ms
}

// Severity orders categories for a country's tint in the home mode: the
// tint shows the worst case of the data stored there.
func Severity(c reach.Category) int {
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

// CountryFill tints the countries that hold data (all of Items, Keep
// aside): by jurisdiction, the territory's bloc colour; relative to home,
// the colour of the worst category stored there. Other countries keep
// the land colour.
func (sm ScanMap) CountryFill(p Palette) func(iso2 string) color.NRGBA {
	worst := map[string]reach.Category{}
	for _, it := range sm.Items {
		cc := it.Location.Country
		if cc == "" {
			continue
		}
		if old, ok := worst[cc]; !ok || Severity(it.Category) > Severity(old) {
			worst[cc] = it.Category
		}
	}
	tint := make(map[string]color.NRGBA, len(worst))
	for cc, c := range worst {
		if sm.ByHome {
			tint[cc] = p.Shade(CategoryColor(c))
		} else {
			tint[cc] = p.Shade(BlocOf(cc).Color)
		}
	}
	return func(iso2 string) color.NRGBA { return tint[iso2] }
}

// Picture is how to draw a scan's map offscreen.
type Picture struct {
	Width, Height int
	ByHome        bool
	Palette       Palette
	// Legend, if not empty, is drawn along the image's foot, and the
	// markers are framed above it.
	Legend []LegendEntry
}

// Draw draws the scan's map as p says. Safe for any goroutine.
func (p Picture) Draw(scan *inventory.Scan) (*image.RGBA, error) {
	sm := ScanMap{Items: scan.Assets, ByHome: p.ByHome, Home: scan.Home}
	st := p.Palette.Style()
	st.CountryFill = sm.CountryFill(p.Palette)
	st.Arcs = sm.Arcs()
	var lg *Legend
	if len(p.Legend) > 0 {
		lg = LayoutLegend(p.Width, p.Legend, p.Palette.Dark)
		if lg != nil {
			st.Insets[2] = float32(lg.Height)
		}
	}
	img, err := Snapshot(p.Width, p.Height, sm.Markers(), st)
	if err != nil {
		return nil, err
	}
	if lg != nil {
		lg.Draw(img)
	}
	return img, nil
}

// PNG is Draw, encoded as a PNG.
func (p Picture) PNG(scan *inventory.Scan) ([]byte, error) {
	img, err := p.Draw(scan)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encode the map: %w", err)
	}
	return buf.Bytes(), nil
}

// ReportPNG is a scan's map for the HTML report: the light palette,
// coloured relative to the scan's home jurisdiction (the report's caption
// explains those four colours), framed on the data, with no legend. Safe
// for any goroutine.
func ReportPNG(scan *inventory.Scan) ([]byte, error) {
	return Picture{Width: PNGWidth, Height: PNGHeight, ByHome: true, Palette: PaletteFor(color.White)}.PNG(scan)
}
