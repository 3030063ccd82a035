// Package report writes a scan for people outside Reachmap: GeoJSON for a
// GIS tool or a slide, and a self-contained HTML report fit for a GDPR
// record of processing or a transfer impact assessment. Together with
// inventory's JSON and CSV, Write covers every format of `reachmap scan
// --format`.
//
// report imports no GUI toolkit. The HTML report embeds the map that
// mapdraw draws, the renderer the window's map widget uses too.
package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/mapdraw"
)

// Formats lists every format Write knows, inventory's first.
var Formats = append(slices.Clone(inventory.Formats), "geojson", "html")

// MapImage draws a scan's world map as a PNG for the HTML report, with
// mapdraw, the renderer the window's map uses: the light palette,
// coloured relative to the scan's home. Safe for any goroutine.
func MapImage(s *inventory.Scan) ([]byte, error) {
	if drawMap == nil {
		return nil, nil
	}
	png, err := drawMap(s)
	if err != nil {
		return nil, fmt.Errorf("render the map: %w", err)
	}
	return png, nil
}

// drawMap is the renderer MapImage calls. It is a variable only so that
// report's tests can make it fail or leave it out (nil: a report without
// a map), which no real renderer does on demand.
var drawMap = mapdraw.ReportPNG

// Write writes the scan in the named format. For html, the map image
// comes from MapImage; a failing renderer fails the write before anything
// is written (a caller that prefers a report without a map calls MapImage
// and WriteHTML itself, as the CLI does).
func Write(w io.Writer, s *inventory.Scan, format string) error {
	if s == nil {
		return errors.New("write report: no scan")
	}
	switch format {
	case "geojson":
		return WriteGeoJSON(w, s)
	case "html":
		png, err := MapImage(s)
		if err != nil {
			return err
		}
		return WriteHTML(w, s, png)
	}
	if slices.Contains(inventory.Formats, format) {
		return inventory.Write(w, s, format)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// pngMagic starts every PNG file.
var pngMagic = []byte("\x89PNG\r\n\x1a\n")

func isPNG(b []byte) bool { return bytes.HasPrefix(b, pngMagic) }
