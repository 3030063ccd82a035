package ui

import (
	"fmt"
	"image/color"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"reachmap/geo"
	"reachmap/inventory"
	"reachmap/providers"
	"reachmap/reach"
	"reachmap/ui/mapview"
)

// dashboard is the main screen: the map, the table of items, the detail
// of the selected one, a summary, and the scan controls.
type dashboard struct {
	win     fyne.Window
	scanner *scanner

	scan     *inventory.Scan
	home     reach.Home
	byHome   bool // colour relative to home instead of by jurisdiction
	selected int

	mapv     *mapview.Map
	view     *itemView
	table    *itemTable
	detail   *detailPanel
	summary  *fyne.Container
	legend   *fyne.Container
	homeSel  *widget.Select
	search   *widget.Entry
	catSel   *widget.Select
	count    *widget.Label
	progress *widget.ProgressBar
	status   *widget.Label
	cancel   *widget.Button
	scanBtn  *widget.Button

	empty    *fyne.Container     // first-run state, over the map
	overlays []fyne.CanvasObject // drawn over the map: the smoke report avoids them
	root  fyne.CanvasObject
}

func newDashboard(win fyne.Window, home reach.Home) *dashboard {
	d := &dashboard{win: win, scanner: newScanner(), home: home, selected: -1, view: &itemView{sortCol: 7}}
	d.build()
	return d
}

func (d *dashboard) build() {
	d.mapv = mapview.New()
	d.mapv.OnSelected = d.selectItem
	d.table = newItemTable(d.view)
	d.table.OnSelected = d.selectItem
	d.detail = newDetailPanel()

	d.summary = container.NewHBox()
	d.homeSel = widget.NewSelect(homeOptions(), d.onHomeChanged)
	d.homeSel.SetSelected(homeOption(d.home))
	mode := widget.NewRadioGroup([]string{"By jurisdiction", "Relative to home"}, func(s string) {
		d.byHome = s == "Relative to home"
		d.refreshMap()
		d.refreshLegend()
	})
	mode.Horizontal = true
	mode.SetSelected("By jurisdiction")

	d.scanBtn = widget.NewButtonWithIcon("Scan demo estate", theme.ViewRefreshIcon(), func() { d.startScan(providers.Config{Demo: true}) })
	d.scanBtn.Importance = widget.HighImportance
	top := container.NewBorder(nil, nil, d.summary,
		container.NewHBox(widget.NewLabel("Home:"), d.homeSel, d.scanBtn), nil)

	d.search = widget.NewEntry()
	d.search.SetPlaceHolder("Search items, providers, countries…")
	d.search.OnChanged = func(string) { d.applyFilter() }
	d.count = widget.NewLabel("")
	d.catSel = widget.NewSelect(categoryOptions(), func(string) { d.applyFilter() })
	d.catSel.SetSelected(categoryOptions()[0])
	filters := container.NewBorder(nil, nil, nil, container.NewHBox(d.catSel, d.count), d.search)

	d.legend = container.NewVBox()
	d.refreshLegend()
	legendCard := container.NewStack(translucent(), container.NewPadded(d.legend))
	modeCard := container.NewStack(translucent(), mode)
	d.overlays = []fyne.CanvasObject{legendCard, modeCard}
	mapArea := container.NewStack(d.mapv,
		container.NewBorder(container.NewHBox(layout.NewSpacer(), container.NewPadded(modeCard)), nil, nil, nil),
		container.NewBorder(nil, container.NewHBox(container.NewPadded(legendCard)), nil, nil))

	d.empty = d.emptyState()
	mapArea.Add(d.empty)

	right := container.NewVSplit(
		container.NewBorder(filters, nil, nil, nil, d.table.table),
		d.detail.scroll)
	right.Offset = 0.55
	split := container.NewHSplit(mapArea, right)
	split.Offset = 0.56

	d.progress = widget.NewProgressBarWithData(d.scanner.Progress)
	d.status = widget.NewLabelWithData(d.scanner.Status)
	d.status.Truncation = fyne.TextTruncateEllipsis
	d.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), d.scanner.Cancel)
	d.cancel.Disable()
	bottom := container.NewBorder(nil, nil, nil, d.cancel, container.NewGridWithColumns(2, d.status, d.progress))

	d.root = container.NewBorder(container.NewPadded(top), container.NewPadded(bottom), nil, nil, split)
	d.showScan(nil)
}

// emptyState explains Reachmap on first run and offers the demo estate.
func (d *dashboard) emptyState() *fyne.Container {
	title := widget.NewLabelWithStyle("Where does your data live, and whose laws can reach it?", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	body := widget.NewLabel("Reachmap finds every bucket and mailbox in your cloud accounts, places it on the map,\n" +
		"and shows which governments can compel it: the country where it sits, and the\n" +
		"country of the company that runs it (a US provider's Dublin data centre is still\n" +
		"within reach of the US CLOUD Act).\n\n" +
		"No cloud account is configured on this computer yet. Nothing leaves it except the\n" +
		"read-only calls to the accounts you connect.")
	body.Alignment = fyne.TextAlignCenter
	demo := widget.NewButtonWithIcon("Show the demo estate", theme.MediaPlayIcon(), func() { d.startScan(providers.Config{Demo: true}) })
	demo.Importance = widget.HighImportance
	add := widget.NewButtonWithIcon("Add an account…", theme.ContentAddIcon(), d.addAccount)
	card := container.NewVBox(title, body, container.NewCenter(container.NewHBox(demo, add)))
	return container.NewCenter(container.NewStack(opaque(), container.NewPadded(container.NewPadded(card))))
}

// addAccount asks for mail domains and AWS profiles to scan.
func (d *dashboard) addAccount() {
	domains := widget.NewMultiLineEntry()
	domains.SetPlaceHolder("example.com\none domain per line")
	profiles := widget.NewEntry()
	profiles.SetPlaceHolder("default, client-a")
	form := dialog.NewForm("Add an account", "Scan", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Mail domains", domains),
		widget.NewFormItem("AWS profiles", profiles),
	}, func(ok bool) {
		if !ok {
			return
		}
		cfg := providers.Config{Domains: splitList(domains.Text), AWSProfiles: splitList(profiles.Text)}
		if len(cfg.Domains)+len(cfg.AWSProfiles) == 0 {
			return
		}
		d.startScan(cfg)
	}, d.win)
	form.Resize(fyne.NewSize(480, 320))
	form.Show()
}

// startScan runs a scan in the background. Main thread.
func (d *dashboard) startScan(cfg providers.Config) {
	if !d.scanner.Start(cfg, d.home, d.scanDone) {
		return
	}
	d.cancel.Enable()
	d.scanBtn.Disable()
	d.empty.Hide()
}

// scanDone receives the scan's result on the UI thread.
func (d *dashboard) scanDone(scan *inventory.Scan, err error) {
	d.cancel.Disable()
	d.scanBtn.Enable()
	if err != nil {
		_ = d.scanner.Status.Set("Scan stopped: " + err.Error())
		if scan == nil || len(scan.Assets) == 0 {
			if d.scan == nil {
				d.empty.Show()
			}
			dialog.ShowError(err, d.win)
			return
		}
	} else {
		gaps := len(scan.AllGaps())
		_ = d.scanner.Status.Set(fmt.Sprintf("Scanned %s: %d items, %d gaps", scan.ScannedAt.Local().Format("2 Jan 2006 15:04"), len(scan.Assets), gaps))
	}
	d.showScan(scan)
	d.mapv.FitToData()
	d.reportSoon()
}

// showScan puts a scan (or nothing) on every part of the screen. Main thread.
func (d *dashboard) showScan(scan *inventory.Scan) {
	d.scan = scan
	d.selected = -1
	if scan == nil {
		d.view.SetItems(nil)
		d.empty.Show()
	} else {
		d.empty.Hide()
		d.view.SetItems(scan.Assets)
	}
	d.table.Refresh()
	d.count.SetText(d.view.Summary())
	d.detail.Show(nil, d.home)
	d.refreshSummary()
	d.refreshMap()
}

func (d *dashboard) refreshMap() {
	if d.scan == nil {
		d.mapv.SetMarkers(nil)
		d.mapv.SetCountryFill(nil)
		return
	}
	ms := make([]mapview.Marker, 0, len(d.scan.Assets))
	shade := map[string]color.NRGBA{}
	for i, it := range d.scan.Assets {
		if !it.Location.Known() || (it.Location.Lat == 0 && it.Location.Lon == 0) {
			continue
		}
		m := mapview.Marker{ID: i, Lat: it.Location.Lat, Lon: it.Location.Lon,
			Label: it.Name + "\n" + placeText(it) + " · " + reachText(it) + "\n" + categoryLabel(it.Category)}
		if d.byHome {
			m.Fill = categoryColor(it.Category)
		} else {
			m.Fill, m.Ring = markerColors(it)
		}
		ms = append(ms, m)
		if cc := it.Location.Country; cc != "" {
			c := m.Fill
			c.A = 0x50
			shade[cc] = c
		}
	}
	d.mapv.SetMarkers(ms)
	d.mapv.SetCountryFill(func(iso2 string) color.NRGBA { return shade[iso2] })
	d.mapv.Select(d.selected)
}

func (d *dashboard) refreshSummary() {
	d.summary.RemoveAll()
	if d.scan == nil {
		d.summary.Add(widget.NewLabel("No scan yet"))
		return
	}
	counts := d.scan.Counts()
	for _, c := range reach.Categories {
		sw := canvas.NewRectangle(categoryColor(c))
		sw.SetMinSize(fyne.NewSize(12, 12))
		sw.CornerRadius = 6
		d.summary.Add(container.NewCenter(sw))
		l := widget.NewLabel(fmt.Sprintf("%d %s", counts[c], categoryLabel(c)))
		d.summary.Add(l)
	}
	d.summary.Add(widget.NewSeparator())
	d.summary.Add(widget.NewLabel(topCountries(d.scan, 4)))
}

// topCountries is "FR 8 · DE 6 · US 5 · IE 4".
func topCountries(s *inventory.Scan, n int) string {
	per := map[string]int{}
	for _, it := range s.Assets {
		per[territory(it)]++
	}
	type kv struct {
		k string
		v int
	}
	var kvs []kv
	for k, v := range per {
		if k != "" {
			kvs = append(kvs, kv{k, v})
		}
	}
	sort.Slice(kvs, func(i, j int) bool { return kvs[i].v > kvs[j].v || kvs[i].v == kvs[j].v && kvs[i].k < kvs[j].k })
	out := ""
	for i, e := range kvs {
		if i == n {
			break
		}
		if out != "" {
			out += " · "
		}
		out += fmt.Sprintf("%s %d", e.k, e.v)
	}
	return out
}

func (d *dashboard) refreshLegend() {
	if d.legend == nil {
		return
	}
	d.legend.RemoveAll()
	if d.byHome {
		d.legend.Add(widget.NewLabelWithStyle("Relative to "+d.home.Label(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, c := range reach.Categories {
			d.legend.Add(legendRow(categoryColor(c), color.NRGBA{}, categoryLabel(c)))
		}
		return
	}
	d.legend.Add(widget.NewLabelWithStyle("Fill: where it is · ring: foreign reach", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, b := range blocs {
		d.legend.Add(legendRow(b.Color, color.NRGBA{}, b.Label))
	}
	d.legend.Add(legendRow(blocEU.Color, blocUS.Color, "EU soil, US operator"))
}

func legendRow(fill, ring color.NRGBA, label string) fyne.CanvasObject {
	c := canvas.NewCircle(fill)
	if ring.A > 0 {
		c.StrokeColor = ring
		c.StrokeWidth = 3
	}
	l := widget.NewLabel(label)
	return container.NewHBox(container.NewGridWrap(fyne.NewSize(14, 14), c), l)
}

// selectItem keeps the map, the table and the detail panel on one item.
func (d *dashboard) selectItem(id int) {
	if d.scan == nil || id < 0 || id >= len(d.scan.Assets) {
		return
	}
	d.selected = id
	d.mapv.Select(id)
	d.table.Select(id)
	it := d.scan.Assets[id]
	d.detail.Show(&it, d.home)
	d.reportSoon()
}

func (d *dashboard) onHomeChanged(s string) {
	h, err := reach.ParseHome(codeOfOption(s))
	if err != nil {
		return
	}
	d.home = h
	if d.scan != nil {
		sel := d.selected
		d.showScan(d.scan.WithHome(h))
		if sel >= 0 {
			d.selectItem(sel)
		}
	}
	d.refreshLegend()
}

func (d *dashboard) applyFilter() {
	d.view.Filter(d.search.Text, categoryFromOption(d.catSel.Selected), "")
	d.table.Refresh()
	d.count.SetText(d.view.Summary())
	if d.selected >= 0 {
		d.table.Select(d.selected)
	}
}

// homeCodes are the home jurisdictions offered: the EU/EEA as a whole, its
// states, and the other countries whose users we expect.
var homeCodes = []string{"EU", "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IS", "IE", "IT",
	"LV", "LI", "LT", "LU", "MT", "NL", "NO", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
	"CH", "GB", "US", "CA", "AU", "NZ", "JP", "KR", "SG", "IN", "BR", "CN"}

func homeOptions() []string {
	out := make([]string, len(homeCodes))
	for i, c := range homeCodes {
		out[i] = homeOption(reach.Home(c))
	}
	return out
}

func homeOption(h reach.Home) string {
	if h == "EU" {
		return "EU/EEA"
	}
	if n := geo.CountryName(string(h)); n != "" {
		return n + " (" + string(h) + ")"
	}
	return string(h)
}

func codeOfOption(s string) string {
	for _, c := range homeCodes {
		if homeOption(reach.Home(c)) == s {
			return c
		}
	}
	return s
}

func translucent() fyne.CanvasObject {
	bg := theme.Color(theme.ColorNameBackground)
	r, g, b, _ := bg.RGBA()
	rect := canvas.NewRectangle(color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0xd8})
	rect.CornerRadius = 8
	return rect
}

func opaque() fyne.CanvasObject {
	rect := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	rect.CornerRadius = 12
	rect.StrokeColor = theme.Color(theme.ColorNameSeparator)
	rect.StrokeWidth = 1
	return rect
}
