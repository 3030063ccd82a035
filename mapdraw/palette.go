package mapdraw

import (
	"image/color"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/reach"
)

// The palette is Okabe–Ito's, chosen because people with any common form
// of colour blindness can still tell its colours apart. The same colour
// always means the same thing in the map, the legend and the table.
var (
	Blue       = color.NRGBA{0x00, 0x72, 0xB2, 0xff}
	Vermillion = color.NRGBA{0xD5, 0x5E, 0x00, 0xff}
	Purple     = color.NRGBA{0xCC, 0x79, 0xA7, 0xff}
	Sky        = color.NRGBA{0x56, 0xB4, 0xE9, 0xff}
	Green      = color.NRGBA{0x00, 0x9E, 0x73, 0xff}
	Yellow     = color.NRGBA{0xF0, 0xE4, 0x42, 0xff}
	Orange     = color.NRGBA{0xE6, 0x9F, 0x00, 0xff}
	Grey       = color.NRGBA{0x99, 0x99, 0x99, 0xff}
)

// Bloc is a group of jurisdictions drawn in one colour.
type Bloc struct {
	Key   string // English label, the translation key
	Color color.NRGBA
}

// The blocs of the jurisdiction mode.
var (
	BlocEU      = Bloc{"EU/EEA", Blue}
	BlocUS      = Bloc{"United States", Vermillion}
	BlocCN      = Bloc{"China", Purple}
	BlocUK      = Bloc{"United Kingdom", Sky}
	BlocCH      = Bloc{"Switzerland", Green}
	BlocOther   = Bloc{"Other countries", Yellow}
	BlocUnknown = Bloc{"Unknown", Grey}
)

// Blocs lists the blocs in legend order.
var Blocs = []Bloc{BlocEU, BlocUS, BlocCN, BlocUK, BlocCH, BlocOther, BlocUnknown}

// BlocOf returns the bloc of a jurisdiction code (ISO alpha-2 or "EU").
func BlocOf(cc string) Bloc {
	switch {
	case cc == "":
		return BlocUnknown
	case reach.HomeEU.Includes(cc):
		return BlocEU
	case cc == "US":
		return BlocUS
	case cc == "CN":
		return BlocCN
	case cc == "GB":
		return BlocUK
	case cc == "CH":
		return BlocCH
	}
	return BlocOther
}

// CategoryColor is the colour of a category in the "relative to home" mode.
func CategoryColor(c reach.Category) color.NRGBA {
	switch c {
	case reach.CategoryHome:
		return Green
	case reach.CategoryHomeForeign:
		return Orange
	case reach.CategoryForeign:
		return Vermillion
	}
	return Grey
}

// Territory returns the jurisdiction where the item's bytes sit.
func Territory(it inventory.Item) string {
	if it.Location.Country != "" {
		return it.Location.Country
	}
	return it.Location.Area
}

// MarkerColors returns an item's fill (territory) and ring (strongest
// foreign operator reach, if any) in the jurisdiction mode.
func MarkerColors(it inventory.Item) (fill, ring color.NRGBA) {
	terr := Territory(it)
	fill = BlocOf(terr).Color
	if it.Category == reach.CategoryUnknown && terr == "" {
		return BlocUnknown.Color, color.NRGBA{}
	}
	tb := BlocOf(terr)
	for _, j := range it.Reach {
		if j.Basis != reach.BasisOperator {
			continue
		}
		if b := BlocOf(j.Country); b != tb {
			return fill, b.Color
		}
	}
	return fill, color.NRGBA{}
}

// Palette is the map's own colours for one theme.
type Palette struct {
	Ocean, Land, Border, Outside color.NRGBA
	Dark                         bool
}

// PaletteFor picks the map's colours to suit the window's background: a
// pale map on a light theme, a dark one on a dark theme (a bright map in
// a dark window dazzles and makes the markers look washed out). Around
// the world's outline it paints a tone between the background and the
// ocean, so the map never sits in a black or white frame.
func PaletteFor(bg color.Color) Palette {
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	dark := 299*int(b.R)+587*int(b.G)+114*int(b.B) < 128*1000
	p := Palette{Ocean: DefaultOcean, Land: DefaultLand, Border: DefaultBorder, Dark: dark}
	if dark {
		p.Ocean = color.NRGBA{0x1c, 0x2a, 0x37, 0xff}
		p.Land = color.NRGBA{0x3a, 0x40, 0x47, 0xff}
		p.Border = color.NRGBA{0x71, 0x7a, 0x85, 0xb0}
	}
	b.A = 0xff
	p.Outside = mix(b, p.Ocean, 0.45)
	return p
}

// Shade is a country's tint: the land colour moved towards c, opaque, so
// the tint reads the same over every background.
func (p Palette) Shade(c color.NRGBA) color.NRGBA {
	if p.Dark {
		return mix(p.Land, c, 0.26)
	}
	return mix(p.Land, c, 0.24)
}

// Style is the palette as an offscreen map takes it.
func (p Palette) Style() Style {
	return Style{Ocean: p.Ocean, Land: p.Land, Border: p.Border, Outside: p.Outside}
}

// mix is a + (b - a)·t, channel by channel, opaque.
func mix(a, b color.NRGBA, t float64) color.NRGBA {
	f := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t + 0.5) }
	return color.NRGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 0xff}
}
