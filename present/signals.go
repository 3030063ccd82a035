package present

import (
	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
)

// ProviderConfidence says how sure the scan is of who holds an item, from
// how its signals agree (mail: the MX, autodiscover, DKIM, SPF and TXT
// records). It is "" for an item whose provider was not inferred.
func (s *Speaker) ProviderConfidence(c geo.Confidence) string {
	switch c {
	case geo.ConfidenceHigh:
		return s.l("Provider confidence: high — the MX record names it.")
	case geo.ConfidenceMedium:
		return s.l("Provider confidence: medium — autodiscover or DKIM name it behind a gateway or relay.")
	case geo.ConfidenceLow:
		return s.l("Provider confidence: low — only SPF or a verification record names it.")
	case "":
		return ""
	}
	return s.l("Provider confidence: unknown — no record names a provider Reachmap knows.")
}

// ProbeName is a signal's probe in words.
func (s *Speaker) ProbeName(probe string) string {
	switch probe {
	case "mx":
		return s.l("MX")
	case "autodiscover":
		return s.l("Autodiscover")
	case "dkim":
		return s.l("DKIM")
	case "spf":
		return s.l("SPF")
	case "txt":
		return s.l("TXT verification")
	}
	return probe
}

// Signal is one signal in a line: "DKIM: selector1._domainkey.example.ch
// CNAME … — Microsoft 365 signs the domain's mail".
func (s *Speaker) Signal(sg providers.Signal) string {
	return s.l("{{.Probe}}: {{.Record}} — {{.Says}}", "Probe", s.ProbeName(sg.Probe), "Record", sg.Record, "Says", sg.Says)
}
