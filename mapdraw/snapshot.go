package mapview

import (
	"image"
	"image/color"
)

// Style is what an offscreen map is painted with.
type Style struct {
	Ocean, Land, Border, Outside color.NRGBA
	// CountryFill shades countries as SetCountryFill does; nil leaves
	// every country in the land colour.
	CountryFill func(iso2 string) color.NRGBA
	// Insets (top, right, bottom, left, pixels) are kept free of markers:
	// the caller draws its legend there.
	Insets [4]float32
}

// LightStyle is the map's own light-theme look.
func LightStyle() Style {
	return Style{Ocean: DefaultOcean, Land: DefaultLand, Border: DefaultBorder}
}

// Snapshot draws markers on a w×h image (pixels, at scale 1), framed as
// FitToData frames them, with no window and no Fyne app: for an exported
// PNG and the HTML report. It may be called from any goroutine; it shares
// only the read-only world data with live maps.
func Snapshot(w, h int, ms []Marker, st Style) (*image.RGBA, error) {
	a, err := loadAtlas()
	if err != nil {
		return nil, err
	}
	w, h = max(w, 1), max(h, 1)
	m := newMap(a)
	m.ocean, m.land, m.border, m.outside = st.Ocean, st.Land, st.Border, st.Outside
	m.countryFill = st.CountryFill
	m.restyle()
	m.SetMarkers(ms)
	m.SetInsets(st.Insets[0], st.Insets[1], st.Insets[2], st.Insets[3])
	m.v.w, m.v.h = float64(w), float64(h)
	m.v = m.v.clamped()
	m.FitToData()
	return m.render(w, h), nil
}
