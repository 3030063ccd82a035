package mail

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/reachmap/reachmap/providers"
)

func TestClassifyMX(t *testing.T) {
	tests := []struct {
		host     string
		provider string
		kind     providers.Kind
		region   string
		pinCC    string
		pinArea  string
	}{
		{"contoso-com.mail.protection.outlook.com", "microsoft-365", providers.KindMailbox, "", "", ""},
		{"CONTOSO-COM.MAIL.PROTECTION.OUTLOOK.COM.", "microsoft-365", providers.KindMailbox, "", "", ""},
		{"contoso-com.o-v1.mx.microsoft", "microsoft-365", providers.KindMailbox, "", "", ""},
		{"contoso-com.mail.protection.office365.us", "microsoft-365", providers.KindMailbox, "USGov", "", ""},
		{"contoso-com.mail.protection.partner.outlook.cn", "microsoft-365", providers.KindMailbox, "cn", "", ""},
		{"contoso-com.mail.protection.outlook.de", "microsoft-365", providers.KindMailbox, "de-trustee", "", ""},
		{"hotmail-com.olc.protection.outlook.com", "microsoft-365", providers.KindMailbox, "", "", ""},
		{"mx1.hotmail.com", "microsoft-365", providers.KindMailbox, "", "", ""},
		{"aspmx.l.google.com", "google-workspace", providers.KindMailbox, "", "", ""},
		{"alt4.aspmx.l.google.com", "google-workspace", providers.KindMailbox, "", "", ""},
		{"aspmx3.googlemail.com", "google-workspace", providers.KindMailbox, "", "", ""},
		{"smtp.google.com", "google-workspace", providers.KindMailbox, "", "", ""},
		{"gmail-smtp-in.l.google.com", "google-workspace", providers.KindMailbox, "", "", ""},
		{"alt2.gmail-smtp-in.l.google.com", "google-workspace", providers.KindMailbox, "", "", ""},
		{"mail.protonmail.ch", "proton", providers.KindMailbox, "", "", ""},
		{"mailsec.protonmail.ch", "proton", providers.KindMailbox, "", "", ""},
		{"mail.tutanota.de", "tuta", providers.KindMailbox, "", "", ""},
		{"in2-smtp.messagingengine.com", "fastmail", providers.KindMailbox, "", "", ""},
		{"mx.zoho.com", "zoho", providers.KindMailbox, "us", "US", ""},
		{"mx3.zoho.com", "zoho", providers.KindMailbox, "us", "US", ""},
		{"mx.zoho.eu", "zoho", providers.KindMailbox, "eu", "", "EU"},
		{"mx2.zoho.in", "zoho", providers.KindMailbox, "in", "IN", ""},
		{"mx.zoho.com.au", "zoho", providers.KindMailbox, "au", "AU", ""},
		{"mx.zoho.jp", "zoho", providers.KindMailbox, "jp", "JP", ""},
		{"mx.zohocloud.ca", "zoho", providers.KindMailbox, "ca", "CA", ""},
		{"mx.zoho.sa", "zoho", providers.KindMailbox, "sa", "SA", ""},
		{"mx.zoho.com.cn", "zoho", providers.KindMailbox, "cn", "CN", ""},
		{"mx.yandex.net", "yandex", providers.KindMailbox, "", "", ""},
		{"mx.yandex.ru", "yandex", providers.KindMailbox, "", "", ""},
		{"mxext3.mailbox.org", "mailbox.org", providers.KindMailbox, "", "", ""},
		{"mx00.ionos.de", "ionos", providers.KindMailbox, "", "", ""},
		{"mx01.ionos.co.uk", "ionos", providers.KindMailbox, "", "", ""},
		{"mx00.kundenserver.de", "ionos", providers.KindMailbox, "", "", ""},
		{"mx02.mail.icloud.com", "icloud", providers.KindMailbox, "", "", ""},
		{"mta7.am0.yahoodns.net", "yahoo", providers.KindMailbox, "", "", ""},
		{"mx-eu.mail.am0.yahoodns.net", "yahoo", providers.KindMailbox, "", "", ""},
		{"mta-gw.infomaniak.ch", "infomaniak", providers.KindMailbox, "", "", ""},
		{"mx4.mail.ovh.net", "ovh", providers.KindMailbox, "", "", ""},
		{"mx00.emig.gmx.net", "gmx", providers.KindMailbox, "", "", ""},
		{"inbound-smtp.eu-west-1.amazonaws.com", "aws", providers.KindMailbox, "eu-west-1", "", ""},
		{"inbound-smtp.us-gov-west-1.amazonaws.com", "aws", providers.KindMailbox, "us-gov-west-1", "", ""},
		{"eu-smtp-inbound-1.mimecast.com", "mimecast", providers.KindMailGateway, "eu", "GB", ""},
		{"de-smtp-inbound-2.mimecast.com", "mimecast", providers.KindMailGateway, "de", "DE", ""},
		{"us-smtp-inbound-1.mimecast.com", "mimecast", providers.KindMailGateway, "us", "US", ""},
		{"za-smtp-inbound-1.mimecast.co.za", "mimecast", providers.KindMailGateway, "za", "ZA", ""},
		{"je-smtp-inbound-1.mimecast-offshore.com", "mimecast", providers.KindMailGateway, "je", "JE", ""},
		{"relay.mimecast.com", "mimecast", providers.KindMailGateway, "", "", ""},
		{"mx0a-001b2d01.pphosted.com", "proofpoint", providers.KindMailGateway, "", "", ""},
		{"mx1-us1.ppe-hosted.com", "proofpoint", providers.KindMailGateway, "us1", "US", ""},
		{"mx2-eu1.ppe-hosted.com", "proofpoint", providers.KindMailGateway, "eu1", "", "EU"},
		{"d123456a.ess.barracudanetworks.com", "barracuda", providers.KindMailGateway, "us", "US", ""},
		{"d123456a.ess.uk.barracudanetworks.com", "barracuda", providers.KindMailGateway, "uk", "GB", ""},
		{"mx1.hc1234-56.iphmx.com", "cisco", providers.KindMailGateway, "", "", ""},
		{"in.tmes.trendmicro.eu", "trendmicro", providers.KindMailGateway, "eu", "", "EU"},
		{"in.tmes.trendmicro.com", "trendmicro", providers.KindMailGateway, "us", "", ""},
		{"mx-01-eu-west-1.prod.hydra.sophos.com", "sophos", providers.KindMailGateway, "eu-west-1", "", ""},
		{"mx01.hornetsecurity.com", "hornetsecurity", providers.KindMailGateway, "", "", ""},
		{"mx.antispamcloud.com", "spamexperts", providers.KindMailGateway, "", "", ""},
		{"cluster1.eu.messagelabs.com", "broadcom", providers.KindMailGateway, "eu", "", "EU"},
		{"route1.mx.cloudflare.net", "cloudflare", providers.KindMailGateway, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			m, ok := ClassifyMX(tt.host)
			if !ok {
				t.Fatal("no match")
			}
			if m.Provider != tt.provider || m.Kind != tt.kind || m.Region != tt.region || m.Service == "" {
				t.Errorf("got %+v", m)
			}
			var cc, area string
			if m.pin != nil {
				cc, area = m.pin.Country, m.pin.Area
				if m.pin.Note == "" {
					t.Error("a pin needs a note")
				}
			}
			if cc != tt.pinCC || area != tt.pinArea {
				t.Errorf("pin %q/%q, want %q/%q", cc, area, tt.pinCC, tt.pinArea)
			}
		})
	}
}

func TestClassifyMXNoMatch(t *testing.T) {
	for _, host := range []string{
		"", ".", "   ", "mail.example.com", "mx.selfhosted.test",
		"google.com.evil.test", // a zone must end the name
		"notoutlook.com",       // no label boundary
		"evil-mail.protection.outlook.com.attacker.test",
		"ec2-3-120-0-1.eu-central-1.compute.amazonaws.com", // EC2 is self-hosted
		"inbound-smtp.amazonaws.com",
		"inbound-smtp.not_a_region.amazonaws.com",
		"x.inbound-smtp.eu-west-1.amazonaws.com",
		"zoho.com.evil.test",
	} {
		if m, ok := ClassifyMX(host); ok {
			t.Errorf("ClassifyMX(%q) = %+v, want no match", host, m)
		}
	}
}

func TestClassifySPFInclude(t *testing.T) {
	tests := []struct{ include, provider, region string }{
		{"spf.protection.outlook.com", "microsoft-365", ""},
		{"SPF.PROTECTION.OUTLOOK.COM.", "microsoft-365", ""},
		{"spf.protection.office365.us", "microsoft-365", "USGov"},
		{"spf.protection.partner.outlook.cn", "microsoft-365", "cn"},
		{"_spf.google.com", "google-workspace", ""},
		{"_spf.protonmail.ch", "proton", ""},
		{"spf.tutanota.de", "tuta", ""},
		{"spf.messagingengine.com", "fastmail", ""},
		{"zoho.eu", "zoho", "eu"},
		{"zoho.com", "zoho", "us"},
		{"zoho.com.au", "zoho", "au"},
		{"_spf.yandex.net", "yandex", ""},
		{"mailbox.org", "mailbox.org", ""},
		{"_spf-eu.ionos.com", "ionos", ""},
		{"icloud.com", "icloud", ""},
		{"_spf.mail.yahoo.com", "yahoo", ""},
		{"spf.infomaniak.ch", "infomaniak", ""},
		{"mx.ovh.com", "ovh", ""},
	}
	for _, tt := range tests {
		m, ok := ClassifySPFInclude(tt.include)
		if !ok || m.Provider != tt.provider || m.Region != tt.region || m.Kind != providers.KindMailbox {
			t.Errorf("ClassifySPFInclude(%q) = %+v, %v", tt.include, m, ok)
		}
	}
	// Senders and gateways say nothing about mailboxes.
	for _, inc := range []string{"amazonses.com", "sendgrid.net", "servers.mcsv.net", "_netblocks.mimecast.com",
		"eu._netblocks.mimecast.com", "spf.pphosted.com", "mail.zendesk.com", "sub.zoho.eu", "", "."} {
		if m, ok := ClassifySPFInclude(inc); ok {
			t.Errorf("ClassifySPFInclude(%q) = %+v, want no match", inc, m)
		}
	}
}

func TestParseSPF(t *testing.T) {
	tests := []struct {
		txt      string
		ok       bool
		includes []string
		redirect string
	}{
		{"v=spf1 include:spf.protection.outlook.com -all", true, []string{"spf.protection.outlook.com"}, ""},
		{"V=SPF1 +include:A.example ~include:b.example. ?include:c.example -all", true, []string{"a.example", "b.example", "c.example"}, ""},
		{"v=spf1 redirect=_spf.example.com", true, nil, "_spf.example.com"},
		{"v=spf1 include:%{i}._spf.mta.salesforce.com include:x.test", true, []string{"x.test"}, ""},
		{"v=spf1 ip4:192.0.2.0/24 a mx -all", true, nil, ""},
		{"v=spf1", true, nil, ""},
		{"v=spf1 include:", true, nil, ""},
		{"v=spf10 include:x.test", false, nil, ""},
		{"google-site-verification=abc", false, nil, ""},
		{"", false, nil, ""},
		{"   v=spf1    include:x.test   ", true, []string{"x.test"}, ""},
		// Found by FuzzParseSPF: an empty label survived as "0.".
		{"v=spf1 inClude:0..", true, nil, ""},
		{"v=spf1 include:_spf.Example.com redirect=a..b", true, []string{"_spf.example.com"}, ""},
	}
	for _, tt := range tests {
		got, ok := parseSPF(tt.txt)
		if ok != tt.ok || strings.Join(got.includes, ",") != strings.Join(tt.includes, ",") || got.redirect != tt.redirect {
			t.Errorf("parseSPF(%q) = %+v, %v", tt.txt, got, ok)
		}
	}
}

func TestNormalizeDomain(t *testing.T) {
	tests := []struct {
		in, ascii, display string
		errHas             string
	}{
		{"example.com", "example.com", "example.com", ""},
		{"  Example.COM.  ", "example.com", "example.com", ""},
		{"alice@example.com", "example.com", "example.com", ""},
		{"bücher.de", "xn--bcher-kva.de", "bücher.de", ""},
		{"BÜCHER.DE", "xn--bcher-kva.de", "bücher.de", ""},
		{"xn--bcher-kva.de", "xn--bcher-kva.de", "bücher.de", ""},
		{"例え.jp", "xn--r8jz45g.jp", "例え.jp", ""},
		{"faß.de", "xn--fa-hia.de", "faß.de", ""}, // non-transitional: ß stays
		{"", "", "", "empty"},
		{"@", "", "", "empty"},
		{".", "", "", "empty"},
		{"com", "", "", "single label"},
		{"1.2.3.4", "", "", "IP address"},
		{"[2001:db8::1]", "", "", "IP address"},
		{"1.2.3", "", "", "numeric top-level"},
		{"a b.com", "", "", "not a valid"},
		{"a_b.com", "", "", "not a valid"},
		{"-a.com", "", "", "not a valid"},
		{"a-.com", "", "", "not a valid"},
		{"a..com", "", "", "not a valid"},
		{strings.Repeat("a", 64) + ".com", "", "", "not a valid"},
		{strings.Repeat("a.", 127) + "com", "", "", "not a valid"},
		{"xn--zz.com", "", "", "not a valid"},
		{"exa\x00mple.com", "", "", "not a valid"},
		// Found by FuzzNormalizeDomain: idna maps bad UTF-8 to U+FFFD.
		{"\xa8.0A", "", "", "not valid UTF-8"},
	}
	for _, tt := range tests {
		ascii, display, err := normalizeDomain(tt.in)
		if tt.errHas != "" {
			if err == nil || !strings.Contains(err.Error(), tt.errHas) {
				t.Errorf("normalizeDomain(%q) = %q, %q, %v, want error %q", tt.in, ascii, display, err, tt.errHas)
			}
			continue
		}
		if err != nil || ascii != tt.ascii || display != tt.display {
			t.Errorf("normalizeDomain(%q) = %q, %q, %v, want %q, %q", tt.in, ascii, display, err, tt.ascii, tt.display)
		}
	}
}

func TestParseServer(t *testing.T) {
	tests := []struct{ in, want, errHas string }{
		{"127.0.0.1:5353", "127.0.0.1:5353", ""},
		{"127.0.0.1", "127.0.0.1:53", ""},
		{"::1", "[::1]:53", ""},
		{"[::1]:5353", "[::1]:5353", ""},
		{"localhost:5353", "127.0.0.1:5353", ""},
		{" 192.0.2.53:53 ", "192.0.2.53:53", ""},
		{"dns.example:53", "", "must be an IP address"},
		{"127.0.0.1:0", "", "bad port"},
		{"127.0.0.1:dns", "", "bad port"},
		{"", "", "empty"},
		{"127.0.0.1:53:53", "", "want HOST:PORT"},
	}
	for _, tt := range tests {
		got, err := parseServer(tt.in)
		if tt.errHas != "" {
			if err == nil || !strings.Contains(err.Error(), tt.errHas) {
				t.Errorf("parseServer(%q) = %q, %v, want %q", tt.in, got, err, tt.errHas)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("parseServer(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
		}
	}
}

// The system configuration is read, never queried here: its servers are
// whatever the machine uses.
func TestSystemResolverConfig(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := dir + "/" + name
		if err := writeFile(p, body); err != nil {
			t.Fatal(err)
		}
		return p
	}
	conf := write("resolv.conf", "# test\nnameserver 127.0.0.1\nnameserver ::1\noptions timeout:1 attempts:1\n")
	r, err := newResolver("", conf, 0)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(r.servers, ",") != "127.0.0.1:53,[::1]:53" || r.timeout != time.Second || r.attempts != 1 {
		t.Errorf("resolver %+v", r)
	}
	// With a server given, resolv.conf is not read at all.
	r, err = newResolver("127.0.0.1:5353", "/nonexistent", 0)
	if err != nil || len(r.servers) != 1 || r.servers[0] != "127.0.0.1:5353" {
		t.Errorf("explicit resolver %+v, %v", r, err)
	}
	if _, err := newResolver("", write("empty.conf", "search example.com\n"), 0); err == nil || !strings.Contains(err.Error(), "names no nameserver") {
		t.Errorf("empty config: %v", err)
	}
	if _, err := newResolver("", dir+"/missing.conf", 0); err == nil {
		t.Error("missing config: no error")
	}
	// Scan reports a missing system config as a failure to scan at all.
	p, err := New(Options{Domains: []string{"example.com"}}, providers.Shared{}, withResolvConf(dir+"/missing.conf"), WithTenantDiscovery(""))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Scan(t.Context(), &collect{}); err == nil || !strings.Contains(err.Error(), "system resolver config") {
		t.Errorf("Scan = %v", err)
	}
}

func TestLookupAnswersForWrongQuestionAreRefused(t *testing.T) {
	// A server that answers a different name than asked: the reply must be
	// rejected, not used.
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	go func() {
		buf := make([]byte, 1500)
		for {
			n, addr, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			reply := liar(buf[:n])
			if reply != nil {
				pc.WriteTo(reply, addr)
			}
		}
	}()
	r, err := newResolver(pc.LocalAddr().String(), "", 200*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.lookup(t.Context(), "asked.test", 15)
	if err == nil || !strings.Contains(err.Error(), "different question") {
		t.Errorf("lookup = %v", err)
	}
}
