package present

import (
	"strings"
	"testing"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
)

func TestProviderConfidenceAndSignals(t *testing.T) {
	sp := speakers(t)
	for lang, want := range map[string][]string{
		"en": {"high", "medium", "low", "unknown", "TXT verification: example.ch TXT MS=ms1 — a tenant exists"},
		"fr": {"élevée", "moyenne", "faible", "inconnue", "Vérification TXT : example.ch TXT MS=ms1 — a tenant exists"},
	} {
		s := sp[lang]
		for i, c := range []geo.Confidence{geo.ConfidenceHigh, geo.ConfidenceMedium, geo.ConfidenceLow, "unknown"} {
			if got := s.ProviderConfidence(c); !strings.Contains(got, want[i]) {
				t.Errorf("%s %s: %q, want it to contain %q", lang, c, got, want[i])
			}
		}
		if got := s.ProviderConfidence(""); got != "" {
			t.Errorf("%s: no confidence says %q", lang, got)
		}
		got := s.Signal(providers.Signal{Probe: "txt", Record: "example.ch TXT MS=ms1", Provider: "microsoft-365", Says: "a tenant exists"})
		if got != want[4] {
			t.Errorf("%s signal %q, want %q", lang, got, want[4])
		}
	}
}
