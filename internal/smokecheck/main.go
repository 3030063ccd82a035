// Command smokecheck reads a screenshot of the real window and the report
// the app wrote about it (REACHMAP_SMOKE_REPORT), and checks that the map
// was drawn: ocean and land colours where the app says they are, and each
// reported marker's fill colour at its position. Used by scripts/smoke.sh.
package main

import (
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"strconv"

	"reachmap/ui/smoke"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "smokecheck:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 4 && args[0] == "map" {
		return checkMap(args[1], args[2], args[3])
	}
	if len(args) == 3 && args[0] == "selected" {
		rep, err := readReport(args[1])
		if err != nil {
			return err
		}
		want, _ := strconv.Atoi(args[2])
		if rep.Selected != want {
			return fmt.Errorf("after clicking marker %d the app has %d selected", want, rep.Selected)
		}
		fmt.Printf("smokecheck: clicking the marker selected item %d (%s)\n", want, rep.SelectedName)
		return nil
	}
	return fmt.Errorf("usage: smokecheck map SHOT.png REPORT.json CLICK.txt | smokecheck selected REPORT.json ID")
}

func readReport(path string) (*smoke.Report, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r smoke.Report
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &r, nil
}

func checkMap(shotPath, reportPath, clickPath string) error {
	rep, err := readReport(reportPath)
	if err != nil {
		return err
	}
	f, err := os.Open(shotPath)
	if err != nil {
		return err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return fmt.Errorf("%s: %w", shotPath, err)
	}
	var fails []string
	check := func(what string, p smoke.Point, want smoke.RGB, tol int) bool {
		got := at(img, p.X, p.Y)
		if !near(got, want, tol) {
			fails = append(fails, fmt.Sprintf("%s at (%d,%d): got %v, want %v", what, p.X, p.Y, got, want))
			return false
		}
		return true
	}
	for _, p := range rep.Ocean {
		check("ocean", p, rep.OceanColor, 6)
	}
	for _, p := range rep.Land {
		check("land", p, rep.LandColor, 6)
	}
	if len(rep.Ocean) == 0 || len(rep.Land) == 0 {
		fails = append(fails, "the report names no ocean or land point")
	}
	if len(rep.Markers) < rep.MinMarkers {
		fails = append(fails, fmt.Sprintf("%d markers reported, want at least %d", len(rep.Markers), rep.MinMarkers))
	}
	ok := 0
	for _, m := range rep.Markers {
		if check(fmt.Sprintf("marker %d (%s)", m.ID, m.Name), m.Point, m.Fill, 24) {
			ok++
		}
	}
	if len(fails) > 0 {
		for _, s := range fails {
			fmt.Fprintln(os.Stderr, "  ", s)
		}
		return fmt.Errorf("%d of the map's checks failed", len(fails))
	}
	// Pick a single (unclustered) marker for the click test.
	for _, m := range rep.Markers {
		if m.Count == 1 {
			fmt.Printf("smokecheck: ocean, land and %d markers drawn where expected\n", ok)
			return os.WriteFile(clickPath, []byte(fmt.Sprintf("%d %d %d\n", m.X, m.Y, m.ID)), 0o644)
		}
	}
	return fmt.Errorf("no single marker to click")
}

func at(img image.Image, x, y int) smoke.RGB {
	r, g, b, _ := img.At(img.Bounds().Min.X+x, img.Bounds().Min.Y+y).RGBA()
	return smoke.RGB{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8)}
}

func near(a, b smoke.RGB, tol int) bool {
	d := func(x, y uint8) int {
		if x > y {
			return int(x - y)
		}
		return int(y - x)
	}
	return d(a[0], b[0]) <= tol && d(a[1], b[1]) <= tol && d(a[2], b[2]) <= tol
}
