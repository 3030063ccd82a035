package providers

import "sync"

// Recorder is a Sink that keeps everything it is given, in order. Tests of
// every provider use it. Read its fields once Scan has returned, or hold
// its lock (Lock, Unlock) while a scan is still running.
type Recorder struct {
	sync.Mutex
	Assets []Asset
	Gaps   []Gap
	Steps  []Progress // every Progress call
}

// Asset implements Sink.
func (r *Recorder) Asset(a Asset) {
	r.Lock()
	r.Assets = append(r.Assets, a)
	r.Unlock()
}

// Gap implements Sink.
func (r *Recorder) Gap(g Gap) {
	r.Lock()
	r.Gaps = append(r.Gaps, g)
	r.Unlock()
}

// Progress implements Sink.
func (r *Recorder) Progress(p Progress) {
	r.Lock()
	r.Steps = append(r.Steps, p)
	r.Unlock()
}

// Interface guard.
var _ Sink = (*Recorder)(nil)
