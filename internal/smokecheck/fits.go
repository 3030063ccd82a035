package main

import (
	"fmt"

	"github.com/reachmap/reachmap/internal/smoke"
)

// checkFits checks, on a screen of the given size ("1280x720"), that the
// window fits it and that the Scan button and the Home selector lie
// inside the window, whole.
func checkFits(reportPath, screen string) error {
	rep, err := readReport(reportPath)
	if err != nil {
		return err
	}
	var sw, sh int
	if _, err := fmt.Sscanf(screen, "%dx%d", &sw, &sh); err != nil {
		return fmt.Errorf("screen %q: want WxH", screen)
	}
	return fits(rep, sw, sh)
}

func fits(rep *smoke.Report, sw, sh int) error {
	var fails []string
	w := rep.Window
	if w.W <= 0 || w.W > sw || w.H <= 0 || w.H > sh {
		fails = append(fails, fmt.Sprintf("the window is %dx%d on a %dx%d screen", w.W, w.H, sw, sh))
	}
	for _, c := range []struct {
		name string
		r    smoke.Rect
	}{{"the Scan button", rep.ScanButton}, {"the Home selector", rep.HomeSelect}} {
		if c.r.W <= 0 || c.r.H <= 0 || c.r.X < 0 || c.r.Y < 0 || c.r.X+c.r.W > min(w.W, sw) || c.r.Y+c.r.H > min(w.H, sh) {
			fails = append(fails, fmt.Sprintf("%s is at %+v, not whole inside the %dx%d window on a %dx%d screen", c.name, c.r, w.W, w.H, sw, sh))
		}
	}
	if len(fails) > 0 {
		return failed(fails, "the window does not fit the %dx%d screen", sw, sh)
	}
	fmt.Printf("smokecheck: on a %dx%d screen the window is %dx%d; Scan button at %d,%d, Home selector at %d,%d\n",
		sw, sh, w.W, w.H, rep.ScanButton.X, rep.ScanButton.Y, rep.HomeSelect.X, rep.HomeSelect.Y)
	return nil
}
