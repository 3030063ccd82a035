package providertest

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/reachmap/reachmap/providers"
)

// fake is a provider that keeps the contract: it reports from several
// goroutines, stops when cancelled, and turns a failed item into a gap.
type fake struct {
	pace   time.Duration
	secret string
}

func (f *fake) Name() string { return "fake" }

func (f *fake) Scan(ctx context.Context, sink providers.Sink) error {
	sink.Progress(providers.Progress{Provider: "fake", Stage: "items", Total: 8})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Duration(i) * f.pace):
			}
			if i == 3 {
				sink.Gap(providers.Gap{Provider: "fake", Account: "a", Item: "item-3", Error: "refused"})
				return
			}
			sink.Asset(providers.Asset{Provider: "fake", Account: "a", Kind: providers.KindBucket, Name: "item", Tags: map[string]string{"n": "x"}})
		})
	}
	wg.Wait()
	return ctx.Err()
}

// guarded refuses anything but GET before sending it, as a read-only
// middleware would.
type guarded struct{ c *http.Client }

func (g guarded) do(ctx context.Context, method, url string) error {
	if method != http.MethodGet {
		return errors.New("refused " + method)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return err
	}
	resp, err := g.c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// TestSuiteOnAFakeProvider: a provider that keeps the contract passes it.
func TestSuiteOnAFakeProvider(t *testing.T) {
	Run(t, Case{
		New:     func(*testing.T) providers.Provider { return &fake{} },
		Slow:    func(*testing.T) providers.Provider { return &fake{pace: time.Second} },
		Partial: func(*testing.T) providers.Provider { return &fake{} },
		Secrets: []string{"fake-secret-key"},
		Guard: func(t *testing.T, endpoint string) Calls {
			g := guarded{c: &http.Client{}}
			return Calls{
				Writes: map[string]func(context.Context) error{
					"PUT":    func(ctx context.Context) error { return g.do(ctx, http.MethodPut, endpoint) },
					"DELETE": func(ctx context.Context) error { return g.do(ctx, http.MethodDelete, endpoint) },
				},
				Read: func(ctx context.Context) error { return g.do(ctx, http.MethodGet, endpoint) },
			}
		},
	})
}
