package mail

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/internal/bounded"
)

// Microsoft 365 tenant discovery: Entra ID publishes, for any domain
// verified in a tenant, an OpenID configuration whose tenant_region_scope
// names the tenant's geography (NA, EU, AS, WW, USGov) and whose
// tenant_region_sub_scope names a government cloud (GCC, DODCON, DOD). It is
// a coarse geography, not the data centre of a mailbox.
const (
	defaultTenantBase = "https://login.microsoftonline.com"
	// tenantTimeout bounds the whole request: offline, the item still
	// appears at once with its MX-based answer and a gap.
	tenantTimeout = 3 * time.Second
	// EnvTenantDiscovery switches discovery independently of any Config:
	// "off" never asks, "on" asks the real host even with a loopback
	// resolver, and an http(s) URL asks that base URL instead.
	EnvTenantDiscovery = "REACHMAP_M365_DISCOVERY"
)

// tenantInfo is the part of the OpenID configuration Reachmap reads.
type tenantInfo struct {
	Scope    string `json:"tenant_region_scope"`
	SubScope string `json:"tenant_region_sub_scope"`
	Cloud    string `json:"cloud_instance_name"`
}

// discoveryBase decides where tenant discovery goes, or "" for nowhere,
// with the reason when it is off.
func discoveryBase(env string, dnsServer string) (base, offReason string, err error) {
	switch v := strings.TrimSpace(env); {
	case strings.EqualFold(v, "off"), v == "0", strings.EqualFold(v, "false"):
		return "", "turned off by " + EnvTenantDiscovery + "=" + v, nil
	case strings.EqualFold(v, "on"), v == "1", strings.EqualFold(v, "true"):
		return defaultTenantBase, "", nil
	case v != "":
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return "", "", fmt.Errorf("%s=%q: want off, on or an http(s) base URL", EnvTenantDiscovery, v)
		}
		return strings.TrimSuffix(v, "/"), "", nil
	}
	// A resolver on loopback means a test set-up (or a local forwarder):
	// stay off the real login host unless told otherwise.
	if dnsServer != "" {
		if addr, err := parseServer(dnsServer); err == nil {
			if ap, err := netip.ParseAddrPort(addr); err == nil && ap.Addr().IsLoopback() {
				return "", "the resolver is on loopback (a test set-up), so the Microsoft login host was not asked; set " +
					EnvTenantDiscovery + "=on to ask it", nil
			}
		}
	}
	return defaultTenantBase, "", nil
}

// tenantClient asks one base URL for tenant configurations.
type tenantClient struct {
	base string
	http *http.Client
	// inFlight bounds requests in flight: a scan of many Microsoft 365
	// domains should not open dozens of connections to one host.
	inFlight *bounded.Limit
}

const tenantConcurrency = 8

// newTenantClient returns a client whose connections resolve host names
// through res when the user named a resolver, so that no DNS query leaves
// for another server; with the system resolver it dials as usual.
func newTenantClient(base string, res *resolver, explicitDNS bool) *tenantClient {
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		TLSHandshakeTimeout:   tenantTimeout,
		ResponseHeaderTimeout: tenantTimeout,
		MaxIdleConnsPerHost:   8,
	}
	dialer := &net.Dialer{Timeout: tenantTimeout}
	tr.DialContext = dialer.DialContext
	if explicitDNS {
		tr.Proxy = nil // a proxy would resolve names itself
		tr.DialContext = func(ctx context.Context, network, address string) (net.Conn, error) {
			host, port, err := net.SplitHostPort(address)
			if err != nil {
				return nil, err
			}
			if a, err := netip.ParseAddr(host); err == nil {
				return dialer.DialContext(ctx, network, net.JoinHostPort(a.String(), port))
			}
			addrs, err := res.addrs(ctx, host)
			if err != nil {
				return nil, fmt.Errorf("resolve %s: %w", host, err)
			}
			var errs []error
			for _, a := range addrs {
				c, err := dialer.DialContext(ctx, network, net.JoinHostPort(a.String(), port))
				if err == nil {
					return c, nil
				}
				errs = append(errs, err)
			}
			if len(errs) == 0 {
				return nil, fmt.Errorf("resolve %s: no address", host)
			}
			return nil, errors.Join(errs...)
		}
	}
	return &tenantClient{base: base, inFlight: bounded.NewLimit(tenantConcurrency), http: &http.Client{
		Transport: tr,
		Timeout:   tenantTimeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 3 {
				return errors.New("too many redirects")
			}
			return nil
		},
	}}
}

// lookup fetches the tenant configuration of an ASCII domain, with at
// most tenantConcurrency requests in flight.
func (c *tenantClient) lookup(ctx context.Context, domain string) (t tenantInfo, err error) {
	if lerr := c.inFlight.Do(ctx, func() { t, err = c.fetch(ctx, domain) }); lerr != nil {
		return tenantInfo{}, lerr
	}
	return t, err
}

// fetch is one request of lookup.
func (c *tenantClient) fetch(ctx context.Context, domain string) (tenantInfo, error) {
	ctx, cancel := context.WithTimeout(ctx, tenantTimeout)
	defer cancel()
	u := c.base + "/" + url.PathEscape(domain) + "/.well-known/openid-configuration"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return tenantInfo{}, fmt.Errorf("tenant lookup: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || isTimeout(err) {
			return tenantInfo{}, fmt.Errorf("tenant lookup at %s: no answer within %v", c.base, tenantTimeout)
		}
		return tenantInfo{}, fmt.Errorf("tenant lookup at %s: %w", c.base, err)
	}
	defer resp.Body.Close()
	body := io.LimitReader(resp.Body, 1<<20)
	switch {
	case resp.StatusCode == http.StatusBadRequest || resp.StatusCode == http.StatusNotFound:
		return tenantInfo{}, fmt.Errorf("tenant lookup: Microsoft Entra ID knows no tenant for %s (HTTP %d)", domain, resp.StatusCode)
	case resp.StatusCode != http.StatusOK:
		return tenantInfo{}, fmt.Errorf("tenant lookup at %s: HTTP %d", c.base, resp.StatusCode)
	}
	var t tenantInfo
	if err := json.NewDecoder(body).Decode(&t); err != nil {
		return tenantInfo{}, fmt.Errorf("tenant lookup: read configuration: %w", err)
	}
	t.Scope, t.SubScope = strings.TrimSpace(t.Scope), strings.TrimSpace(t.SubScope)
	if t.Scope == "" {
		return tenantInfo{}, errors.New("tenant lookup: the configuration has no tenant_region_scope")
	}
	return t, nil
}

// Representative points for geographies. They stand for an area, and the
// Note says so.
var (
	atBrussels  = [2]float64{50.85, 4.35}
	atSingapore = [2]float64{1.35, 103.82}
)

// tenantLocation maps a tenant's region scope to a region code and a
// location. The scopes are Entra geographies, so confidence stays low
// except for the US government clouds, which Microsoft keeps in the US.
func tenantLocation(t tenantInfo) (string, *geo.Location) {
	scope, sub := strings.ToUpper(t.Scope), strings.ToUpper(t.SubScope)
	subNote := ""
	if sub != "" {
		subNote = ", sub-scope " + sub
	}
	src := "Microsoft Entra tenant_region_scope " + t.Scope + subNote
	switch {
	case scope == "USGOV" || (scope == "NA" && (sub == "GCC" || sub == "DOD" || sub == "DODCON")):
		loc := countryLocation("US", geo.EvidenceAPI, geo.ConfidenceMedium,
			src+": a US government cloud, kept in the United States; the point is the country, not a data centre")
		return "USGov", loc
	case scope == "NA":
		return "NA", countryLocation("US", geo.EvidenceAPI, geo.ConfidenceLow,
			src+": the North America geography, usually the United States (Canadian tenants report NA too); not a data centre")
	case scope == "EU":
		return "EU", &geo.Location{
			Area: "EU", Lat: atBrussels[0], Lon: atBrussels[1],
			Evidence: geo.EvidenceAPI, Confidence: geo.ConfidenceLow,
			Note: src + ": the EU geography; the point is Brussels, standing for the EU, not a data centre",
		}
	case scope == "AS":
		return "AS", &geo.Location{
			Area: "Asia-Pacific", Lat: atSingapore[0], Lon: atSingapore[1],
			Evidence: geo.EvidenceAPI, Confidence: geo.ConfidenceLow,
			Note: src + ": the Asia-Pacific geography; the point is Singapore, standing for the area, not a data centre",
		}
	case scope == "WW":
		loc := geo.Unknown(src + ": a worldwide tenant, tied to no geography")
		return "WW", &loc
	}
	loc := geo.Unknown(src + ": a scope Reachmap does not know")
	return t.Scope, &loc
}

// envDiscovery reads the environment switch; split out for tests.
var envDiscovery = func() string { return os.Getenv(EnvTenantDiscovery) }
