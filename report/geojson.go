package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

// featureCollection is an RFC 7946 FeatureCollection. Besides the members
// the RFC defines it carries "foreign members" (RFC 7946 § 6.1) that a GIS
// tool ignores and a reader wants: when and against which home the scan
// was judged, the advisory notice, and the items that could not be placed
// on a map, so that nothing is silently missing from it.
type featureCollection struct {
	Type     string     `json:"type"`
	BBox     []float64  `json:"bbox,omitempty"`
	Features []feature  `json:"features"`
	Scanned  string     `json:"scanned_at"`
	Home     reach.Home `json:"home"`
	Reviewed string     `json:"kb_reviewed"`
	Advisory string     `json:"advisory"`
	// UnplacedCount and Unplaced are the items left off the map.
	UnplacedCount int        `json:"unplaced_count"`
	Unplaced      []unplaced `json:"unplaced"`
}

type feature struct {
	Type     string         `json:"type"`
	ID       string         `json:"id"`
	Geometry point          `json:"geometry"`
	Props    inventory.Item `json:"properties"`
}

type point struct {
	Type string `json:"type"`
	// Coordinates are longitude then latitude, as RFC 7946 § 3.1.1 says.
	Coordinates [2]float64 `json:"coordinates"`
}

type unplaced struct {
	Provider string         `json:"provider"`
	Account  string         `json:"account"`
	Kind     providers.Kind `json:"kind"`
	Name     string         `json:"name"`
	Reason   string         `json:"reason"`
}

// WriteGeoJSON writes the scan as an RFC 7946 FeatureCollection: one Point
// per item the scan could place, its properties the item's fields of the
// JSON contract. Items without usable coordinates are listed in the
// top-level "unplaced" member with the reason, and counted in
// "unplaced_count".
func WriteGeoJSON(w io.Writer, s *inventory.Scan) error {
	if s == nil {
		return errors.New("write geojson: no scan")
	}
	fc := featureCollection{
		Type: "FeatureCollection", Features: []feature{}, Unplaced: []unplaced{},
		Scanned: s.ScannedAt.UTC().Format("2006-01-02T15:04:05Z07:00"), Home: s.Home,
		Reviewed: s.Reviewed, Advisory: reach.Advisory(),
	}
	minLon, minLat, maxLon, maxLat := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, it := range s.Assets {
		if why := unplacedReason(it); why != "" {
			fc.Unplaced = append(fc.Unplaced, unplaced{it.Provider, it.Account, it.Kind, it.Name, why})
			continue
		}
		lon, lat := it.Location.Lon, it.Location.Lat
		fc.Features = append(fc.Features, feature{
			Type: "Feature", ID: it.Identity().String(),
			Geometry: point{Type: "Point", Coordinates: [2]float64{lon, lat}},
			Props:    it,
		})
		minLon, minLat = math.Min(minLon, lon), math.Min(minLat, lat)
		maxLon, maxLat = math.Max(maxLon, lon), math.Max(maxLat, lat)
	}
	fc.UnplacedCount = len(fc.Unplaced)
	if len(fc.Features) > 0 {
		fc.BBox = []float64{minLon, minLat, maxLon, maxLat}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(fc); err != nil {
		return fmt.Errorf("write geojson: %w", err)
	}
	return nil
}

// unplacedReason says why an item cannot be a point on a map, or "".
func unplacedReason(it inventory.Item) string {
	l := it.Location
	switch {
	case !l.Known():
		if l.Note != "" {
			return "location unknown: " + l.Note
		}
		return "location unknown"
	case math.IsNaN(l.Lat) || math.IsNaN(l.Lon) || math.IsInf(l.Lat, 0) || math.IsInf(l.Lon, 0):
		return "coordinates are not numbers"
	case l.Lat == 0 && l.Lon == 0:
		// 0,0 is the sea off Africa: it means "no coordinates", never a
		// data centre.
		return "no coordinates for " + placeName(l.Country, l.Area)
	case l.Lat < -90 || l.Lat > 90 || l.Lon < -180 || l.Lon > 180:
		return fmt.Sprintf("coordinates out of range (lat %g, lon %g)", l.Lat, l.Lon)
	}
	return ""
}

func placeName(country, area string) string {
	if country != "" {
		return reach.CountryLabel(country)
	}
	return area
}
