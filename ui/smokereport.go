package ui

import (
	"image/color"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"

	"github.com/reachmap/reachmap/internal/smoke"
)

// The self-report for the smoke test (see package smoke): written when
// REACHMAP_SMOKE_REPORT names a file, after a scan is drawn and after each
// selection. Nothing is written otherwise.

// candidate places to probe: open ocean and the interior of large countries
// that the demo estate leaves unshaded.
var (
	oceanProbes = [][2]float64{{30, -40}, {-20, 80}, {-5, -130}, {-40, -20}, {20, -150}}
	landProbes  = [][2]float64{{62, 100}, {16, 19}, {-8, 24}, {48, 67}, {27, 3}, {46, 103}}
)

// reportSoon writes the report once the frame showing the current state
// has been drawn.
func (m *mainWindow) reportSoon() {
	path := os.Getenv(smoke.EnvVar)
	if path == "" {
		return
	}
	time.AfterFunc(1500*time.Millisecond, func() {
		fyne.Do(func() {
			if err := smoke.Write(path, m.smokeReport()); err != nil {
				fyne.LogError("smoke report", err)
			}
			// The report of 10,000 items is megabytes of garbage that a
			// person's window never makes: give it back, so that the
			// memory the benchmark reads is the window's.
			go debug.FreeOSMemory()
		})
	})
}

// smokeReport describes what the window shows now, in window pixels.
// Main thread.
func (m *mainWindow) smokeReport() *smoke.Report {
	drv, scale := fyne.CurrentApp().Driver(), m.win.Canvas().Scale()
	r := m.dash.smokeReport(drv, scale)
	size := m.win.Canvas().Size()
	r.Window = smoke.Rect{W: int(size.Width * scale), H: int(size.Height * scale)}
	r.ScanButton = rectOf(drv, scale, m.scanBtn)
	r.HomeSelect = rectOf(drv, scale, m.dash.summary.homeSel)
	r.Headline = m.headline.Text
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	r.GoHeapMB, r.GoHeldMB = float64(ms.HeapInuse)/(1<<20), float64(ms.Sys-ms.HeapReleased)/(1<<20)
	r.ShownAfterMs = m.shownAfter.Milliseconds()
	r.Scanning = m.scnr.Running()
	r.Demo = m.demo
	return r
}

// smokeReport describes what the dashboard shows now: where its map, table
// and detail panel are, the colours and markers the map drew where no
// overlay covers them, and the selection. Main thread.
func (d *dashboard) smokeReport(drv fyne.Driver, scale float32) *smoke.Report {
	origin := drv.AbsolutePositionForObject(d.mapv)
	px := func(p fyne.Position) smoke.Point {
		return smoke.Point{X: int((origin.X + p.X) * scale), Y: int((origin.Y + p.Y) * scale)}
	}
	rect := func(o fyne.CanvasObject) smoke.Rect { return rectOf(drv, scale, o) }
	covered := func(p fyne.Position) bool {
		abs := origin.Add(p)
		for _, o := range d.overlays {
			if !o.Visible() {
				continue
			}
			q, s := drv.AbsolutePositionForObject(o), o.Size()
			if abs.X >= q.X-4 && abs.Y >= q.Y-4 && abs.X <= q.X+s.Width+4 && abs.Y <= q.Y+s.Height+4 {
				return true
			}
		}
		return false
	}
	ocean, land, _ := d.mapv.Colors()
	r := &smoke.Report{OceanColor: rgb(ocean), LandColor: rgb(land), MinMarkers: 5, Selected: d.selected,
		MapRect: rect(d.mapv), TableRect: rect(d.table.root), DetailRect: rect(d.detail.root),
		SelectedRow: d.view.RowOf(d.selected)}
	if d.selected >= 0 && d.scan != nil {
		r.SelectedName = d.scan.Assets[d.selected].Name
		r.DetailTitle = d.detail.Title()
	}
	probe := func(list [][2]float64) []smoke.Point {
		var out []smoke.Point
		for _, ll := range list {
			if p, ok := d.mapv.PositionOf(ll[0], ll[1]); ok && !covered(p) {
				out = append(out, px(p))
			}
		}
		return out
	}
	r.Ocean, r.Land = probe(oceanProbes), probe(landProbes)
	// The disc drawing each item: Markers lists the single ones, Items
	// every item's, clusters included.
	discs := map[int]smoke.Marker{}
	for _, mk := range d.mapv.Drawn() {
		if covered(mk.Pos) {
			continue
		}
		for _, id := range mk.IDs {
			discs[id] = smoke.Marker{Point: px(mk.Pos), ID: id, Name: d.scan.Assets[id].Name,
				Fill: rgb(mk.Fill), Count: len(mk.IDs)}
		}
		if len(mk.IDs) == 1 {
			r.Markers = append(r.Markers, discs[mk.IDs[0]])
		}
	}
	if d.scan != nil {
		for i, it := range d.scan.Assets {
			ri := smoke.Item{Provider: it.Provider, Account: it.Account, Kind: string(it.Kind), Name: it.Name,
				Region: it.Region, Country: it.Location.Country, Category: string(it.Category), Row: d.view.RowOf(i)}
			if mk, ok := discs[i]; ok {
				ri.Marker = &mk
			}
			r.Items = append(r.Items, ri)
		}
	}
	return r
}

// rectOf is where an object is in the window, in pixels; empty when hidden.
func rectOf(drv fyne.Driver, scale float32, o fyne.CanvasObject) smoke.Rect {
	if !o.Visible() {
		return smoke.Rect{}
	}
	p, s := drv.AbsolutePositionForObject(o), o.Size()
	return smoke.Rect{X: int(p.X * scale), Y: int(p.Y * scale), W: int(s.Width * scale), H: int(s.Height * scale)}
}

func rgb(c color.NRGBA) smoke.RGB { return smoke.RGB{c.R, c.G, c.B} }
