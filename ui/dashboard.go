package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/mapdraw"
	"github.com/reachmap/reachmap/policy"
	"github.com/reachmap/reachmap/reach"
	"github.com/reachmap/reachmap/ui/mapview"
)

// dashboard is the map screen: the summary bar, the map with its mode
// switch, zoom buttons and legend, the table of items with its filters,
// and the detail of the selected item. Map and table always show the
// same items and the same selection.
type dashboard struct {
	set settings

	scan       *inventory.Scan
	home       reach.Home
	byHome     bool
	selected   int
	violations map[int][]policy.Violation
	palette    mapPalette

	summary *summaryBar
	mapv    *mapview.Map
	mode    *widget.RadioGroup
	legend  *legend
	zoomBox *fyne.Container
	view    *itemView
	filters *filterBar
	table   *itemTable
	detail  *detailPanel
	empty   *emptyState

	split, left *container.Split
	overlays    []fyne.CanvasObject // drawn over the map: the smoke report avoids them
	root        fyne.CanvasObject

	// OnHome is called when the user picks another home jurisdiction.
	OnHome func(reach.Home)
	// OnSelected is called after the selection changed (-1: none).
	OnSelected func(id int)
	// OnHeadline is called with the headline answer for the scan shown
	// ("" for none), which the window shows in its header.
	OnHeadline func(string)
	// OnDemo, OnAddAccount and OnScanAccounts are the first-run card's
	// three ways to start.
	OnDemo, OnAddAccount, OnScanAccounts func()
}

func newDashboard(set settings) *dashboard {
	d := &dashboard{set: set, home: set.Home(), byHome: set.ByHome(), selected: -1,
		view: &itemView{sortCol: colSwatch, desc: true}}
	d.palette = mapdraw.PaletteFor(theme.Color(theme.ColorNameBackground))
	d.build()
	return d
}

func (d *dashboard) build() {
	d.summary = newSummaryBar(d.home)
	d.summary.OnHome = d.onHome
	d.summary.OnCategory = d.onCategory
	d.summary.OnHeadline = d.onHeadline

	d.mapv = mapview.New()
	d.mapv.OnSelected = d.selectItem
	d.mapv.Words = mapview.Words{
		Items: func(n int, samePlace bool) string {
			if samePlace {
				return trn("{{.Count}} items at this place", n)
			}
			return trn("{{.Count}} items", n)
		},
		More: func(n int) string { return trn("and {{.Count}} more", n) },
	}
	d.applyPalette()

	// The colour mode switch lives in the legend, which explains the
	// colours it switches, at the foot of the map: the top of the map
	// (where northern Europe's data sits) stays free.
	d.mode = widget.NewRadioGroup(nil, d.onMode)
	d.mode.Horizontal = true
	d.mode.Required = true
	d.setModeOptions()

	d.legend = newLegend(d.set.LegendOpen(), d.mode)
	d.legend.OnToggled = d.onLegendToggled
	d.legend.Show(d.byHome, d.home)

	zoomIn := &widget.Button{Icon: theme.ZoomInIcon(), OnTapped: d.mapv.ZoomIn}
	zoomOut := &widget.Button{Icon: theme.ZoomOutIcon(), OnTapped: d.mapv.ZoomOut}
	fit := &widget.Button{Icon: theme.ZoomFitIcon(), OnTapped: d.mapv.FitToData}
	world := &widget.Button{Icon: theme.HomeIcon(), OnTapped: d.mapv.ResetView}
	d.zoomBox = container.NewVBox(zoomIn, zoomOut, fit, world)
	d.overlays = []fyne.CanvasObject{d.zoomBox, d.legend.root}

	mapArea := &fyne.Container{Layout: roomLayout{last: new(fyne.Size), onSize: d.onMapRoom}, Objects: []fyne.CanvasObject{d.mapv,
		container.NewPadded(container.NewBorder(
			nil,
			container.NewHBox(d.legend.root, layout.NewSpacer()),
			nil,
			container.NewVBox(d.zoomBox), nil))}}
	d.empty = newEmptyState()
	d.empty.OnHome = d.onHome
	d.empty.OnDemo = func() { call(d.OnDemo) }
	d.empty.OnAddAccount = func() { call(d.OnAddAccount) }
	d.empty.OnScanAccounts = func() { call(d.OnScanAccounts) }
	mapArea.Add(d.empty.root)

	d.table = newItemTable(d.view)
	d.table.OnSelected = d.selectItem
	d.filters = newFilterBar(d.view)
	d.filters.OnChanged = d.onFilter
	d.detail = newDetailPanel()
	d.detail.OnSelect = d.selectItem

	tablePane := container.NewBorder(d.filters.root, nil, nil, nil, d.table.root)
	d.left = container.NewVSplit(mapArea, tablePane)
	d.split = container.NewHSplit(d.left, d.detail.root)
	d.split.Offset, d.left.Offset = d.set.Splits()
	d.root = container.NewBorder(container.NewPadded(d.summary.root), nil, nil, nil, d.split)
	d.updateInsets()
	d.Show(nil)
}

// The colour modes, in the order of the switch.
const (
	modeHome = iota
	modeJurisdiction
)

// call calls f, if it is set: a callback nobody asked for is skipped.
func call(f func()) {
	if f != nil {
		f()
	}
}

func (d *dashboard) onHome(h reach.Home) {
	if d.OnHome != nil {
		d.OnHome(h)
	}
}

func (d *dashboard) onCategory(c reach.Category) { d.filters.SetFacet(facetCategory, string(c)) }

func (d *dashboard) onHeadline(text string) {
	if d.OnHeadline != nil {
		d.OnHeadline(text)
	}
}

// onMapRoom follows the map's size: the legend folds on a small map.
func (d *dashboard) onMapRoom(size fyne.Size) {
	if d.legend.SetRoom(size) {
		d.updateInsets()
	}
}

func (d *dashboard) onLegendToggled(open bool) {
	d.set.SetLegendOpen(open)
	d.updateInsets()
}

// Show puts a scan (or nothing) on every part of the screen, keeping the
// selected item selected when the new scan still has it. Main thread.
func (d *dashboard) Show(scan *inventory.Scan) {
	var keep *inventory.Identity
	if d.scan != nil && d.selected >= 0 && d.selected < len(d.scan.Assets) {
		id := d.scan.Assets[d.selected].Identity()
		keep = &id
	}
	d.scan = scan
	d.selected = -1
	if scan != nil {
		d.home = scan.Home
	}
	d.violations = nil
	d.view.violations = nil
	if scan == nil {
		d.view.SetItems(nil, d.home)
		d.empty.SetHome(d.home, d.set.HomeChosen(), d.set.region)
		d.empty.root.Show()
	} else {
		d.view.SetItems(scan.Assets, d.home)
		d.empty.root.Hide()
	}
	d.summary.Show(scan, d.home)
	d.setModeOptions()
	d.legend.Show(d.byHome, d.home)
	d.filters.Refill() // refreshes the table and the map through onFilter
	d.detail.Show(detailInput{Home: d.home, ByHome: d.byHome})
	if keep != nil {
		for i, it := range scan.Assets {
			if it.Identity() == *keep {
				d.selectItem(i)
				break
			}
		}
	}
}

// SetViolations marks the items that break the policy (nil: no policy).
// Main thread.
func (d *dashboard) SetViolations(vs map[int][]policy.Violation) {
	d.violations = vs
	d.view.SetViolations(vs)
	d.table.ShowPolicy(vs != nil)
	d.table.Refresh()
	d.showDetail()
}

// Restyle follows a theme change: the map's colours and the overlays.
func (d *dashboard) Restyle() {
	d.palette = mapdraw.PaletteFor(theme.Color(theme.ColorNameBackground))
	d.applyPalette()
	d.refreshMap()
	d.legend.Restyle()
	d.empty.Restyle()
}

func (d *dashboard) applyPalette() {
	p := d.palette
	d.mapv.SetColors(p.Ocean, p.Land, p.Border)
	d.mapv.SetOutside(p.Outside)
}

func (d *dashboard) setModeOptions() {
	opts := []string{modeHome: tr("Relative to {{.Home}}", "Home", say.HomeName(d.home)), modeJurisdiction: tr("By jurisdiction")}
	d.mode.Options = opts
	d.mode.Selected = opts[modeJurisdiction]
	if d.byHome {
		d.mode.Selected = opts[modeHome]
	}
	d.mode.Refresh()
}

func (d *dashboard) onMode(s string) {
	if len(d.mode.Options) < 2 || s == "" {
		return
	}
	byHome := s == d.mode.Options[modeHome]
	if byHome == d.byHome {
		return
	}
	d.byHome = byHome
	d.set.SetByHome(byHome)
	d.legend.Show(byHome, d.home)
	d.updateInsets()
	d.refreshMap()
	if d.selected < 0 {
		d.showDetail() // the guide follows the mode
	}
}

// updateInsets keeps FitToData's markers clear of the overlays.
func (d *dashboard) updateInsets() {
	pad := theme.Padding()
	d.mapv.SetInsets(0, d.zoomBox.MinSize().Width+pad, d.legend.Height()+pad, 0)
}

func (d *dashboard) onFilter() {
	d.table.Refresh()
	d.refreshMap()
	if d.selected >= 0 && !d.view.Visible(d.selected) {
		d.selectItem(-1)
		return
	}
	d.table.Select(d.selected)
}

// refreshMap draws the items that pass the filters.
func (d *dashboard) refreshMap() {
	if d.scan == nil {
		d.mapv.SetMarkers(nil)
		d.mapv.SetArcs(nil)
		d.mapv.SetCountryFill(nil)
		return
	}
	var shown []inventory.Item
	mm := mapModel{items: d.scan.Assets, byHome: d.byHome, home: d.home, keep: d.view.Visible}
	for i, it := range d.scan.Assets {
		if d.view.Visible(i) {
			shown = append(shown, it)
		}
	}
	d.mapv.SetMarkers(mm.Markers())
	d.mapv.SetArcs(mm.Arcs())
	d.mapv.SetCountryFill(mapModel{items: shown, byHome: d.byHome, home: d.home}.CountryFill(d.palette))
	d.mapv.Select(d.selected)
}

// selectItem keeps the map, the table and the detail panel on one item
// (-1: none). Main thread.
func (d *dashboard) selectItem(id int) {
	if d.scan == nil || id < -1 || id >= len(d.scan.Assets) {
		return
	}
	d.selected = id
	d.mapv.Select(id)
	d.table.Select(id)
	d.showOnMap(id)
	d.showDetail()
	if d.OnSelected != nil {
		d.OnSelected(id)
	}
}

// showOnMap pans the map to an item picked elsewhere (the table, the
// detail panel, the Changes screen) when it is off screen, keeping the
// zoom.
func (d *dashboard) showOnMap(id int) {
	if id < 0 {
		return
	}
	it := d.scan.Assets[id]
	if !mapdraw.Placed(it) {
		return
	}
	if _, ok := d.mapv.PositionOf(it.Location.Lat, it.Location.Lon); !ok && d.mapv.Size().Width > 0 {
		_, _, zoom := d.mapv.View()
		d.mapv.SetView(it.Location.Lon, it.Location.Lat, zoom)
	}
}

func (d *dashboard) showDetail() {
	in := detailInput{Home: d.home, ByHome: d.byHome}
	if d.scan != nil && d.selected >= 0 && d.selected < len(d.scan.Assets) {
		in.Item = &d.scan.Assets[d.selected]
		in.Violations = d.violations[d.selected]
		for _, id := range d.mapv.Colocated(d.selected) {
			if id != d.selected {
				in.Colocated = append(in.Colocated, colocated{ID: id, Name: d.scan.Assets[id].Name})
			}
		}
	}
	d.detail.Show(in)
}

// FocusSearch puts the cursor in the search entry (Ctrl+F).
func (d *dashboard) FocusSearch(c fyne.Canvas) { d.filters.Focus(c) }

// ZoomIn, ZoomOut and FitToData move the map (the keyboard shortcuts).
func (d *dashboard) ZoomIn()    { d.mapv.ZoomIn() }
func (d *dashboard) ZoomOut()   { d.mapv.ZoomOut() }
func (d *dashboard) FitToData() { d.mapv.FitToData() }

// ClearSelection selects no item (Escape). Main thread.
func (d *dashboard) ClearSelection() { d.selectItem(-1) }

// Reveal selects item id with every filter cleared, so that it is in the
// table and on the map (an item picked on the Changes screen). Main
// thread.
func (d *dashboard) Reveal(id int) {
	d.filters.Clear()
	d.selectItem(id)
}

// ShowNone shows no scan, judged against home. Main thread.
func (d *dashboard) ShowNone(home reach.Home) {
	d.home = home
	d.Show(nil)
}

// Look is how the map is drawn now, for an export that matches it: the
// colour mode and the palette of the theme.
func (d *dashboard) Look() (byHome bool, pal mapPalette) { return d.byHome, d.palette }

// SetAccounts says on the first-run card what this computer has
// configured. Main thread.
func (d *dashboard) SetAccounts(found, problems []string, scannable bool) {
	d.empty.SetAccounts(found, problems, scannable)
}

// SaveLayout remembers the map view and the splits.
func (d *dashboard) SaveLayout() {
	lon, lat, zoom := d.mapv.View()
	d.set.SetMapView(lon, lat, zoom)
	d.set.SetSplits(d.split.Offset, d.left.Offset)
}

// RestoreView puts the map back where it was at the last exit, if known.
func (d *dashboard) RestoreView() bool {
	lon, lat, zoom, ok := d.set.MapView()
	if ok {
		d.mapv.SetView(lon, lat, zoom)
	}
	return ok
}

// overlayBG is the translucent card behind controls drawn over the map.
func overlayBG() *canvas.Rectangle {
	r := canvas.NewRectangle(color.Transparent)
	r.CornerRadius = theme.InputRadiusSize()
	restyleOverlayBG(r)
	return r
}

func restyleOverlayBG(r *canvas.Rectangle) {
	bg := color.NRGBAModel.Convert(theme.Color(theme.ColorNameOverlayBackground)).(color.NRGBA)
	bg.A = 0xe6
	r.FillColor = bg
	r.StrokeColor = theme.Color(theme.ColorNameSeparator)
	r.StrokeWidth = 1
	r.Refresh()
}
