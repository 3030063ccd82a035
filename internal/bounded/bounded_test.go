package bounded

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestEachCallsEveryItemOnce(t *testing.T) {
	items := make([]int, 1000)
	for i := range items {
		items[i] = i
	}
	var mu sync.Mutex
	seen := map[int]int{}
	n := Each(context.Background(), 7, items, func(i int) {
		mu.Lock()
		seen[i]++
		mu.Unlock()
	})
	if n != len(items) || len(seen) != len(items) {
		t.Fatalf("started %d, saw %d distinct, want %d", n, len(seen), len(items))
	}
	for i, c := range seen {
		if c != 1 {
			t.Fatalf("item %d called %d times", i, c)
		}
	}
}

func TestEachNeverExceedsItsLimit(t *testing.T) {
	for _, limit := range []int{-1, 0, 1, 3, 50} {
		var now, peak atomic.Int32
		Each(context.Background(), limit, make([]struct{}, 40), func(struct{}) {
			n := now.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			time.Sleep(time.Millisecond)
			now.Add(-1)
		})
		want := int32(max(limit, 1))
		if want > 40 {
			want = 40
		}
		if peak.Load() > want || peak.Load() < 1 {
			t.Errorf("limit %d: peak %d goroutines, want 1..%d", limit, peak.Load(), want)
		}
	}
}

func TestEachStopsHandingOutOnceCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int32
	// Every call from the 5th on cancels before it returns: were only the
	// 5th to cancel, its goroutine could be descheduled before the cancel
	// took effect while the other worker drained every item (seen under
	// -race on a loaded machine).
	n := Each(ctx, 2, make([]int, 100), func(int) {
		if calls.Add(1) >= 5 {
			cancel()
		}
	})
	if n != int(calls.Load()) {
		t.Errorf("reported %d started, %d ran", n, calls.Load())
	}
	// Two workers may each have taken one more item before seeing the cancel.
	if calls.Load() > 7 {
		t.Errorf("%d calls after cancelling at the 5th", calls.Load())
	}
	cancel()
	if got := Each(ctx, 4, make([]int, 10), func(int) { t.Error("called on a done context") }); got != 0 {
		t.Errorf("done context: started %d", got)
	}
}

func TestEachWithNoItems(t *testing.T) {
	if n := Each(context.Background(), 4, []string(nil), func(string) { t.Error("called") }); n != 0 {
		t.Errorf("started %d", n)
	}
}

func TestLimitNeverExceedsItsBound(t *testing.T) {
	for _, n := range []int{-1, 0, 1, 4} {
		l := NewLimit(n)
		var now, peak, calls atomic.Int32
		var wg sync.WaitGroup
		for range 40 {
			wg.Go(func() {
				err := l.Do(context.Background(), func() {
					calls.Add(1)
					c := now.Add(1)
					for {
						p := peak.Load()
						if c <= p || peak.CompareAndSwap(p, c) {
							break
						}
					}
					time.Sleep(time.Millisecond)
					now.Add(-1)
				})
				if err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if want := int32(max(n, 1)); peak.Load() > want || peak.Load() < 1 || calls.Load() != 40 {
			t.Errorf("limit %d: %d calls, peak %d at once, want 40 calls and at most %d", n, calls.Load(), peak.Load(), want)
		}
	}
}

func TestLimitGivesUpWhenCancelled(t *testing.T) {
	l := NewLimit(1)
	hold, held := make(chan struct{}), make(chan struct{})
	go l.Do(context.Background(), func() { close(held); <-hold })
	<-held
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(10*time.Millisecond, cancel)
	if err := l.Do(ctx, func() { t.Error("called while the only slot was held") }); err != context.Canceled {
		t.Errorf("waiting for a slot: err = %v, want context.Canceled", err)
	}
	close(hold)
	if err := l.Do(ctx, func() { t.Error("called on a done context") }); err != context.Canceled {
		t.Errorf("done context: err = %v", err)
	}
	if err := l.Do(context.Background(), func() {}); err != nil {
		t.Errorf("after the holder returned: %v", err)
	}
}
