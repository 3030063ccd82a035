package report

import (
	"bytes"
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

// With no stand-in, the report draws its map itself, the same picture as
// the window's renderer draws for a report, and Write embeds it.
func TestReportDrawsItsMap(t *testing.T) {
	s := demoScan(t)
	got, err := MapImage(s)
	if err != nil {
		t.Fatal(err)
	}
	want, err := mapdraw.ReportPNG(s)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("MapImage differs from mapdraw.ReportPNG")
	}
	if out := write(t, s, "html"); !bytes.Contains(out, []byte(`<img src="data:image/png;base64,`)) {
		t.Error("Write(html) did not embed the map")
	}
}
