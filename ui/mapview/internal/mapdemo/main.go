// Command mapdemo opens the map widget with random markers, to look at it
// and try it by hand: go run ./ui/mapview/internal/mapdemo [-n 50] [-dark].
package main

import (
	"flag"
	"fmt"
	"image/color"
	"math/rand/v2"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/ui/mapview"
)

// Places where cloud regions are, so clusters form as in real use.
var places = []struct {
	name     string
	lat, lon float64
}{
	{"Frankfurt", 50.11, 8.68}, {"Dublin", 53.35, -6.26}, {"Paris", 48.86, 2.35},
	{"London", 51.51, -0.13}, {"Stockholm", 59.33, 18.07}, {"Milan", 45.46, 9.19},
	{"N. Virginia", 38.9, -77.4}, {"Oregon", 45.6, -121.2}, {"Montréal", 45.5, -73.57},
	{"São Paulo", -23.55, -46.63}, {"Singapore", 1.35, 103.82}, {"Tokyo", 35.68, 139.69},
	{"Sydney", -33.87, 151.21}, {"Mumbai", 19.08, 72.88}, {"Bahrain", 26.07, 50.56},
	{"Hong Kong", 22.32, 114.17}, {"Cape Town", -33.92, 18.42}, {"Seoul", 37.57, 126.98},
	{"Zürich", 47.37, 8.54}, {"Beijing", 39.9, 116.4},
}

var (
	eu   = color.NRGBA{0x1b, 0x9e, 0x77, 0xff}
	us   = color.NRGBA{0xd9, 0x5f, 0x02, 0xff}
	asia = color.NRGBA{0x75, 0x70, 0xb3, 0xff}
)

func main() {
	n := flag.Int("n", 50, "number of markers")
	dark := flag.Bool("dark", false, "dark colours")
	flag.Parse()

	a := app.NewWithID("net.reachmap.mapdemo")
	w := a.NewWindow("Reachmap map demo")
	m := mapview.New()
	r := rand.New(rand.NewPCG(1, 2))
	var ms []mapview.Marker
	for i := range *n {
		p := places[r.IntN(len(places))]
		lat, lon := p.lat, p.lon
		if r.IntN(3) == 0 { // some spread, like GeoIP guesses
			lat += r.NormFloat64() * 3
			lon += r.NormFloat64() * 3
		}
		fill := asia
		switch {
		case lon > -30 && lon < 40 && lat > 35:
			fill = eu
		case lon < -30:
			fill = us
		}
		mk := mapview.Marker{ID: i, Lat: lat, Lon: lon, Fill: fill,
			Label: fmt.Sprintf("bucket-%03d\n%s\nevidence: api", i, p.name)}
		if r.IntN(2) == 0 {
			mk.Ring = us
		}
		ms = append(ms, mk)
	}
	m.SetMarkers(ms)
	m.SetCountryFill(func(iso2 string) color.NRGBA {
		switch iso2 {
		case "DE", "FR", "IE", "IT", "SE", "NL":
			return color.NRGBA{0xe3, 0xf1, 0xea, 0xff}
		case "US":
			return color.NRGBA{0xfb, 0xe8, 0xd9, 0xff}
		}
		return color.NRGBA{}
	})
	if *dark {
		m.SetColors(color.NRGBA{0x1d, 0x26, 0x30, 0xff}, color.NRGBA{0x3a, 0x40, 0x48, 0xff}, color.NRGBA{0x20, 0x24, 0x2a, 0xc0})
	}
	status := widget.NewLabel("hover or tap a marker")
	m.OnHover = func(id int) { status.SetText(fmt.Sprintf("hover %d", id)) }
	m.OnSelected = func(id int) { status.SetText(fmt.Sprintf("selected %d", id)) }
	m.OnCountryTapped = func(iso2 string) { status.SetText("country " + iso2) }
	w.SetContent(container.NewBorder(nil, status, nil, nil, m))
	w.Resize(fyne.NewSize(1400, 800))
	w.ShowAndRun()
}
