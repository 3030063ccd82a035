// Package mail finds where a domain's mailboxes live, from public DNS alone:
// no credentials, nothing written anywhere.
//
// For each domain it reads the MX records and names the service behind
// them by documented host-name patterns (Microsoft 365, Google, Proton,
// Zoho with its data-centre region, Amazon SES/WorkMail with its AWS
// region, …). A filtering gateway in front (Mimecast, Proofpoint, …) is
// reported as its own asset, and the mailbox behind it is inferred from the
// domain's SPF includes, with a gap that says it is an inference. An MX
// that matches no pattern is a self-hosted server, placed by GeoIP as
// weak evidence. For Microsoft 365 the tenant's geography is read from
// Microsoft Entra's public OpenID configuration.
//
// DNS goes only to the resolver the user gives (providers.Shared.DNS) or, without
// one, to the servers of /etc/resolv.conf.
package mail

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"

	"github.com/reachmap/reachmap/geo/geoip"
	"github.com/reachmap/reachmap/internal/bounded"
	"github.com/reachmap/reachmap/providers"
)

// providerName is the name of this provider in progress and gaps.
const providerName = "mail"

// Provider scans a list of domains. Create it with New.
type Provider struct {
	domains     []string
	dnsServer   string
	geoipPath   string
	resolvConf  string
	timeout     time.Duration
	concurrency int
	tenantBase  string
	tenantOff   string // why discovery is off, when it is off for a reason worth telling
}

// Option adjusts a Provider; the defaults suit a person's scan.
type Option func(*Provider)

// WithDNSTimeout sets how long one DNS exchange may take (default 2 s).
func WithDNSTimeout(d time.Duration) Option { return func(p *Provider) { p.timeout = d } }

// WithConcurrency sets how many domains are looked up at once (default 64).
func WithConcurrency(n int) Option { return func(p *Provider) { p.concurrency = n } }

// WithTenantDiscovery sets the base URL for Microsoft 365 tenant discovery
// ("" turns it off), overriding the environment and the loopback rule.
func WithTenantDiscovery(base string) Option {
	return func(p *Provider) { p.tenantBase, p.tenantOff = strings.TrimSuffix(base, "/"), "" }
}

// withResolvConf points the system-resolver path at another file (tests).
func withResolvConf(path string) Option { return func(p *Provider) { p.resolvConf = path } }

const defaultConcurrency = 64

// New checks the configuration and returns a provider. It does no I/O
// beyond checking that a GeoIP file named in shared exists.
func New(cfg Options, shared providers.Shared, opts ...Option) (*Provider, error) {
	p := &Provider{
		dnsServer:   strings.TrimSpace(shared.DNS),
		geoipPath:   shared.GeoIPDB,
		resolvConf:  "/etc/resolv.conf",
		timeout:     defaultDNSTimeout,
		concurrency: defaultConcurrency,
	}
	// The same domain typed twice (Bücher.de, xn--bcher-kva.de) is looked
	// up once; bad input is kept, so that its gap is reported.
	seen := map[string]bool{}
	for _, d := range cfg.Domains {
		key := strings.ToLower(strings.TrimSpace(d))
		if ascii, _, err := normalizeDomain(d); err == nil {
			key = ascii
		}
		if !seen[key] {
			seen[key] = true
			p.domains = append(p.domains, d)
		}
	}
	if p.dnsServer != "" {
		if _, err := parseServer(p.dnsServer); err != nil {
			return nil, fmt.Errorf("--dns: %w", err)
		}
	}
	for _, f := range filepath.SplitList(p.geoipPath) {
		if strings.TrimSpace(f) == "" {
			continue
		}
		if _, err := os.Stat(f); err != nil {
			return nil, fmt.Errorf("--geoip-db: %w", err)
		}
	}
	base, off, err := discoveryBase(envDiscovery(), p.dnsServer)
	if err != nil {
		return nil, err
	}
	p.tenantBase, p.tenantOff = base, off
	for _, o := range opts {
		o(p)
	}
	if p.concurrency < 1 {
		p.concurrency = 1
	}
	return p, nil
}

// Name implements providers.Provider.
func (p *Provider) Name() string { return providerName }

// Scan looks up every domain, at most the configured number at once, and
// reports assets and gaps into sink as each domain finishes. It returns an
// error only when no lookup could start (no resolver), or ctx's error when
// cancelled.
func (p *Provider) Scan(ctx context.Context, sink providers.Sink) error {
	res, err := newResolver(p.dnsServer, p.resolvConf, p.timeout)
	if err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	s := &scanner{p: p, res: res}
	if p.tenantBase != "" {
		s.tenant = newTenantClient(p.tenantBase, res, p.dnsServer != "")
	}

	total := len(p.domains)
	sink.Progress(providers.Progress{Provider: providerName, Stage: "domains", Total: total})
	var (
		mu   sync.Mutex
		done int
	)
	bounded.Each(ctx, p.concurrency, p.domains, func(d string) {
		if ctxErr(ctx) != nil {
			return // the deadline has passed: nothing more is looked up
		}
		r := s.domain(ctx, d)
		if ctxErr(ctx) != nil {
			return // a cancelled lookup is not the domain's fault
		}
		for _, a := range r.assets {
			sink.Asset(a)
		}
		for _, g := range r.gaps {
			sink.Gap(g)
		}
		mu.Lock()
		done++
		n := done
		mu.Unlock()
		sink.Progress(providers.Progress{Provider: providerName, Account: r.account, Stage: "domains", Done: n, Total: total})
	})
	if s.tenant != nil {
		s.tenant.http.CloseIdleConnections()
	}
	if db := s.db; db != nil {
		db.Close()
	}
	return ctxErr(ctx)
}

// ctxErr is ctx.Err(), and also DeadlineExceeded once the deadline has
// passed: a network deadline can fire a moment before the context's own
// timer, and a lookup that failed for that reason must not be reported as
// the domain's fault.
func ctxErr(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d, ok := ctx.Deadline(); ok && !time.Now().Before(d) {
		return context.DeadlineExceeded
	}
	return nil
}

// scanner holds what one Scan shares between its domains.
type scanner struct {
	p      *Provider
	res    *resolver
	tenant *tenantClient

	dbOnce sync.Once
	db     *geoip.DB
	dbErr  error
}

// geoDB opens the GeoIP databases on first use: a scan with no
// self-hosted server never pays for them.
func (s *scanner) geoDB() (*geoip.DB, error) {
	s.dbOnce.Do(func() {
		s.db, s.dbErr = geoip.Open(s.p.geoipPath)
	})
	return s.db, s.dbErr
}

// result is what one domain gave.
type result struct {
	account string
	assets  []providers.Asset
	gaps    []providers.Gap
}

func (r *result) gap(err, hint string) {
	r.gaps = append(r.gaps, providers.Gap{Provider: providerName, Account: r.account, Error: err, Hint: hint})
}

// mx is one MX record.
type mx struct {
	pref uint16
	host string
}

// domain looks one domain up. It never panics on bad input and never
// returns an error: everything it could not learn is a gap.
func (s *scanner) domain(ctx context.Context, input string) result {
	ascii, display, err := normalizeDomain(input)
	r := result{account: display}
	if err != nil {
		r.account = strings.TrimSpace(input)
		r.gap(err.Error(), "give a domain name such as example.com")
		return r
	}

	ps := newProbed()
	s.probeAll(ctx, ascii, ps, 0, firstRound)
	ans, err := ps[0].ans, ps[0].err
	switch {
	case errors.Is(err, errNXDomain):
		r.gap(fmt.Sprintf("%s does not exist: %v", display, err), "check the spelling of the domain")
		return r
	case err != nil:
		r.gap(fmt.Sprintf("MX lookup of %s failed: %v", display, err), "check the network and the resolver (--dns)")
		return r
	}
	var records []mx
	null := false
	for _, rr := range ans.rrs {
		m, ok := rr.(*dns.MX)
		if !ok {
			continue
		}
		h := cleanHost(m.Mx)
		if h == "" {
			null = true // RFC 7505: "." says the domain takes no mail
			continue
		}
		records = append(records, mx{m.Preference, h})
	}
	// The primary MX is the one with the lowest preference.
	slices.SortFunc(records, func(a, b mx) int {
		if a.pref != b.pref {
			return int(a.pref) - int(b.pref)
		}
		return strings.Compare(a.host, b.host)
	})
	records = slices.CompactFunc(records, func(a, b mx) bool { return a.host == b.host })

	ev := &evidence{ascii: ascii, display: display, probes: ps}
	ev.apex, ev.apexErr = apexTXT(ps)
	var kept []mx
	for _, m := range records {
		if sesFeedback(m.host) {
			ev.mx = append(ev.mx, providers.Signal{Probe: "mx", Record: mxRecord(ascii, m), Provider: "aws",
				Says: "the bounce endpoint of mail sent through Amazon SES, not a mailbox"})
			continue
		}
		kept = append(kept, m)
	}

	tags := map[string]string{}
	if ascii != display {
		tags["domain_ascii"] = ascii
	}
	if len(kept) == 0 {
		switch {
		case len(records) > 0:
			r.gap(display+" has only Amazon SES feedback MX records: they receive the bounces of mail sent through SES, and no mailbox is there", "")
			return r
		case null:
			r.gap(display+" accepts no mail (null MX, RFC 7505)", "")
			return r
		}
		// RFC 5321 §5.1: with no MX, mail goes to the domain's own
		// address, so the domain is its own mail host.
		addrs, err := s.res.addrs(ctx, ascii)
		if err != nil && !errors.Is(err, errNXDomain) {
			r.gap(fmt.Sprintf("%s has no MX record, and its address lookup failed: %v", display, err), "check the network and the resolver (--dns)")
			return r
		}
		if len(addrs) == 0 {
			r.gap(display+" has no MX record and no address: it receives no mail", "")
			return r
		}
		tags["mx"] = ascii + " (implicit: no MX, the domain's A/AAAA record)"
		kept = []mx{{0, ascii}}
	} else {
		hosts := make([]string, len(kept))
		for i, m := range kept {
			hosts[i] = m.host
		}
		tags["mx"] = strings.Join(hosts, ",")
	}
	for _, m := range kept {
		ev.mx = append(ev.mx, mxSignal(ascii, m))
	}
	r.assets = s.attribute(ctx, ev, kept, tags)
	return r
}

// Interface guard.
var _ providers.Provider = (*Provider)(nil)
