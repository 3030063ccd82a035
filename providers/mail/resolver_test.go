package mail

// The resolver's behaviour as a scan sees it: TCP after a truncated
// answer, and a bounded wait for a server that never answers.

import (
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"
)

func TestTruncatedAnswerIsRetriedOverTCP(t *testing.T) {
	srv := startDNS(t, testZone, func(s *testDNS) { s.truncate["big.test."] = true })
	c := scanAll(t, srv, "", "big.test")
	if len(c.Assets) != 1 || c.Assets[0].Provider != "google-workspace" {
		t.Fatalf("assets %+v gaps %+v", c.Assets, c.Gaps)
	}
	if udp, tcp := srv.countType("big.test", dns.TypeMX, "udp"), srv.countType("big.test", dns.TypeMX, "tcp"); udp != 1 || tcp != 1 {
		t.Errorf("big.test asked %d times over UDP and %d over TCP, want 1 and 1", udp, tcp)
	}
}

func TestTimeoutIsBounded(t *testing.T) {
	srv := startDNS(t, testZone, func(s *testDNS) { s.silent["slow.test."] = true })
	start := time.Now()
	c := scanAll(t, srv, "", "slow.test")
	// Two attempts of 300 ms each, plus slack.
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("scan took %v", d)
	}
	if len(c.Gaps) != 1 || !strings.Contains(c.Gaps[0].Error, "within 300ms") {
		t.Errorf("gaps %+v", c.Gaps)
	}
	if n := srv.countType("slow.test", dns.TypeMX, "udp"); n != 2 {
		t.Errorf("asked %d times, want 2 attempts", n)
	}
}
