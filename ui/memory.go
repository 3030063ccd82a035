package ui

import (
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"time"
)

// The window's memory, measured with BenchmarkWindowRSS (make bench) under
// Xvfb: with 10,000 items about 187–196 MB resident, of which some 63 MB
// is the GL driver (Mesa's software renderer and its LLVM), 35 MB the
// program's own pages and 49–57 MB what the Go runtime holds; a scan of
// no items costs 175 MB. Start-up (opening the store, decoding the world
// map, shaping the first text, the first frames) leaves more garbage than
// the heap's live 35 MB, which the Go runtime would keep until it needs
// it again; and the heap profiler, which nobody reads in the window,
// walks the program's tables for every sample, keeping megabytes of them
// resident.

// memoryOnce sets the window's memory settings once per process.
var memoryOnce sync.Once

// tuneMemory stops the heap profiler's sampling and makes the collector
// keep the heap within a quarter of what is live (GOGC=25, unless the
// environment sets GOGC). The window is idle most of the time, and a map
// frame reuses its images, so the extra collections cost nothing a person
// sees; measured on 10,000 AWS buckets, GOGC=25 against 50 holds 3–5 MB
// less at rest and 9 MB less at the peak of loading. Called by Run first.
func tuneMemory() {
	memoryOnce.Do(func() {
		runtime.MemProfileRate = 0
		if _, set := os.LookupEnv("GOGC"); !set {
			debug.SetGCPercent(25)
		}
	})
}

// releaseSoon hands the garbage of a scan's loading and first frames back
// to the system, once those frames are drawn (and before the smoke
// report, written after 1.5 s, reads the heap). Off the main thread.
func releaseSoon() {
	time.AfterFunc(time.Second, debug.FreeOSMemory)
}
