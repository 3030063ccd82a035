package providertest

import (
	"sync"

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

// Interface guard.
var _ providers.Sink = (*Recorder)(nil)
