package gcp

import (
	"testing"

	"github.com/reachmap/reachmap/providers/providertest"
)

// BenchmarkScanProject scans one project of the stand-in (every REST store,
// their pages, on loopback) and prints the assets it found per scan.
func BenchmarkScanProject(b *testing.B) {
	api := newStandIn(b, 0)
	p := testProvider("", api.URL, "lumen-prod")
	assets := 0
	for b.Loop() {
		rec := &providertest.Recorder{}
		if err := p.Scan(b.Context(), rec); err != nil {
			b.Fatal(err)
		}
		assets = len(rec.Assets)
	}
	b.ReportMetric(float64(assets), "assets/scan")
}

// BenchmarkPlace places the location codes a scan meets.
func BenchmarkPlace(b *testing.B) {
	codes := []string{"europe-west9", "EU", "EUR4", "NAM4", "nam5", "eur3", "ASIA"}
	for b.Loop() {
		for _, c := range codes {
			place(c, nil)
		}
	}
}
