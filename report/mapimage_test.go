package report

import (
	"image/color"
	"testing"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/mapdraw"
)

// testMapPNG draws a scan's map w×h pixels large so that the report tests
// embed a real picture: the renderer the report itself uses (mapdraw),
// at the size a test asks for.
func testMapPNG(t testing.TB, s *inventory.Scan, w, h int) []byte {
	t.Helper()
	b, err := mapdraw.Picture{Width: w, Height: h, ByHome: true, Palette: mapdraw.PaletteFor(color.White)}.PNG(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
