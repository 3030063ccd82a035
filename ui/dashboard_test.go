package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/mapdraw"
	"github.com/reachmap/reachmap/reach"
	"github.com/reachmap/reachmap/ui/mapview"
	"github.com/reachmap/reachmap/ui/mapview/mapviewtest"
)

// A demo window: the scan is on the map, in the table and in the counts.
func TestDemoShownEverywhere(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.start(true)
	d := h.m.dash
	if h.m.scan == nil || len(h.m.scan.Assets) != 46 {
		t.Fatalf("demo not shown: %v", h.m.scan)
	}
	if d.empty.root.Visible() {
		t.Error("the first-run card still covers the map")
	}
	if n := len(d.view.rows); n != 46 {
		t.Errorf("table rows %d", n)
	}
	drawn := 0
	for _, dr := range d.mapv.Drawn() {
		drawn += len(dr.IDs)
	}
	placedN := 0
	for _, it := range h.m.scan.Assets {
		if mapdraw.Placed(it) {
			placedN++
		}
	}
	if drawn != placedN || placedN < 40 {
		t.Errorf("map draws %d items, %d are placed", drawn, placedN)
	}
	if got := h.m.headline.Text; got != "38 of 46 items can be reached by a foreign government; Reachmap cannot tell for 1 more" {
		t.Errorf("headline %q", got)
	}
	counts := h.m.scan.Counts()
	if got, want := d.summary.chips[1].Text, itoa(counts[reach.CategoryHomeForeign])+" EU/EEA soil, foreign law too"; got != want {
		t.Errorf("chip %q, want %q", got, want)
	}
	if got := d.summary.countries.Text; got != "Where: FR 11 · DE 7 · US 5 · IE 3 · CA 2 · …" {
		t.Errorf("countries %q", got)
	}
	if got := h.m.status.Text; got != "Demo estate: 46 items, 4 gaps. Sample data, not saved." {
		t.Errorf("status %q", got)
	}
	if h.m.export.Disabled() {
		t.Error("export disabled with a scan shown")
	}
}

// Tapping a marker selects its row and fills the detail panel; picking a
// row selects its marker; a filter that hides the selection clears it.
func TestSelectionInStep(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.start(true)
	d := h.m.dash
	c := h.win.Canvas()
	c.Capture() // lays out and draws the map

	id := h.itemID("lumen-shanghai-competition")
	pos, ok := h.mapPos(id)
	if !ok {
		t.Fatal("the Beijing bucket is not drawn as a single marker")
	}
	test.TapCanvas(c, pos)
	if d.selected != id || d.mapv.Selected() != id {
		t.Fatalf("tap on the marker: selected %d, map %d, want %d", d.selected, d.mapv.Selected(), id)
	}
	if d.table.Selected() != id {
		t.Errorf("table selection %d, want %d", d.table.Selected(), id)
	}
	if d.detail.Title() != "lumen-shanghai-competition" {
		t.Errorf("detail shows %q", d.detail.Title())
	}

	// The user picks another row in the table.
	other := h.itemID("lumen-photos")
	d.table.root.Select(widget.TableCellID{Row: d.view.RowOf(other), Col: colName})
	if d.mapv.Selected() != other || d.detail.Title() != "lumen-photos" {
		t.Errorf("row pick: map %d, detail %q", d.mapv.Selected(), d.detail.Title())
	}

	// Only items stored abroad: the Hetzner bucket in Germany goes, and
	// with it the selection; the map keeps only foreign markers.
	d.filters.SetFacet(facetCategory, string(reach.CategoryForeign))
	if d.selected != -1 || d.mapv.Selected() != -1 || d.detail.Title() != "" {
		t.Errorf("filtered-out selection kept: %d %d %q", d.selected, d.mapv.Selected(), d.detail.Title())
	}
	for _, dr := range d.mapv.Drawn() {
		for _, i := range dr.IDs {
			if h.m.scan.Assets[i].Category != reach.CategoryForeign {
				t.Errorf("map still draws %s (%s)", h.m.scan.Assets[i].Name, h.m.scan.Assets[i].Category)
			}
		}
	}
	// lumen-client-files is foreign through its copy in Virginia.
	if got := d.filters.count.Text; got != "18 of 46 items" {
		t.Errorf("count %q", got)
	}
	// A summary chip sets the same filter.
	d.filters.Clear()
	test.Tap(d.summary.chips[0])
	if f := d.view.Filter(); f.Category != reach.CategoryHome || len(d.view.rows) != 7 {
		t.Errorf("chip: filter %+v, %d rows", f, len(d.view.rows))
	}
	// Escape clears the selection.
	d.filters.Clear()
	d.selectItem(id)
	c.(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if d.selected != -1 {
		t.Error("Escape did not clear the selection")
	}
}

// Hovering shows the tooltip and never repaints the map.
func TestHoverDoesNotRepaint(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.start(true)
	c := h.win.Canvas()
	c.Capture()
	mv := h.m.dash.mapv
	painted := countRepaints(t, mv)
	c.Capture()
	frame := painted()
	id := h.itemID("lumen-shanghai-competition")
	pos, _ := h.mapPos(id)
	var hovered []int
	mv.OnHover = func(i int) { hovered = append(hovered, i) }
	for dx := float32(-2); dx <= 2; dx++ {
		test.MoveMouse(c, pos.AddXY(dx, 1))
	}
	test.MoveMouse(c, pos.AddXY(0, 60))
	c.Capture()
	if len(hovered) != 2 || hovered[0] != id || hovered[1] != -1 {
		t.Errorf("hover reports %v, want [%d -1]", hovered, id)
	}
	if f := painted(); f != frame {
		t.Errorf("hover repainted: frames %d→%d", frame, f)
	}
}

// countRepaints counts the frames the map widget repaints from now on
// (see mapviewtest.CountRepaints).
func countRepaints(t *testing.T, mv *mapview.Map) func() int {
	t.Helper()
	r, ok := test.WidgetRenderer(mv).Objects()[0].(*canvas.Raster)
	if !ok {
		t.Fatal("the map draws no raster")
	}
	return mapviewtest.CountRepaints(r)
}

// The map pans by dragging, zooms with the wheel, the buttons and the
// keyboard, and fits the data.
func TestMapPanZoomControls(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.start(true)
	c := h.win.Canvas()
	c.Capture()
	mv := h.m.dash.mapv
	mv.ResetView()
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(mv)
	mid := origin.Add(fyne.NewPos(mv.Size().Width/2, mv.Size().Height/2))

	// (The test driver's Scroll reports the wheel at the widget's corner,
	// so this zooms about the top left: the view is then at its north-west
	// limit.)
	test.Scroll(c, mid, 0, 50) // two notches: ×2
	_, _, z := mv.View()
	if z < 1.9 || z > 2.1 {
		t.Errorf("two wheel notches: zoom %v, want 2", z)
	}
	lon0, lat0, _ := mv.View()
	test.Drag(c, mid, -100, -40)
	lon1, lat1, _ := mv.View()
	if !(lon1 > lon0+5) || !(lat1 < lat0-2) {
		t.Errorf("dragging left and up moved the centre from (%.1f, %.1f) to (%.1f, %.1f)", lon0, lat0, lon1, lat1)
	}
	zoomIn := h.m.dash.zoomBox.Objects[0].(*widget.Button)
	zoomOut := h.m.dash.zoomBox.Objects[1].(*widget.Button)
	test.Tap(zoomIn)
	if _, _, z2 := mv.View(); z2 < 2*z*0.99 {
		t.Errorf("zoom-in button: %v → %v", z, z2)
	}
	test.Tap(zoomOut)
	h.shortcut(fyne.KeyEqual)
	if _, _, z3 := mv.View(); z3 < 2*z*0.99 {
		t.Errorf("Ctrl+=: zoom %v", z3)
	}
	h.shortcut(fyne.KeyMinus)
	h.shortcut(fyne.KeyMinus)
	if _, _, z4 := mv.View(); z4 > z*0.51 && z4 > 1.01 {
		t.Errorf("Ctrl+- twice: zoom %v", z4)
	}
	h.shortcut(fyne.Key0)
	// Fitted to the demo (worldwide): every marker is on screen and none
	// under the legend.
	legendTop := fyne.CurrentApp().Driver().AbsolutePositionForObject(h.m.dash.legend.root).Y
	for _, dr := range mv.Drawn() {
		if p := origin.Add(dr.Pos); p.Y > legendTop {
			t.Errorf("marker %v under the legend (top %v)", p, legendTop)
		}
	}
	placedN := 0
	for _, dr := range mv.Drawn() {
		placedN += len(dr.IDs)
	}
	if placedN < 40 {
		t.Errorf("after fit %d markers in view", placedN)
	}
}

// The colour mode switches markers to categories and the legend follows;
// the legend folds to one button and remembers it.
func TestModeAndLegend(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.start(true)
	d := h.m.dash
	h.win.Canvas().Capture()
	// The legend holds the colour mode switch and the key: two short
	// rows along the foot of the map.
	open := d.legend.root.MinSize()
	if open.Height > 90 {
		t.Errorf("legend %v units tall: too tall for the map", open.Height)
	}
	// Relative to home is the default: the colours answer "can a foreign
	// government reach it?" directly.
	if !d.byHome || d.mode.Selected != d.mode.Options[modeHome] {
		t.Fatal("the map does not start relative to home")
	}
	for _, dr := range d.mapv.Drawn() {
		if len(dr.IDs) != 1 {
			continue
		}
		it := h.m.scan.Assets[dr.IDs[0]]
		if dr.Fill != mapdraw.CategoryColor(it.Category) || dr.Ring.A != 0 {
			t.Errorf("%s in home mode: fill %v ring %v", it.Name, dr.Fill, dr.Ring)
		}
	}
	d.mode.SetSelected(d.mode.Options[modeJurisdiction])
	if d.byHome || h.m.set.ByHome() {
		t.Fatal("mode not switched or not saved")
	}
	rings := 0
	for _, dr := range d.mapv.Drawn() {
		if len(dr.IDs) != 1 {
			continue
		}
		it := h.m.scan.Assets[dr.IDs[0]]
		fill, ring := mapdraw.MarkerColors(it)
		if dr.Fill != fill || dr.Ring != ring {
			t.Errorf("%s by jurisdiction: fill %v ring %v, want %v %v", it.Name, dr.Fill, dr.Ring, fill, ring)
		}
		if ring.A != 0 {
			rings++
		}
	}
	if rings == 0 {
		t.Error("no marker has a foreign-reach ring")
	}
	test.Tap(d.legend.toggle)
	if d.legend.open || h.m.set.LegendOpen() {
		t.Error("legend did not fold, or the fold was not saved")
	}
	if folded := d.legend.root.MinSize(); folded.Height > open.Height*0.6 {
		t.Errorf("folded legend %v, open %v", folded, open)
	}
	if !d.mode.Visible() || fyne.CurrentApp().Driver().CanvasForObject(d.mode) == nil {
		t.Error("the folded legend hides the colour mode switch")
	}
	// By jurisdiction, the legend keeps to two short lines.
	test.Tap(d.legend.toggle)
	d.mode.SetSelected(d.mode.Options[modeJurisdiction])
	if h := d.legend.root.MinSize().Height; h > 90 {
		t.Errorf("jurisdiction legend %v units tall", h)
	}
}

// Changing home in the summary bar recomputes every category at once.
func TestHomeChange(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.start(true)
	d := h.m.dash
	id := h.itemID("lumen-photos") // Hetzner, Germany: EU home only
	d.selectItem(id)
	if h.m.scan.Assets[id].Category != reach.CategoryHome {
		t.Fatalf("Hetzner bucket under EU home: %s", h.m.scan.Assets[id].Category)
	}
	d.summary.homeSel.SetSelectedIndex(indexOf(homeCodes, "FR"))
	if h.m.set.Home() != "FR" || h.m.scan.Home != "FR" {
		t.Fatalf("home %s, scan home %s", h.m.set.Home(), h.m.scan.Home)
	}
	if got := h.m.scan.Assets[id].Category; got != reach.CategoryForeign {
		t.Errorf("Hetzner bucket in Germany for a French home: %s", got)
	}
	if d.selected != id || d.detail.Title() != "lumen-photos" {
		t.Error("the selection was lost when home changed")
	}
	if d.mode.Options[modeHome] != "Relative to France" {
		t.Errorf("mode option %q", d.mode.Options[modeHome])
	}
	if h.m.settings.home.SelectedIndex() != indexOf(homeCodes, "FR") {
		t.Error("the settings screen does not show the new home")
	}
}
