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
// DNS goes only to the resolver the user gives (Config.DNS) or, without
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

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/geo/geoip"
	"github.com/reachmap/reachmap/internal/bounded"
	"github.com/reachmap/reachmap/providers"
)

// providerName is the name of this provider in progress and gaps.
const providerName = "mail"

// Factory builds one mail provider for all of Config.Domains, or none when
// there are no domains.
var Factory = providers.Factory{
	Name: providerName,
	New: func(cfg providers.Config) ([]providers.Provider, error) {
		if len(cfg.Domains) == 0 {
			return nil, nil
		}
		p, err := New(cfg)
		if err != nil {
			return nil, err
		}
		return []providers.Provider{p}, nil
	},
}

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
// beyond checking that a GeoIP file named in the config exists.
func New(cfg providers.Config, opts ...Option) (*Provider, error) {
	p := &Provider{
		dnsServer:   strings.TrimSpace(cfg.DNS),
		geoipPath:   cfg.GeoIPDB,
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

	ans, err := s.res.lookup(ctx, ascii, dns.TypeMX)
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
	slices.SortFunc(records, func(a, b mx) int {
		if a.pref != b.pref {
			return int(a.pref) - int(b.pref)
		}
		return strings.Compare(a.host, b.host)
	})
	records = slices.CompactFunc(records, func(a, b mx) bool { return a.host == b.host })

	tags := map[string]string{}
	if ascii != display {
		tags["domain_ascii"] = ascii
	}
	if len(records) == 0 {
		if null {
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
		records = []mx{{0, ascii}}
	} else {
		hosts := make([]string, len(records))
		for i, m := range records {
			hosts[i] = m.host
		}
		tags["mx"] = strings.Join(hosts, ",")
	}

	primary := records[0]
	pm, known := ClassifyMX(primary.host)
	switch {
	case !known:
		r.assets = append(r.assets, s.selfHosted(ctx, display, primary.host, tags))
	case pm.Kind == providers.KindMailGateway:
		r.assets = append(r.assets, s.gatewayAsset(ctx, display, primary.host, pm, tags))
		r.assets = append(r.assets, s.behindGateway(ctx, ascii, display, primary.host, pm, records[1:], tags))
	default:
		r.assets = append(r.assets, s.mailbox(ctx, ascii, display, primary.host, pm, tags))
	}
	return r
}

func cloneTags(t map[string]string, extra ...string) map[string]string {
	out := make(map[string]string, len(t)+len(extra)/2)
	for k, v := range t {
		out[k] = v
	}
	for i := 0; i+1 < len(extra); i += 2 {
		out[extra[i]] = extra[i+1]
	}
	return out
}

// mailbox is the asset of a mailbox service named by its MX (or SPF) host.
func (s *scanner) mailbox(ctx context.Context, ascii, display, host string, m Match, tags map[string]string) providers.Asset {
	a := providers.Asset{
		Provider: m.Provider,
		Account:  display,
		Kind:     providers.KindMailbox,
		Name:     display,
		Region:   m.Region,
		Host:     host,
		Evidence: geo.EvidenceDNS,
		Location: m.Location(),
		Tags:     cloneTags(tags, "service", m.Service),
	}
	if m.Provider == "microsoft-365" {
		s.microsoft(ctx, &a, ascii)
	}
	return a
}

// microsoft places a Microsoft 365 mailbox: the sovereign clouds by their
// MX zone, the commercial cloud by the tenant's geography.
func (s *scanner) microsoft(ctx context.Context, a *providers.Asset, ascii string) {
	switch a.Region {
	case "cn":
		a.Location = countryLocation("CN", geo.EvidenceDNS, geo.ConfidenceMedium,
			"Microsoft 365 operated by 21Vianet, known by its MX zone, keeps data in mainland China; the point is the country, not a data centre")
		return
	case "de-trustee":
		a.Location = countryLocation("DE", geo.EvidenceDNS, geo.ConfidenceMedium,
			"Microsoft Cloud Deutschland (closed in 2021), known by its MX zone, kept data in Frankfurt and Magdeburg under a German data trustee")
		return
	case "USGov":
		a.Location = countryLocation("US", geo.EvidenceDNS, geo.ConfidenceMedium,
			"Microsoft 365 GCC High / DoD, known by its MX zone, keeps data in the United States; the point is the country, not a data centre")
		return
	}
	if s.tenant == nil {
		if s.p.tenantOff != "" {
			a.Gaps = append(a.Gaps, providers.Gap{Provider: providerName, Account: a.Account, Item: a.Name,
				Error: "Microsoft 365 tenant region not looked up: " + s.p.tenantOff})
		}
		return
	}
	t, err := s.tenant.lookup(ctx, ascii)
	if err != nil {
		a.Gaps = append(a.Gaps, providers.Gap{Provider: providerName, Account: a.Account, Item: a.Name,
			Error: "Microsoft 365 tenant region unknown: " + err.Error(),
			Hint:  "the item is placed by its MX host only; scan again when online"})
		return
	}
	a.Region, a.Location = tenantLocation(t)
	a.Evidence = geo.EvidenceAPI
	a.Tags["tenant_region_scope"] = t.Scope
	if t.SubScope != "" {
		a.Tags["tenant_region_sub_scope"] = t.SubScope
	}
}

// selfHosted is the asset of an MX host no pattern names, placed by GeoIP.
func (s *scanner) selfHosted(ctx context.Context, display, host string, tags map[string]string) providers.Asset {
	pl := s.geoLocate(ctx, host)
	a := providers.Asset{
		Provider: "self-hosted",
		Account:  display,
		Kind:     providers.KindMailbox,
		Name:     display,
		Host:     host,
		Evidence: pl.loc.Evidence,
		Location: &pl.loc,
		Operator: pl.operator,
		Tags:     cloneTags(tags),
	}
	addGeoTags(a.Tags, pl)
	return a
}

func addGeoTags(tags map[string]string, pl placed) {
	if pl.addr.IsValid() {
		tags["ip"] = pl.addr.String()
	}
	if pl.asn != 0 {
		tags["asn"] = fmt.Sprint(pl.asn)
	}
	if pl.org != "" {
		tags["as_org"] = pl.org
	}
}

// gatewayAsset is the asset of a filtering gateway, placed by its host
// name's documented region, else by GeoIP.
func (s *scanner) gatewayAsset(ctx context.Context, display, host string, m Match, tags map[string]string) providers.Asset {
	a := providers.Asset{
		Provider: m.Provider,
		Account:  display,
		Kind:     providers.KindMailGateway,
		Name:     host,
		Region:   m.Region,
		Host:     host,
		Evidence: geo.EvidenceDNS,
		Location: m.Location(),
		Tags:     cloneTags(tags, "service", m.Service),
	}
	if a.Location == nil {
		pl := s.geoLocate(ctx, host)
		a.Location, a.Evidence = &pl.loc, pl.loc.Evidence
		addGeoTags(a.Tags, pl)
	}
	return a
}

// behindGateway finds the mailbox a gateway passes mail to: a lower-priority
// MX of a known mailbox service (mail may go there directly), else the
// domain's SPF includes, else an unknown mailbox that says why.
func (s *scanner) behindGateway(ctx context.Context, ascii, display, gwHost string, gw Match, rest []mx, tags map[string]string) providers.Asset {
	for _, m := range rest {
		if mm, ok := ClassifyMX(m.host); ok && mm.Kind == providers.KindMailbox {
			return s.mailbox(ctx, ascii, display, m.host, mm, cloneTags(tags, "inferred", "backup-mx", "gateway", gwHost))
		}
	}
	spf, err := s.spfServices(ctx, ascii)
	if err == nil && len(spf) > 0 {
		first := spf[0]
		a := s.mailbox(ctx, ascii, display, first.include, first.match, cloneTags(tags, "inferred", "spf", "gateway", gwHost))
		msg := fmt.Sprintf("mailbox host hidden behind %s (%s); %s is inferred from the SPF include %s, which lists who may send for the domain, not where its mailboxes are",
			gw.Service, gwHost, first.match.Service, first.include)
		if len(spf) > 1 {
			var others []string
			for _, o := range spf[1:] {
				others = append(others, o.match.Service+" ("+o.include+")")
			}
			msg += "; SPF also names " + strings.Join(others, ", ")
		}
		a.Gaps = append(a.Gaps, providers.Gap{Provider: providerName, Account: display, Item: display, Error: msg,
			Hint: "confirm the mailbox service with the domain's administrator"})
		return a
	}
	why := fmt.Sprintf("mailbox host hidden behind %s (%s), and the domain's SPF record names no mailbox service Reachmap knows", gw.Service, gwHost)
	if err != nil {
		why = fmt.Sprintf("mailbox host hidden behind %s (%s); the SPF record could not be read: %v", gw.Service, gwHost, err)
	}
	loc := geo.Unknown(why)
	return providers.Asset{
		Provider: "unknown",
		Account:  display,
		Kind:     providers.KindMailbox,
		Name:     display,
		Evidence: geo.EvidenceUnknown,
		Location: &loc,
		Tags:     cloneTags(tags, "gateway", gwHost),
	}
}

// Interface guard.
var _ providers.Provider = (*Provider)(nil)
