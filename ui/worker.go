package ui

import (
	"sync"

	"fyne.io/fyne/v2"
)

// worker runs slow work (disk, the scan store, AWS config files, policy
// files, exports) off the UI thread and hands each result back to it.
// Every goroutine-to-UI update of the window goes through post, which is
// fyne.Do in the app; tests queue the updates instead and run them on the
// test's goroutine (see settle in the tests), so they are deterministic
// and race-free.
type worker struct {
	post func(func())
	wg   sync.WaitGroup
}

func newWorker() *worker { return &worker{post: fyne.Do} }

// Go runs work on a new goroutine; the function it returns, if not nil,
// then runs on the UI thread.
func (w *worker) Go(work func() (onUI func())) {
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		if f := work(); f != nil {
			w.post(f)
		}
	}()
}

// background runs work off the UI thread and calls done with its result
// on the UI thread.
func background[T any](w *worker, work func() (T, error), done func(T, error)) {
	w.Go(func() func() {
		v, err := work()
		return func() { done(v, err) }
	})
}
