package mail

import (
	"strings"
	"testing"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

// gatewayHosts are MX host names shaped as each vendor documents them (or,
// for a vendor that documents none, as public MX records show them).
var gatewayHosts = []struct {
	host, provider, region string
}{
	{"contoso-com.gate.seppmail.cloud", "seppmail", ""},
	{"contoso-com.mail.seppmail.cloud", "seppmail", ""},
	{"mx.seppmail.ch", "seppmail", ""},
	{"mx1.seppmail.com", "seppmail", ""},
	{"mx01.hornetsecurity.com", "hornetsecurity", ""},
	{"mx04.hornetsecurity.com", "hornetsecurity", ""},
	{"mx01.hornetsecurity.ch", "hornetsecurity", ""},
	{"mx-gate.antispameurope.com", "hornetsecurity", ""},
	{"mx01.pp-tp.com", "hornetsecurity", ""},
	{"mx1.vadesecure.com", "vade", ""},
	{"mx.spamexperts.com", "spamexperts", ""},
	{"fallbackmx.spamexperts.eu", "spamexperts", ""},
	{"lastmx.spamexperts.net", "spamexperts", ""},
	{"mx1-eu.spamexperts.com", "spamexperts", "eu"},
	{"mx4-us.spamexperts.com", "spamexperts", "us"},
	{"filter10.antispamcloud.com", "spamexperts", ""},
	{"mx1.mtaroutes.com", "spamexperts", ""},
	{"customer.fortimailcloud.com", "fortinet", ""},
	{"contoso.o365.cloud.nospamproxy.com", "nospamproxy", ""},
	{"mx01.retarus.com", "retarus", ""},
	{"mx01.retarus.net", "retarus", ""},
	{"mx.libraesva.com", "libraesva", ""},
	{"mx1.cleanmail.ch", "cleanmail", ""},
	{"mx.cleanmail.safecenter.ch", "cleanmail", ""},
	{"mx1.abxsec.com", "abraxas", ""},
	{"mx.mailprotect.be", "combell", ""},
	{"contoso.mx.mailinblack.com", "mailinblack", ""},
	{"mx.altospam.com", "altospam", ""},
	// The global gateways already known.
	{"eu-smtp-inbound-1.mimecast.com", "mimecast", "eu"},
	{"mx0a-001.pphosted.com", "proofpoint", ""},
	{"mx1-eu1.ppe-hosted.com", "proofpoint", "eu1"},
	{"d1234a.ess.barracudanetworks.com", "barracuda", "us"},
	{"mx1.c3s2.iphmx.com", "cisco", ""},
	{"contoso.in.tmes.trendmicro.eu", "trendmicro", "eu"},
	{"mx-01-eu-west-1.prod.hydra.sophos.com", "sophos", "eu-west-1"},
	{"cluster1.eu.messagelabs.com", "broadcom", "eu"},
}

func TestGatewayPatterns(t *testing.T) {
	for _, tt := range gatewayHosts {
		t.Run(tt.host, func(t *testing.T) {
			m, ok := ClassifyMX(tt.host)
			if !ok || m.Kind != providers.KindMailGateway || m.Provider != tt.provider || m.Region != tt.region {
				t.Fatalf("ClassifyMX(%q) = %+v, %v; want gateway %s region %q", tt.host, m, ok, tt.provider, tt.region)
			}
			// Upper case and a root dot are the same name.
			if m2, ok := ClassifyMX(strings.ToUpper(tt.host) + "."); !ok || m2.Provider != tt.provider {
				t.Errorf("the FQDN form in upper case is not recognised: %+v", m2)
			}
		})
	}
}

// TestGatewaySuffixTricks: a name that only ends with a vendor's letters, or
// carries the vendor's zone further left, is not the vendor's.
func TestGatewaySuffixTricks(t *testing.T) {
	for _, r := range gatewayRules {
		for _, host := range []string{
			"evil-" + r.zone,
			"mx." + r.zone + ".attacker.example",
			r.zone + "-evil.example",
			strings.Replace(r.zone, ".", "-", 1) + ".example",
		} {
			if m, ok := ClassifyMX(host); ok {
				t.Errorf("ClassifyMX(%q) = %+v, want no match (rule %s)", host, m, r.zone)
			}
		}
	}
	for _, host := range []string{"evil-seppmail.cloud", "gate.seppmail.cloud.attacker.com", "seppmail.cloud.evil", "notseppmail.cloud"} {
		if m, ok := ClassifyMX(host); ok {
			t.Errorf("ClassifyMX(%q) = %+v, want no match", host, m)
		}
	}
}

// TestGatewayCatalogIsSourced: every rule has its page, every host example
// above belongs to a rule, and every operator is in the legal model with a
// country (so its reach can be added to the mailbox behind it).
func TestGatewayCatalogIsSourced(t *testing.T) {
	covered := map[string]bool{}
	for _, r := range gatewayRules {
		if !strings.HasPrefix(r.source, "https://") {
			t.Errorf("rule %s: source %q is not an https URL", r.zone, r.source)
		}
		if r.match.Kind != providers.KindMailGateway || r.match.Service == "" {
			t.Errorf("rule %s: %+v is not a named gateway", r.zone, r.match)
		}
		info, ok := reach.OperatorFor(r.match.Provider, "")
		if !ok || info.Operator.Country == "" {
			t.Errorf("rule %s: provider %s has no operator in kb.yaml", r.zone, r.match.Provider)
		}
		for _, h := range gatewayHosts {
			if inZone(h.host, r.zone) {
				covered[r.zone] = true
			}
		}
	}
	for _, r := range gatewayRules {
		if !covered[r.zone] {
			t.Errorf("rule %s has no example host in gatewayHosts", r.zone)
		}
	}
}

func TestSESFeedbackIsABounceAddress(t *testing.T) {
	for host, want := range map[string]bool{
		"feedback-smtp.eu-west-1.amazonses.com":      true,
		"FEEDBACK-SMTP.us-east-1.amazonses.com.":     true,
		"feedback-smtp.eu-central-1.amazonses.com":   true,
		"feedback-smtp.amazonses.com":                false,
		"feedback-smtp.eu-west-1.amazonses.com.evil": false,
		"inbound-smtp.eu-west-1.amazonaws.com":       false,
		"feedback-smtp.eu-west-1.evil-amazonses.com": false,
		"x.feedback-smtp.eu-west-1.amazonses.com":    false,
		"feedback-smtp.not_a_region.amazonses.com":   false,
	} {
		if got := sesFeedback(host); got != want {
			t.Errorf("sesFeedback(%q) = %v, want %v", host, got, want)
		}
	}
}
