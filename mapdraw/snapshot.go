package mapdraw

import (
	"image"
	"image/color"
)

// Style is what an offscreen map is painted with.
type Style struct {
	Ocean, Land, Border, Outside color.NRGBA
	// CountryFill shades countries as Scene.SetCountryFill does; nil
	// leaves every country in the land colour.
	CountryFill func(iso2 string) color.NRGBA
	// Insets (top, right, bottom, left, pixels) are kept free of markers:
	// the caller draws its legend there.
	Insets [4]float32
	// Arcs are the copies to draw (ScanMap.Arcs).
	Arcs []Arc
}

// LightStyle is the map's own light-theme look.
func LightStyle() Style {
	return Style{Ocean: DefaultOcean, Land: DefaultLand, Border: DefaultBorder}
}

// Snapshot draws markers on a w×h image (pixels, at scale 1), framed as
// FitToData frames them: for an exported PNG and the HTML report. It may
// be called from any goroutine; it shares only the read-only world data
// with other scenes.
func Snapshot(w, h int, ms []Marker, st Style) (*image.RGBA, error) {
	a, err := LoadAtlas()
	if err != nil {
		return nil, err
	}
	w, h = max(w, 1), max(h, 1)
	s := NewScene(a)
	s.ocean, s.land, s.border, s.outside = st.Ocean, st.Land, st.Border, st.Outside
	s.countryFill = st.CountryFill
	s.restyle()
	s.SetMarkers(ms)
	s.SetArcs(st.Arcs)
	in := st.Insets
	s.SetInsets(Insets{Top: float64(in[0]), Right: float64(in[1]), Bottom: float64(in[2]), Left: float64(in[3])})
	s.V.W, s.V.H = float64(w), float64(h)
	s.V = s.V.Clamped()
	s.FitToData()
	return s.Render(w, h, 1), nil
}
