package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/reach"
)

// explain says a closed service is historic, in the past tense, with its
// successor, in text and JSON. Source: "Microsoft Cloud Germany was closed
// on October 29th, 2021" (learn.microsoft.com, Azure Germany developer
// guide and the .NET AzureEnvironmentConstants notes).
func TestExplainHistoricRegion(t *testing.T) {
	code, out, errOut := explain("azure", "germanycentral")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"Historic: This service closed on 2021-10-29; its successor is germanywestcentral.",
		"It was operated by T-Systems International GmbH (data trustee)",
		"Was reached by:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "It is operated by") || strings.Contains(out, "e-Evidence") {
		t.Errorf("a service closed in 2021 is spoken of in the present, or under a 2026 Regulation:\n%s", out)
	}
	code, out, _ = explain("azure", "germanycentral", "--format", "json")
	var got struct {
		Status, Until, Successor string
	}
	if err := json.Unmarshal([]byte(out), &got); code != ExitOK || err != nil {
		t.Fatalf("exit %d, %v", code, err)
	}
	if got.Status != "historic" || got.Until != "2021-10-29" || got.Successor != "germanywestcentral" {
		t.Errorf("json = %+v", got)
	}
	if !strings.Contains(out, `"status": "historic"`) || !strings.Contains(out, `"until": "2021-10-29"`) ||
		!strings.Contains(out, `"successor": "germanywestcentral"`) {
		t.Errorf("the contract's keys are missing:\n%s", out)
	}
}

// The e-Evidence Regulation (Regulation (EU) 2023/1543, art. 1: orders to
// providers offering services in the Union, regardless of the location of
// the data; applies from 18 August 2026) shows on an EU provider's data in
// the EU, and on its data outside the Union, without changing the category
// for an EU home.
func TestExplainEEvidenceOnEUProvider(t *testing.T) {
	tests := []struct {
		args     []string
		category string
	}{
		{[]string{"hetzner", "fsn1"}, "Relative to EU/EEA: home."},
		{[]string{"hetzner", "fsn1", "--home", "DE"}, "Relative to Germany: home."},
		{[]string{"hetzner", "ash"}, "Relative to EU/EEA: foreign."},
		{[]string{"ovh", "gra", "--home", "FR"}, "Relative to France: home."},
	}
	for _, tt := range tests {
		code, out, errOut := explain(tt.args...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", tt.args, code, errOut)
		}
		if !strings.Contains(out, "European Union (union, via ") || !strings.Contains(out, "e-Evidence Regulation, Regulation (EU) 2023/1543") {
			t.Errorf("%v: no e-Evidence entry:\n%s", tt.args, out)
		}
		if !strings.Contains(out, tt.category) {
			t.Errorf("%v: want %q:\n%s", tt.args, tt.category, out)
		}
	}
	// For a home outside the Union it counts: Proton for a Swiss home.
	_, out, _ := explain("proton", "--home", "CH")
	if !strings.Contains(out, "Relative to Switzerland: home+foreign.") || !strings.Contains(out, "European Union law also reaches it") {
		t.Errorf("proton, home CH:\n%s", out)
	}
}

// Each strength, in words, on the entry it belongs to: statute for the
// operator's own country (the CLOUD Act names US providers, 18 U.S.C.
// § 2713), control through a parent (Exoscale's Austrian and Mexican
// owners), contested for a construct designed to cut the reach (the AWS
// European Sovereign Cloud, golem.de 2026-01-15).
func TestExplainStrengths(t *testing.T) {
	tests := []struct {
		args []string
		line string
		why  string
	}{
		{[]string{"aws", "eu-west-1"}, "United States (operator, via Amazon Web Services, Inc., strength statute)", "By statute:"},
		{[]string{"exoscale", "ch-gva-2"}, "Mexico (operator, via América Movil, S.A.B. de C.V., strength control)", "Through control: the law reaches a parent that controls the operator. Through América Movil"},
		{[]string{"aws", "eusc-de-east-1"}, "United States (operator, via Amazon.com, Inc., strength contested)", "Contested: a construct designed to cut this reach"},
		{[]string{"s3ns"}, "United States (operator, via Google LLC (minority shareholder and technology supplier), strength contested)", "Google holds only a minority stake"},
	}
	for _, tt := range tests {
		code, out, errOut := explain(tt.args...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", tt.args, code, errOut)
		}
		i := strings.Index(out, tt.line)
		if i < 0 {
			t.Fatalf("%v lacks %q:\n%s", tt.args, tt.line, out)
		}
		if !strings.Contains(out[i:], tt.why) {
			t.Errorf("%v: the strength is not explained (%q):\n%s", tt.args, tt.why, out[i:])
		}
	}
	_, out, _ := explain("aws", "eu-west-1", "--format", "json")
	var got struct {
		Reach []reach.Jurisdiction `json:"reach"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	for _, j := range got.Reach {
		if j.Strength == "" || j.StrengthReason == "" {
			t.Errorf("%s %s: no strength in JSON", j.Country, j.Basis)
		}
	}
}
