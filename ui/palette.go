package ui

import (
	"image/color"

	"reachmap/inventory"
	"reachmap/reach"
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
	Label string
	Color color.NRGBA
}

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
	case reach.Home("EU").Includes(cc):
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

// categoryLabel is the category as a person reads it.
func categoryLabel(c reach.Category) string {
	switch c {
	case reach.CategoryHome:
		return "Home reach only"
	case reach.CategoryHomeForeign:
		return "Home soil, foreign reach"
	case reach.CategoryForeign:
		return "Stored abroad"
	}
	return "Unknown"
}

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
