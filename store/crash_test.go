package store

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// crashChildEnv, when set to a store path, turns this test binary into the
// child of TestKillDuringSave: it saves big scans into the store in a loop
// and reports each step on stdout until it is killed.
const crashChildEnv = "REACHMAP_STORE_CRASH_CHILD"

// crashItems is the size of a scan the child saves: big enough that a save
// takes a good fraction of a second, so that a kill lands inside one.
const crashItems = 1500

// crashScanTime is the scan time of the child's n-th save in a round; the
// parent rebuilds the expected scan from it.
func crashScanTime(round, n int) time.Time {
	return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(round*1000+n) * time.Second)
}

func TestMain(m *testing.M) {
	if path := os.Getenv(crashChildEnv); path != "" {
		os.Exit(crashChild(path))
	}
	os.Exit(m.Run())
}

// crashChild saves scans forever, printing "begin N" before each save and
// "committed N ID MS" after it.
func crashChild(path string) int {
	round, _ := strconv.Atoi(os.Getenv(crashChildEnv + "_ROUND"))
	st, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	for n := 0; ; n++ {
		scan := bigScan(crashItems, crashScanTime(round, n))
		fmt.Println("begin", n)
		start := time.Now()
		id, err := st.Save(ctx, scan)
		if err != nil {
			fmt.Println("error", err)
			return 1
		}
		fmt.Println("committed", n, id, time.Since(start).Milliseconds())
	}
}

// A kill -9 in the middle of a save leaves every scan committed before it
// intact, and the database passes SQLite's integrity check. Each round
// kills a fresh child at a different point of its save, in the same file.
func TestKillDuringSave(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	path := filepath.Join(t.TempDir(), "scans.db")
	committed := map[int64]time.Time{} // id → scan time, over all rounds
	landed := 0                        // rounds whose kill hit an unfinished save
	// Three rounds at least; more, killing earlier, while no kill has
	// landed inside a save (a save much quicker than the first one
	// measured can finish before the kill).
	round := 0
	for ; round < 3 || (landed == 0 && round < len(killAt)); round++ {
		killedMid, ids := crashRound(t, path, round)
		for id, at := range ids {
			committed[id] = at
		}
		if killedMid {
			landed++
		}

		st, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: reopen after kill: %v", round, err)
		}
		if err := st.Verify(ctx); err != nil {
			t.Errorf("round %d: %v", round, err)
		}
		list, err := st.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		present := map[int64]bool{}
		for _, sum := range list {
			present[sum.ID] = true
			// A save the child did not live to report may have
			// committed; it must then be whole.
			scan, err := st.Get(ctx, sum.ID)
			if err != nil {
				t.Fatalf("round %d: scan %d: %v", round, sum.ID, err)
			}
			want := canonical(bigScan(crashItems, scan.ScannedAt))
			if !reflect.DeepEqual(scan, want) {
				t.Errorf("round %d: scan %d (%s) is not whole: %d items", round, sum.ID, scan.ScannedAt, len(scan.Assets))
			}
			if _, ok := committed[sum.ID]; !ok {
				committed[sum.ID] = scan.ScannedAt
			}
		}
		for id, at := range committed {
			if !present[id] {
				t.Errorf("round %d: committed scan %d (%s) is gone", round, id, at)
			}
		}
		st.Close()
	}
	if landed == 0 {
		t.Errorf("no kill of %d landed inside a save; the test proved nothing", round)
	}
	t.Logf("%d scans committed, %d of %d kills landed inside a save", len(committed), landed, round)
}

// killAt is when each round kills the child, as a fraction of the time
// its first save took.
var killAt = []float64{0.2, 0.45, 0.7, 0.1, 0.05, 0.02}

// crashRound runs a child, lets it commit one scan (which also measures
// how long a save takes), kills it with SIGKILL some way into the second,
// and returns whether that save was unfinished and the scans the child
// reported committed.
func crashRound(t *testing.T, path string, round int) (killedMid bool, ids map[int64]time.Time) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+path, fmt.Sprintf("%s_ROUND=%d", crashChildEnv, round))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ids = map[int64]time.Time{}
	lines := bufio.NewScanner(out)
	var saveMS int64 = 100
	var begun int = -1
	killed := false
	for lines.Scan() {
		f := strings.Fields(lines.Text())
		switch {
		case len(f) >= 2 && f[0] == "begin":
			begun, _ = strconv.Atoi(f[1])
			if begun == 1 && !killed {
				time.Sleep(time.Duration(float64(saveMS)*killAt[round]) * time.Millisecond)
				if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
					t.Fatal(err)
				}
				killed = true
			}
		case len(f) == 4 && f[0] == "committed":
			n, _ := strconv.Atoi(f[1])
			id, _ := strconv.ParseInt(f[2], 10, 64)
			ms, _ := strconv.ParseInt(f[3], 10, 64)
			ids[id] = crashScanTime(round, n)
			if n == 0 {
				saveMS = ms
			}
			if n == begun {
				begun = -1
			}
		case len(f) > 0 && f[0] == "error":
			t.Fatalf("child: %s", lines.Text())
		}
	}
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("child was not killed by SIGKILL: %v", err)
	}
	return begun == 1, ids
}
