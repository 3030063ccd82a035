package ui

import (
	"image/color"

	"github.com/reachmap/reachmap/mapdraw"
	"github.com/reachmap/reachmap/reach"
)

// The map's colours live in mapdraw, the renderer the window, the PNG
// export and the HTML report share; these names keep ui's code short.
// The same colour always means the same thing in the map, the legend and
// the table.
var (
	okVermillion = mapdraw.Vermillion
	okGrey       = mapdraw.Grey
)

// bloc is a group of jurisdictions drawn in one colour (mapdraw.Bloc),
// with its name in the user's language.
type bloc struct {
	key   string // English label, the translation key
	Color color.NRGBA
}

func uiBloc(b mapdraw.Bloc) bloc { return bloc{b.Key, b.Color} }

// Label is the bloc's name in the user's language.
func (b bloc) Label() string { return tr(b.key) }

var (
	blocEU      = uiBloc(mapdraw.BlocEU)
	blocUS      = uiBloc(mapdraw.BlocUS)
	blocCN      = uiBloc(mapdraw.BlocCN)
	blocUnknown = uiBloc(mapdraw.BlocUnknown)
)

// blocs lists the blocs in legend order.
var blocs = func() []bloc {
	bs := make([]bloc, len(mapdraw.Blocs))
	for i, b := range mapdraw.Blocs {
		bs[i] = uiBloc(b)
	}
	return bs
}()

// blocOf returns the bloc of a jurisdiction code (ISO alpha-2 or "EU").
func blocOf(cc string) bloc { return uiBloc(mapdraw.BlocOf(cc)) }

// categoryExplained is the category as the legend explains it.
func categoryExplained(c reach.Category, home reach.Home) string {
	return say.CategoryExplained(c, home)
}

// mapPalette is the map's own colours for one theme.
type mapPalette = mapdraw.Palette
