package ui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
)

// dotIcon is a coloured disc (with a ring when ring is opaque) as an SVG
// resource, for buttons: the same disc the map draws for that colour.
func dotIcon(fill, ring color.NRGBA) fyne.Resource {
	hex := func(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }
	stroke := ""
	if ring.A != 0 {
		stroke = fmt.Sprintf(` stroke="%s" stroke-width="3"`, hex(ring))
	}
	svg := fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="7" fill="%s"%s/></svg>`, hex(fill), stroke)
	return fyne.NewStaticResource(fmt.Sprintf("dot-%s-%s.svg", hex(fill)[1:], hex(ring)[1:]), []byte(svg))
}

func itoa(n int) string { return fmt.Sprint(n) }
