// Package providertest is the contract every provider's tests run, in the
// manner of rclone's fstests: one suite, and each provider gives it a Case
// that points the provider at the test's own loopback servers. It checks
// what providers.Provider and providers.Sink promise and what every
// provider must keep to:
//
//   - Scan returns promptly once its context is cancelled, before the scan
//     starts and while calls are in flight, with the context's error, and
//     no cancellation is reported as a gap;
//   - a scan that fails in part reports the failures as gaps and returns
//     no error;
//   - the Sink is called from the provider's goroutines while the suite
//     reads what it was given (run the tests with -race), and never after
//     Scan has returned;
//   - no name, asset, gap, progress report or error holds a secret the
//     Case configured;
//   - a provider with a read-only guard refuses a write before it leaves
//     the process.
//
// A provider's test calls Run once with its Case; Run adds one subtest per
// promise. The subtests run one after another, since they share the
// Case's servers.
package providertest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/reachmap/reachmap/providers"
)

// Hang is how long the suite waits for a cancelled Scan to return before
// it calls the scan hung. It detects a scan that ignores its context; it
// is not a measure of speed, so it is generous enough for a loaded machine
// running the race detector.
const Hang = 30 * time.Second

// scanTimeout bounds a whole uncancelled scan.
const scanTimeout = 3 * time.Minute

// Case is one provider under test. New, Slow and Partial are called once
// each, from the subtest that needs them, and may start or reset servers.
type Case struct {
	// New returns a provider pointed at the test's own servers. The suite
	// cancels its scan before it starts.
	New func(t *testing.T) providers.Provider
	// Slow returns a provider whose servers answer slowly (seconds per
	// call), so that its scan is still running when the suite cancels it,
	// a moment after the scan's first report.
	Slow func(t *testing.T) providers.Provider
	// Partial returns a provider whose scan fails in part and succeeds in
	// the rest: a region that refuses the calls, a bucket whose region
	// cannot be read, a domain that does not exist among good ones.
	Partial func(t *testing.T) providers.Provider
	// Secrets are the secrets the Case configured (secret keys). None may
	// appear in what the provider reports or returns. A provider that
	// takes no secret leaves it empty.
	Secrets []string
	// Guard, for a provider with a read-only guard, builds the provider's
	// own clients (its middleware, its session) against endpoint, a
	// loopback server that answers anything and counts the requests it
	// receives, and returns calls through them. Nil for a provider that
	// has no client that could write.
	Guard func(t *testing.T, endpoint string) Calls
}

// Calls are requests made through a provider's own clients, for the
// read-only check.
type Calls struct {
	// Writes would change an account (PutObject, DeleteBucket, …); each
	// MUST fail before anything is sent.
	Writes map[string]func(context.Context) error
	// Read is a read through the same clients; it MUST reach the server,
	// which shows that the writes' silence means refused, not unreachable.
	Read func(context.Context) error
}

// Run checks c's provider against the contract.
func Run(t *testing.T, c Case) {
	t.Helper()
	if c.New == nil || c.Slow == nil || c.Partial == nil {
		t.Fatal("providertest: a Case needs New, Slow and Partial")
	}
	for _, s := range c.Secrets {
		if len(s) < 6 {
			t.Fatalf("providertest: secret %q is too short to be searched for", s)
		}
	}
	// Everything the provider said, for the secrets check at the end.
	said := &transcript{}
	t.Run("CancelledBeforeScan", func(t *testing.T) { cancelledBefore(t, c, said) })
	t.Run("CancelledDuringScan", func(t *testing.T) { cancelledDuring(t, c, said) })
	t.Run("PartialFailureIsGaps", func(t *testing.T) { partialFailure(t, c, said) })
	t.Run("ReadOnlyGuard", func(t *testing.T) { readOnly(t, c, said) })
	t.Run("NoSecrets", func(t *testing.T) { noSecrets(t, c, said) })
}

func cancelledBefore(t *testing.T, c Case, said *transcript) {
	p := c.New(t)
	said.provider(p)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sink := newSink()
	err := scanWithin(t, p, ctx, sink, Hang)
	said.scan(sink, err)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Scan with a cancelled context returned %v, want context.Canceled", err)
	}
	sink.check(t)
}

func cancelledDuring(t *testing.T, c Case, said *transcript) {
	p := c.Slow(t)
	said.provider(p)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sink := newSink()
	var cancelledAt atomic.Int64
	go func() {
		select {
		case <-sink.first:
		case <-ctx.Done():
			return
		}
		time.Sleep(100 * time.Millisecond)
		cancelledAt.Store(time.Now().UnixNano())
		cancel()
	}()
	err := scanWithin(t, p, ctx, sink, scanTimeout+Hang)
	returned := time.Now()
	said.scan(sink, err)
	at := cancelledAt.Load()
	if at == 0 {
		t.Fatalf("the Slow scan finished (err %v) before it could be cancelled: its servers must answer more slowly", err)
	}
	d := returned.Sub(time.Unix(0, at))
	t.Logf("Scan returned %v after the cancel", d.Round(time.Millisecond))
	if d > Hang {
		t.Errorf("Scan returned %v after its context was cancelled", d)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled Scan returned %v, want context.Canceled", err)
	}
	sink.check(t)
}

func partialFailure(t *testing.T, c Case, said *transcript) {
	p := c.Partial(t)
	said.provider(p)
	ctx, cancel := context.WithTimeout(context.Background(), scanTimeout)
	defer cancel()
	sink := newSink()
	err := scanWithin(t, p, ctx, sink, scanTimeout+Hang)
	said.scan(sink, err)
	sink.check(t)
	sink.Lock()
	defer sink.Unlock()
	gaps := append([]providers.Gap(nil), sink.Gaps...)
	for _, a := range sink.Assets {
		gaps = append(gaps, a.Gaps...)
	}
	if err != nil {
		t.Errorf("a scan that failed in part returned %v; partial failures are gaps", err)
	}
	if len(gaps) == 0 {
		t.Error("the part that failed was not reported as a gap")
	}
	if len(sink.Assets) == 0 {
		t.Error("no assets: the scan did not go on past the failure")
	}
	for _, g := range gaps {
		if strings.TrimSpace(g.Error) == "" {
			t.Errorf("a gap does not say why: %+v", g)
		}
	}
	t.Logf("%d assets, %d gaps", len(sink.Assets), len(gaps))
}

func readOnly(t *testing.T, c Case, said *transcript) {
	if c.Guard == nil {
		t.Skip("the provider has no client that could write")
	}
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	calls := c.Guard(t, srv.URL)
	if len(calls.Writes) == 0 || calls.Read == nil {
		t.Fatal("providertest: Guard must give writes and a read")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	names := make([]string, 0, len(calls.Writes))
	for name := range calls.Writes {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		before := hits.Load()
		err := calls.Writes[name](ctx)
		said.error(err)
		if err == nil {
			t.Errorf("%s: the write was not refused", name)
		}
		if n := hits.Load() - before; n != 0 {
			t.Errorf("%s: the server saw %d requests for a write that must not leave the process (err %v)", name, n, err)
		}
	}
	before := hits.Load()
	said.error(calls.Read(ctx))
	if hits.Load() == before {
		t.Error("a read through the same clients did not reach the server, so the writes' silence proves nothing")
	}
}

func noSecrets(t *testing.T, c Case, said *transcript) {
	if len(c.Secrets) == 0 {
		t.Skip("the Case configured no secret")
	}
	said.mu.Lock()
	defer said.mu.Unlock()
	if len(said.texts) == 0 {
		t.Fatal("nothing was recorded: the other subtests did not run")
	}
	for _, s := range c.Secrets {
		for _, x := range said.texts {
			if strings.Contains(x.text, s) {
				t.Errorf("%s holds a secret: %q", x.where, x.text)
			}
		}
	}
}

// scanWithin runs Scan, failing the test if it does not return within
// limit. A hung scan's goroutine is left behind; the test has failed.
func scanWithin(t *testing.T, p providers.Provider, ctx context.Context, sink *sink, limit time.Duration) error {
	t.Helper()
	stop := sink.watch()
	done := make(chan error, 1)
	go func() { done <- p.Scan(ctx, sink) }()
	select {
	case err := <-done:
		sink.returned.Store(true)
		stop()
		return err
	case <-time.After(limit):
		stop()
		t.Fatalf("%s: Scan did not return within %v", p.Name(), limit)
		return nil
	}
}

// sink is the suite's Sink: a Recorder that notes its first call and any
// call after Scan returned, and that the suite reads while the scan runs.
type sink struct {
	Recorder
	first     chan struct{}
	firstOnce sync.Once
	returned  atomic.Bool
	late      atomic.Int64
}

func newSink() *sink { return &sink{first: make(chan struct{})} }

func (s *sink) called() {
	s.firstOnce.Do(func() { close(s.first) })
	if s.returned.Load() {
		s.late.Add(1)
	}
	// Give the provider's other goroutines a chance to run in between, so
	// that the race detector sees the calls interleave.
	runtime.Gosched()
}

func (s *sink) Asset(a providers.Asset)       { s.called(); s.Recorder.Asset(a) }
func (s *sink) Gap(g providers.Gap)           { s.called(); s.Recorder.Gap(g) }
func (s *sink) Progress(p providers.Progress) { s.called(); s.Recorder.Progress(p) }

// watch reads everything the sink holds, over and over, until stopped. An
// asset is the sink's once given: a provider that changes one afterwards
// (its tags, its gaps, its location) races with this reader.
func (s *sink) watch() (stop func()) {
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			s.Lock()
			for _, a := range s.Assets {
				_ = fmt.Sprint(a.Tags, a.Gaps, a.Location)
			}
			s.Unlock()
			select {
			case <-quit:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	return func() { close(quit); <-done }
}

// check fails the test for calls after Scan returned, and for gaps that
// report the cancellation as if it were the account's fault.
func (s *sink) check(t *testing.T) {
	t.Helper()
	time.Sleep(50 * time.Millisecond) // let a stray goroutine show itself
	if n := s.late.Load(); n > 0 {
		t.Errorf("the Sink was called %d times after Scan returned", n)
	}
	s.Lock()
	defer s.Unlock()
	for _, g := range s.Gaps {
		if isCancellation(g.Error) {
			t.Errorf("a cancellation reported as a gap: %+v", g)
		}
	}
	for _, a := range s.Assets {
		for _, g := range a.Gaps {
			if isCancellation(g.Error) {
				t.Errorf("a cancellation reported as a gap of %s: %+v", a.Name, g)
			}
		}
	}
}

func isCancellation(msg string) bool {
	m := strings.ToLower(msg)
	return strings.Contains(m, context.Canceled.Error()) || strings.Contains(m, "cancelled")
}

// transcript keeps every text a provider produced, with where it was.
type transcript struct {
	mu    sync.Mutex
	texts []line
}

type line struct{ where, text string }

func (tr *transcript) add(where, text string) {
	tr.mu.Lock()
	tr.texts = append(tr.texts, line{where, text})
	tr.mu.Unlock()
}

func (tr *transcript) provider(p providers.Provider) {
	tr.add("Name()", p.Name())
	// A provider printed in a log or an error shows what its String or
	// GoString says, else its fields.
	tr.add("the provider printed with %v", fmt.Sprintf("%v", p))
	tr.add("the provider printed with %+v", fmt.Sprintf("%+v", p))
	tr.add("the provider printed with %#v", fmt.Sprintf("%#v", p))
}

func (tr *transcript) error(err error) {
	if err != nil {
		tr.add("an error", fmt.Sprintf("%v | %+v", err, err))
	}
}

func (tr *transcript) scan(s *sink, err error) {
	tr.error(err)
	s.Lock()
	defer s.Unlock()
	for _, a := range s.Assets {
		tr.add("asset "+a.Name, fmt.Sprintf("%+v", a))
		if a.Location != nil {
			tr.add("the location of asset "+a.Name, fmt.Sprintf("%+v", *a.Location))
		}
	}
	for _, g := range s.Gaps {
		tr.add("a gap", fmt.Sprintf("%+v", g))
	}
	for _, p := range s.Steps {
		tr.add("a progress report", fmt.Sprintf("%+v", p))
	}
}
