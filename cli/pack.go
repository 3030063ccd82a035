package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/reachmap/reachmap/pack"
	"github.com/reachmap/reachmap/store"
)

func runPack(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pack", flag.ContinueOnError)
	db := fs.String("db", "", "the scan store (default: "+defaultStoreHint()+")")
	id := fs.Int64("scan", 0, "the id of the saved scan to pack (default: the last one; 'reachmap diff' and the window list them)")
	out := fs.String("out", "", "the directory to write the pack into (default: reachmap-pack-DATE-scanID in the current directory)")
	lang := langFlag(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `Usage: reachmap pack [--scan ID] [--db PATH] [--lang en|fr] [--out DIR]

Writes the evidence pack of a saved scan: report.pdf and report.html (the
answer to "is our data stored at home, and out of reach of foreign
authorities?", then every data store with its evidence, operator, laws,
copies and gaps, what could not be checked, the accounts, the changes since
the previous scan and the advisory notice), register.csv (one row per data
store, for a record of processing), estate.json (the JSON contract) and
SHA256SUMS.`)
		fs.PrintDefaults()
	}
	if code, done := parseFlagsOnly(fs, args, lang, stdout, stderr); done {
		return code
	}
	if *id < 0 {
		fmt.Fprintf(stderr, "reachmap pack: --scan %d: a scan id is a positive number\n", *id)
		return ExitUsage
	}
	in, err := loadPack(context.Background(), *db, *id)
	if err != nil {
		fmt.Fprintf(stderr, "reachmap pack: %v\n", err)
		return ExitFailed
	}
	in.Lang = *lang
	if in.Map, err = mapImage(in.Scan); err != nil {
		fmt.Fprintf(stderr, "reachmap pack: the pack has no map: %v\n", err)
	}
	dir := *out
	if dir == "" {
		dir = pack.DirName(in)
	}
	paths, err := pack.Write(dir, in)
	if err != nil {
		fmt.Fprintf(stderr, "reachmap pack: %v\n", err)
		return ExitFailed
	}
	fmt.Fprintln(stdout, say.PackWritten(dir, in.ScanID))
	for _, p := range paths {
		fmt.Fprintln(stdout, "  "+p)
	}
	fmt.Fprintln(stderr, say.Advisory(in.Scan.Reviewed))
	return ExitOK
}

// loadPack opens the store read-only in effect (it never creates one) and
// loads the scan to pack with the one before it.
func loadPack(ctx context.Context, db string, id int64) (pack.Input, error) {
	path := db
	if path == "" {
		p, err := store.DefaultPath()
		if err != nil {
			return pack.Input{}, err
		}
		path = p
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return pack.Input{}, fmt.Errorf("no scan store at %s yet (run reachmap scan first, or give --db)", path)
	}
	st, err := store.Open(path)
	if err != nil {
		return pack.Input{}, err
	}
	defer st.Close()
	return pack.Load(ctx, st, id)
}
