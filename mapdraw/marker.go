package mapdraw

import (
	"image/color"
	"math"
)

// Marker is one item on the map.
type Marker struct {
	ID       int     // the caller's item index; returned on hover and select
	Lat, Lon float64 // degrees; markers with NaN or infinite coordinates are not drawn
	Fill     color.NRGBA
	Ring     color.NRGBA // foreign-reach colour; zero alpha draws no ring
	Label    string      // tooltip text; the first line is shown bold
}

// Default colours for the light theme: a calm ocean, clear land and thin
// borders that stay out of the way of the markers. A dark theme passes
// its own colours (see PaletteFor).
var (
	DefaultOcean  = color.NRGBA{R: 0xcf, G: 0xdf, B: 0xea, A: 0xff}
	DefaultLand   = color.NRGBA{R: 0xf6, G: 0xf4, B: 0xef, A: 0xff}
	DefaultBorder = color.NRGBA{R: 0x9a, G: 0xa3, B: 0xad, A: 0xc0}
)

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// NormLon brings a longitude into [-180, 180).
func NormLon(lon float64) float64 {
	lon = math.Mod(lon+180, 360)
	if lon < 0 {
		lon += 360
	}
	return lon - 180
}
