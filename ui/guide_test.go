package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"
)

// guideText is the text of the detail panel while nothing is selected.
func guideText(h *harness) string {
	var b strings.Builder
	for _, o := range h.m.dash.detail.box.Objects {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	}
	return b.String()
}

// The guide explains the colours the map is drawn in, in either mode.
func TestGuideFollowsMode(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.start(true)
	d := h.m.dash
	if !d.byHome {
		t.Fatal("the map should start relative to home")
	}
	if g := guideText(h); strings.Contains(g, "Switch to “Relative to") {
		t.Errorf("relative mode, but the guide explains the jurisdiction colours:\n%s", g)
	}
	d.mode.SetSelected(d.mode.Options[modeJurisdiction])
	if g := guideText(h); !strings.Contains(g, "Switch to “Relative to") {
		t.Errorf("jurisdiction mode, but the guide says:\n%s", g)
	}
}
