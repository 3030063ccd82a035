package demo_test

import (
	"testing"
	"time"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/demo"
	"github.com/reachmap/reachmap/providers/providertest"
)

// TestContract runs the shared provider contract on the demo. Its estate
// always comes with the gaps of a real scan (a region not enabled, a
// bucket whose region could not be read), so every scan is a partial one.
func TestContract(t *testing.T) {
	providertest.Run(t, providertest.Case{
		New:     func(*testing.T) providers.Provider { return &demo.Provider{} },
		Slow:    func(*testing.T) providers.Provider { return &demo.Provider{Pace: 50 * time.Millisecond} },
		Partial: func(*testing.T) providers.Provider { return &demo.Provider{} },
	})
}
