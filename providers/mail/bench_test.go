package mail

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
)

// BenchmarkScan1000Domains scans 1,000 domains against a resolver that
// takes 25 ms per answer. Each domain sits behind a gateway (Mimecast), with
// the records of the Microsoft 365 tenant behind it: an SPF include, the
// autodiscover CNAME and the DKIM selectors. Its probes are asked at once
// (one round trip), then the SPF walk needs none more here, since the
// include names the service itself; one domain after another would take
// 1,000 × 2 × 25 ms = 50 s, the serial floor the bounded concurrency has
// to beat (goal: under 2 s). It reports the DNS queries per domain.
// (Before the autodiscover and DKIM probes, this scan asked 2 queries per
// domain, MX then TXT, and took 0.89–0.95 s.)
func BenchmarkScan1000Domains(b *testing.B) {
	benchScan(b, 2, func(zone *strings.Builder, d string, i int) {
		fmt.Fprintf(zone, "%s. 300 IN MX 10 eu-smtp-inbound-1.mimecast.com.\n", d)
		fmt.Fprintf(zone, "%s. 300 IN TXT \"v=spf1 include:spf.protection.outlook.com -all\"\n", d)
		fmt.Fprintf(zone, "autodiscover.%s. 300 IN CNAME autodiscover.outlook.com.\n", d)
		fmt.Fprintf(zone, "selector1._domainkey.%s. 300 IN CNAME selector1-d%04d-bench._domainkey.contoso.onmicrosoft.com.\n", d, i)
		fmt.Fprintf(zone, "selector2._domainkey.%s. 300 IN CNAME selector2-d%04d-bench._domainkey.contoso.onmicrosoft.com.\n", d, i)
	}, "microsoft-365", confidenceMedium)
}

// BenchmarkScan1000HiddenMailboxes is the slow case: a SEPPmail gateway its
// host name does not place (GeoIP needs its A and AAAA records) and
// nothing but SPF behind it, so the second round of probes goes out too:
// three round trips in a row.
func BenchmarkScan1000HiddenMailboxes(b *testing.B) {
	benchScan(b, 3, func(zone *strings.Builder, d string, i int) {
		fmt.Fprintf(zone, "%s. 300 IN MX 10 d%04d-bench.gate.seppmail.cloud.\n", d, i)
		fmt.Fprintf(zone, "d%04d-bench.gate.seppmail.cloud. 300 IN A 86.119.35.35\n", i)
		fmt.Fprintf(zone, "%s. 300 IN TXT \"v=spf1 include:spf.protection.outlook.com -all\"\n", d)
	}, "microsoft-365", confidenceLow)
}

func benchScan(b *testing.B, trips int, record func(zone *strings.Builder, d string, i int), provider string, conf geo.Confidence) {
	const (
		n     = 1000
		delay = 25 * time.Millisecond
	)
	var zone strings.Builder
	domains := make([]string, n)
	for i := range n {
		d := fmt.Sprintf("d%04d.bench", i)
		domains[i] = d
		record(&zone, d, i)
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
		if len(c.Assets) != 2*n {
			b.Fatalf("%d assets, %d gaps", len(c.Assets), len(c.Gaps))
		}
		for _, a := range c.Assets {
			if a.Kind == providers.KindMailbox && (a.Provider != provider || a.Confidence != conf) {
				b.Fatalf("mailbox %s %s", a.Provider, a.Confidence)
			}
		}
	}
	b.ReportMetric(float64(srv.total())/float64(n*b.N), "queries/domain")
	perScan := wall.Seconds() / float64(b.N)
	serial := (time.Duration(n*trips) * delay).Seconds()
	b.ReportMetric(perScan, "s/scan")
	b.ReportMetric(serial, "serial-s/scan")
	b.ReportMetric(serial/perScan, "x-faster-than-serial")
	b.ReportMetric(float64(n)/perScan, "domains/s")
}
