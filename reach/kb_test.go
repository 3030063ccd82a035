package reach

import (
	"strings"
	"testing"

	"github.com/reachmap/reachmap/geo"
)

func TestEmbeddedKBValidates(t *testing.T) {
	if err := Validate(); err != nil {
		t.Fatalf("the embedded knowledge base does not validate:\n%v", err)
	}
}

// The classifier is only as good as the coverage of its countries: every
// place a catalog can put data, and every fixed location, must be known.
func TestKBCoversCatalogsAndOperators(t *testing.T) {
	k := kb()
	for _, p := range geo.CatalogProviders() {
		if _, ok := k.providers[p]; !ok {
			t.Errorf("geo catalog provider %q has no operator in kb.yaml", p)
		}
		for _, r := range geo.Regions(p) {
			if r.Country == "" {
				continue
			}
			if _, ok := CountryInfo(r.Country); !ok {
				t.Errorf("%s %s is in %s, which kb.yaml does not list", p, r.Code, r.Country)
			}
		}
	}
	for _, id := range Providers() {
		if loc, ok := FixedLocation(id); ok {
			if _, ok := CountryInfo(loc.Country); !ok {
				t.Errorf("%s fixed location %s is not in kb.yaml", id, loc.Country)
			}
		}
	}
}

func TestKBEntriesAreSourcedAndDated(t *testing.T) {
	for _, l := range Laws() {
		if !strings.HasPrefix(l.Source, "https://") || !validDate(l.Reviewed) {
			t.Errorf("law %s: source %q reviewed %q", l.ID, l.Source, l.Reviewed)
		}
	}
	k := kb()
	for _, cc := range k.countryOrder {
		c := k.countries[cc]
		if cc != "EU" && !geo.ValidCountry(cc) {
			t.Errorf("country %s is not a valid ISO 3166-1 code", cc)
		}
		if !strings.HasPrefix(c.Source, "https://") || !validDate(c.Reviewed) {
			t.Errorf("country %s: source %q reviewed %q", cc, c.Source, c.Reviewed)
		}
	}
	for _, id := range Providers() {
		p := k.providers[id]
		if !validDate(p.Reviewed) {
			t.Errorf("provider %s: reviewed %q", id, p.Reviewed)
		}
		if !p.UnknownOperator && !strings.HasPrefix(p.Source, "https://") {
			t.Errorf("provider %s: source %q", id, p.Source)
		}
		for _, o := range p.Overrides {
			if !strings.HasPrefix(o.Source, "https://") || !validDate(o.Reviewed) {
				t.Errorf("provider %s override %v: source %q reviewed %q", id, o.Match, o.Source, o.Reviewed)
			}
		}
	}
}

// Every law a country or an operator relies on must exist, with the kind
// its use needs.
func TestKBReferencesResolve(t *testing.T) {
	k := kb()
	for _, cc := range k.countryOrder {
		c := k.countries[cc]
		for _, ids := range [][]string{c.TerritorialLaws, c.OperatorLaws, c.Blocking} {
			for _, id := range ids {
				if _, ok := LawByID(id); !ok {
					t.Errorf("country %s cites missing law %q", cc, id)
				}
			}
		}
		if c.CloudActAgreement != "" {
			if l, ok := LawByID(c.CloudActAgreement); !ok || l.Kind != LawAgreement {
				t.Errorf("country %s agreement %q: found %v kind %q", cc, c.CloudActAgreement, ok, l.Kind)
			}
		}
	}
	// Every country an operator chain lands in must be in the KB, so that
	// its operator laws can be looked up.
	for _, id := range Providers() {
		p := k.providers[id]
		chains := [][]Entity{append([]Entity{{p.Entity, p.Country}}, p.Parents...)}
		for _, o := range p.Overrides {
			chains = append(chains, append([]Entity{{o.Entity, o.Country}}, o.Parents...))
		}
		for _, chain := range chains {
			for _, e := range chain {
				if e.Country == "" && p.UnknownOperator {
					continue
				}
				if _, ok := CountryInfo(e.Country); !ok {
					t.Errorf("provider %s: %s in %q, not in the KB", id, e.Name, e.Country)
				}
			}
		}
	}
}

func TestValidateCatchesBrokenKB(t *testing.T) {
	base := string(kbYAML)
	tests := []struct {
		name, old, new, want string
	}{
		{"missing law", "operator: [us-cloud-act, us-fisa-702]", "operator: [us-cloud-act, us-nope]", `law "us-nope" is not in the knowledge base`},
		{"law of wrong kind", "operator: [us-cloud-act, us-fisa-702]", "operator: [us-cloud-act, eu-gdpr-art48]", `law "eu-gdpr-art48" is blocking`},
		{"http source", "source: https://www.law.cornell.edu/uscode/text/18/2713", "source: http://www.law.cornell.edu/uscode/text/18/2713", "law us-cloud-act: source"},
		{"bad reviewed date", "    citation: \"18 U.S.C. § 2713\"\n    in_force: 2018-03-23", "    citation: \"18 U.S.C. § 2713\"\n    in_force: 2018-13-23", "is not YYYY-MM-DD"},
		{"invalid country", "{code: AT, name: Austria", "{code: XX, name: Austria", "country XX: not a valid"},
		{"EU count", "operator: [at-procedure], eu: true", "operator: [at-procedure], eu: false", "want 27 and 3"},
		{"country without a territorial law", "{code: AT, name: Austria, territorial: [at-procedure], ", "{code: AT, name: Austria, ", "country AT: no territorial law"},
		{"country without an operator law", "territorial: [sg-procedure], operator: [sg-procedure]", "territorial: [sg-procedure]", "country SG: no law reaching companies"},
		{"contested without reason", "        contested: true\n        contested_reason: >-\n", "        contested: true\n        note_x: >-\n", "field note_x not found"},
		{"historic without until", "        historic: true\n        until: 2021-10-29\n        successor: germanywestcentral", "        historic: true\n        successor: germanywestcentral", "a historic service needs until"},
		{"operator country unknown", "    entity: Hetzner Online GmbH\n    country: DE", "    entity: Hetzner Online GmbH\n    country: ZZ", `country "ZZ" is not in the knowledge base`},
		{"contested without parent", "          - {name: \"German parent company of the AWS European Sovereign Cloud, Potsdam (name not confirmed)\", country: DE}\n          - {name: \"Amazon.com, Inc.\", country: US}\n", "", "contested needs the parent"},
		{"location off the map", "      lat: 46.20\n      lon: 6.14", "      lat: 146.20\n      lon: 6.14", "is not a place"},
		{"adequacy without decision", `decision: "Commission Decision 2000/518/EC", `, "", "an adequacy decision needs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(base, tt.old) {
				t.Fatalf("test setup: %q not in kb.yaml", tt.old)
			}
			k, err := parseKB([]byte(strings.Replace(base, tt.old, tt.new, 1)))
			if err == nil {
				err = k.validate()
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestParseKBRejectsStructuralErrors(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"typo in a key", "laws:\n  - id: x\n    reviewd: 2026-11-22\n", "reviewd"},
		{"duplicate law", "laws:\n  - id: x\n  - id: x\n", `law "x" defined twice`},
		{"duplicate country", "countries:\n  - {code: FR}\n  - {code: fr}\n", `country "FR" defined twice`},
		{"duplicate provider", "providers:\n  - id: a\n  - id: a\n", `provider "a" defined twice`},
		{"not yaml", "laws: [", "decode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseKB([]byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestAdvisoryAndReviewed(t *testing.T) {
	if got := Reviewed(); got != "2026-12-04" {
		t.Errorf("Reviewed() = %q, want 2026-12-04", got)
	}
	want := "Advisory, not legal advice. Knowledge base reviewed on 2026-12-04."
	if got := Advisory(); got != want {
		t.Errorf("Advisory() = %q, want %q", got, want)
	}
}

// The laws the issue names, with the citation and the source host a reader
// will check.
func TestRequiredLaws(t *testing.T) {
	tests := []struct {
		id, country, cite, host string
		kind                    LawKind
		reviewed                string
	}{
		{"us-cloud-act", "US", "18 U.S.C. § 2713", "www.law.cornell.edu", LawExtraterritorial, "2026-12-04"},
		{"us-fisa-702", "US", "50 U.S.C. § 1881a", "www.law.cornell.edu", LawExtraterritorial, "2026-12-04"},
		{"cn-nil-art7", "CN", "art. 7", "www.chinalawtranslate.com", LawExtraterritorial, "2026-11-22"},
		{"cn-nil-art14", "CN", "art. 14", "www.chinalawtranslate.com", LawExtraterritorial, "2026-11-22"},
		{"cn-dsl-art36", "CN", "art. 36", "www.chinalawtranslate.com", LawBlocking, "2026-11-22"},
		{"eu-gdpr-art48", "EU", "art. 48", "eur-lex.europa.eu", LawBlocking, "2026-11-22"},
		// Regulation (EU) 2023/1543, https://eur-lex.europa.eu/eli/reg/2023/1543/oj
		{"eu-e-evidence", "EU", "Regulation (EU) 2023/1543", "eur-lex.europa.eu", LawUnion, "2026-12-04"},
		{"gb-ipa-2016", "GB", "c. 25", "www.legislation.gov.uk", LawExtraterritorial, "2026-11-22"},
		{"au-taola-2018", "AU", "No. 148 of 2018", "www.legislation.gov.au", LawExtraterritorial, "2026-11-22"},
		{"ru-242-fz", "RU", "242-FZ", "www.consultant.ru", LawLocalisation, "2026-11-22"},
		{"ru-yarovaya", "RU", "374-FZ and No. 375-FZ", "www.consultant.ru", LawExtraterritorial, "2026-11-22"},
		{"in-it-act-s69", "IN", "s. 69", "www.indiacode.nic.in", LawExtraterritorial, "2026-11-22"},
		{"ch-buepf", "CH", "SR 780.1", "www.fedlex.admin.ch", LawExtraterritorial, "2026-12-04"},
		{"us-gb-agreement", "GB", "18 U.S.C. § 2523", "www.justice.gov", LawAgreement, "2026-11-22"},
		{"us-au-agreement", "AU", "18 U.S.C. § 2523", "www.homeaffairs.gov.au", LawAgreement, "2026-12-04"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			l, ok := LawByID(tt.id)
			if !ok {
				t.Fatal("missing")
			}
			if l.Country != tt.country || l.Kind != tt.kind || !strings.Contains(l.Citation, tt.cite) ||
				!strings.HasPrefix(l.Source, "https://"+tt.host+"/") || l.Reviewed != tt.reviewed {
				t.Errorf("got %+v", l)
			}
		})
	}
	if _, ok := LawByID("no-such-law"); ok {
		t.Error("LawByID found a law that does not exist")
	}
}

func TestCountryInfo(t *testing.T) {
	tests := []struct {
		cc        string
		eu, eea   bool
		adequacy  AdequacyStatus
		adqDate   string
		agreement string
		inForce   string
		blocking  string
	}{
		{"IE", true, true, AdequacyEUEEA, "", "", "", "eu-gdpr-art48"},
		{"de", true, true, AdequacyEUEEA, "", "", "", "eu-gdpr-art48"},
		{"NO", false, true, AdequacyEUEEA, "", "", "", "eu-gdpr-art48"},
		{"CH", false, false, AdequacyFull, "2000-07-26", "", "", ""},
		{"JP", false, false, AdequacyFull, "2019-01-23", "", "", ""},
		{"US", false, false, AdequacyPartial, "2023-07-10", "", "", ""},
		// UK adequacy renewed 19 December 2025 (Commission; dpocentre.com).
		{"GB", false, false, AdequacyFull, "2025-12-19", "us-gb-agreement", "2022-10-03", ""},
		// The AU–US in-force date is not backed by Home Affairs' page: none recorded.
		{"AU", false, false, AdequacyNone, "", "us-au-agreement", "", ""},
		// Implementing Decision (EU) 2026/179 of 26 January 2026.
		{"BR", false, false, AdequacyFull, "2026-01-26", "", "", ""},
		{"CN", false, false, AdequacyNone, "", "", "", "cn-dsl-art36"},
		{"EU", true, true, AdequacyEUEEA, "", "", "", "eu-gdpr-art48"},
	}
	for _, tt := range tests {
		t.Run(tt.cc, func(t *testing.T) {
			c, ok := CountryInfo(tt.cc)
			if !ok {
				t.Fatal("missing")
			}
			if c.EU != tt.eu || c.EEA != tt.eea || c.Adequacy.Status != tt.adequacy || c.Adequacy.Date != tt.adqDate {
				t.Errorf("EU %v EEA %v adequacy %+v", c.EU, c.EEA, c.Adequacy)
			}
			if c.CloudActAgreement != tt.agreement {
				t.Errorf("agreement %q, want %q", c.CloudActAgreement, tt.agreement)
			}
			if tt.agreement != "" {
				if l, _ := LawByID(tt.agreement); l.InForce != tt.inForce {
					t.Errorf("agreement in force %q, want %q", l.InForce, tt.inForce)
				}
			}
			if tt.blocking != "" && !strings.Contains(strings.Join(c.Blocking, ","), tt.blocking) {
				t.Errorf("blocking %v, want %s", c.Blocking, tt.blocking)
			}
		})
	}
	if _, ok := CountryInfo("ZZ"); ok {
		t.Error("CountryInfo found ZZ")
	}
	eu, eea := 0, 0
	for _, cc := range kb().countryOrder {
		c, _ := CountryInfo(cc)
		if cc == "EU" {
			continue
		}
		if c.EU {
			eu++
		}
		if c.EEA {
			eea++
		}
	}
	if eu != 27 || eea != 30 {
		t.Errorf("%d EU and %d EEA states, want 27 and 30", eu, eea)
	}
}

func TestProvidersAndNames(t *testing.T) {
	required := []string{"aws", "azure", "microsoft-365", "gcp", "google-workspace", "oracle", "ibm",
		"alibaba", "tencent", "huawei", "ovh", "scaleway", "hetzner", "ionos", "exoscale", "infomaniak",
		"backblaze", "wasabi", "cloudflare", "digitalocean", "linode", "vultr", "proton", "tuta",
		"fastmail", "zoho", "yandex", "mailbox.org", "posteo", "gmx", "icloud", "yahoo",
		"self-hosted", "unknown"}
	have := map[string]bool{}
	for _, id := range Providers() {
		have[id] = true
	}
	for _, id := range required {
		if !have[id] {
			t.Errorf("provider %q missing", id)
		}
	}
	names := map[string]string{"aws": "Amazon Web Services", "linode": "Linode (Akamai)",
		"microsoft-365": "Microsoft 365", "no-such": "no-such"}
	for id, want := range names {
		if got := ProviderName(id); got != want {
			t.Errorf("ProviderName(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestFixedLocationAndLocate(t *testing.T) {
	tests := []struct {
		provider, region string
		ok               bool
		country, area    string
	}{
		{"proton", "", true, "CH", ""},
		{"proton", "default", true, "CH", ""},
		{"tuta", "", true, "DE", ""},
		{"fastmail", "", true, "US", ""},
		{"posteo", "", true, "DE", ""},
		{"mailbox.org", "", true, "DE", ""},
		{"icloud", "", true, "US", ""},
		{"icloud", "cn", true, "CN", ""},
		{"icloud", "CN", true, "CN", ""},
		{"microsoft-365", "EU", true, "", "EU"},
		{"microsoft-365", "cn", true, "CN", ""},
		{"microsoft-365", "de-trustee", true, "DE", ""},
		{"zoho", "eu", true, "", "EU"},
		{"zoho", "in", true, "IN", ""},
		{"zoho", "", false, "", ""},
		{"aws", "eu-west-1", true, "IE", ""},
		{"aws", "eu-west-1a", true, "IE", ""},
		{"gcp", "eu", true, "", "EU"},
		{"aws", "", false, "", ""},
		{"aws", "mars-north-1", false, "", ""},
		{"proton", "zurich-9", false, "", ""},
		{"google-workspace", "", false, "", ""},
		{"no-such", "", false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.provider+"/"+tt.region, func(t *testing.T) {
			loc, ok := Locate(tt.provider, tt.region)
			if ok != tt.ok || loc.Country != tt.country || loc.Area != tt.area {
				t.Fatalf("Locate = %+v, %v; want %s/%s, %v", loc, ok, tt.country, tt.area, tt.ok)
			}
			if ok && (loc.Evidence != geo.EvidenceCatalog || (loc.Lat == 0 && loc.Lon == 0)) {
				t.Errorf("location %+v has no evidence or point", loc)
			}
		})
	}
	if _, ok := FixedLocation("hetzner"); ok {
		t.Error("hetzner has a region catalog, not a fixed location")
	}
}

// The advisory date is the newest review of any entry, so one re-checked
// law moves it forward.
func TestReviewedIsTheNewestEntry(t *testing.T) {
	tests := []struct{ old, new, want string }{
		{"    source: https://www.law.cornell.edu/uscode/text/18/2713\n    reviewed: 2026-12-04", "    source: https://www.law.cornell.edu/uscode/text/18/2713\n    reviewed: 2027-01-05", "2027-01-05"},
		{"    entity: Hetzner Online GmbH\n    country: DE\n    source: https://www.hetzner.com/legal/legal-notice/\n    reviewed: 2026-11-22", "    entity: Hetzner Online GmbH\n    country: DE\n    source: https://www.hetzner.com/legal/legal-notice/\n    reviewed: 2028-02-29", "2028-02-29"},
		{"", "", "2026-12-04"},
	}
	for _, tt := range tests {
		if !strings.Contains(string(kbYAML), tt.old) {
			t.Fatalf("test setup: %q not in kb.yaml", tt.old)
		}
		k, err := parseKB([]byte(strings.Replace(string(kbYAML), tt.old, tt.new, 1)))
		if err != nil {
			t.Fatal(err)
		}
		if k.reviewed != tt.want {
			t.Errorf("reviewed = %s, want %s", k.reviewed, tt.want)
		}
	}
}
