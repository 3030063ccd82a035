package providertest

import (
	"sync"
	"testing"

	"github.com/reachmap/reachmap/providers"
)

// Recorder is a Sink that keeps everything it is given, in order. Tests of
// every provider use it, and so does the suite. Read its fields once Scan
// has returned, or hold its lock (Lock, Unlock) while a scan is still
// running.
type Recorder struct {
	sync.Mutex
	Assets []providers.Asset
	Gaps   []providers.Gap
	Steps  []providers.Progress // every Progress call
}

// Asset implements providers.Sink.
func (r *Recorder) Asset(a providers.Asset) {
	r.Lock()
	r.Assets = append(r.Assets, a)
	r.Unlock()
}

// Gap implements providers.Sink.
func (r *Recorder) Gap(g providers.Gap) {
	r.Lock()
	r.Gaps = append(r.Gaps, g)
	r.Unlock()
}

// Progress implements providers.Sink.
func (r *Recorder) Progress(p providers.Progress) {
	r.Lock()
	r.Steps = append(r.Steps, p)
	r.Unlock()
}

// Named returns the asset called name, and fails the test when the scan
// reported none.
func (r *Recorder) Named(t testing.TB, name string) providers.Asset {
	t.Helper()
	r.Lock()
	defer r.Unlock()
	for _, a := range r.Assets {
		if a.Name == name {
			return a
		}
	}
	t.Fatalf("no asset %q among %d", name, len(r.Assets))
	return providers.Asset{}
}

// CopyRegions lists the regions of an asset's copies, in order.
func CopyRegions(a providers.Asset) []string {
	var out []string
	for _, c := range a.Copies {
		out = append(out, c.Region)
	}
	return out
}

// Interface guard.
var _ providers.Sink = (*Recorder)(nil)
