package mail

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/reachmap/reachmap/providers"
)

// BenchmarkScan1000Domains scans 1,000 domains against a resolver that
// takes 25 ms per answer. Each domain needs two round trips in a row (MX,
// then the SPF record behind its gateway), so one domain after another
// would take 1,000 × 2 × 25 ms = 50 s: that is the serial floor the
// bounded concurrency has to beat (goal: under 2 s).
func BenchmarkScan1000Domains(b *testing.B) {
	const (
		n     = 1000
		delay = 25 * time.Millisecond
		trips = 2
	)
	var zone strings.Builder
	domains := make([]string, n)
	for i := range n {
		d := fmt.Sprintf("d%04d.bench", i)
		domains[i] = d
		fmt.Fprintf(&zone, "%s. 300 IN MX 10 eu-smtp-inbound-1.mimecast.com.\n", d)
		fmt.Fprintf(&zone, "%s. 300 IN TXT \"v=spf1 include:spf.protection.outlook.com -all\"\n", d)
	}
	srv := startDNS(b, zone.String(), func(s *testDNS) { s.delay = delay })
	p, err := New(Options{Domains: domains}, providers.Shared{DNS: srv.Addr}, WithTenantDiscovery(""))
	if err != nil {
		b.Fatal(err)
	}
	var wall time.Duration
	for b.Loop() {
		c := &collect{}
		start := time.Now()
		if err := p.Scan(context.Background(), c); err != nil {
			b.Fatal(err)
		}
		wall += time.Since(start)
		if len(c.Assets) != 2*n || len(c.Gaps) != 0 {
			b.Fatalf("%d assets, %d gaps", len(c.Assets), len(c.Gaps))
		}
	}
	perScan := wall.Seconds() / float64(b.N)
	serial := (time.Duration(n*trips) * delay).Seconds()
	b.ReportMetric(perScan, "s/scan")
	b.ReportMetric(serial, "serial-s/scan")
	b.ReportMetric(serial/perScan, "x-faster-than-serial")
	b.ReportMetric(float64(n)/perScan, "domains/s")
}
