package ui

import (
	"context"
	"sync"

	"fyne.io/fyne/v2/data/binding"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

// scanner runs inventory.Run off the UI thread. Progress reaches the
// window through data bindings that are only set on the UI thread (the
// worker posts them there), at most one pending update at a time however
// fast the providers report; the result arrives the same way.
type scanner struct {
	Progress binding.Float  // 0..1
	Status   binding.String // what is being scanned

	work     *worker
	registry *providers.Registry
	secrets  providers.Settings // where the providers' secrets are

	mu      sync.Mutex
	cancel  context.CancelFunc
	parts   map[string]providers.Progress
	latest  providers.Progress
	pending bool // an update is posted and not yet applied
}

func newScanner(w *worker, reg *providers.Registry, secrets providers.Settings) *scanner {
	return &scanner{Progress: binding.NewFloat(), Status: binding.NewString(), work: w, registry: reg, secrets: secrets}
}

// Running reports whether a scan is under way.
func (s *scanner) Running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cancel != nil
}

// Start begins a scan of what sel asks unless one is running; done is
// called on the UI thread with the result. The secrets are read and the
// providers built off the UI thread. Main thread.
func (s *scanner) Start(sel providers.Selection, shared providers.Shared, home reach.Home, done func(*inventory.Scan, error)) bool {
	s.mu.Lock()
	if s.cancel != nil {
		s.mu.Unlock()
		return false
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.parts = map[string]providers.Progress{}
	s.pending = false
	s.mu.Unlock()

	_ = s.Progress.Set(0)
	_ = s.Status.Set(tr("Starting the scan…"))
	s.work.Go(func() func() {
		var scan *inventory.Scan
		ps, err := s.registry.Build(sel.WithSecrets(s.secrets), shared)
		if err == nil {
			scan, err = inventory.Run(ctx, inventory.Options{Providers: ps, Home: home}, s.report)
		}
		cancel()
		return func() {
			s.mu.Lock()
			s.cancel = nil
			s.mu.Unlock()
			if err == nil {
				_ = s.Progress.Set(1)
			}
			done(scan, err)
		}
	})
	return true
}

// Cancel stops the running scan, if any. Main thread or any goroutine.
func (s *scanner) Cancel() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		s.cancel()
		s.pending = true // no more progress: the scan is ending
		_ = s.Status.Set(tr("Cancelling…"))
	}
}

// report folds one provider's progress into the overall fraction. The
// providers call it from their goroutines.
func (s *scanner) report(p providers.Progress) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.parts == nil {
		return
	}
	s.parts[p.Provider+"\x00"+p.Account] = p
	s.latest = p
	if s.pending {
		return
	}
	s.pending = true
	s.work.post(s.apply)
}

// apply shows the latest progress. UI thread.
func (s *scanner) apply() {
	s.mu.Lock()
	done, total := 0, 0
	for _, q := range s.parts {
		done += q.Done
		total += q.Total
	}
	p := s.latest
	running := s.cancel != nil
	s.pending = false
	s.mu.Unlock()
	if !running {
		return
	}
	if total > 0 {
		_ = s.Progress.Set(float64(done) / float64(total))
	}
	_ = s.Status.Set(progressText(p))
}

// progressText is "Scanning Amazon Web Services · lumen-prod: eu-west-3".
func progressText(p providers.Progress) string {
	what := reach.ProviderName(p.Provider)
	if p.Account != "" {
		what += " · " + p.Account
	}
	if p.Stage == "" {
		return tr("Scanning {{.What}}", "What", what)
	}
	return tr("Scanning {{.What}}: {{.Stage}}", "What", what, "Stage", p.Stage)
}
