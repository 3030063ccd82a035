// Command smokecheck reads a screenshot of the real window and the report
// the app wrote about it (REACHMAP_SMOKE_REPORT), and checks that the map
// was drawn: ocean and land colours where the app says they are, and each
// reported marker's fill colour at its position; after a click, that the
// table and the detail panel show the item clicked; after a scan of real
// accounts, that the table lists what they hold and the map draws each of
// it. It also crops the table and the detail panel out of a screenshot.
// Used by scripts/smoke.sh.
package main

import (
	"encoding/json"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"strconv"

	"github.com/reachmap/reachmap/internal/smoke"
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
		if rep.SelectedRow < 0 {
			return fmt.Errorf("item %d (%s) is selected on the map but not in the table", want, rep.SelectedName)
		}
		if rep.DetailTitle != rep.SelectedName {
			return fmt.Errorf("the detail panel shows %q, not the selected %q", rep.DetailTitle, rep.SelectedName)
		}
		fmt.Printf("smokecheck: clicking the marker selected item %d (%s): table row %d, detail panel\n", want, rep.SelectedName, rep.SelectedRow)
		return nil
	}
	if len(args) == 3 && args[0] == "fits" {
		return checkFits(args[1], args[2])
	}
	if len(args) == 4 && args[0] == "crop" {
		return crop(args[1], args[2], args[3])
	}
	if len(args) == 2 && args[0] == "timing" {
		rep, err := readReport(args[1])
		if err != nil {
			return err
		}
		fmt.Printf("smokecheck: the first scan was on screen %d ms after the program started\n", rep.ShownAfterMs)
		return nil
	}
	if len(args) == 4 && args[0] == "items" {
		return checkItems(args[1], args[2], args[3])
	}
	return fmt.Errorf("usage: smokecheck map SHOT.png REPORT.json CLICK.txt | selected REPORT.json ID | crop SHOT.png REPORT.json DIR | timing REPORT.json | items SHOT.png REPORT.json EXPECT.txt")
}

// crop writes the table and the detail panel of a window screenshot to
// DIR/table.png and DIR/detail.png.
func crop(shotPath, reportPath, dir string) error {
	rep, img, err := readShot(shotPath, reportPath)
	if err != nil {
		return err
	}
	for name, r := range map[string]smoke.Rect{"table.png": rep.TableRect, "detail.png": rep.DetailRect} {
		box := image.Rect(r.X, r.Y, r.X+r.W, r.Y+r.H).Add(img.Bounds().Min).Intersect(img.Bounds())
		if box.Dx() < 50 || box.Dy() < 50 {
			return fmt.Errorf("%s: the report gives a %v area, too small to be the panel", name, box)
		}
		out := image.NewRGBA(image.Rect(0, 0, box.Dx(), box.Dy()))
		draw.Draw(out, out.Bounds(), img, box.Min, draw.Src)
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		if err := png.Encode(f, out); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}

func readPNG(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return img, nil
}

// readShot reads a screenshot and the report the app wrote about it.
func readShot(shotPath, reportPath string) (*smoke.Report, image.Image, error) {
	rep, err := readReport(reportPath)
	if err != nil {
		return nil, nil, err
	}
	img, err := readPNG(shotPath)
	if err != nil {
		return nil, nil, err
	}
	return rep, img, nil
}

// failed lists the failed checks on standard error, one a line, under the
// error that sums them up.
func failed(fails []string, format string, a ...any) error {
	for _, s := range fails {
		fmt.Fprintln(os.Stderr, "  ", s)
	}
	return fmt.Errorf(format, a...)
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
	rep, img, err := readShot(shotPath, reportPath)
	if err != nil {
		return err
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
		return failed(fails, "%d of the map's checks failed", len(fails))
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
