package mail

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reachmap/reachmap/providers"
)

// Microsoft 365 tenant discovery through a stand-in of Entra's public
// OpenID configuration on loopback.

// tenantServer imitates login.microsoftonline.com's OpenID configuration.
func tenantServer(t *testing.T) (*httptest.Server, *sync.Map) {
	t.Helper()
	var hits sync.Map
	scopes := map[string][2]string{
		"m365.test":     {"EU", ""},
		"mimecast.test": {"EU", ""},
		"ironport.test": {"NA", ""},
		"m365-na.test":  {"NA", ""},
		"m365-gcc.test": {"NA", "GCC"},
		"m365-ww.test":  {"WW", ""},
		"m365-as.test":  {"AS", ""},
		"m365-new.test": {"EU", ""},
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		domain, rest, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
		n, _ := hits.LoadOrStore(domain, new(int))
		*n.(*int)++
		if rest != ".well-known/openid-configuration" {
			http.NotFound(w, r)
			return
		}
		if domain == "slow-tenant.test" {
			select {
			case <-time.After(10 * time.Second):
			case <-r.Context().Done():
			}
			return
		}
		s, ok := scopes[domain]
		if !ok {
			w.WriteHeader(http.StatusBadRequest)
			w.Write([]byte(`{"error":"invalid_tenant"}`))
			return
		}
		json.NewEncoder(w).Encode(map[string]string{
			"issuer":                  "https://sts.windows.net/00000000-0000-0000-0000-000000000000/",
			"tenant_region_scope":     s[0],
			"tenant_region_sub_scope": s[1],
			"cloud_instance_name":     "microsoftonline.com",
		})
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func TestTenantDiscovery(t *testing.T) {
	srv := startDNS(t, testZone+"slow-tenant.test. 300 IN MX 0 slow-tenant-test.mail.protection.outlook.com.\n")
	login, hits := tenantServer(t)
	u, _ := url.Parse(login.URL)

	t.Run("host name resolved through the given resolver", func(t *testing.T) {
		base := "http://login.test:" + u.Port()
		c := scanAll(t, srv, base, "m365.test")
		if len(c.Assets) != 1 || c.Assets[0].Region != "EU" {
			t.Fatalf("assets %+v gaps %+v", c.Assets, c.Gaps)
		}
		if srv.count("login.test", "") == 0 {
			t.Error("login.test was not resolved through the test resolver")
		}
	})
	t.Run("sovereign clouds are not asked", func(t *testing.T) {
		scanAll(t, srv, login.URL, "gcch.test", "vianet.test", "mcd.test")
		for _, d := range []string{"gcch.test", "vianet.test", "mcd.test"} {
			if _, asked := hits.Load(d); asked {
				t.Errorf("%s was looked up", d)
			}
		}
	})
	t.Run("timeout becomes a gap within 3 s", func(t *testing.T) {
		start := time.Now()
		c := scanAll(t, srv, login.URL, "slow-tenant.test")
		if d := time.Since(start); d > tenantTimeout+time.Second {
			t.Errorf("took %v", d)
		}
		if len(c.Assets) != 1 || len(c.Assets[0].Gaps) != 1 || !strings.Contains(c.Assets[0].Gaps[0].Error, "no answer within 3s") {
			t.Fatalf("assets %+v", c.Assets)
		}
		if c.Assets[0].Provider != "microsoft-365" || c.Assets[0].Location != nil {
			t.Errorf("the item must keep its MX answer: %+v", c.Assets[0])
		}
	})
	t.Run("nothing listening", func(t *testing.T) {
		c := scanAll(t, srv, "http://127.0.0.1:1", "m365.test")
		if len(c.Assets) != 1 || len(c.Assets[0].Gaps) != 1 || !strings.Contains(c.Assets[0].Gaps[0].Error, "tenant region unknown") {
			t.Fatalf("assets %+v", c.Assets)
		}
	})
	t.Run("off", func(t *testing.T) {
		c := scanAll(t, srv, "", "m365.test")
		if len(c.Assets) != 1 || c.Assets[0].Region != "" || len(c.Assets[0].Gaps) != 0 {
			t.Fatalf("assets %+v", c.Assets)
		}
	})
}

func TestDiscoveryBase(t *testing.T) {
	tests := []struct {
		env, dns     string
		base, offHas string
		wantErr      bool
	}{
		{"", "", defaultTenantBase, "", false},
		{"", "9.9.9.9:53", defaultTenantBase, "", false},
		{"", "127.0.0.1:5353", "", "loopback", false},
		{"", "[::1]:53", "", "loopback", false},
		{"", "localhost:53", "", "loopback", false},
		{"on", "127.0.0.1:5353", defaultTenantBase, "", false},
		{"OFF", "", "", "turned off by REACHMAP_M365_DISCOVERY=OFF", false},
		{"0", "127.0.0.1:53", "", "turned off", false},
		{"http://127.0.0.1:8080/", "", "http://127.0.0.1:8080", "", false},
		{"ftp://x", "", "", "", true},
		{"banana", "", "", "", true},
	}
	for _, tt := range tests {
		base, off, err := discoveryBase(tt.env, tt.dns)
		if (err != nil) != tt.wantErr || base != tt.base || !strings.Contains(off, tt.offHas) || (tt.offHas == "" && off != "") {
			t.Errorf("discoveryBase(%q, %q) = %q, %q, %v", tt.env, tt.dns, base, off, err)
		}
	}
}

func TestLoopbackResolverLeavesTenantOffWithAGap(t *testing.T) {
	srv := startDNS(t, testZone)
	old := envDiscovery
	envDiscovery = func() string { return "" }
	defer func() { envDiscovery = old }()
	p, err := New(Options{Domains: []string{"m365.test"}}, providers.Shared{DNS: srv.Addr}, WithDNSTimeout(300*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	c := &collect{}
	if err := p.Scan(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if len(c.Assets) != 1 || len(c.Assets[0].Gaps) != 1 || !strings.Contains(c.Assets[0].Gaps[0].Error, EnvTenantDiscovery+"=on") {
		t.Fatalf("assets %+v", c.Assets)
	}
}
