package inventory

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

// A Swiss mailbox behind a US-run filtering gateway: the mail provider
// reports the gateway as a copy of the mail, so the gateway's reach is the
// mailbox's too and the category follows; the signals and the provider
// confidence reach the item and the CSV.
func TestMailboxBehindAGateway(t *testing.T) {
	mailboxLoc := geo.Location{Country: "CH", Lat: 46.2, Lon: 6.1, Evidence: geo.EvidenceDNS, Confidence: geo.ConfidenceMedium}
	gwLoc := geo.Location{Country: "US", Lat: 39.8, Lon: -98.6, Evidence: geo.EvidenceGeoIP, Confidence: geo.ConfidenceLow}
	a := providers.Asset{
		Provider: "infomaniak", Account: "gemeinde.ch", Kind: providers.KindMailbox, Name: "gemeinde.ch",
		Location: &mailboxLoc, Confidence: geo.ConfidenceMedium,
		Signals: []providers.Signal{{Probe: "autodiscover", Record: "autodiscover.gemeinde.ch CNAME x", Provider: "infomaniak", Says: "s"}},
		Copies:  []providers.Copy{{Provider: "proofpoint", Location: &gwLoc, Why: "the mail passes through Proofpoint (mx0a-001.pphosted.com)"}},
	}
	home := reach.Home("CH")
	it := Judge(a, home)
	us := false
	for _, j := range it.Reach {
		us = us || (j.Country == "US" && j.Basis == reach.BasisOperator)
	}
	if !us || it.Category != reach.CategoryForeign {
		t.Fatalf("category %s reach %+v, want the gateway's US reach", it.Category, it.Reach)
	}
	if it.ProviderConfidence != geo.ConfidenceMedium || len(it.Signals) != 1 {
		t.Errorf("confidence %s signals %+v", it.ProviderConfidence, it.Signals)
	}
	a.Copies = nil
	without := Judge(a, home)
	for _, j := range without.Reach {
		if j.Country == "US" {
			t.Errorf("without the gateway, US reaches it: %+v", j)
		}
	}
	if without.Category == reach.CategoryForeign {
		t.Errorf("without the gateway: %s, reach %+v", without.Category, without.Reach)
	}

	var buf bytes.Buffer
	if err := WriteCSV(&buf, &Scan{Home: home, Assets: []Item{Judge(a, home)}}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	sig, conf := slices.Index(CSVHeader, "signals"), slices.Index(CSVHeader, "provider_confidence")
	if rows[1][conf] != "medium" || rows[1][sig] != "autodiscover: autodiscover.gemeinde.ch CNAME x (infomaniak)" {
		t.Errorf("csv row %v", rows[1])
	}
}
