package ui

import (
	"image/color"
	"os"
	"time"

	"fyne.io/fyne/v2"

	"reachmap/ui/smoke"
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
		})
	})
}

// smokeReport describes what the window shows now, in window pixels.
// Main thread.
func (m *mainWindow) smokeReport() *smoke.Report {
	d := m.dash
	drv := fyne.CurrentApp().Driver()
	scale := m.win.Canvas().Scale()
	origin := drv.AbsolutePositionForObject(d.mapv)
	px := func(p fyne.Position) smoke.Point {
		return smoke.Point{X: int((origin.X + p.X) * scale), Y: int((origin.Y + p.Y) * scale)}
	}
	rect := func(o fyne.CanvasObject) smoke.Rect {
		p, s := drv.AbsolutePositionForObject(o), o.Size()
		return smoke.Rect{X: int(p.X * scale), Y: int(p.Y * scale), W: int(s.Width * scale), H: int(s.Height * scale)}
	}
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
		ShownAfterMs: m.shownAfter.Milliseconds(),
		MapRect:      rect(d.mapv), TableRect: rect(d.table.table), DetailRect: rect(d.detail.scroll),
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
	for _, mk := range d.mapv.Drawn() {
		if len(mk.IDs) != 1 || covered(mk.Pos) {
			continue
		}
		r.Markers = append(r.Markers, smoke.Marker{Point: px(mk.Pos), ID: mk.IDs[0],
			Name: d.scan.Assets[mk.IDs[0]].Name, Fill: rgb(mk.Fill), Count: 1})
	}
	return r
}

func rgb(c color.NRGBA) smoke.RGB { return smoke.RGB{c.R, c.G, c.B} }
