// Package bounded runs work on a bounded number of goroutines. Every
// provider fans out (regions, buckets, domains) and every fan-out needs the
// same three things: a limit, a stop once the context is cancelled, and a
// wait for what has started. One helper keeps them from drifting apart.
package bounded

import (
	"context"
	"sync"
)

// Each calls fn for the items in order of dispatch, on at most limit
// goroutines at once (at least one). It stops handing out items once ctx is
// done and returns when every call it started has returned; it reports how
// many items were handed out, so a caller can account for the rest.
// fn MUST be safe to call from several goroutines at once.
func Each[T any](ctx context.Context, limit int, items []T, fn func(T)) (started int) {
	if limit < 1 {
		limit = 1
	}
	workers := min(limit, len(items))
	if workers == 0 {
		return 0
	}
	work := make(chan T)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for it := range work {
				fn(it)
			}
		})
	}
feed:
	for _, it := range items {
		// A done context must win even when a worker is free: select
		// picks at random among ready cases.
		if ctx.Err() != nil {
			break
		}
		select {
		case work <- it:
			started++
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	return started
}

// Limit bounds how many calls run at once when the callers fan out on
// their own: the domains of a mail scan, each on its own worker, share one
// Limit for the requests they make to a single host. The zero Limit is not
// usable; make one with NewLimit.
type Limit struct {
	slots chan struct{}
}

// NewLimit returns a Limit of n calls at once (at least one).
func NewLimit(n int) *Limit {
	return &Limit{slots: make(chan struct{}, max(n, 1))}
}

// Do calls fn once fewer than the limit's calls are running, and returns
// when fn has. If ctx is done first, fn is not called and Do returns ctx's
// error. Do is safe to call from several goroutines at once.
func (l *Limit) Do(ctx context.Context, fn func()) error {
	// As in Each, a done context wins even when a slot is free.
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case l.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-l.slots }()
	fn()
	return nil
}
