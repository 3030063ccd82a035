// Package smoke is the report the window writes about itself when
// REACHMAP_SMOKE_REPORT names a file: where on screen it drew ocean, land
// and each marker, in which colours, and what is selected. The smoke test
// compares it with a real screenshot, so a map that was not drawn (or drawn
// in the wrong place) fails the build. It imports no GUI toolkit.
package smoke

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// EnvVar names the file the window writes its report to.
const EnvVar = "REACHMAP_SMOKE_REPORT"

// RGB is a colour as a screenshot stores it.
type RGB [3]uint8

// Point is a position in window pixels.
type Point struct {
	X int `json:"x"`
	Y int `json:"y"`
}

// Marker is one drawn marker or cluster.
type Marker struct {
	Point
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Fill  RGB    `json:"fill"`
	Count int    `json:"count"` // items in the cluster; 1 for a single marker
}

// Item is one item of the scan on screen, as the table lists it, and the
// disc that draws it on the map.
type Item struct {
	Provider string `json:"provider"`
	Account  string `json:"account"`
	Kind     string `json:"kind"`
	Name     string `json:"name"`
	Region   string `json:"region"`
	Country  string `json:"country"`
	Category string `json:"category"`
	// Row is the item's table row (-1: the filters hide it).
	Row int `json:"row"`
	// Marker is the disc drawing the item, a cluster when its Count is
	// above 1; nil when none is in view or a panel covers it.
	Marker *Marker `json:"marker,omitempty"`
}

// Rect is a part of the window, in window pixels.
type Rect struct {
	X int `json:"x"`
	Y int `json:"y"`
	W int `json:"w"`
	H int `json:"h"`
}

// Report is what the window says it drew.
type Report struct {
	OceanColor   RGB      `json:"ocean_color"`
	LandColor    RGB      `json:"land_color"`
	Ocean        []Point  `json:"ocean"`
	Land         []Point  `json:"land"`
	Markers      []Marker `json:"markers"`
	MinMarkers   int      `json:"min_markers"`
	Selected     int      `json:"selected"`
	SelectedName string   `json:"selected_name"`
	// SelectedRow is the table row showing the selected item (-1: none).
	SelectedRow int `json:"selected_row"`
	// DetailTitle is the item name the detail panel shows.
	DetailTitle string `json:"detail_title"`
	// Where the map, the table and the detail panel are, for cropping
	// the screenshots.
	MapRect    Rect `json:"map_rect"`
	TableRect  Rect `json:"table_rect"`
	DetailRect Rect `json:"detail_rect"`
	// Window is the window's size (X, Y are 0); ScanButton and HomeSelect
	// are where the header's Scan button and the summary bar's Home
	// selector are, so that the smoke test can check that both are on a
	// small screen.
	Window     Rect `json:"window"`
	ScanButton Rect `json:"scan_button"`
	HomeSelect Rect `json:"home_select"`
	// Headline is the header's one-line answer.
	Headline string `json:"headline"`
	// GoHeapMB is the Go heap in use when the report was written, and
	// GoHeldMB what the Go runtime holds from the system (heap, stacks and
	// its own data, less what it has handed back): the share of the
	// window's memory that is Go's, for BenchmarkWindowRSS.
	GoHeapMB float64 `json:"go_heap_mb"`
	GoHeldMB float64 `json:"go_held_mb"`
	// ShownAfterMs is the time from the program's start to the first
	// scan on screen.
	ShownAfterMs int64 `json:"shown_after_ms"`
	// Scanning says a scan is under way, so what is shown may be about
	// to be replaced; Demo that the scan shown is the demo estate.
	Scanning bool `json:"scanning"`
	Demo     bool `json:"demo"`
	// Items is the scan on screen, in the scan's order (an item's index
	// is its marker ID).
	Items []Item `json:"items"`
}

// Write saves the report atomically (write, then rename), so a reader
// never sees half a file.
func Write(path string, r *Report) error {
	b, err := json.MarshalIndent(r, "", " ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".report-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
