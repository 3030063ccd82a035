package present

import (
	"strings"
	"testing"

	"github.com/reachmap/reachmap/reach"
)

// The legal model's finer facts in words, in both languages: strength,
// law status, a closed service, the contracting entity, the DPF entry and
// certifications.
func TestLegalSentences(t *testing.T) {
	say := speakers(t)
	op := reach.Operator{
		Name: "Amazon Web Services, Inc.", Country: "US",
		ContractingEntity: &reach.ContractingEntity{Name: "Amazon Web Services EMEA SARL", Country: "LU"},
		DPF:               &reach.DPF{Entity: "Amazon.com, Inc.", Certified: true, Checked: "2026-11-22", Unverified: true},
		Certifications:    []string{"SecNumCloud (ANSSI)", "C5"},
	}
	contested := reach.Jurisdiction{Country: "US", Basis: reach.BasisOperator, Strength: reach.StrengthContested, StrengthReason: "Why."}
	pending := reach.Jurisdiction{Country: "EU", Basis: reach.BasisUnion, Status: reach.StatusPending, From: "2026-08-18"}
	lapsed := reach.Jurisdiction{Country: "US", Basis: reach.BasisOperator, Status: reach.StatusLapsed, Until: "2026-06-12"}
	tests := []struct {
		name     string
		got      func(*Speaker) string
		en, fr   string
		emptyFor bool
	}{
		{"contested strength", func(s *Speaker) string { return s.Strength(contested) },
			"Contested: a construct designed to cut this reach, or an ownership whose reach is disputed. Why.", "Contestée :", false},
		{"control word", func(s *Speaker) string { return s.StrengthWord(reach.StrengthControl) }, "control", "contrôle", false},
		{"pending", func(s *Speaker) string { return s.LawStatus(pending) }, "Applies from 2026-08-18.", "S'applique à partir du 2026-08-18.", false},
		{"lapsed", func(s *Speaker) string { return s.LawStatus(lapsed) }, "Lapsed on 2026-06-12.", "Caduque depuis le 2026-06-12.", false},
		{"historic", func(s *Speaker) string { return s.ServiceStatus("historic", "2021-10-29", "germanywestcentral") },
			"This service closed on 2021-10-29; its successor is germanywestcentral. What follows is how it was.", "a fermé le 2021-10-29", false},
		{"contracting entity", func(s *Speaker) string { return s.ContractingEntity(op) },
			"EU customers contract with Amazon Web Services EMEA SARL (Luxembourg).", "Les clients de l'UE contractent avec Amazon Web Services EMEA SARL (Luxembourg).", false},
		{"dpf", func(s *Speaker) string { return s.DPF(op) },
			"Amazon.com, Inc. is certified under the EU–US Data Privacy Framework (list checked 2026-11-22). (unverified)", "(non vérifié)", false},
		{"dpf not checked", func(s *Speaker) string {
			return s.DPF(reach.Operator{DPF: &reach.DPF{Entity: "Google LLC", Certified: true, Unverified: true}})
		}, "Google LLC says it is certified under the EU–US Data Privacy Framework (the list was not checked). (unverified)", "la liste n'a pas été consultée", false},
		{"certifications", func(s *Speaker) string { return s.Certifications(op) }, "Certification: SecNumCloud (ANSSI), C5.", "Certification : SecNumCloud (ANSSI), C5.", false},
		{"union basis", func(s *Speaker) string { return s.Basis(pending) }, "Union law: the provider offers services in the Union", "droit de l'Union", false},
	}
	for _, tt := range tests {
		if got := tt.got(say["en"]); got != tt.en {
			t.Errorf("%s en = %q, want %q", tt.name, got, tt.en)
		}
		if got := tt.got(say["fr"]); !strings.Contains(got, tt.fr) {
			t.Errorf("%s fr = %q, want it to contain %q", tt.name, got, tt.fr)
		}
	}
	en := say["en"]
	if en.ServiceStatus("", "", "") != "" || en.LawStatus(reach.Jurisdiction{}) != "" || en.Strength(reach.Jurisdiction{}) != "" ||
		en.ContractingEntity(reach.Operator{}) != "" || en.DPF(reach.Operator{}) != "" || en.Certifications(reach.Operator{}) != "" {
		t.Error("a fact not recorded must say nothing")
	}
	if got := en.LawTime(reach.Law{From: "2018-03-23"}); got != "in force since 2018-03-23" {
		t.Errorf("LawTime = %q", got)
	}
}
