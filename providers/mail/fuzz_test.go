package mail

import (
	"strings"
	"testing"

	"github.com/reachmap/reachmap/providers"
)

// Seeds: the shapes the tables above test, plus the odd ones.
var hostSeeds = []string{
	"contoso-com.mail.protection.outlook.com", "a.o-v1.mx.microsoft", "aspmx.l.google.com",
	"mx.zoho.com.au", "inbound-smtp.eu-west-1.amazonaws.com", "eu-smtp-inbound-1.mimecast.com",
	"mx1-eu1.ppe-hosted.com", "d1.ess.de.barracudanetworks.com", "mx-01-eu-west-1.prod.hydra.sophos.com",
	"in.tmes-anz.trendmicro.com", "-smtp-.mimecast.com", "ess.barracudanetworks.com", "a.ess..barracudanetworks.com",
	"", ".", "..", "xn--bcher-kva.de", "\x00", "é.mimecast.com", "mx-.hydra.sophos.com",
}

func FuzzClassifyMX(f *testing.F) {
	for _, s := range hostSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, host string) {
		m, ok := ClassifyMX(host)
		m2, ok2 := ClassifyMX(strings.ToUpper(host) + ".")
		if ok != ok2 || m.Provider != m2.Provider || m.Region != m2.Region {
			t.Fatalf("case or root dot changed the answer: %+v %v / %+v %v", m, ok, m2, ok2)
		}
		if !ok {
			if m != (Match{}) {
				t.Fatalf("no match but %+v", m)
			}
			return
		}
		if m.Provider == "" || m.Service == "" || (m.Kind != providers.KindMailbox && m.Kind != providers.KindMailGateway) {
			t.Fatalf("bad match %+v", m)
		}
		if p := m.pin; p != nil && (p.Note == "" || (p.Area == "" && !isAlpha2(p.Country))) {
			t.Fatalf("bad pin %+v", p)
		}
	})
}

func FuzzClassifySPFInclude(f *testing.F) {
	for _, s := range []string{"spf.protection.outlook.com", "zoho.eu", "_spf.google.com", "", "%{i}.x", "ZOHO.COM."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, inc string) {
		m, ok := ClassifySPFInclude(inc)
		if ok && (m.Provider == "" || m.Kind != providers.KindMailbox) {
			t.Fatalf("bad match %+v", m)
		}
	})
}

func FuzzNormalizeDomain(f *testing.F) {
	for _, s := range append(hostSeeds, "alice@bücher.de", "例え.jp", "1.2.3.4", "[::1]", "faß.de", "a_b.com", "ÄÖÜ.DE.") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		ascii, display, err := normalizeDomain(in)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		if len(ascii) > 253 || !strings.Contains(ascii, ".") || ascii != strings.ToLower(ascii) {
			t.Fatalf("bad ascii %q", ascii)
		}
		for _, label := range strings.Split(ascii, ".") {
			if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
				t.Fatalf("bad label %q in %q", label, ascii)
			}
			for _, c := range label {
				if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
					t.Fatalf("bad char %q in %q", c, ascii)
				}
			}
		}
		// Normalising the answer again changes nothing.
		a2, d2, err := normalizeDomain(ascii)
		if err != nil || a2 != ascii || d2 != display {
			t.Fatalf("not idempotent: %q -> %q/%q -> %q/%q %v", in, ascii, display, a2, d2, err)
		}
	})
}

func FuzzParseSPF(f *testing.F) {
	for _, s := range []string{"v=spf1 include:a.test -all", "v=spf1 redirect=b.test", "v=spf1 include:%{i}.x include:", "", "v=spf1\tinclude:A.TEST."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, txt string) {
		terms, ok := parseSPF(txt)
		if !ok {
			if len(terms.includes) != 0 || terms.redirect != "" {
				t.Fatalf("not SPF but %+v", terms)
			}
			return
		}
		for _, d := range append(terms.includes, terms.redirect) {
			if strings.ContainsAny(d, " \t\n%") || d != strings.ToLower(d) || strings.HasSuffix(d, ".") {
				t.Fatalf("bad domain %q from %q", d, txt)
			}
		}
	})
}
