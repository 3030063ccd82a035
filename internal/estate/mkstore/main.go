// Command mkstore saves a synthetic estate (package estate) into a scan
// store, for the window to open: `go run ./internal/estate/mkstore -n
// 10000 -db scans.db` (-placed for AWS buckets over a dozen regions).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/reachmap/reachmap/internal/estate"
	"github.com/reachmap/reachmap/reach"
	"github.com/reachmap/reachmap/store"
)

func main() {
	n := flag.Int("n", 10000, "how many buckets")
	db := flag.String("db", "", "the scan store to write (required)")
	placed := flag.Bool("placed", false, "AWS buckets over a dozen regions, not an S3 server nobody placed")
	flag.Parse()
	if err := run(*n, *db, *placed); err != nil {
		fmt.Fprintln(os.Stderr, "mkstore:", err)
		os.Exit(1)
	}
}

func run(n int, db string, placed bool) error {
	if db == "" {
		return fmt.Errorf("give -db PATH")
	}
	build := estate.Unplaced
	if placed {
		build = estate.Placed
	}
	scan, err := build(context.Background(), n, reach.HomeEU)
	if err != nil {
		return err
	}
	st, err := store.Open(db)
	if err != nil {
		return err
	}
	if _, err := st.Save(context.Background(), scan); err != nil {
		st.Close()
		return err
	}
	return st.Close()
}
