package pack

import (
	"context"
	"fmt"

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
