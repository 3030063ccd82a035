package reach

import (
	"strings"
	"testing"

	"github.com/reachmap/reachmap/geo"
)

// The corrections of the 2026-12-04 review, one row each, with the source
// a reader can check. A row fails if the knowledge base drifts back.
func TestLegalTruths(t *testing.T) {
	law := func(id string) Law {
		t.Helper()
		l, ok := LawByID(id)
		if !ok {
			t.Fatalf("law %s missing", id)
		}
		return l
	}
	country := func(cc string) Country {
		t.Helper()
		c, ok := CountryInfo(cc)
		if !ok {
			t.Fatalf("country %s missing", cc)
		}
		return c
	}
	op := func(provider, region string) OperatorInfo {
		t.Helper()
		info, ok := OperatorFor(provider, region)
		if !ok {
			t.Fatalf("operator of %s %s missing", provider, region)
		}
		return info
	}
	tests := []struct {
		name string
		ok   func() bool
	}{
		// Regulation (EU) 2023/1543 (https://eur-lex.europa.eu/eli/reg/2023/1543/oj),
		// art. 34: applies from 18 August 2026; orders to providers offering
		// services in the Union, regardless of the location of the data.
		{"e-Evidence applies from 18 August 2026, as Union law", func() bool {
			l := law("eu-e-evidence")
			return l.Kind == LawUnion && l.From == "2026-08-18" &&
				strings.Contains(l.Summary, "regardless of the location of the data") && strings.Contains(l.Summary, "Denmark is not bound")
		}},
		{"e-Evidence is no longer a pseudo-country's territorial law", func() bool {
			eu := country("EU")
			return len(eu.UnionLaws) == 1 && eu.UnionLaws[0] == "eu-e-evidence" && !strings.Contains(strings.Join(eu.TerritorialLaws, ","), "e-evidence")
		}},
		// 18 U.S.C. § 2703(h)(1)(A) (https://www.law.cornell.edu/uscode/text/18/2703):
		// a "qualifying foreign government" has an executive agreement in force under § 2523.
		{"the motion to quash is § 2703(h), for qualifying foreign governments only", func() bool {
			n := law("us-cloud-act").Note
			return strings.Contains(n, "2703(h)") && strings.Contains(n, "qualifying foreign government") &&
				strings.Contains(n, "Ireland, Germany") && !strings.Contains(law("us-cloud-act").Summary, "quash")
		}},
		// Press reports of 12 June 2026 (cgnnews.net, peopleofinternet.com):
		// extensions to 30 April and 12 June 2026, then a lapse; certifications run into 2027.
		{"FISA 702's status after April 2026 is said, with its dates, and stays unverified", func() bool {
			l := law("us-fisa-702")
			return l.Unverified && strings.Contains(l.Note, "12 June 2026") && strings.Contains(l.Note, "lapsed") && l.Reviewed == "2026-12-04"
		}},
		// Commission, 19 December 2025 (reported by dpocentre.com, uea.ac.uk):
		// the UK decisions renewed until 27 December 2031.
		{"UK adequacy renewed in December 2025 until 2031", func() bool {
			a := country("GB").Adequacy
			return a.Status == AdequacyFull && a.Date == "2025-12-19" && a.Until == "2031-12-27" && a.Unverified
		}},
		// Commission Implementing Decision (EU) 2026/179 of 26 January 2026 (europalov.no, cms.law).
		{"Brazil has an EU adequacy decision of January 2026", func() bool {
			a := country("BR").Adequacy
			return a.Status == AdequacyFull && a.Date == "2026-01-26" && strings.Contains(a.Decision, "2026/179")
		}},
		// OJ C/2025/6610 (https://eur-lex.europa.eu/eli/C/2025/6610/oj): appeal C-703/25 P of 31 October 2025.
		{"the DPF stands, pending the Latombe appeal", func() bool {
			us := country("US")
			return strings.Contains(us.Adequacy.Note, "C-703/25 P") && strings.Contains(us.Note, "pending")
		}},
		// Home Affairs' page gives the signature (15 December 2021), not an in-force date.
		{"the AU–US agreement has no unbacked in-force date", func() bool {
			l := law("us-au-agreement")
			return l.InForce == "" && l.From == "" && l.Unverified
		}},
		// learn.microsoft.com: "Microsoft Cloud Germany was closed on October 29th, 2021".
		{"Microsoft Cloud Deutschland is historic, closed 2021-10-29, with successors", func() bool {
			c, n := op("azure", "germanycentral"), op("azure", "germanynortheast")
			return c.Service.Historic() && c.Service.Until == "2021-10-29" && c.Service.Successor == "germanywestcentral" &&
				n.Service.Successor == "germanynorth" && strings.Contains(c.Note, "closed on 29 October 2021") && strings.Contains(c.Note, " was ")
		}},
		// Microsoft, 26 February 2025 (blogs.microsoft.com): the EU Data Boundary is complete.
		{"the EU Data Boundary is complete and changes no operator reach", func() bool {
			a := op("azure", "westeurope")
			return strings.Contains(a.Note, "completed in February 2025") && strings.Contains(a.Note, "US law still reaches it") && a.Country == "US"
		}},
		// golem.de, computerweekly.com (January 2026): a German parent and three GmbHs, seated in Potsdam.
		{"the AWS European Sovereign Cloud chain has its German parent", func() bool {
			e := op("aws", "eusc-de-east-1")
			return len(e.Parents) == 2 && e.Parents[0].Country == "DE" && e.Parents[1].Name == "Amazon.com, Inc." &&
				e.Contested && e.StrengthReason != "" && e.Service.From == "2026-01-15"
		}},
		// Form 20-F (SEC): Alibaba Group Holding Limited, Cayman Islands; Tencent annual report: Grand Cayman.
		{"Alibaba's and Tencent's listed parents are Cayman companies", func() bool {
			return op("alibaba", "cn-hangzhou").Parents[0].Country == "KY" && op("tencent", "ap-guangzhou").Parents[0].Country == "KY"
		}},
		// VNET Group, Inc. Form 20-F: Cayman Islands.
		{"21Vianet's parent is VNET Group, Inc. of the Cayman Islands", func() bool {
			p := op("azure", "chinanorth2").Parents
			return len(p) == 2 && strings.HasPrefix(p[1].Name, "VNET Group, Inc.") && p[1].Country == "KY" && !op("azure", "chinanorth2").OffersInEU
		}},
		// https://www.huaweicloud.com/eu/declaration/sa_dpt.html
		{"Huawei Cloud's EU contracting entity is Sparkoo Technologies Ireland", func() bool {
			c := op("huawei", "eu-west-101").ContractingEntity
			return c != nil && c.Name == "Sparkoo Technologies Ireland Co., Limited" && c.Country == "IE" && !c.Unverified
		}},
		// AWS Marketplace buyer guide: EMEA accounts are billed by Amazon Web Services EMEA SARL.
		{"AWS's EU contracting entity is Amazon Web Services EMEA SARL", func() bool {
			c := op("aws", "eu-west-1").ContractingEntity
			return c != nil && c.Name == "Amazon Web Services EMEA SARL" && c.Country == "LU"
		}},
		// The DPF list could not be consulted: the entry stays unverified, with no date of check.
		{"DPF entries that could not be checked stay unverified, undated", func() bool {
			d := op("aws", "eu-west-1").DPF
			return d != nil && d.Certified && d.Unverified && d.Checked == "" && strings.Contains(d.Note, "could not be consulted")
		}},
		// Zoho WorkDrive "Multi DC Support": CN, AE, CA, SA data centres.
		{"Zoho's other data centres are placed", func() bool {
			for r, cc := range map[string]string{"cn": "CN", "ae": "AE", "ca": "CA", "sa": "SA", "uk": "GB"} {
				if l, ok := Locate("zoho", r); !ok || l.Country != cc {
					return false
				}
			}
			return true
		}},
		// cyberinsider.com, persoenlich.com (2025): Proton moving infrastructure to Germany and Norway.
		{"Proton's announced move out of Switzerland is said", func() bool {
			p := op("proton", "")
			l, _ := FixedLocation("proton")
			return p.Unverified && strings.Contains(p.Note, "Germany and Norway") && strings.Contains(l.Note, "2025")
		}},
		// b1.ru, lidings.com: Federal Law No. 23-FZ of 28 February 2025, from 1 July 2025.
		{"Russia's 2025 ban on foreign databases is a localisation law on Russian soil", func() bool {
			l := law("ru-23-fz-2025")
			return l.Kind == LawLocalisation && l.From == "2025-07-01" && strings.Contains(strings.Join(country("RU").TerritorialLaws, ","), "ru-23-fz-2025")
		}},
		// Press reports: the VÜPF revision of January 2025 is not in force; motion of 10 December 2025.
		{"the Swiss surveillance-ordinance revision is not in force", func() bool {
			n := law("ch-buepf").Note
			return strings.Contains(n, "not entered into force") && strings.Contains(n, "10 December 2025")
		}},
		// OVHcloud MX Plan migration page: MX Plan mail moved to Gravelines and Roubaix.
		{"OVHcloud mail has its documented location", func() bool {
			l, ok := Locate("ovh", "")
			return ok && l.Country == "FR" && strings.Contains(l.Note, "Gravelines and Roubaix")
		}},
		// Partner-operated offers as their own operators (grcworldforums.com for Bleu, Reuters for S3NS).
		{"S3NS, Bleu, Delos and T-Systems are contested operators of their own", func() bool {
			for _, id := range []string{"s3ns", "bleu", "delos", "t-systems-sovereign"} {
				o := op(id, "")
				if !o.Contested || o.StrengthReason == "" || o.Parents[len(o.Parents)-1].Country != "US" {
					return false
				}
			}
			return len(op("s3ns", "").Certifications) == 1
		}},
	}
	for _, tt := range tests {
		if !tt.ok() {
			t.Errorf("%s: not so in kb.yaml", tt.name)
		}
	}
}

// A law for every reach: every country a catalog places data in, every
// country of an operator or one of its parents, names a territorial law
// and a law that reaches companies based there.
func TestEveryReachHasALaw(t *testing.T) {
	need := map[string]string{}
	for _, p := range geo.CatalogProviders() {
		for _, r := range geo.Regions(p) {
			if r.Country != "" {
				need[r.Country] = p + " " + r.Code
			}
		}
	}
	k := kb()
	for _, id := range k.providerOrder {
		p := k.providers[id]
		chains := append([]Entity{{p.Entity, p.Country}}, p.Parents...)
		for _, o := range p.Overrides {
			chains = append(chains, Entity{o.Entity, o.Country})
			chains = append(chains, o.Parents...)
		}
		for _, e := range chains {
			if e.Country != "" {
				need[e.Country] = id + " " + e.Name
			}
		}
		if p.Location != nil && p.Location.Country != "" {
			need[p.Location.Country] = id
		}
		for r, l := range p.Locations {
			if l.Country != "" {
				need[l.Country] = id + " " + r
			}
		}
	}
	for cc, why := range need {
		c, ok := CountryInfo(cc)
		if !ok {
			t.Errorf("%s (%s) is not in kb.yaml", cc, why)
			continue
		}
		if len(c.TerritorialLaws) == 0 || len(c.OperatorLaws) == 0 {
			t.Errorf("%s (%s): territorial %v, operator %v", cc, why, c.TerritorialLaws, c.OperatorLaws)
		}
	}
}

// Strength and time, judged on a fixed day: the e-Evidence entry is
// pending before 18 August 2026 and in force after it.
func TestLawStatusByDay(t *testing.T) {
	defer func(f func() string) { today = f }(today)
	loc := geo.Location{Country: "DE", Lat: 50.1, Lon: 8.7}
	for _, tt := range []struct{ day, status string }{
		{"2026-08-17", StatusPending},
		{"2026-08-18", ""},
		{"2026-12-04", ""},
	} {
		today = func() string { return tt.day }
		a := Assess("hetzner", "fsn1", loc, "")
		u := a.Reach[len(a.Reach)-1]
		if u.Basis != BasisUnion || u.Status != tt.status || (tt.status == StatusPending && u.From != "2026-08-18") {
			t.Errorf("on %s: union entry %+v", tt.day, u)
		}
	}
	l := Law{From: "2024-04-20", Until: "2026-06-12"}
	if lawStatus(l, "2026-06-11") != "" || lawStatus(l, "2026-06-12") != StatusLapsed || lawStatus(l, "2024-01-01") != StatusPending {
		t.Error("lawStatus does not follow from and until")
	}
	// Every strength value occurs where it belongs.
	for _, tt := range []struct {
		provider, region, cc string
		basis                Basis
		want                 Strength
	}{
		{"aws", "eu-west-1", "US", BasisOperator, StrengthStatute},
		{"aws", "eu-west-1", "IE", BasisTerritorial, StrengthStatute},
		{"exoscale", "ch-gva-2", "AT", BasisOperator, StrengthControl},
		{"aws", "eusc-de-east-1", "US", BasisOperator, StrengthContested},
		{"bleu", "", "US", BasisOperator, StrengthContested},
	} {
		loc, _ := Locate(tt.provider, tt.region)
		found := false
		for _, j := range Assess(tt.provider, tt.region, loc, "").Reach {
			if j.Country == tt.cc && j.Basis == tt.basis {
				found = true
				if j.Strength != tt.want || j.StrengthReason == "" {
					t.Errorf("%s %s %s: strength %q (%q), want %q", tt.provider, tt.region, tt.cc, j.Strength, j.StrengthReason, tt.want)
				}
			}
		}
		if !found {
			t.Errorf("%s %s: no %s %s entry", tt.provider, tt.region, tt.cc, tt.basis)
		}
	}
}
