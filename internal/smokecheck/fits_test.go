package main

import (
	"testing"

	"github.com/reachmap/reachmap/internal/smoke"
)

func TestFits(t *testing.T) {
	ok := &smoke.Report{Window: smoke.Rect{W: 1280, H: 680},
		ScanButton: smoke.Rect{X: 1180, Y: 8, W: 90, H: 36}, HomeSelect: smoke.Rect{X: 1050, Y: 60, W: 200, H: 36}}
	if err := fits(ok, 1280, 720); err != nil {
		t.Errorf("a window that fits: %v", err)
	}
	tooBig := *ok
	tooBig.Window = smoke.Rect{W: 1440, H: 900}
	if err := fits(&tooBig, 1280, 720); err == nil {
		t.Error("a 1440x900 window fits a 1280x720 screen")
	}
	offScreen := *ok
	offScreen.ScanButton.X = 1300
	if err := fits(&offScreen, 1280, 720); err == nil {
		t.Error("a Scan button past the right edge passes")
	}
	hidden := *ok
	hidden.HomeSelect = smoke.Rect{}
	if err := fits(&hidden, 1280, 720); err == nil {
		t.Error("a hidden Home selector passes")
	}
}
