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
