//go:build linux

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
	"golang.org/x/sys/unix"
)

// BenchmarkWindowRSS measures what the real window costs in memory: the
// built program, under Xvfb at 1440×900, opening a saved scan. The floor
// is a scan of no items (what the toolkit, the GL driver and the program
// cost before any data); then the demo estate (46 items), 10,000
// buckets of unknown reach (an S3 server nobody placed), whose goal is
// under 200 MB, and 10,000 AWS buckets over a dozen regions, each with
// its place, operator and laws. It asserts nothing; it needs Xvfb (scripts/install-deps.sh
// installs it).
//
// Each run starts as the first start after boot or after an install
// does: the program's file is dropped from the page cache, so that its
// pages are read from disk. That is what a person meets, and it is
// reproducible. Straight after `go build` the linker's output sits in the
// page cache in large folios that Linux 6.16 and later (ext4) map whole
// on a fault, which shows the same program up to 16 MB bigger.
//
// Reported, in MB, a few seconds after the scan is on screen:
//   - RSS, the resident set (VmRSS), and peak, its high-water mark;
//   - program, the pages of the program's file among them;
//   - gldriver, those of the GL libraries (under Xvfb, Mesa's software
//     renderer and the LLVM it compiles shaders with);
//   - goheap and goheld, the Go heap in use and all the Go runtime holds
//     from the system, as the window's smoke report says;
//
// and x-floor, the RSS over the floor's.
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
		{"floor", func() (*inventory.Scan, error) { return estate.Unplaced(context.Background(), 0, reach.HomeEU) }},
		{"demo", func() (*inventory.Scan, error) {
			return inventory.Run(context.Background(), inventory.Options{Providers: []providers.Provider{&demo.Provider{}}, Home: reach.HomeEU}, nil)
		}},
		{"unplaced-10000", func() (*inventory.Scan, error) { return estate.Unplaced(context.Background(), 10000, reach.HomeEU) }},
		{"aws-10000", func() (*inventory.Scan, error) { return estate.Placed(context.Background(), 10000, reach.HomeEU) }},
	}
	var floor float64
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			scan, err := c.scan()
			if err != nil {
				b.Fatal(err)
			}
			sum := memory{}
			for b.Loop() {
				for k, v := range windowRSS(b, bin, disp, scan) {
					sum[k] += v
				}
			}
			for _, k := range []string{"RSS", "peak", "program", "gldriver", "goheap", "goheld"} {
				b.ReportMetric(sum[k]/float64(b.N), "MB-"+k)
			}
			rss := sum["RSS"] / float64(b.N)
			switch {
			case c.name == "floor":
				floor = rss
			case floor > 0:
				b.ReportMetric(rss/floor, "x-floor")
			}
		})
	}
}

// memory is what one run of the window used, in MB, by the names
// BenchmarkWindowRSS reports.
type memory map[string]float64

// windowRSS starts the window on a store holding scan, with the program's
// file out of the page cache, waits for the scan on screen and for the
// start-up to settle, and reads its memory.
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
	if err := dropFromPageCache(bin); err != nil {
		b.Fatal(err)
	}
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
	proc := fmt.Sprintf("/proc/%d/", cmd.Process.Pid)
	status, err := os.ReadFile(proc + "status")
	if err != nil {
		b.Skip("no /proc: ", err)
	}
	smaps, err := os.ReadFile(proc + "smaps")
	if err != nil {
		b.Fatal(err)
	}
	var rep smoke.Report
	if data, err := os.ReadFile(report); err == nil {
		json.Unmarshal(data, &rep)
	}
	gl := func(path string) bool {
		return strings.Contains(path, "libLLVM") || strings.HasSuffix(path, "_dri.so") ||
			strings.Contains(path, "libgallium") || strings.Contains(path, "/libGL")
	}
	return memory{
		"RSS": statusMB(status, "VmRSS:"), "peak": statusMB(status, "VmHWM:"),
		"program":  mappedMB(smaps, func(path string) bool { return path == bin }),
		"gldriver": mappedMB(smaps, gl),
		"goheap":   rep.GoHeapMB, "goheld": rep.GoHeldMB,
	}
}

// dropFromPageCache writes the file out and asks the kernel to forget its
// cached pages, so that the next program to map it reads it from disk.
func dropFromPageCache(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return err
	}
	return unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED)
}

// mappedMB adds up the resident pages (Rss) of the mappings in smaps whose
// file matches, in MB.
func mappedMB(smaps []byte, match func(path string) bool) float64 {
	var kb float64
	in := false
	for _, line := range strings.Split(string(smaps), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) >= 5 && strings.Contains(f[0], "-") && !strings.HasSuffix(f[0], ":"):
			in = len(f) >= 6 && match(f[5])
		case in && len(f) >= 2 && f[0] == "Rss:":
			v, _ := strconv.ParseFloat(f[1], 64)
			kb += v
		}
	}
	return kb / 1024
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
