package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/providers"
)

// labelTexts gathers the text of every label below o.
func labelTexts(o fyne.CanvasObject) []string {
	var out []string
	switch v := o.(type) {
	case *widget.Label:
		out = append(out, v.Text)
	case *fyne.Container:
		for _, c := range v.Objects {
			out = append(out, labelTexts(c)...)
		}
	}
	return out
}

// The detail panel says how a mailbox's provider was found: its confidence
// and every signal.
func TestDetailShowsMailSignals(t *testing.T) {
	test.NewTempApp(t)
	it := inventory.Item{
		Provider: "microsoft-365", Account: "gemeinde.ch", Kind: providers.KindMailbox, Name: "gemeinde.ch",
		Location: geo.Unknown("test"), ProviderConfidence: geo.ConfidenceMedium,
		Signals: []providers.Signal{
			{Probe: "mx", Record: "gemeinde.ch MX 10 gemeinde-ch.gate.seppmail.cloud", Provider: "seppmail", Says: "the filtering gateway SEPPmail.cloud receives the mail"},
			{Probe: "dkim", Record: "selector1._domainkey.gemeinde.ch CNAME selector1-gemeinde-ch._domainkey.gemeinde.onmicrosoft.com", Provider: "microsoft-365", Says: "Microsoft 365 signs the domain's mail"},
		},
	}
	d := newDetailPanel()
	d.Show(detailInput{Item: &it, Home: "CH"})
	all := strings.Join(labelTexts(d.box), "\n")
	for _, want := range []string{
		"How the provider was found",
		"Provider confidence: medium",
		"MX: gemeinde.ch MX 10 gemeinde-ch.gate.seppmail.cloud — the filtering gateway",
		"DKIM: selector1._domainkey.gemeinde.ch CNAME",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("detail lacks %q:\n%s", want, all)
		}
	}
	// An item no signal named shows no such section.
	d.Show(detailInput{Item: &inventory.Item{Provider: "aws", Kind: providers.KindBucket, Name: "b", Location: geo.Unknown("x")}, Home: "CH"})
	if all := strings.Join(labelTexts(d.box), "\n"); strings.Contains(all, "How the provider was found") {
		t.Errorf("a bucket shows the mail section:\n%s", all)
	}
}
