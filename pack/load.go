package pack

import (
	"context"
	"fmt"
	"strconv"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/store"
)

// Load reads a pack's scans from the store: the scan id (0 for the newest)
// and the one saved just before it, for the page of changes.
func Load(ctx context.Context, st *store.Store, id int64) (Input, error) {
	sums, err := st.List(ctx)
	if err != nil {
		return Input{}, err
	}
	if len(sums) == 0 {
		return Input{}, fmt.Errorf("the store %s holds no scan yet: run reachmap scan first", st.Path())
	}
	at := 0
	if id != 0 {
		at = -1
		for i, s := range sums {
			if s.ID == id {
				at = i
			}
		}
		if at < 0 {
			return Input{}, fmt.Errorf("the store %s has no scan %d (it holds %d, the newest is %d)", st.Path(), id, len(sums), sums[0].ID)
		}
	}
	in := Input{ScanID: sums[at].ID}
	if in.Scan, err = st.Get(ctx, in.ScanID); err != nil {
		return Input{}, err
	}
	if at+1 < len(sums) {
		if in.Previous, err = st.Get(ctx, sums[at+1].ID); err != nil {
			return Input{}, err
		}
	}
	return in, nil
}

// Find makes the Input for a scan that may be in the store (the window's
// scan, judged against its current home): when a saved scan has its
// time, the pack gets that scan's id and the scan saved before it; a scan
// the store does not hold (the demo) is packed alone. st may be nil.
func Find(ctx context.Context, st *store.Store, scan *inventory.Scan) (Input, error) {
	in := Input{Scan: scan}
	if st == nil {
		return in, nil
	}
	sums, err := st.List(ctx)
	if err != nil {
		return in, err
	}
	for _, s := range sums {
		if s.ScannedAt.Equal(scan.ScannedAt) {
			saved, err := Load(ctx, st, s.ID)
			if err != nil {
				return in, err
			}
			saved.Scan = scan
			return saved, nil
		}
	}
	return in, nil
}

// DirName is the directory a pack is written to when none is given:
// reachmap-pack-2026-11-23-scan7, or reachmap-pack-2026-11-23 for a scan
// not saved.
func DirName(in Input) string {
	name := "reachmap-pack-" + in.Scan.ScannedAt.UTC().Format("2006-01-02")
	if in.ScanID > 0 {
		name += "-scan" + strconv.FormatInt(in.ScanID, 10)
	}
	return name
}
