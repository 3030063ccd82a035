package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reachmap/reachmap/internal/estate"
	"github.com/reachmap/reachmap/internal/smoke"
	"github.com/reachmap/reachmap/internal/testbin"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/demo"
	"github.com/reachmap/reachmap/reach"
	"github.com/reachmap/reachmap/store"
)

// BenchmarkWindowRSS measures what the real window costs in memory: the
// built program, under Xvfb at 1440×900, opening the saved scan of the
// demo estate (46 items) and of 10,000 buckets of unknown reach (an S3
// server nobody placed). The figure is the process's resident set (VmRSS,
// which counts the GL driver, the mapped program and the Go heap) a few
// seconds after the scan is on screen, and its peak (VmHWM). It asserts
// nothing; it needs Xvfb (scripts/install-deps.sh installs it).
func BenchmarkWindowRSS(b *testing.B) {
	xvfb, err := exec.LookPath("Xvfb")
	if err != nil {
		b.Skip("no Xvfb")
	}
	bin := testbin.Build(b)
	disp := startXvfb(b, xvfb)
	cases := []struct {
		name string
		scan func() (*inventory.Scan, error)
	}{
		{"demo", func() (*inventory.Scan, error) {
			return inventory.Run(context.Background(), inventory.Options{Providers: []providers.Provider{&demo.Provider{}}, Home: reach.HomeEU}, nil)
		}},
		{"unplaced-10000", func() (*inventory.Scan, error) { return estate.Unplaced(context.Background(), 10000, reach.HomeEU) }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			scan, err := c.scan()
			if err != nil {
				b.Fatal(err)
			}
			var sum memory
			for b.Loop() {
				m := windowRSS(b, bin, disp, scan)
				sum.rss, sum.peak, sum.heap, sum.held = sum.rss+m.rss, sum.peak+m.peak, sum.heap+m.heap, sum.held+m.held
			}
			n := float64(b.N)
			b.ReportMetric(sum.rss/n, "MB-RSS")
			b.ReportMetric(sum.peak/n, "MB-peak")
			b.ReportMetric(sum.heap/n, "MB-goheap")
			b.ReportMetric(sum.held/n, "MB-goheld")
		})
	}
}

// memory is what one run of the window used, MB: its resident set and
// its peak, and of them the Go heap in use and what the Go runtime holds
// (as the window's report says).
type memory struct{ rss, peak, heap, held float64 }

// windowRSS starts the window on a store holding scan, waits for the
// scan on screen and for the start-up to settle, and reads its memory.
func windowRSS(b *testing.B, bin, disp string, scan *inventory.Scan) memory {
	home := b.TempDir()
	st, err := store.Open(filepath.Join(home, ".config", "reachmap", "scans.db"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := st.Save(context.Background(), scan); err != nil {
		b.Fatal(err)
	}
	st.Close()
	report := filepath.Join(home, "report.json")
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "DISPLAY="+disp, "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"FYNE_SCALE=1", smoke.EnvVar+"="+report)
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	deadline := time.Now().Add(90 * time.Second)
	for {
		if fi, err := os.Stat(report); err == nil && fi.Size() > 0 {
			break
		}
		if time.Now().After(deadline) {
			b.Fatal("the window wrote no report in 90 s")
		}
		time.Sleep(200 * time.Millisecond)
	}
	time.Sleep(4 * time.Second)
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
	if err != nil {
		b.Skip("no /proc: ", err)
	}
	var rep smoke.Report
	if data, err := os.ReadFile(report); err == nil {
		json.Unmarshal(data, &rep)
	}
	return memory{rss: statusMB(status, "VmRSS:"), peak: statusMB(status, "VmHWM:"), heap: rep.GoHeapMB, held: rep.GoHeldMB}
}

// statusMB reads a /proc/PID/status line given in kB, in MB.
func statusMB(status []byte, key string) float64 {
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == key {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// startXvfb starts a display of its own, stopped with the benchmark.
func startXvfb(b *testing.B, xvfb string) string {
	for n := 140; n < 180; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		disp := fmt.Sprintf(":%d", n)
		x := exec.Command(xvfb, disp, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
		if err := x.Start(); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() {
			x.Process.Kill()
			x.Wait()
		})
		for range 50 {
			if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
				return disp
			}
			time.Sleep(100 * time.Millisecond)
		}
		b.Fatal("Xvfb did not start")
	}
	b.Fatal("no free display")
	return ""
}
