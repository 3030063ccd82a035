package mail

import (
	"testing"
	"time"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/providertest"
)

// contractZone has good domains and, for the partial scan, leaves
// missing.test out, so the test server answers NXDOMAIN for it.
const contractZone = `
proton.test.  300 IN MX 10 mail.protonmail.ch.
google.test.  300 IN MX 1 aspmx.l.google.com.
`

// TestContract runs the shared provider contract on the mail provider,
// against the in-process DNS server. The provider takes no secret and has
// no client that could write: DNS only reads.
func TestContract(t *testing.T) {
	provider := func(t *testing.T, srv *testDNS, domains ...string) providers.Provider {
		p, err := New(providers.Config{Domains: domains, DNS: srv.Addr}, WithTenantDiscovery(""), WithDNSTimeout(10*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	providertest.Run(t, providertest.Case{
		New: func(t *testing.T) providers.Provider {
			return provider(t, startDNS(t, contractZone), "proton.test", "google.test")
		},
		Slow: func(t *testing.T) providers.Provider {
			srv := startDNS(t, contractZone, func(s *testDNS) { s.delay = 2 * time.Second })
			return provider(t, srv, "proton.test", "google.test")
		},
		Partial: func(t *testing.T) providers.Provider {
			return provider(t, startDNS(t, contractZone), "proton.test", "missing.test", "google.test")
		},
	})
}
