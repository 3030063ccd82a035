package mail

import (
	"strings"
	"testing"

	"github.com/miekg/dns"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
)

// evidenceZone is built from the vendors' set-up pages: SEPPmail's
// DOMAIN-TLD.gate.seppmail.cloud MX, Microsoft's autodiscover CNAME to
// autodiscover.outlook.com and DKIM CNAMEs to the tenant's onmicrosoft.com
// zone, Google's "google" selector, Proton's CNAMEs to domains.proton.ch,
// Hornetsecurity's mx01…mx04, the SRV form of autodiscover (RFC 6186 style,
// as Exchange reads it), and the MS=ms… verification TXT.
const evidenceZone = `
gw-m365.test. 300 IN MX 10 gw-m365-test.gate.seppmail.cloud.
gw-m365.test. 300 IN TXT "v=spf1 include:spf.protection.outlook.com -all"
autodiscover.gw-m365.test. 300 IN CNAME autodiscover.outlook.com.
selector1._domainkey.gw-m365.test. 300 IN CNAME selector1-gw-m365-test._domainkey.contoso.onmicrosoft.com.
selector2._domainkey.gw-m365.test. 300 IN CNAME selector2-gw-m365-test._domainkey.contoso.onmicrosoft.com.

gw-google.test. 300 IN MX 10 mx01.hornetsecurity.com.
gw-google.test. 300 IN MX 20 mx02.hornetsecurity.com.
google._domainkey.gw-google.test. 300 IN TXT "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"

spf-loses.test. 300 IN MX 10 mx01.hornetsecurity.ch.
spf-loses.test. 300 IN TXT "v=spf1 include:spf.protection.outlook.com -all"
google._domainkey.spf-loses.test. 300 IN TXT "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"

overreach.test. 300 IN MX 10 mx0a-001.pphosted.com.
overreach.test. 300 IN TXT "v=spf1 include:outbound.overreach.test -all"
outbound.overreach.test. 300 IN TXT "v=spf1 include:spf.protection.outlook.com include:_spf.google.com -all"
autodiscover.overreach.test. 300 IN CNAME mail.canton.test.
mail.canton.test. 300 IN A 5.9.0.1

spf-only.test. 300 IN MX 10 spf-only-test.gate.seppmail.cloud.
spf-only.test. 300 IN TXT "v=spf1 include:spf.protection.outlook.com -all"

txt-only.test. 300 IN MX 10 mx01.retarus.com.
txt-only.test. 300 IN TXT "MS=ms12345678"

nothing.test. 300 IN MX 10 nothing-test.gate.seppmail.cloud.
google._domainkey.nothing.test. 300 IN TXT "v=DKIM1; p="

srv.test. 300 IN MX 10 mx.spamexperts.com.
_autodiscover._tcp.srv.test. 300 IN SRV 0 0 443 autodiscover.outlook.com.

proton-dkim.test. 300 IN MX 10 mx1.cleanmail.ch.
protonmail._domainkey.proton-dkim.test. 300 IN CNAME protonmail.domainkey.dabc123.domains.proton.ch.

relay.test. 300 IN MX 10 relay.relay.test.
relay.relay.test. 300 IN A 5.9.0.1
autodiscover.relay.test. 300 IN CNAME autodiscover.outlook.com.
selector1._domainkey.relay.test. 300 IN CNAME selector1-relay-test._domainkey.contoso.onmicrosoft.com.

mxpref.test. 300 IN MX 20 mx.zoho.eu.
mxpref.test. 300 IN MX 10 aspmx.l.google.com.
mxpref.test. 300 IN MX 30 alt1.aspmx.l.google.com.

gw-backup.test. 300 IN MX 10 gw-backup-test.gate.seppmail.cloud.
gw-backup.test. 300 IN MX 20 gw-backup-test.mail.protection.outlook.com.

ses-only.test. 300 IN MX 10 feedback-smtp.eu-west-1.amazonses.com.
ses-mixed.test. 300 IN MX 10 feedback-smtp.eu-west-1.amazonses.com.
ses-mixed.test. 300 IN MX 20 aspmx.l.google.com.

migrating.test. 300 IN MX 1 smtp.google.com.
selector1._domainkey.migrating.test. 300 IN CNAME selector1-migrating-test._domainkey.contoso.onmicrosoft.com.
`

func oneByProvider(t *testing.T, c *collect, domain string, kind providers.Kind) providers.Asset {
	t.Helper()
	assets, _ := c.byAccount(domain)
	for _, a := range assets {
		if a.Kind == kind {
			return a
		}
	}
	t.Fatalf("%s: no %s among %+v", domain, kind, assets)
	return providers.Asset{}
}

func hasSignal(a providers.Asset, probe, provider string) bool {
	for _, s := range a.Signals {
		if s.Probe == probe && s.Provider == provider && s.Record != "" && s.Says != "" {
			return true
		}
	}
	return false
}

func TestEvidenceAndConfidence(t *testing.T) {
	srv := startDNS(t, testZone+evidenceZone)
	domains := []string{"gw-m365.test", "gw-google.test", "spf-loses.test", "overreach.test", "spf-only.test",
		"txt-only.test", "nothing.test", "srv.test", "proton-dkim.test", "relay.test", "gw-backup.test"}
	c := scanAll(t, srv, "", domains...)

	for _, tt := range []struct {
		domain, provider string
		conf             geo.Confidence
		inferred         string
		gateway          string // the gateway item's provider
		signal           string // a probe whose signal names the provider
		gapHas           string
	}{
		{"gw-m365.test", "microsoft-365", confidenceMedium, "autodiscover", "seppmail", "dkim", "autodiscover record"},
		{"gw-google.test", "google-workspace", confidenceMedium, "dkim", "hornetsecurity", "dkim", "google._domainkey"},
		// SPF names Microsoft 365 but DKIM names Google: SPF loses.
		{"spf-loses.test", "google-workspace", confidenceMedium, "dkim", "hornetsecurity", "dkim", "which loses"},
		// SPF (through a nested include) names Microsoft 365 and Google, only
		// outbound senders; autodiscover names the canton's own server.
		{"overreach.test", "self-hosted", confidenceMedium, "autodiscover", "proofpoint", "autodiscover", "which loses"},
		{"spf-only.test", "microsoft-365", confidenceLow, "spf", "seppmail", "spf", "SPF include"},
		{"txt-only.test", "microsoft-365", confidenceLow, "txt", "retarus", "txt", "a tenant exists"},
		{"nothing.test", "unknown", confidenceUnknown, "", "seppmail", "", ""},
		{"srv.test", "microsoft-365", confidenceMedium, "autodiscover", "spamexperts", "autodiscover", "SRV"},
		{"proton-dkim.test", "proton", confidenceMedium, "dkim", "cleanmail", "dkim", "protonmail._domainkey"},
		{"relay.test", "microsoft-365", confidenceMedium, "autodiscover", "self-hosted", "dkim", "the relay"},
		{"gw-backup.test", "microsoft-365", confidenceHigh, "backup-mx", "seppmail", "mx", ""},
	} {
		t.Run(tt.domain, func(t *testing.T) {
			g := oneByProvider(t, c, tt.domain, providers.KindMailGateway)
			if g.Provider != tt.gateway || g.Confidence != confidenceHigh || !hasSignal(g, "mx", signalProvider(tt.gateway)) {
				t.Errorf("gateway %s conf %s signals %+v, want %s", g.Provider, g.Confidence, g.Signals, tt.gateway)
			}
			a := oneByProvider(t, c, tt.domain, providers.KindMailbox)
			if a.Provider != tt.provider || a.Confidence != tt.conf || a.Tags["inferred"] != tt.inferred {
				t.Fatalf("mailbox %s conf %s inferred %q, want %s %s %q; signals %+v gaps %+v",
					a.Provider, a.Confidence, a.Tags["inferred"], tt.provider, tt.conf, tt.inferred, a.Signals, a.Gaps)
			}
			if tt.signal != "" && !hasSignal(a, tt.signal, signalProvider(a.Provider)) {
				t.Errorf("no %s signal naming %s: %+v", tt.signal, a.Provider, a.Signals)
			}
			wantCopy := tt.gateway
			if g.Operator != "" {
				wantCopy = g.Operator
			}
			if len(a.Copies) != 1 || a.Copies[0].Provider != wantCopy || !strings.Contains(a.Copies[0].Why, g.Host) {
				t.Errorf("copies %+v, want the gateway %s %s", a.Copies, wantCopy, g.Host)
			}
			if tt.gapHas != "" && (len(a.Gaps) == 0 || !strings.Contains(a.Gaps[0].Error, tt.gapHas)) {
				t.Errorf("gaps %+v, want one containing %q", a.Gaps, tt.gapHas)
			}
		})
	}
	// The overreach's SPF names both big providers, through a nested include.
	a := oneByProvider(t, c, "overreach.test", providers.KindMailbox)
	if !hasSignal(a, "spf", "microsoft-365") || !hasSignal(a, "spf", "google-workspace") || a.Host != "mail.canton.test" {
		t.Errorf("overreach mailbox host %s signals %+v", a.Host, a.Signals)
	}
	// A revoked Google key (p=) is no signal.
	if a := oneByProvider(t, c, "nothing.test", providers.KindMailbox); len(a.Signals) != 1 {
		t.Errorf("nothing.test signals %+v, want only its MX", a.Signals)
	}
}

// signalProvider is the provider id an MX signal carries: none for a
// self-hosted relay.
func signalProvider(p string) string {
	if p == "self-hosted" {
		return ""
	}
	return p
}

func TestMXPreferences(t *testing.T) {
	srv := startDNS(t, testZone+evidenceZone)
	c := scanAll(t, srv, "", "mxpref.test", "ses-only.test", "ses-mixed.test", "migrating.test")

	// The primary is the lowest preference, whatever the answer's order;
	// the backup at another provider is reported.
	a := oneByProvider(t, c, "mxpref.test", providers.KindMailbox)
	if a.Provider != "google-workspace" || a.Host != "aspmx.l.google.com" || a.Confidence != confidenceHigh {
		t.Fatalf("mxpref: %+v", a)
	}
	if a.Tags["backup_mx"] != "mx.zoho.eu (Zoho Mail)" || len(a.Gaps) != 1 || !strings.Contains(a.Gaps[0].Error, "backup MX") {
		t.Errorf("mxpref backup: tags %v gaps %+v", a.Tags, a.Gaps)
	}
	if len(a.Signals) != 3 || !strings.Contains(a.Signals[0].Record, "MX 10 aspmx.l.google.com") {
		t.Errorf("mxpref signals %+v, want the three MX in preference order", a.Signals)
	}

	// An SES feedback endpoint is a bounce address, not a mailbox.
	if as, gaps := c.byAccount("ses-only.test"); len(as) != 0 || len(gaps) != 1 || !strings.Contains(gaps[0].Error, "SES feedback") {
		t.Errorf("ses-only: assets %+v gaps %+v", as, gaps)
	}
	a = oneByProvider(t, c, "ses-mixed.test", providers.KindMailbox)
	if a.Provider != "google-workspace" || !hasSignal(a, "mx", "aws") {
		t.Errorf("ses-mixed: %+v", a)
	}

	// MX and DKIM disagree: the MX wins, the disagreement is a gap.
	a = oneByProvider(t, c, "migrating.test", providers.KindMailbox)
	if a.Provider != "google-workspace" || a.Confidence != confidenceHigh || !hasSignal(a, "dkim", "microsoft-365") ||
		len(a.Gaps) != 1 || !strings.Contains(a.Gaps[0].Error, "a migration") {
		t.Errorf("migrating: %+v", a)
	}
}

// TestProbesAskTheConfiguredResolverOnce: each probe is asked once, of the
// one server given; a domain whose MX names its mailbox service, or whose
// first round names it, needs no second round.
func TestProbesAskTheConfiguredResolverOnce(t *testing.T) {
	for _, tt := range []struct {
		domain string
		asked  int
		geoip  int // A and AAAA of a gateway its host name does not place
	}{
		{"mxpref.test", firstRound, 0},
		{"gw-m365.test", firstRound, 2},
		{"nothing.test", len(probeList), 2},
		{"srv.test", len(probeList), 2},
	} {
		srv := startDNS(t, testZone+evidenceZone)
		scanAll(t, srv, "", tt.domain)
		if n := srv.total(); n != tt.asked+tt.geoip {
			t.Errorf("%s: %d queries, want %d", tt.domain, n, tt.asked+tt.geoip)
		}
		for i, p := range probeList {
			name := tt.domain
			if p.name != "" {
				name = p.name + "." + name
			}
			want := 0
			if i < tt.asked {
				want = 1
			}
			if n := srv.countType(name, p.qtype, ""); n != want {
				t.Errorf("%s %s asked %d times, want %d", name, dns.TypeToString[p.qtype], n, want)
			}
		}
	}
}

func TestTXTVerificationShapes(t *testing.T) {
	rr := func(s string) dns.RR {
		r, err := dns.NewRR("x.test. 300 IN TXT " + s)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	cs := txtClaims("x.test", answer{rrs: []dns.RR{
		rr(`"MS=ms12345678"`), rr(`"google-site-verification=abc"`), rr(`"v=spf1 -all"`),
		rr(`"MS=ms1234x"`), rr(`"protonmail-verification=abc"`), rr(`"MS=ms999"`),
	}})
	var got []string
	for _, c := range cs {
		got = append(got, c.match.Provider)
	}
	if strings.Join(got, ",") != "microsoft-365,google-workspace,proton" {
		t.Errorf("claims %v", got)
	}
}
