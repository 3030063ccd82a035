package ui

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/mapdraw"
	"github.com/reachmap/reachmap/pack"
	"github.com/reachmap/reachmap/reach"
	"github.com/reachmap/reachmap/ui/mapview"
)

// Every export format writes a readable file of the whole scan.
func TestExportFormats(t *testing.T) {
	s := demoScan(t)
	pal := mapdraw.PaletteFor(color.White)
	for _, f := range exportFormats {
		b, err := exportBytes(s, f.ID, false, pal)
		if err != nil {
			t.Fatalf("%s: %v", f.ID, err)
		}
		switch f.ID {
		case "csv":
			rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			if err != nil || len(rows) != len(s.Assets)+1 || rows[0][0] != inventory.CSVHeader[0] {
				t.Errorf("csv: %d rows, %v", len(rows), err)
			}
		case "json":
			back, err := inventory.ReadJSON(bytes.NewReader(b))
			if err != nil || len(back.Assets) != len(s.Assets) {
				t.Errorf("json: %v", err)
			}
		case "geojson":
			var fc struct {
				Type     string            `json:"type"`
				Features []json.RawMessage `json:"features"`
			}
			if err := json.Unmarshal(b, &fc); err != nil || fc.Type != "FeatureCollection" || len(fc.Features) < 40 {
				t.Errorf("geojson: %v, %d features", err, len(fc.Features))
			}
		case "html":
			h := string(b)
			if !strings.Contains(h, "data:image/png;base64,") || !strings.Contains(h, "lumen-renders-dublin") {
				t.Error("html report without its map or items")
			}
		case "png":
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil || img.Bounds().Dx() != pngWidth || img.Bounds().Dy() != pngHeight {
				t.Errorf("png: %v %v", err, img.Bounds())
			}
		}
	}
	if got := exportName(s, exportFormats[0]); !strings.HasPrefix(got, "reachmap-20") || !strings.HasSuffix(got, ".csv") {
		t.Errorf("file name %q", got)
	}
}

// MapPNG, the HTML report's map, runs without a Fyne app and draws each
// item in its category's colour at its place.
func TestMapPNG(t *testing.T) {
	s := demoScan(t)
	b, err := mapdraw.ReportPNG(s)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	// The same framing on a live map of that size tells where the Beijing
	// bucket (stored abroad: vermillion) is.
	test.NewTempApp(t)
	m := mapview.New()
	w := test.NewTempWindow(t, m)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(pngWidth, pngHeight))
	m.SetMarkers(mapModel{items: s.Assets, byHome: true, home: s.Home}.Markers())
	m.FitToData()
	for _, dr := range m.Drawn() {
		if len(dr.IDs) != 1 || s.Assets[dr.IDs[0]].Name != "lumen-shanghai-competition" {
			continue
		}
		got := color.NRGBAModel.Convert(img.At(int(dr.Pos.X), int(dr.Pos.Y))).(color.NRGBA)
		if got != okVermillion {
			t.Errorf("Beijing bucket drawn %v, want %v", got, okVermillion)
		}
		return
	}
	t.Error("the Beijing bucket is not on the live map")
}

// The exported PNG carries its legend, and the legend covers no marker.
func TestPNGLegend(t *testing.T) {
	s := demoScan(t)
	b, err := exportBytes(s, "png", true, mapdraw.PaletteFor(color.White))
	if err != nil {
		t.Fatal(err)
	}
	img, _ := png.Decode(bytes.NewReader(b))
	lg := layoutLegend(pngWidth, true, s.Home, mapdraw.PaletteFor(color.White))
	if lg == nil || lg.Height < mapdraw.LegendLineH || lg.Height > 3*mapdraw.LegendLineH+mapdraw.LegendPad {
		t.Fatalf("legend layout %+v", lg)
	}
	// Each legend dot is drawn in its colour at the foot of the image.
	for _, e := range lg.Entries {
		y := pngHeight - lg.Height + mapdraw.LegendPad/2 + e.Y + mapdraw.LegendLineH/2
		got := color.NRGBAModel.Convert(img.At(e.X+mapdraw.LegendDotR, y)).(color.NRGBA)
		if got != e.Fill {
			t.Errorf("legend dot %q at (%d,%d): %v, want %v", e.Label, e.X+mapdraw.LegendDotR, y, got, e.Fill)
		}
	}
	golden(t, "map_home_light.png", img)
}

// golden compares an image with testdata/NAME; on a mismatch Fyne writes
// the new image to testdata/failed/NAME to look at (and to copy over the
// master when the change is meant).
func golden(t *testing.T, name string, img image.Image) {
	t.Helper()
	test.AssertImageMatches(t, name, img)
}

// layoutLegend lays out a PNG's legend for an image w pixels wide; nil if
// the font cannot be loaded.
func layoutLegend(w int, byHome bool, home reach.Home, pal mapPalette) *mapdraw.Legend {
	return mapdraw.LayoutLegend(w, legendEntries(byHome, home), pal.Dark)
}

// The window's evidence pack holds every file of the pack, in the
// window's language.
func TestWritePack(t *testing.T) {
	s := demoScan(t)
	dir, err := writePack(nil, s, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(dir), "reachmap-pack-") {
		t.Errorf("pack written to %s", dir)
	}
	for _, f := range pack.Files {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	h, err := os.ReadFile(filepath.Join(dir, pack.FileHTML))
	if err != nil || !strings.Contains(string(h), `<html lang="`+windowLanguage+`">`) || !strings.Contains(string(h), "data:image/png;base64,") {
		t.Errorf("the pack's report is not in the window's language or has no map (%v)", err)
	}
}
