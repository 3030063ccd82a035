package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/reach"
)

func explain(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = runExplain(args, &o, &e)
	return code, o.String(), e.String()
}

func TestExplainText(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string // substrings of stdout, in order
	}{
		{"the Dublin case", []string{"aws", "eu-west-1"}, []string{
			"Amazon Web Services eu-west-1 (Europe (Ireland)) is in Dublin, Ireland. How we know: a documented region code",
			"It is operated by Amazon Web Services, Inc. (United States), owned by Amazon.com, Inc. (United States).",
			"EU customers contract with Amazon Web Services EMEA SARL (Luxembourg).",
			"Amazon.com, Inc. says it is certified under the EU–US Data Privacy Framework (the list was not checked).",
			"Reached by:",
			"Ireland (territorial, strength statute): Criminal Justice Act 2011",
			"United States (operator, via Amazon Web Services, Inc., strength statute): CLOUD Act, 18 U.S.C. § 2713 — https://www.law.cornell.edu/uscode/text/18/2713",
			"FISA § 702, 50 U.S.C. § 1881a",
			"European Union (union, via Amazon Web Services, Inc., strength statute): e-Evidence Regulation, Regulation (EU) 2023/1543",
			"Context, not reach:",
			"GDPR, art. 48",
			"Relative to EU/EEA: home+foreign",
			"Advisory, not legal advice. Knowledge base reviewed on " + reach.Reviewed() + ".",
		}},
		{"flags after the arguments", []string{"aws", "eu-west-1", "--home", "fr"}, []string{
			"Relative to France: foreign",
		}},
		{"flags before the arguments", []string{"--home=DE", "hetzner", "fsn1"}, []string{
			"Falkenstein, Germany", "Hetzner Online GmbH (Germany)", "Relative to Germany: home",
		}},
		{"Microsoft Cloud Deutschland", []string{"azure", "germanycentral"}, []string{
			"T-Systems International GmbH (data trustee) (Germany), owned by Deutsche Telekom AG (Germany)",
			"Microsoft had no access",
			"Germany (territorial, strength statute)",
			"Germany (operator, via T-Systems International GmbH (data trustee), strength statute)",
			"Relative to EU/EEA: home",
		}},
		{"Proton with no region", []string{"proton"}, []string{
			"Proton is in Geneva, Switzerland. How we know: the provider's stated location",
			"Proton AG (Switzerland)",
			"Switzerland (territorial, strength statute): BÜPF",
			"https://www.fedlex.admin.ch/",
			"Relative to EU/EEA: foreign",
		}},
		{"Proton default", []string{"proton", "default", "--home", "CH"}, []string{
			"Relative to Switzerland: home",
		}},
		{"sovereign cloud is contested", []string{"aws", "eusc-de-east-1"}, []string{
			"AWS European Sovereign Cloud GmbH (Germany), owned by German parent company of the AWS European Sovereign Cloud",
			"owned by Amazon.com, Inc. (United States)",
			"United States (operator, via Amazon.com, Inc., strength contested)",
			"Contested: a construct designed to cut this reach",
			"Relative to EU/EEA: home+foreign",
			"contested",
		}},
		{"AWS China", []string{"aws", "cn-north-1"}, []string{
			"Beijing Sinnet Technology Co., Ltd. (China)",
			"China (operator, via Beijing Sinnet Technology Co., Ltd., strength statute): National Intelligence Law, art. 7",
		}},
		{"UK agreement as context", []string{"aws", "eu-west-2"}, []string{
			"Context, not reach:", "United Kingdom: US–UK CLOUD Act agreement", "(in force since 2022-10-03)",
		}},
		{"Microsoft 365 China", []string{"microsoft-365", "cn"}, []string{
			"Shanghai, China", "Shanghai Blue Cloud Technology Co., Ltd. (21Vianet) (China)", "Relative to EU/EEA: foreign",
		}},
		{"Microsoft 365 data trustee", []string{"microsoft-365", "de-trustee"}, []string{
			"Frankfurt, Germany", "T-Systems International GmbH (data trustee)", "Relative to EU/EEA: home",
		}},
		{"Microsoft 365 EU geography", []string{"microsoft-365", "EU"}, []string{
			"somewhere in the EU/EEA", "European Union (territorial, strength statute): Criminal procedure of the member state",
			"United States (operator", "European Union (union", "e-Evidence Regulation", "Relative to EU/EEA: home+foreign",
		}},
		{"a zone resolves to its region", []string{"aws", "eu-west-1b"}, []string{
			"Amazon Web Services eu-west-1 (Europe (Ireland))",
		}},
		{"self-hosted", []string{"self-hosted"}, []string{
			"is not known", "Its operator is not known.", "Relative to EU/EEA: unknown",
		}},
		{"no region, no fixed place", []string{"google-workspace"}, []string{
			"Google LLC (United States)", "United States (operator", "Relative to EU/EEA: unknown",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := explain(tt.args...)
			if code != ExitOK {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			rest := out
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("output lacks %q (in order):\n%s", w, out)
				}
				rest = rest[i+len(w):]
			}
			if n := strings.Count(out, "Advisory, not legal advice."); n != 1 {
				t.Errorf("advisory shown %d times", n)
			}
		})
	}
}

func TestExplainAWSChinaHasNoUSReach(t *testing.T) {
	_, out, _ := explain("aws", "cn-northwest-1")
	if strings.Contains(out, "United States") {
		t.Errorf("cn-northwest-1 should be reached by China only:\n%s", out)
	}
}

func TestExplainJSON(t *testing.T) {
	code, out, errOut := explain("aws", "eu-west-1", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Provider string       `json:"provider"`
		Region   string       `json:"region"`
		Home     string       `json:"home"`
		Location geo.Location `json:"location"`
		Operator reach.Operator
		Reach    []struct {
			reach.Jurisdiction
			Laws []reach.Law `json:"laws"`
		} `json:"reach"`
		Category reach.Category `json:"category"`
		Reviewed string         `json:"reviewed"`
		Advisory string         `json:"advisory"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if got.Provider != "aws" || got.Region != "eu-west-1" || got.Home != "EU" ||
		got.Location.Country != "IE" || got.Location.City != "Dublin" {
		t.Errorf("header = %+v", got)
	}
	if got.Operator.Name != "Amazon Web Services, Inc." || got.Operator.Country != "US" {
		t.Errorf("operator = %+v", got.Operator)
	}
	if len(got.Reach) != 3 || got.Reach[2].Basis != reach.BasisUnion || got.Reach[0].Country != "IE" || got.Reach[0].Basis != reach.BasisTerritorial ||
		got.Reach[1].Country != "US" || got.Reach[1].Basis != reach.BasisOperator ||
		!strings.HasPrefix(got.Reach[1].Law, "CLOUD Act, 18 U.S.C. § 2713") || len(got.Reach[1].Laws) != 2 {
		t.Errorf("reach = %+v", got.Reach)
	}
	if got.Category != reach.CategoryHomeForeign || got.Reviewed != reach.Reviewed() || !strings.HasPrefix(got.Advisory, "Advisory") {
		t.Errorf("category %q reviewed %q advisory %q", got.Category, got.Reviewed, got.Advisory)
	}
	// The stable keys of the contract are present as such.
	for _, key := range []string{`"location":`, `"operator":`, `"reach":`, `"category":`} {
		if !strings.Contains(out, key) {
			t.Errorf("JSON lacks %s", key)
		}
	}
}

func TestExplainUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string // substrings of stderr
	}{
		{"no arguments", nil, []string{"want PROVIDER [REGION]"}},
		{"too many arguments", []string{"aws", "eu-west-1", "extra"}, []string{"got 3 arguments"}},
		{"unknown provider", []string{"amazon-web", "eu-west-1"}, []string{`unknown provider "amazon-web"`, "Known providers:", "aws"}},
		{"typo in provider", []string{"hetzer", "fsn1"}, []string{"did you mean hetzner"}},
		{"unknown region", []string{"aws", "eu-wset-1"}, []string{`unknown region "eu-wset-1" for aws`, "did you mean", "eu-west-1"}},
		{"region far off", []string{"hetzner", "qqqqqqqqqq"}, []string{"regions include", "fsn1"}},
		{"region of a fixed provider", []string{"proton", "zurich"}, []string{`unknown region "zurich" for proton`, "known: default"}},
		{"catalog provider needs a region", []string{"aws"}, []string{"aws needs a region", "eu-"}},
		{"bad home", []string{"aws", "eu-west-1", "--home", "Europe"}, []string{"--home"}},
		{"bad format", []string{"aws", "eu-west-1", "--format", "yaml"}, []string{`--format "yaml"`}},
		{"unknown flag", []string{"aws", "eu-west-1", "--nope"}, []string{"nope"}},
		{"suggest with a region", []string{"--suggest", "aws", "eu-west-1"}, []string{"--suggest takes no region"}},
		{"suggest for an unknown provider", []string{"--suggest", "--provider", "nope"}, []string{`unknown provider "nope"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := explain(tt.args...)
			if code != ExitUsage {
				t.Fatalf("exit %d, want %d; stdout %q stderr %q", code, ExitUsage, out, errOut)
			}
			if out != "" {
				t.Errorf("a usage error wrote to stdout: %q", out)
			}
			for _, w := range tt.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
		})
	}
}

func TestExplainHelp(t *testing.T) {
	code, out, _ := explain("-h")
	if code != ExitOK || !strings.Contains(out, "reachmap explain PROVIDER [REGION]") {
		t.Errorf("exit %d, help %q", code, out)
	}
}

// Every region of every catalog, and every provider with a fixed place,
// explains cleanly in both formats with a non-empty reach.
func TestExplainEveryCatalogRegion(t *testing.T) {
	type job struct{ provider, region string }
	var jobs []job
	for _, p := range geo.CatalogProviders() {
		for _, r := range geo.Regions(p) {
			jobs = append(jobs, job{p, r.Code})
		}
	}
	for _, p := range reach.Providers() {
		if _, ok := reach.FixedLocation(p); ok {
			jobs = append(jobs, job{p, "default"})
		}
		for _, r := range reach.RegionLocations(p) {
			jobs = append(jobs, job{p, r})
		}
	}
	if len(jobs) < 100 {
		t.Fatalf("only %d regions to explain: is the catalog empty?", len(jobs))
	}
	for _, j := range jobs {
		code, out, errOut := explain(j.provider, j.region, "--format", "json")
		if code != ExitOK {
			t.Errorf("%s %s: exit %d: %s", j.provider, j.region, code, errOut)
			continue
		}
		var got struct {
			Reach    []reach.Jurisdiction `json:"reach"`
			Category reach.Category       `json:"category"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Errorf("%s %s: %v", j.provider, j.region, err)
			continue
		}
		if len(got.Reach) == 0 || got.Category == "" {
			t.Errorf("%s %s: reach %v category %q", j.provider, j.region, got.Reach, got.Category)
		}
		// A law and a strength for every reach: "No law recorded" never shows.
		for _, r := range got.Reach {
			if r.Basis != reach.BasisAgreement && (r.Law == "" || r.Strength == "") {
				t.Errorf("%s %s: %s reach %s has law %q strength %q", j.provider, j.region, r.Country, r.Basis, r.Law, r.Strength)
			}
		}
		if code, out, _ := explain(j.provider, j.region); code != ExitOK || !strings.Contains(out, "eached by:") ||
			strings.Contains(out, "No law recorded") || strings.Contains(out, "no specific law recorded") {
			t.Errorf("%s %s text: exit %d\n%s", j.provider, j.region, code, out)
		}
	}
}

func TestExplainSuggest(t *testing.T) {
	t.Run("AWS has no EU-only region, alternatives follow", func(t *testing.T) {
		code, out, errOut := explain("--suggest", "--home", "EU", "--provider", "aws")
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for _, w := range []string{
			"No Amazon Web Services region is under EU/EEA reach only",
			"United States (operator",
			"Nearest alternatives from other providers:",
			"hetzner",
			"Advisory, not legal advice.",
		} {
			if !strings.Contains(out, w) {
				t.Errorf("output lacks %q:\n%s", w, out)
			}
		}
	})
	t.Run("the provider as an argument", func(t *testing.T) {
		code, out, _ := explain("--suggest", "hetzner")
		if code != ExitOK || !strings.Contains(out, "Hetzner (hetzner):") || !strings.Contains(out, "fsn1") ||
			strings.Contains(out, "ash ") {
			t.Errorf("exit %d:\n%s", code, out)
		}
	})
	t.Run("all providers for a country home", func(t *testing.T) {
		code, out, _ := explain("--suggest", "--home", "DE")
		if code != ExitOK || !strings.Contains(out, "within Germany") || !strings.Contains(out, "fsn1") ||
			strings.Contains(out, "Amazon Web Services (aws)") {
			t.Errorf("exit %d:\n%s", code, out)
		}
	})
	t.Run("json", func(t *testing.T) {
		code, out, _ := explain("--suggest", "--provider", "aws", "--format", "json")
		var got struct {
			Home         string         `json:"home"`
			Providers    []any          `json:"providers"`
			None         string         `json:"none"`
			Alternatives []reach.Option `json:"alternatives"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil || code != ExitOK {
			t.Fatalf("exit %d, %v:\n%s", code, err, out)
		}
		if got.Home != "EU" || len(got.Providers) != 0 || got.None == "" || len(got.Alternatives) == 0 {
			t.Errorf("got %+v", got)
		}
		for _, o := range got.Alternatives {
			if o.Category != reach.CategoryHome || o.Provider == "aws" {
				t.Errorf("alternative %+v", o)
			}
		}
	})
}
