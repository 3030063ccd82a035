package reach

import (
	"slices"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/geo"
)

// reachKeys renders a reach list as "IE:territorial US:operator!" (! =
// contested), in order, so a test can compare the whole answer at once.
func reachKeys(rs []Jurisdiction) string {
	var ks []string
	for _, j := range rs {
		k := j.Country + ":" + string(j.Basis)
		if j.Contested {
			k += "!"
		}
		ks = append(ks, k)
	}
	return strings.Join(ks, " ")
}

func locOf(t *testing.T, provider, region string) geo.Location {
	t.Helper()
	loc, ok := Locate(provider, region)
	if !ok {
		t.Fatalf("cannot place %s %q", provider, region)
	}
	return loc
}

func TestAssessSeedCases(t *testing.T) {
	tests := []struct {
		name, provider, region string
		loc                    *geo.Location // nil: Locate(provider, region)
		override               string
		home                   Home
		wantReach              string
		wantOperator           string
		wantCategory           Category
	}{
		{"the Dublin case", "aws", "eu-west-1", nil, "", HomeEU,
			"IE:territorial US:operator EU:union", "Amazon Web Services, Inc.", CategoryHomeForeign},
		{"Microsoft Cloud Deutschland", "azure", "germanycentral", nil, "", HomeEU,
			"DE:territorial DE:operator", "T-Systems International GmbH (data trustee)", CategoryHome},
		{"Cloud Deutschland Magdeburg, home DE", "azure", "germanynortheast", nil, "", "DE",
			"DE:territorial DE:operator", "T-Systems International GmbH (data trustee)", CategoryHome},
		{"Microsoft 365 data trustee", "microsoft-365", "de-trustee", &geo.Location{Country: "DE", Lat: 50.1, Lon: 8.7}, "", HomeEU,
			"DE:territorial DE:operator", "T-Systems International GmbH (data trustee)", CategoryHome},
		{"Proton, home EU", "proton", "", nil, "", HomeEU,
			"CH:territorial CH:operator EU:union", "Proton AG", CategoryForeign},
		// Proton offers services in the Union, so an e-Evidence order
		// (Regulation (EU) 2023/1543, art. 1) reaches it: foreign to a Swiss home.
		{"Proton, home CH", "proton", "default", nil, "", "CH",
			"CH:territorial CH:operator EU:union", "Proton AG", CategoryHomeForeign},
		// For a single member state as home the Union entry is listed but
		// not counted (README, "How Reachmap counts").
		{"Hetzner Falkenstein, home DE", "hetzner", "fsn1", nil, "", "DE",
			"DE:territorial DE:operator EU:union", "Hetzner Online GmbH", CategoryHome},
		{"Hetzner Falkenstein, home NO", "hetzner", "fsn1", nil, "", "NO",
			"DE:territorial DE:operator EU:union", "Hetzner Online GmbH", CategoryForeign},
		{"Hetzner Falkenstein", "hetzner", "fsn1", nil, "", HomeEU,
			"DE:territorial DE:operator EU:union", "Hetzner Online GmbH", CategoryHome},
		{"Hetzner Ashburn", "hetzner", "ash", nil, "", HomeEU,
			"US:territorial DE:operator EU:union", "Hetzner Online GmbH", CategoryForeign},
		{"AWS Beijing by Sinnet", "aws", "cn-north-1", nil, "", "CN",
			"CN:territorial CN:operator", "Beijing Sinnet Technology Co., Ltd.", CategoryHome},
		{"AWS Ningxia by NWCD", "aws", "cn-northwest-1", nil, "", HomeEU,
			"CN:territorial CN:operator", "Ningxia Western Cloud Data Technology Co., Ltd. (NWCD)", CategoryForeign},
		{"AWS European Sovereign Cloud", "aws", "eusc-de-east-1", nil, "", HomeEU,
			"DE:territorial DE:operator US:operator! EU:union", "AWS European Sovereign Cloud GmbH", CategoryHomeForeign},
		{"Azure China by 21Vianet", "azure", "chinanorth2", nil, "", HomeEU,
			"CN:territorial CN:operator KY:operator", "Shanghai Blue Cloud Technology Co., Ltd. (21Vianet)", CategoryForeign},
		{"Microsoft 365 China", "microsoft-365", "cn", &geo.Location{Country: "CN", Lat: 31.2, Lon: 121.5}, "", HomeEU,
			"CN:territorial CN:operator KY:operator", "Shanghai Blue Cloud Technology Co., Ltd. (21Vianet)", CategoryForeign},
		{"Microsoft 365 EU tenant", "microsoft-365", "EU", &geo.Location{Area: "EU", Lat: 52.37, Lon: 4.9}, "", HomeEU,
			"EU:territorial US:operator EU:union", "Microsoft Corporation", CategoryHomeForeign},
		{"Microsoft 365 EU tenant, home FR", "microsoft-365", "EU", &geo.Location{Area: "EU", Lat: 52.37, Lon: 4.9}, "", "FR",
			"EU:territorial US:operator EU:union", "Microsoft Corporation", CategoryForeign},
		{"OVH US by a US entity", "ovh", "us-east-va", nil, "", HomeEU,
			"US:territorial US:operator FR:operator EU:union", "OVH US LLC", CategoryForeign},
		{"OVH Gravelines", "ovh", "gra", nil, "", "FR",
			"FR:territorial FR:operator EU:union", "OVH SAS", CategoryHome},
		{"AWS London, with the UK agreement", "aws", "eu-west-2", nil, "", "GB",
			"GB:territorial US:operator EU:union GB:agreement", "Amazon Web Services, Inc.", CategoryHomeForeign},
		{"Fastmail: AU company, US servers", "fastmail", "", nil, "", "AU",
			"US:territorial AU:operator EU:union AU:agreement", "Fastmail Pty Ltd", CategoryForeign},
		{"Exoscale Geneva and its parent chain", "exoscale", "ch-gva-2", nil, "", "CH",
			"CH:territorial CH:operator AT:operator MX:operator EU:union", "Akenes SA", CategoryHomeForeign},
		{"iCloud China by GCBD", "icloud", "cn", nil, "", HomeEU,
			"CN:territorial CN:operator", "Guizhou-Cloud Big Data Industry Co., Ltd. (GCBD)", CategoryForeign},
		{"Yandex", "yandex", "", nil, "", "RU",
			"RU:territorial RU:operator EU:union", "Yandex LLC", CategoryHomeForeign},
		{"GCP EU multi-region", "gcp", "eu", nil, "", HomeEU,
			"EU:territorial US:operator EU:union", "Google LLC", CategoryHomeForeign},
		{"Cloudflare auto has no territory", "cloudflare", "auto", nil, "", "US",
			"US:operator EU:union", "Cloudflare, Inc.", CategoryUnknown},
		{"self-hosted in France", "self-hosted", "", &geo.Location{Country: "FR", Lat: 48.86, Lon: 2.35}, "", "FR",
			"FR:territorial", "", CategoryUnknown},
		{"unknown provider", "acme-cloud", "x-1", &geo.Location{Country: "FR", Lat: 48.86, Lon: 2.35}, "", "FR",
			"FR:territorial", "", CategoryUnknown},
		{"unknown location", "aws", "mars-1", &geo.Location{}, "", HomeEU,
			"US:operator EU:union", "Amazon Web Services, Inc.", CategoryUnknown},
		{"operator override: a Hetzner-run item in an AWS region", "aws", "eu-central-1", nil, "hetzner", HomeEU,
			"DE:territorial DE:operator EU:union", "Hetzner Online GmbH", CategoryHome},
		{"override ignores the region's own overrides", "aws", "cn-north-1", nil, "aws", HomeEU,
			"CN:territorial CN:operator", "Beijing Sinnet Technology Co., Ltd.", CategoryForeign},
		{"unknown override", "aws", "eu-central-1", nil, "no-such-operator", HomeEU,
			"DE:territorial", "", CategoryUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var loc geo.Location
			if tt.loc != nil {
				loc = *tt.loc
			} else {
				loc = locOf(t, tt.provider, tt.region)
			}
			a := Assess(tt.provider, tt.region, loc, tt.override)
			if got := reachKeys(a.Reach); got != tt.wantReach {
				t.Errorf("reach = %s, want %s", got, tt.wantReach)
			}
			if a.Operator.Name != tt.wantOperator {
				t.Errorf("operator = %q, want %q", a.Operator.Name, tt.wantOperator)
			}
			if got := Categorize(a, loc, tt.home); got != tt.wantCategory {
				t.Errorf("category vs %s = %s, want %s", tt.home, got, tt.wantCategory)
			}
		})
	}
}

func TestAssessDetails(t *testing.T) {
	t.Run("US operator cites the CLOUD Act and FISA 702", func(t *testing.T) {
		a := Assess("aws", "eu-west-1", locOf(t, "aws", "eu-west-1"), "")
		us := a.Reach[1]
		if us.Law != "CLOUD Act, 18 U.S.C. § 2713; FISA § 702, 50 U.S.C. § 1881a" ||
			us.Source != "https://www.law.cornell.edu/uscode/text/18/2713" || us.Via != "Amazon Web Services, Inc." {
			t.Errorf("US entry = %+v", us)
		}
		if !strings.Contains(us.Note, "lapsed") || !strings.Contains(us.Note, "press reports only") {
			t.Errorf("the unverified FISA status is not flagged: %q", us.Note)
		}
		laws := LawsOf(us)
		if len(laws) != 2 || laws[0].ID != "us-cloud-act" || laws[1].ID != "us-fisa-702" {
			t.Errorf("LawsOf = %+v", laws)
		}
	})
	t.Run("eusc is contested on the operator and on the US entry only", func(t *testing.T) {
		a := Assess("aws", "eusc-de-east-1", locOf(t, "aws", "eusc-de-east-1"), "")
		if !a.Operator.Contested || len(a.Operator.Parents) != 2 || a.Operator.Parents[1].Country != "US" {
			t.Errorf("operator = %+v", a.Operator)
		}
		for _, j := range a.Reach {
			if j.Contested != (j.Country == "US") {
				t.Errorf("%s %s contested = %v", j.Country, j.Basis, j.Contested)
			}
			if j.Country == "US" && (j.Via != "Amazon.com, Inc." || !strings.Contains(j.Note, "Contested") ||
				j.Strength != StrengthContested || !strings.Contains(j.StrengthReason, "EU-resident staff")) {
				t.Errorf("US entry = %+v", j)
			}
		}
	})
	t.Run("China cites the National Intelligence Law", func(t *testing.T) {
		a := Assess("alibaba", "cn-hangzhou", locOf(t, "alibaba", "cn-hangzhou"), "")
		for _, j := range a.Reach {
			if j.Basis == BasisUnion || j.Country == "KY" { // the Cayman holding: its own procedure
				continue
			}
			if !strings.Contains(j.Law, "National Intelligence Law, art. 7") {
				t.Errorf("%s %s law = %q", j.Country, j.Basis, j.Law)
			}
		}
	})
	t.Run("agreement is context with its source", func(t *testing.T) {
		a := Assess("aws", "eu-west-2", locOf(t, "aws", "eu-west-2"), "")
		last := a.Reach[len(a.Reach)-1]
		if last.Basis != BasisAgreement || last.Country != "GB" ||
			!strings.HasPrefix(last.Source, "https://") || !strings.Contains(last.Note, "Context, not reach") {
			t.Errorf("agreement entry = %+v", last)
		}
	})
	t.Run("EU area names the member state's criminal procedure; e-Evidence is the union entry", func(t *testing.T) {
		a := Assess("gcp", "eu", locOf(t, "gcp", "eu"), "")
		if a.Reach[0].Country != "EU" || !strings.Contains(a.Reach[0].Law, "Criminal procedure of the member state") ||
			!strings.Contains(a.Reach[0].Note, "exact country is not known") {
			t.Errorf("territorial = %+v", a.Reach[0])
		}
		u := a.Reach[len(a.Reach)-1]
		if u.Basis != BasisUnion || !strings.Contains(u.Law, "2023/1543") || u.Strength != StrengthStatute {
			t.Errorf("union = %+v", u)
		}
	})
	t.Run("unknown provider gives an empty operator", func(t *testing.T) {
		a := Assess("acme", "", geo.Location{Country: "DE", Lat: 50, Lon: 8}, "")
		if a.Operator.Name != "" || a.Operator.Country != "" || a.Operator.Note != "" || len(a.Operator.Parents) != 0 {
			t.Errorf("operator = %+v, want empty", a.Operator)
		}
		if !strings.Contains(a.Reach[0].Note, "operator is unknown") {
			t.Errorf("territorial note = %q", a.Reach[0].Note)
		}
	})
	t.Run("self-hosted explains itself", func(t *testing.T) {
		a := Assess("self-hosted", "", geo.Location{Country: "FR", Lat: 48.8, Lon: 2.3}, "")
		if a.Operator.Name != "" || !strings.Contains(a.Operator.Note, "self-hosted") {
			t.Errorf("operator = %+v", a.Operator)
		}
	})
	t.Run("a foreign parent's country names its criminal procedure, reached through control", func(t *testing.T) {
		a := Assess("exoscale", "ch-gva-2", locOf(t, "exoscale", "ch-gva-2"), "")
		for _, j := range a.Reach {
			if j.Country == "MX" && (j.Via != "América Movil, S.A.B. de C.V." || !strings.Contains(j.Law, "Código Nacional de Procedimientos Penales") || j.Strength != StrengthControl) {
				t.Errorf("MX entry = %+v", j)
			}
			if j.Country == "CH" && j.Basis == BasisOperator && j.Note != "" {
				t.Errorf("CH operator on CH soil needs no note: %q", j.Note)
			}
		}
	})
	t.Run("garbage input does not panic", func(t *testing.T) {
		for _, loc := range []geo.Location{{}, {Country: "??"}, {Area: "Mars"}, {Country: " de "}} {
			a := Assess("", "", loc, "")
			_ = Categorize(a, loc, "")
			_ = Categorize(a, loc, HomeEU)
		}
	})
}

// wantOperatorCountry is, for every provider of the knowledge base, the
// country of the company that runs its default service ("" = unknown).
var wantOperatorCountry = map[string]string{
	"aws": "US", "azure": "US", "microsoft-365": "US", "gcp": "US", "google-workspace": "US",
	"oracle": "US", "ibm": "US", "alibaba": "CN", "tencent": "CN", "huawei": "CN",
	"ovh": "FR", "scaleway": "FR", "hetzner": "DE", "ionos": "DE", "exoscale": "CH",
	"infomaniak": "CH", "backblaze": "US", "wasabi": "US", "cloudflare": "US",
	"digitalocean": "US", "linode": "US", "vultr": "US", "proton": "CH", "tuta": "DE",
	"fastmail": "AU", "zoho": "IN", "yandex": "RU", "mailbox.org": "DE", "posteo": "DE",
	"gmx": "DE", "icloud": "US", "yahoo": "US", "self-hosted": "", "unknown": "",
	// mail filtering gateways
	"mimecast": "GB", "proofpoint": "US", "barracuda": "US", "cisco": "US", "trendmicro": "JP",
	"sophos": "GB", "hornetsecurity": "DE", "spamexperts": "US", "forcepoint": "US", "broadcom": "US",
	// mail filtering gateways and relays (the kb.yaml block of that name)
	"seppmail": "CH", "vade": "FR", "fortinet": "US", "nospamproxy": "DE", "retarus": "DE",
	"libraesva": "IT", "cleanmail": "FR", "abraxas": "CH", "combell": "BE", "mailinblack": "FR", "altospam": "FR",
	// partner-operated sovereign offers
	"s3ns": "FR", "bleu": "FR", "delos": "DE", "t-systems-sovereign": "DE",
}

func TestAssessEveryProvider(t *testing.T) {
	if len(wantOperatorCountry) != len(Providers()) {
		t.Errorf("table has %d providers, the KB %d: keep them in step", len(wantOperatorCountry), len(Providers()))
	}
	for _, id := range Providers() {
		t.Run(id, func(t *testing.T) {
			want, listed := wantOperatorCountry[id]
			if !listed {
				t.Fatalf("provider %s is not in the test table", id)
			}
			// Judge it where it really keeps data: its fixed location,
			// else its first catalog region, else a place in Germany.
			region, loc := "", geo.Location{Country: "DE", Lat: 50.1, Lon: 8.7}
			if l, ok := FixedLocation(id); ok {
				loc = l
			} else if rs := geo.Regions(id); len(rs) > 0 {
				region, loc = rs[0].Code, rs[0].Location()
			}
			a := Assess(id, region, loc, "")
			if a.Operator.Country != want {
				t.Fatalf("operator %+v, want country %q", a.Operator, want)
			}
			if want == "" {
				if Categorize(a, loc, HomeEU) != CategoryUnknown {
					t.Error("an unknown operator must give category unknown")
				}
				for _, j := range a.Reach {
					if j.Basis != BasisTerritorial {
						t.Errorf("unknown operator but %s reach %+v", j.Basis, j)
					}
				}
				return
			}
			if a.Operator.Name == "" || ProviderName(id) == "" {
				t.Errorf("operator name %q, display name %q", a.Operator.Name, ProviderName(id))
			}
			found := false
			for _, j := range a.Reach {
				if j.Basis == BasisOperator && j.Country == want && j.Via == a.Operator.Name {
					found = true
				}
			}
			if !found {
				t.Errorf("no operator reach for %s via %s in %s", want, a.Operator.Name, reachKeys(a.Reach))
			}
			checkReachShape(t, a)
		})
	}
}

// Every region of every catalog: the reach list is well formed.
func TestAssessEveryCatalogRegion(t *testing.T) {
	for _, p := range geo.CatalogProviders() {
		for _, r := range geo.Regions(p) {
			a := Assess(p, r.Code, r.Location(), "")
			if len(a.Reach) == 0 {
				t.Errorf("%s %s: empty reach", p, r.Code)
			}
			checkReachShape(t, a)
		}
	}
}

// checkReachShape: territorial first, agreements last, one entry per
// country and basis, valid codes, sources on every cited law.
func checkReachShape(t *testing.T, a Assessment) {
	t.Helper()
	seen := map[string]bool{}
	rank := map[Basis]int{BasisTerritorial: 0, BasisOperator: 1, BasisUnion: 2, BasisAgreement: 3}
	last := 0
	for i, j := range a.Reach {
		key := j.Country + "/" + string(j.Basis)
		if seen[key] {
			t.Errorf("duplicate %s in %s", key, reachKeys(a.Reach))
		}
		seen[key] = true
		r, ok := rank[j.Basis]
		if !ok || r < last || (r == 0 && i != 0) {
			t.Errorf("bad order or basis at %d in %s", i, reachKeys(a.Reach))
		}
		last = r
		if j.Country != "EU" && !geo.ValidCountry(j.Country) {
			t.Errorf("invalid country %q", j.Country)
		}
		if j.Law != "" && !strings.HasPrefix(j.Source, "https://") {
			t.Errorf("%s cites %q without a source", key, j.Law)
		}
		// A law for every reach, and a strength for every reach entry.
		if j.Basis != BasisAgreement {
			if j.Law == "" || len(LawsOf(j)) == 0 {
				t.Errorf("%s has no law", key)
			}
			if !slices.Contains(Strengths, j.Strength) || j.StrengthReason == "" {
				t.Errorf("%s strength %q reason %q", key, j.Strength, j.StrengthReason)
			}
			if strings.Contains(j.Note, "No law recorded") {
				t.Errorf("%s still says %q", key, j.Note)
			}
		}
	}
}
