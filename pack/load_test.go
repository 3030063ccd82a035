package pack

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reachmap/reachmap/store"
)

// Load picks the asked scan (the newest by default) and the one saved
// before it; Find recognises a scan the store holds by its time, and packs
// the demo, which it does not hold, alone.
func TestLoadAndFind(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "scans.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := Load(ctx, st, 0); err == nil || !strings.Contains(err.Error(), "no scan yet") {
		t.Errorf("an empty store: %v", err)
	}
	cur, prev := scans(t)
	first, err := st.Save(ctx, prev)
	if err != nil {
		t.Fatal(err)
	}
	second, err := st.Save(ctx, cur)
	if err != nil {
		t.Fatal(err)
	}
	in, err := Load(ctx, st, 0)
	if err != nil || in.ScanID != second || in.Previous == nil || !in.Scan.ScannedAt.Equal(cur.ScannedAt) || !in.Previous.ScannedAt.Equal(prev.ScannedAt) {
		t.Fatalf("Load(newest) = id %d, previous %v, %v", in.ScanID, in.Previous != nil, err)
	}
	if in, err := Load(ctx, st, first); err != nil || in.ScanID != first || in.Previous != nil {
		t.Errorf("Load(first) = id %d, previous %v, %v", in.ScanID, in.Previous != nil, err)
	}
	if _, err := Load(ctx, st, 99); err == nil || !strings.Contains(err.Error(), "no scan 99") {
		t.Errorf("Load(99) = %v", err)
	}
	shown := cur.WithHome("FR")
	in, err = Find(ctx, st, shown)
	if err != nil || in.ScanID != second || in.Previous == nil || in.Scan != shown {
		t.Errorf("Find(saved) = id %d, previous %v, same scan %v, %v", in.ScanID, in.Previous != nil, in.Scan == shown, err)
	}
	if got := DirName(in); got != "reachmap-pack-2026-11-23-scan2" {
		t.Errorf("DirName = %q", got)
	}
	demo := demoScan(t, cur.ScannedAt.Add(time.Hour))
	if in, err := Find(ctx, st, demo); err != nil || in.ScanID != 0 || in.Previous != nil {
		t.Errorf("Find(demo) = id %d, previous %v, %v", in.ScanID, in.Previous != nil, err)
	}
	if in, err := Find(ctx, nil, demo); err != nil || in.Scan != demo || DirName(in) != "reachmap-pack-2026-11-23" {
		t.Errorf("Find without a store = %+v, %v", in, err)
	}
}
