package inventory

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

// A Swiss mailbox behind a US-run gateway: the gateway's reach is the
// mailbox's too, and the category follows.
func TestReachPassesThroughTheGateway(t *testing.T) {
	mailboxLoc := geo.Location{Country: "CH", Lat: 46.2, Lon: 6.1, Evidence: geo.EvidenceDNS, Confidence: geo.ConfidenceMedium}
	gwLoc := geo.Location{Country: "US", Lat: 39.8, Lon: -98.6, Evidence: geo.EvidenceGeoIP, Confidence: geo.ConfidenceLow}
	a := providers.Asset{
		Provider: "infomaniak", Account: "gemeinde.ch", Kind: providers.KindMailbox, Name: "gemeinde.ch",
		Location: &mailboxLoc, Confidence: geo.ConfidenceMedium,
		Signals: []providers.Signal{{Probe: "autodiscover", Record: "autodiscover.gemeinde.ch CNAME x", Provider: "infomaniak", Says: "s"}},
		Through: []providers.Passage{{Provider: "proofpoint", Name: "mx0a-001.pphosted.com", Location: &gwLoc}},
	}
	home := reach.Home("CH")
	it := Judge(a, home)
	var via *reach.Jurisdiction
	for i, j := range it.Reach {
		if j.Country == "US" {
			via = &it.Reach[i]
		}
	}
	if via == nil || !strings.Contains(via.Note, "mx0a-001.pphosted.com") || via.Via == "" {
		t.Fatalf("reach %+v, want the gateway's US reach with its host and operator", it.Reach)
	}
	if it.Category != reach.CategoryForeign || it.ProviderConfidence != geo.ConfidenceMedium || len(it.Signals) != 1 {
		t.Errorf("category %s confidence %s signals %+v", it.Category, it.ProviderConfidence, it.Signals)
	}
	// The same mailbox with nothing in front stays at home.
	a.Through = nil
	if it := Judge(a, home); it.Category != reach.CategoryHome {
		t.Errorf("without the gateway: %s, reach %+v", it.Category, it.Reach)
	}
	// A jurisdiction the mailbox already has is not repeated.
	a.Through = []providers.Passage{{Provider: "infomaniak", Name: "mx.infomaniak.ch", Location: &mailboxLoc}}
	if it := Judge(a, home); len(it.Reach) != len(Judge(providers.Asset{Provider: "infomaniak", Location: &mailboxLoc}, home).Reach) {
		t.Errorf("same operator twice: %+v", it.Reach)
	}

	var buf bytes.Buffer
	a.Through = nil
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
