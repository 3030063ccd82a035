package ui

import (
	"image/color"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/reach"
	"github.com/reachmap/reachmap/ui/mapview"
)

// The palette is Okabe–Ito's, chosen because people with any common form
// of colour blindness can still tell its colours apart. The same colour
// always means the same thing in the map, the legend and the table.
var (
	okBlue       = color.NRGBA{0x00, 0x72, 0xB2, 0xff}
	okVermillion = color.NRGBA{0xD5, 0x5E, 0x00, 0xff}
	okPurple     = color.NRGBA{0xCC, 0x79, 0xA7, 0xff}
	okSky        = color.NRGBA{0x56, 0xB4, 0xE9, 0xff}
	okGreen      = color.NRGBA{0x00, 0x9E, 0x73, 0xff}
	okYellow     = color.NRGBA{0xF0, 0xE4, 0x42, 0xff}
	okOrange     = color.NRGBA{0xE6, 0x9F, 0x00, 0xff}
	okGrey       = color.NRGBA{0x99, 0x99, 0x99, 0xff}
)

// bloc is a group of jurisdictions drawn in one colour.
type bloc struct {
	key   string // English label, the translation key
	Color color.NRGBA
}

// Label is the bloc's name in the user's language.
func (b bloc) Label() string { return tr(b.key) }

var (
	blocEU      = bloc{"EU/EEA", okBlue}
	blocUS      = bloc{"United States", okVermillion}
	blocCN      = bloc{"China", okPurple}
	blocUK      = bloc{"United Kingdom", okSky}
	blocCH      = bloc{"Switzerland", okGreen}
	blocOther   = bloc{"Other countries", okYellow}
	blocUnknown = bloc{"Unknown", okGrey}
)

// blocs lists the blocs in legend order.
var blocs = []bloc{blocEU, blocUS, blocCN, blocUK, blocCH, blocOther, blocUnknown}

// blocOf returns the bloc of a jurisdiction code (ISO alpha-2 or "EU").
func blocOf(cc string) bloc {
	switch {
	case cc == "":
		return blocUnknown
	case reach.HomeEU.Includes(cc):
		return blocEU
	case cc == "US":
		return blocUS
	case cc == "CN":
		return blocCN
	case cc == "GB":
		return blocUK
	case cc == "CH":
		return blocCH
	}
	return blocOther
}

// categoryColor is the colour of a category in the "relative to home" mode.
func categoryColor(c reach.Category) color.NRGBA {
	switch c {
	case reach.CategoryHome:
		return okGreen
	case reach.CategoryHomeForeign:
		return okOrange
	case reach.CategoryForeign:
		return okVermillion
	}
	return okGrey
}

// categoryLabel is the category in a few words, for chips and the table.
func categoryLabel(c reach.Category, home reach.Home) string { return say.CategoryLabel(c, home) }

// categoryExplained is the category as the legend explains it.
func categoryExplained(c reach.Category, home reach.Home) string {
	return say.CategoryExplained(c, home)
}

// homeName names a home jurisdiction in the user's language.
func homeName(h reach.Home) string { return say.HomeName(h) }

// territory returns the jurisdiction where the item's bytes sit.
func territory(it inventory.Item) string {
	if it.Location.Country != "" {
		return it.Location.Country
	}
	return it.Location.Area
}

// markerColors returns an item's fill (territory) and ring (strongest
// foreign operator reach, if any) in the jurisdiction mode.
func markerColors(it inventory.Item) (fill, ring color.NRGBA) {
	terr := territory(it)
	fill = blocOf(terr).Color
	if it.Category == reach.CategoryUnknown && terr == "" {
		return blocUnknown.Color, color.NRGBA{}
	}
	tb := blocOf(terr)
	for _, j := range it.Reach {
		if j.Basis != reach.BasisOperator {
			continue
		}
		if b := blocOf(j.Country); b != tb {
			return fill, b.Color
		}
	}
	return fill, color.NRGBA{}
}

// mapPalette is the map's own colours for one theme.
type mapPalette struct {
	ocean, land, border, outside color.NRGBA
	dark                         bool
}

// mapColors picks the map's colours to suit the window's background: a
// pale map on a light theme, a dark one on a dark theme (a bright map in
// a dark window dazzles and makes the markers look washed out). Around
// the world's outline it paints a tone between the background and the
// ocean, so the map never sits in a black or white frame.
func mapColors(bg color.Color) mapPalette {
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	dark := 299*int(b.R)+587*int(b.G)+114*int(b.B) < 128*1000
	p := mapPalette{ocean: mapview.DefaultOcean, land: mapview.DefaultLand, border: mapview.DefaultBorder, dark: dark}
	if dark {
		p.ocean = color.NRGBA{0x1c, 0x2a, 0x37, 0xff}
		p.land = color.NRGBA{0x3a, 0x40, 0x47, 0xff}
		p.border = color.NRGBA{0x71, 0x7a, 0x85, 0xb0}
	}
	b.A = 0xff
	p.outside = mix(b, p.ocean, 0.45)
	return p
}

// shade is a country's tint: the land colour moved towards c, opaque, so
// the tint reads the same over every background.
func (p mapPalette) shade(c color.NRGBA) color.NRGBA {
	if p.dark {
		return mix(p.land, c, 0.26)
	}
	return mix(p.land, c, 0.24)
}

// style is the palette as an offscreen map takes it.
func (p mapPalette) style() mapview.Style {
	return mapview.Style{Ocean: p.ocean, Land: p.land, Border: p.border, Outside: p.outside}
}

// mix is a + (b - a)·t, channel by channel, opaque.
func mix(a, b color.NRGBA, t float64) color.NRGBA {
	f := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t + 0.5) }
	return color.NRGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 0xff}
}
