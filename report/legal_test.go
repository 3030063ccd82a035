package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/providers"
)

// The report shows what a transfer impact assessment needs on each row:
// the strength of every reach (in words where it is control or
// contested), a closed service in the past tense with its successor, the
// contracting entity and the parent's Data Privacy Framework entry.
func TestHTMLLegalFacts(t *testing.T) {
	s := &inventory.Scan{ScannedAt: time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC), Home: "EU", Reviewed: "2026-12-04"}
	for _, a := range []providers.Asset{
		{Provider: "azure", Account: "a", Kind: "object-storage", Name: "old-trustee", Region: "germanycentral"},
		{Provider: "aws", Account: "b", Kind: "object-storage", Name: "sovereign", Region: "eusc-de-east-1"},
		{Provider: "aws", Account: "b", Kind: "object-storage", Name: "dublin", Region: "eu-west-1"},
	} {
		s.Assets = append(s.Assets, inventory.Judge(a, s.Home))
	}
	var buf bytes.Buffer
	if err := WriteHTML(&buf, s, nil); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"This service closed on 2021-10-29; its successor is germanywestcentral.",
		"strength: contested",
		"Contested: a construct designed to cut this reach",
		"strength: statute",
		"EU customers contract with Amazon Web Services EMEA SARL (Luxembourg).",
		"Amazon.com, Inc. says it is certified under the EU–US Data Privacy Framework",
		"e-Evidence Regulation",
		"2026-08-18", // applies from, or in force since: the date of the Regulation
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(out, "No law recorded") {
		t.Error(`report says "No law recorded"`)
	}
}
