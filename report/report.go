// Package report writes a scan for people outside Reachmap: GeoJSON for a
// GIS tool or a slide, and a self-contained HTML report fit for a GDPR
// record of processing or a transfer impact assessment. Together with
// inventory's JSON and CSV, Write covers every format of `reachmap scan
// --format`.
//
// report imports no GUI toolkit. The HTML report embeds a map image the
// caller renders (the GUI's map widget draws it); the CLI reaches that
// renderer through the MapPNG hook.
package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/reachmap/reachmap/inventory"
)

// Formats lists every format Write knows, inventory's first.
var Formats = append(slices.Clone(inventory.Formats), "geojson", "html")

// MapPNG, when set, renders the world map of a scan as a PNG for the HTML
// report written by Write (and by the CLI). It is nil until the program
// installs the GUI's renderer; the report then says that no map image was
// available.
var MapPNG func(*inventory.Scan) ([]byte, error)

// MapImage renders a scan's map through MapPNG; it returns nil, nil when
// no renderer is installed.
func MapImage(s *inventory.Scan) ([]byte, error) {
	if MapPNG == nil {
		return nil, nil
	}
	png, err := MapPNG(s)
	if err != nil {
		return nil, fmt.Errorf("render the map: %w", err)
	}
	return png, nil
}

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
