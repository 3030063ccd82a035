package ui

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/reachmap/reachmap/store"
	"github.com/reachmap/reachmap/ui/mapview"
)

// BenchmarkStartToLastScan measures what a person waits for between the
// window's creation and the last scan drawn on it: building every screen,
// opening the store, loading the newest scan (the demo estate, 46 items)
// and the one before it, showing them, and rendering the first frame at
// 1440×900. The world map is decoded once per process beforehand, as Run
// starts that at once on another goroutine.
func BenchmarkStartToLastScan(b *testing.B) {
	db := filepath.Join(b.TempDir(), "scans.db")
	st, err := store.Open(db)
	if err != nil {
		b.Fatal(err)
	}
	s := demoScan(b)
	for range 2 {
		if _, err := st.Save(context.Background(), s); err != nil {
			b.Fatal(err)
		}
	}
	st.Close()
	mapview.Preload()
	a := test.NewTempApp(b)
	var total time.Duration
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		h := newHarnessIn(b, a, harnessOpts{db: db})
		h.start(false)
		h.win.Canvas().Capture()
		total += time.Since(t0)
		if h.m.scan == nil {
			b.Fatal("no scan shown")
		}
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/start")
}
