package ui

import (
	"context"
	"fmt"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/data/binding"

	"reachmap/inventory"
	"reachmap/providers"
	"reachmap/reach"
)

// scanner runs inventory.Run off the UI thread. Progress reaches the window
// through data bindings, which already hand their updates to the UI
// thread; the result reaches it through fyne.Do.
type scanner struct {
	Progress binding.Float  // 0..1
	Status   binding.String // what is being scanned

	mu       sync.Mutex
	cancel   context.CancelFunc
	parts    map[string]providers.Progress
	registry *providers.Registry // nil: inventory.Registry()
}

func newScanner() *scanner {
	return &scanner{Progress: binding.NewFloat(), Status: binding.NewString()}
}

// Running reports whether a scan is under way.
func (s *scanner) Running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cancel != nil
}

// Start begins a scan unless one is running; done is called on the UI
// thread with the result. Call from the UI thread.
func (s *scanner) Start(cfg providers.Config, home reach.Home, done func(*inventory.Scan, error)) bool {
	s.mu.Lock()
	if s.cancel != nil {
		s.mu.Unlock()
		return false
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.parts = map[string]providers.Progress{}
	s.mu.Unlock()

	_ = s.Progress.Set(0)
	_ = s.Status.Set("Starting the scan…")
	go func() {
		scan, err := inventory.Run(ctx, inventory.Options{Config: cfg, Home: home, Registry: s.registry}, s.report)
		s.mu.Lock()
		s.cancel = nil
		s.mu.Unlock()
		cancel()
		if err == nil {
			_ = s.Progress.Set(1)
		}
		fyne.Do(func() { done(scan, err) })
	}()
	return true
}

// Cancel stops the running scan, if any.
func (s *scanner) Cancel() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		s.cancel()
	}
}

// report folds one provider's progress into the overall fraction. It is
// called from the providers' goroutines.
func (s *scanner) report(p providers.Progress) {
	s.mu.Lock()
	s.parts[p.Provider+"\x00"+p.Account] = p
	done, total := 0, 0
	for _, q := range s.parts {
		done += q.Done
		total += q.Total
	}
	s.mu.Unlock()
	if total > 0 {
		_ = s.Progress.Set(float64(done) / float64(total))
	}
	what := p.Provider
	if p.Account != "" {
		what += " · " + p.Account
	}
	_ = s.Status.Set(fmt.Sprintf("Scanning %s: %s", what, p.Stage))
}
