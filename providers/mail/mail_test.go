package mail

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/providertest"
)

// testZone has a domain for every pattern and every failure the provider
// must survive. Public addresses in it are data only: nothing connects to
// them, they are looked up in the GeoIP database.
const testZone = `
; Microsoft 365, commercial (tenant region from the test login server)
m365.test.            300 IN MX 0 m365-test.mail.protection.outlook.com.
m365-na.test.         300 IN MX 0 m365-na-test.mail.protection.outlook.com.
m365-gcc.test.        300 IN MX 0 m365-gcc-test.mail.protection.outlook.com.
m365-ww.test.         300 IN MX 0 m365-ww-test.mail.protection.outlook.com.
m365-as.test.         300 IN MX 0 m365-as-test.mail.protection.outlook.com.
m365-400.test.        300 IN MX 0 m365-400-test.mail.protection.outlook.com.
m365-new.test.        300 IN MX 0 m365-new-test.o-v1.mx.microsoft.
outlookcom.test.      300 IN MX 0 outlookcom-test.olc.protection.outlook.com.
; Microsoft sovereign clouds, known by the MX zone
gcch.test.            300 IN MX 0 gcch-test.mail.protection.office365.us.
vianet.test.          300 IN MX 0 vianet-test.mail.protection.partner.outlook.cn.
mcd.test.             300 IN MX 0 mcd-test.mail.protection.outlook.de.
; Google
google.test.          300 IN MX 1 aspmx.l.google.com.
google.test.          300 IN MX 5 alt1.aspmx.l.google.com.
google.test.          300 IN MX 10 aspmx2.googlemail.com.
gsmtp.test.           300 IN MX 1 smtp.google.com.
gmail.test.           300 IN MX 5 gmail-smtp-in.l.google.com.
; The rest of the mailbox services
proton.test.          300 IN MX 10 mail.protonmail.ch.
proton.test.          300 IN MX 20 mailsec.protonmail.ch.
tuta.test.            300 IN MX 10 mail.tutanota.de.
fastmail.test.        300 IN MX 10 in1-smtp.messagingengine.com.
fastmail.test.        300 IN MX 20 in2-smtp.messagingengine.com.
zoho-us.test.         300 IN MX 10 mx.zoho.com.
zoho-eu.test.         300 IN MX 10 mx.zoho.eu.
zoho-in.test.         300 IN MX 10 mx.zoho.in.
zoho-au.test.         300 IN MX 10 mx.zoho.com.au.
zoho-jp.test.         300 IN MX 10 mx.zoho.jp.
yandex.test.          300 IN MX 10 mx.yandex.net.
mailboxorg.test.      300 IN MX 10 mxext1.mailbox.org.
ionos.test.           300 IN MX 10 mx00.ionos.de.
icloud.test.          300 IN MX 10 mx01.mail.icloud.com.
yahoo.test.           300 IN MX 10 mta5.am0.yahoodns.net.
infomaniak.test.      300 IN MX 10 mta-gw.infomaniak.ch.
ovh.test.             300 IN MX 1 mx1.mail.ovh.net.
ses.test.             300 IN MX 10 inbound-smtp.eu-west-1.amazonaws.com.
; Gateways, with SPF naming the mailbox service behind them
mimecast.test.        300 IN MX 10 eu-smtp-inbound-1.mimecast.com.
mimecast.test.        300 IN MX 10 eu-smtp-inbound-2.mimecast.com.
mimecast.test.        300 IN TXT "google-site-verification=abc"
mimecast.test.        300 IN TXT "v=spf1 include:eu._netblocks.mimecast.com include:spf.protection.outlook.com -all"
pp.test.              300 IN MX 10 mx0a-00123.pphosted.com.
pp.test.              300 IN MX 10 mx0b-00123.pphosted.com.
mx0a-00123.pphosted.com. 300 IN A 8.8.8.8
pp.test.              300 IN TXT "v=spf1 ip4:192.0.2.0/24 include:sendgrid.net include:_spf.google.com include:spf.protection.outlook.com ~all"
nested.test.          300 IN MX 10 mx1-eu1.ppe-hosted.com.
nested.test.          300 IN TXT "v=spf1 redirect=_spf.nested.test"
_spf.nested.test.     300 IN TXT "v=spf1 include:_spf.corp.nested.test -all"
_spf.corp.nested.test. 300 IN TXT "v=spf1 include:%{i}._spf.mta.salesforce.com include:_spf.protonmail.ch -all"
barracuda.test.       300 IN MX 10 d1234a.ess.de.barracudanetworks.com.
barracuda.test.       300 IN TXT "v=spf1 include:spf.mandrillapp.com -all"
ironport.test.        300 IN MX 10 mx1.hc1-23.iphmx.com.
ironport.test.        300 IN MX 20 ironport-test.mail.protection.outlook.com.
mx1.hc1-23.iphmx.com. 300 IN A 1.1.1.1
; Self-hosted, placed by GeoIP
selfhosted.test.      300 IN MX 10 mail.selfhosted.test.
mail.selfhosted.test. 300 IN A 5.9.0.1
mail.selfhosted.test. 300 IN AAAA 2a01:4f8::25
private.test.         300 IN MX 10 mail.private.test.
mail.private.test.    300 IN A 10.0.0.5
noaddr.test.          300 IN MX 10 mail.noaddr.test.
iplit.test.           300 IN MX 10 5.9.0.1.
ec2.test.             300 IN MX 10 ec2-3-120-0-1.eu-central-1.compute.amazonaws.com.
ec2-3-120-0-1.eu-central-1.compute.amazonaws.com. 300 IN A 3.120.0.1
; No MX: mail goes to the domain's own address (RFC 5321)
nomx.test.            300 IN A 193.0.6.139
nomail.test.          300 IN TXT "v=spf1 -all"
nullmx.test.          300 IN MX 0 .
; CNAMEs: on the domain, on the MX host, a chain, a loop
cname.test.           300 IN CNAME google.test.
alias.test.           300 IN MX 10 mx.alias.test.
mx.alias.test.        300 IN CNAME mx2.alias.test.
mx2.alias.test.       300 IN CNAME mail.selfhosted.test.
partial.test.         300 IN CNAME proton.test.
loop1.test.           300 IN CNAME loop2.test.
loop2.test.           300 IN CNAME loop1.test.
; Misbehaving servers
big.test.             300 IN MX 10 aspmx.l.google.com.
slow.test.            300 IN MX 10 aspmx.l.google.com.
broken.test.          300 IN MX 10 aspmx.l.google.com.
; IDN: bücher.test
xn--bcher-kva.test.   300 IN MX 10 mail.protonmail.ch.
; The Microsoft login host, for the dial-through-the-resolver test
login.test.           300 IN A 127.0.0.1
`

// collect is a Sink that keeps everything, with the mail tests' own ways
// of reading it.
type collect struct{ providertest.Recorder }

func (c *collect) byAccount(account string) (assets []providers.Asset, gaps []providers.Gap) {
	for _, a := range c.Assets {
		if a.Account == account {
			assets = append(assets, a)
		}
	}
	for _, g := range c.Gaps {
		if g.Account == account {
			gaps = append(gaps, g)
		}
	}
	return assets, gaps
}

func scanAll(t *testing.T, srv *testDNS, tenantURL string, domains ...string) *collect {
	t.Helper()
	p, err := New(Options{Domains: domains}, providers.Shared{DNS: srv.Addr},
		WithDNSTimeout(300*time.Millisecond), WithTenantDiscovery(tenantURL))
	if err != nil {
		t.Fatal(err)
	}
	c := &collect{}
	if err := p.Scan(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	return c
}

// want describes the mailbox (or gateway) asset expected for a domain.
type want struct {
	kind     providers.Kind
	provider string
	region   string
	name     string // defaults to the account
	host     string
	country  string
	area     string
	evidence geo.Evidence
	conf     geo.Confidence
	operator string
	noteHas  string
	gapHas   string // an asset gap must contain this
	tags     map[string]string
}

func TestScanDomains(t *testing.T) {
	srv := startDNS(t, testZone, func(s *testDNS) {
		s.truncate["big.test."] = true
		s.silent["slow.test."] = true
		s.servfail["broken.test."] = true
		s.partialCNAM["partial.test."] = true
	})
	login, _ := tenantServer(t)

	tests := []struct {
		domain  string
		account string // defaults to domain
		assets  []want
		gap     string // a domain gap must contain this; then no assets
	}{
		{domain: "m365.test", assets: []want{{provider: "microsoft-365", region: "EU", host: "m365-test.mail.protection.outlook.com",
			area: "EU", evidence: geo.EvidenceAPI, conf: geo.ConfidenceLow, noteHas: "not a data centre",
			tags: map[string]string{"tenant_region_scope": "EU", "service": "Microsoft 365"}}}},
		{domain: "m365-na.test", assets: []want{{provider: "microsoft-365", region: "NA", country: "US", evidence: geo.EvidenceAPI, conf: geo.ConfidenceLow}}},
		{domain: "m365-gcc.test", assets: []want{{provider: "microsoft-365", region: "USGov", country: "US", evidence: geo.EvidenceAPI, conf: geo.ConfidenceMedium,
			tags: map[string]string{"tenant_region_sub_scope": "GCC"}}}},
		{domain: "m365-ww.test", assets: []want{{provider: "microsoft-365", region: "WW", evidence: geo.EvidenceUnknown, conf: geo.ConfidenceNone, noteHas: "worldwide"}}},
		{domain: "m365-as.test", assets: []want{{provider: "microsoft-365", region: "AS", area: "Asia-Pacific", evidence: geo.EvidenceAPI, conf: geo.ConfidenceLow}}},
		{domain: "m365-400.test", assets: []want{{provider: "microsoft-365", region: "", evidence: geo.EvidenceDNS, gapHas: "knows no tenant"}}},
		{domain: "m365-new.test", assets: []want{{provider: "microsoft-365", region: "EU", host: "m365-new-test.o-v1.mx.microsoft", area: "EU"}}},
		{domain: "outlookcom.test", assets: []want{{provider: "microsoft-365", gapHas: "knows no tenant", tags: map[string]string{"service": "Outlook.com (consumer)"}}}},
		{domain: "gcch.test", assets: []want{{provider: "microsoft-365", region: "USGov", country: "US", evidence: geo.EvidenceDNS, conf: geo.ConfidenceMedium}}},
		{domain: "vianet.test", assets: []want{{provider: "microsoft-365", region: "cn", country: "CN", evidence: geo.EvidenceDNS, conf: geo.ConfidenceMedium}}},
		{domain: "mcd.test", assets: []want{{provider: "microsoft-365", region: "de-trustee", country: "DE", evidence: geo.EvidenceDNS}}},
		{domain: "google.test", assets: []want{{provider: "google-workspace", host: "aspmx.l.google.com", evidence: geo.EvidenceDNS,
			tags: map[string]string{"mx": "aspmx.l.google.com,alt1.aspmx.l.google.com,aspmx2.googlemail.com"}}}},
		{domain: "gsmtp.test", assets: []want{{provider: "google-workspace", host: "smtp.google.com"}}},
		{domain: "gmail.test", assets: []want{{provider: "google-workspace", tags: map[string]string{"service": "Gmail"}}}},
		{domain: "proton.test", assets: []want{{provider: "proton", host: "mail.protonmail.ch", evidence: geo.EvidenceDNS}}},
		{domain: "tuta.test", assets: []want{{provider: "tuta", host: "mail.tutanota.de"}}},
		{domain: "fastmail.test", assets: []want{{provider: "fastmail", host: "in1-smtp.messagingengine.com"}}},
		{domain: "zoho-us.test", assets: []want{{provider: "zoho", region: "us", country: "US", evidence: geo.EvidenceDNS, conf: geo.ConfidenceMedium}}},
		{domain: "zoho-eu.test", assets: []want{{provider: "zoho", region: "eu", area: "EU", evidence: geo.EvidenceDNS, conf: geo.ConfidenceLow}}},
		{domain: "zoho-in.test", assets: []want{{provider: "zoho", region: "in", country: "IN"}}},
		{domain: "zoho-au.test", assets: []want{{provider: "zoho", region: "au", country: "AU"}}},
		{domain: "zoho-jp.test", assets: []want{{provider: "zoho", region: "jp", country: "JP"}}},
		{domain: "yandex.test", assets: []want{{provider: "yandex"}}},
		{domain: "mailboxorg.test", assets: []want{{provider: "mailbox.org"}}},
		{domain: "ionos.test", assets: []want{{provider: "ionos"}}},
		{domain: "icloud.test", assets: []want{{provider: "icloud"}}},
		{domain: "yahoo.test", assets: []want{{provider: "yahoo"}}},
		{domain: "infomaniak.test", assets: []want{{provider: "infomaniak"}}},
		{domain: "ovh.test", assets: []want{{provider: "ovh"}}},
		{domain: "ses.test", assets: []want{{provider: "aws", region: "eu-west-1", host: "inbound-smtp.eu-west-1.amazonaws.com", evidence: geo.EvidenceDNS}}},

		{domain: "mimecast.test", assets: []want{
			{kind: providers.KindMailGateway, provider: "mimecast", region: "eu", name: "eu-smtp-inbound-1.mimecast.com", host: "eu-smtp-inbound-1.mimecast.com",
				country: "GB", evidence: geo.EvidenceDNS, conf: geo.ConfidenceLow, noteHas: "Europe (excluding Germany)"},
			{provider: "microsoft-365", region: "EU", host: "spf.protection.outlook.com", area: "EU", gapHas: "inferred from the SPF include spf.protection.outlook.com",
				tags: map[string]string{"inferred": "spf", "gateway": "eu-smtp-inbound-1.mimecast.com"}},
		}},
		{domain: "pp.test", assets: []want{
			{kind: providers.KindMailGateway, provider: "proofpoint", name: "mx0a-00123.pphosted.com", host: "mx0a-00123.pphosted.com",
				country: "US", evidence: geo.EvidenceGeoIP, conf: geo.ConfidenceLow, noteHas: "registration country of IP 8.8.8.8 (ASN 15169 Google LLC), not the data centre"},
			{provider: "google-workspace", host: "_spf.google.com", gapHas: "SPF also names Microsoft 365 (spf.protection.outlook.com)"},
		}},
		{domain: "nested.test", assets: []want{
			{kind: providers.KindMailGateway, provider: "proofpoint", region: "eu1", name: "mx1-eu1.ppe-hosted.com", area: "EU", evidence: geo.EvidenceDNS, conf: geo.ConfidenceLow},
			{provider: "proton", host: "_spf.protonmail.ch", gapHas: "SPF include _spf.protonmail.ch"},
		}},
		{domain: "barracuda.test", assets: []want{
			{kind: providers.KindMailGateway, provider: "barracuda", region: "de", name: "d1234a.ess.de.barracudanetworks.com", country: "DE", evidence: geo.EvidenceDNS},
			{provider: "unknown", evidence: geo.EvidenceUnknown, noteHas: "name no mailbox service"},
		}},
		{domain: "ironport.test", assets: []want{
			{kind: providers.KindMailGateway, provider: "cisco", name: "mx1.hc1-23.iphmx.com", country: "US", evidence: geo.EvidenceGeoIP},
			{provider: "microsoft-365", region: "NA", host: "ironport-test.mail.protection.outlook.com", country: "US", tags: map[string]string{"inferred": "backup-mx"}},
		}},

		{domain: "selfhosted.test", assets: []want{{provider: "self-hosted", host: "mail.selfhosted.test", country: "DE", evidence: geo.EvidenceGeoIP,
			conf: geo.ConfidenceLow, operator: "hetzner", noteHas: "registration country of IP 5.9.0.1 (ASN 24940 Hetzner Online GmbH), not the data centre",
			tags: map[string]string{"ip": "5.9.0.1", "asn": "24940"}}}},
		{domain: "private.test", assets: []want{{provider: "self-hosted", evidence: geo.EvidenceUnknown, noteHas: "private or local addresses (10.0.0.5)"}}},
		{domain: "noaddr.test", assets: []want{{provider: "self-hosted", evidence: geo.EvidenceUnknown, noteHas: "could not be resolved"}}},
		{domain: "iplit.test", assets: []want{{provider: "self-hosted", host: "5.9.0.1", country: "DE", operator: "hetzner", evidence: geo.EvidenceGeoIP}}},
		{domain: "ec2.test", assets: []want{{provider: "self-hosted", operator: "aws", evidence: geo.EvidenceGeoIP}}},
		{domain: "nomx.test", assets: []want{{provider: "self-hosted", host: "nomx.test", country: "NL", evidence: geo.EvidenceGeoIP,
			tags: map[string]string{"mx": "nomx.test (implicit: no MX, the domain's A/AAAA record)"}}}},
		{domain: "nomail.test", gap: "has no MX record and no address"},
		{domain: "nullmx.test", gap: "accepts no mail (null MX, RFC 7505)"},
		{domain: "missing.test", gap: "does not exist"},

		{domain: "cname.test", assets: []want{{provider: "google-workspace", host: "aspmx.l.google.com"}}},
		{domain: "alias.test", assets: []want{{provider: "self-hosted", host: "mx.alias.test", country: "DE", operator: "hetzner"}}},
		{domain: "partial.test", assets: []want{{provider: "proton"}}},
		{domain: "loop1.test", gap: "CNAME loop"},
		{domain: "big.test", assets: []want{{provider: "google-workspace"}}},
		{domain: "slow.test", gap: "no answer from 127.0.0.1"},
		{domain: "broken.test", gap: "SERVFAIL"},

		{domain: "bücher.test", assets: []want{{provider: "proton", tags: map[string]string{"domain_ascii": "xn--bcher-kva.test"}}}},
		{domain: "BÜCHER.test.", account: "bücher.test", assets: []want{{provider: "proton"}}},
		{domain: "xn--bcher-kva.test", account: "bücher.test", assets: []want{{provider: "proton"}}},
		{domain: "alice@Proton.TEST", account: "proton.test", assets: []want{{provider: "proton"}}},
		{domain: "exa mple.com", account: "exa mple.com", gap: "not a valid domain name"},
		{domain: "under_score.test", account: "under_score.test", gap: "not a valid domain name"},
		{domain: "-bad-.test", account: "-bad-.test", gap: "not a valid domain name"},
		{domain: "a..b", account: "a..b", gap: "not a valid domain name"},
		{domain: "localhost", account: "localhost", gap: "single label"},
		{domain: "192.0.2.1", account: "192.0.2.1", gap: "IP address"},
		{domain: "   ", account: "", gap: "empty domain"},
		{domain: strings.Repeat("a", 64) + ".test", account: strings.Repeat("a", 64) + ".test", gap: "not a valid domain name"},
		{domain: "1.2.3", account: "1.2.3", gap: "numeric top-level"},
	}
	// Several inputs above normalise to one domain; scan each separately so
	// that every row is checked, all at once so concurrency is exercised.
	var wg sync.WaitGroup
	results := make([]*collect, len(tests))
	for i, tt := range tests {
		wg.Go(func() { results[i] = scanAll(t, srv, login.URL, tt.domain) })
	}
	wg.Wait()

	for i, tt := range tests {
		t.Run(tt.domain, func(t *testing.T) {
			c := results[i]
			account := tt.account
			if account == "" && strings.TrimSpace(tt.domain) != "" {
				account = tt.domain
			}
			assets, gaps := c.byAccount(account)
			if tt.gap != "" {
				if len(assets) != 0 {
					t.Errorf("assets %+v, want none", assets)
				}
				if len(gaps) != 1 || !strings.Contains(gaps[0].Error, tt.gap) || gaps[0].Provider != "mail" {
					t.Fatalf("gaps %+v, want one containing %q", gaps, tt.gap)
				}
				return
			}
			if len(gaps) != 0 {
				t.Errorf("domain gaps %+v", gaps)
			}
			if len(assets) != len(tt.assets) {
				t.Fatalf("%d assets %+v, want %d", len(assets), assets, len(tt.assets))
			}
			for j, w := range tt.assets {
				checkAsset(t, assets[j], account, w)
			}
		})
	}
}

func checkAsset(t *testing.T, a providers.Asset, account string, w want) {
	t.Helper()
	if w.kind == "" {
		w.kind = providers.KindMailbox
	}
	if w.name == "" {
		w.name = account
	}
	if a.Kind != w.kind || a.Provider != w.provider || a.Region != w.region || a.Name != w.name || a.Account != account {
		t.Errorf("asset %s/%s/%q name %q account %q, want %s/%s/%q name %q account %q",
			a.Kind, a.Provider, a.Region, a.Name, a.Account, w.kind, w.provider, w.region, w.name, account)
	}
	if w.host != "" && a.Host != w.host {
		t.Errorf("host %q, want %q", a.Host, w.host)
	}
	if w.operator != a.Operator {
		t.Errorf("operator %q, want %q", a.Operator, w.operator)
	}
	loc := a.Location
	if w.country != "" || w.area != "" || w.noteHas != "" || w.conf != "" {
		if loc == nil {
			t.Fatalf("no location, want %s%s", w.country, w.area)
		}
		if loc.Country != w.country || loc.Area != w.area {
			t.Errorf("location %q/%q, want %q/%q", loc.Country, loc.Area, w.country, w.area)
		}
		if (loc.Country != "" || loc.Area == "EU") && loc.Lat == 0 && loc.Lon == 0 {
			t.Errorf("location %+v has no point", loc)
		}
		if w.conf != "" && loc.Confidence != w.conf {
			t.Errorf("confidence %q, want %q", loc.Confidence, w.conf)
		}
		if !strings.Contains(loc.Note, w.noteHas) {
			t.Errorf("note %q, want it to contain %q", loc.Note, w.noteHas)
		}
		if loc.Evidence == geo.EvidenceGeoIP && loc.Confidence != geo.ConfidenceLow {
			t.Errorf("a GeoIP location must be low confidence: %+v", loc)
		}
	}
	if w.evidence != "" {
		ev := a.Evidence
		if loc != nil {
			ev = loc.Evidence
		}
		if ev != w.evidence {
			t.Errorf("evidence %q, want %q", ev, w.evidence)
		}
	}
	if w.gapHas != "" {
		if len(a.Gaps) != 1 || !strings.Contains(a.Gaps[0].Error, w.gapHas) {
			t.Errorf("asset gaps %+v, want one containing %q", a.Gaps, w.gapHas)
		}
	} else if len(a.Gaps) != 0 {
		t.Errorf("asset gaps %+v, want none", a.Gaps)
	}
	for k, v := range w.tags {
		if a.Tags[k] != v {
			t.Errorf("tag %s = %q, want %q", k, a.Tags[k], v)
		}
	}
}

func TestScanProgressAndOnlyGivenResolver(t *testing.T) {
	srv := startDNS(t, testZone)
	domains := []string{"google.test", "proton.test", "selfhosted.test", "missing.test", "Google.test", "alice@proton.test."}
	c := scanAll(t, srv, "", domains...)
	// Google.test and alice@proton.test. are duplicates, scanned once.
	if len(c.Assets) != 3 || len(c.Gaps) != 1 {
		t.Errorf("assets %d gaps %d", len(c.Assets), len(c.Gaps))
	}
	last := c.Steps[len(c.Steps)-1]
	dones := []int{}
	for _, p := range c.Steps {
		dones = append(dones, p.Done)
		if p.Total != 4 || p.Provider != "mail" {
			t.Errorf("progress %+v", p)
		}
	}
	slices.Sort(dones)
	if last.Total != 4 || dones[len(dones)-1] != 4 {
		t.Errorf("progress %+v", c.Steps)
	}
	if srv.total() == 0 {
		t.Error("the test resolver saw no query")
	}
}

func TestScanCancelled(t *testing.T) {
	srv := startDNS(t, testZone, func(s *testDNS) { s.delay = 200 * time.Millisecond })
	p, err := New(Options{Domains: []string{"google.test", "proton.test", "tuta.test"}}, providers.Shared{DNS: srv.Addr}, WithConcurrency(1), WithTenantDiscovery(""))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = p.Scan(ctx, &collect{})
	if err == nil || time.Since(start) > time.Second {
		t.Errorf("Scan = %v after %v, want a prompt context error", err, time.Since(start))
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	tests := []struct {
		cfg providers.Shared
		has string
	}{
		{providers.Shared{DNS: "resolver.example:53"}, "must be an IP address"},
		{providers.Shared{DNS: "127.0.0.1:99999"}, "bad port"},
		{providers.Shared{DNS: "127.0.0.1:"}, "bad port"},
		{providers.Shared{GeoIPDB: "/nonexistent/x.mmdb"}, "--geoip-db"},
	}
	for _, tt := range tests {
		_, err := New(Options{Domains: []string{"a.test"}}, tt.cfg)
		if err == nil || !strings.Contains(err.Error(), tt.has) {
			t.Errorf("New(%+v) = %v, want %q", tt.cfg, err, tt.has)
		}
	}
	if ps, err := Factory.New(Options{}, providers.Shared{}); err != nil || len(ps) != 0 {
		t.Errorf("Factory with no domains = %v, %v", ps, err)
	}
	ps, err := Factory.New(Options{Domains: []string{"a.test"}}, providers.Shared{DNS: "127.0.0.1:53"})
	if err != nil || len(ps) != 1 || ps[0].Name() != "mail" {
		t.Errorf("Factory = %v, %v", ps, err)
	}
}
