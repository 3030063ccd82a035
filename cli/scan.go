package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/policy"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/all"
	"github.com/reachmap/reachmap/reach"
	"github.com/reachmap/reachmap/report"
	"github.com/reachmap/reachmap/store"
)

func runScan(args []string, stdout, stderr io.Writer) int {
	return scanWith(all.Registry(), os.Getenv, args, stdout, stderr)
}

// scanWith runs the scan command with the provider kinds of reg, each
// adding its own flags; env gives the environment (keys that must not
// appear in the process list).
func scanWith(reg *providers.Registry, env func(string) string, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	var shared providers.Shared
	parsers, kinds := addKindFlags(reg, fs)
	fs.StringVar(&shared.DNS, "dns", "", "DNS resolver for mail lookups, HOST:PORT (default: the system's)")
	fs.StringVar(&shared.GeoIPDB, "geoip-db", "", "MaxMind-format GeoIP database to use instead of the embedded one")
	home := fs.String("home", "EU", "home jurisdiction: an ISO country code, or EU for the EU/EEA")
	format := fs.String("format", "json", "output format: "+strings.Join(report.Formats, ", "))
	out := fs.String("out", "", "write the result to this file instead of standard output")
	policyFile := fs.String("policy", "", "check the scan against this policy file; exit 3 if it is violated")
	db := fs.String("db", "", "save the scan in this store (default: "+defaultStoreHint()+")")
	noSave := fs.Bool("no-save", false, "do not save the scan in the store")
	lang := langFlag(fs)
	fs.Usage = func() { scanUsage(fs.Output(), fs, kinds) }
	if code, done := parseFlagsOnly(fs, args, lang, stdout, stderr); done {
		return code
	}
	h, err := reach.ParseHome(*home)
	if err != nil {
		fmt.Fprintf(stderr, "reachmap scan: --home: %v\n", err)
		return ExitUsage
	}
	if !slices.Contains(report.Formats, *format) {
		fmt.Fprintf(stderr, "reachmap scan: --format %q: want one of %s\n", *format, strings.Join(report.Formats, ", "))
		return ExitUsage
	}
	if *noSave && *db != "" {
		fmt.Fprintln(stderr, "reachmap scan: --db and --no-save contradict each other")
		return ExitUsage
	}
	var pol *policy.Policy
	if *policyFile != "" {
		// Read the policy before scanning: a typo should cost seconds,
		// not a whole scan.
		if pol, err = policy.Load(*policyFile); err != nil {
			fmt.Fprintf(stderr, "reachmap scan: --policy: %v\n", err)
			return ExitUsage
		}
	}
	sel := providers.Selection{}
	for _, name := range reg.Names() {
		o, err := parsers[name](env)
		if err != nil {
			fmt.Fprintf(stderr, "reachmap scan: %v\n", err)
			return ExitUsage
		}
		sel[name] = o
	}
	ps, err := reg.Build(sel, shared)
	if err != nil {
		fmt.Fprintf(stderr, "reachmap scan: %v\n", err)
		return ExitFailed
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	scan, err := inventory.Run(ctx, inventory.Options{Providers: ps, Home: h}, nil)
	if errors.Is(err, inventory.ErrNothingToScan) {
		fmt.Fprintf(stderr, "reachmap scan: %v: name an account or a domain (reachmap scan -h lists the flags of each kind), or give --demo\n", err)
		return ExitUsage
	}
	if err != nil {
		fmt.Fprintf(stderr, "reachmap scan: %v\n", err)
		return ExitFailed
	}

	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintf(stderr, "reachmap scan: %v\n", err)
			return ExitFailed
		}
		defer f.Close()
		w = f
	}
	if err := writeScan(w, scan, *format, *lang, stderr); err != nil {
		fmt.Fprintf(stderr, "reachmap scan: write %s: %v\n", *format, err)
		return ExitFailed
	}
	if c, ok := w.(io.Closer); ok && *out != "" {
		if err := c.Close(); err != nil {
			fmt.Fprintf(stderr, "reachmap scan: %v\n", err)
			return ExitFailed
		}
	}
	code := ExitOK
	if !*noSave {
		if err := saveScan(ctx, *db, scan, stderr); err != nil {
			fmt.Fprintf(stderr, "reachmap scan: %v (the result was still written; --no-save skips the store)\n", err)
			code = ExitFailed
		}
	}
	for _, g := range scan.AllGaps() {
		fmt.Fprintln(stderr, say.GapLine(describeGap(g)))
	}
	if vs := pol.Check(scan); len(vs) > 0 {
		fmt.Fprintln(stderr, say.PolicyViolated(pol.Path, countItems(vs)))
		for _, v := range vs {
			fmt.Fprintf(stderr, "  %s\n", v)
		}
		if code == ExitOK {
			code = ExitPolicy
		}
	} else if pol != nil {
		fmt.Fprintln(stderr, say.PolicyKept(pol.Path))
	}
	fmt.Fprintln(stderr, say.Advisory(reach.Reviewed()))
	return code
}

// mapImage draws the HTML report's map. A variable so that the tests can
// make it fail, which the real renderer does not do on demand.
var mapImage = report.MapImage

// writeScan writes the scan in a format. The HTML report embeds the map
// (report.MapImage); a map that fails to draw costs the map, not the
// report.
func writeScan(w io.Writer, scan *inventory.Scan, format, lang string, stderr io.Writer) error {
	if format != "html" {
		return report.Write(w, scan, format)
	}
	png, err := mapImage(scan)
	if err != nil {
		fmt.Fprintf(stderr, "reachmap scan: the report has no map: %v\n", err)
	}
	return report.WriteHTMLWith(w, scan, report.Options{Lang: lang, Map: png})
}

// saveScan saves the scan in the store at path, or in the default store.
func saveScan(ctx context.Context, path string, scan *inventory.Scan, stderr io.Writer) error {
	if path == "" {
		var err error
		if path, err = store.DefaultPath(); err != nil {
			return fmt.Errorf("save the scan: %w", err)
		}
	}
	st, err := store.Open(path)
	if err != nil {
		return fmt.Errorf("save the scan: %w", err)
	}
	id, err := st.Save(ctx, scan)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("save the scan: %w", err)
	}
	fmt.Fprintln(stderr, say.Saved(id, st.Path()))
	return nil
}

// defaultStoreHint names the default store in the help text.
func defaultStoreHint() string {
	if p, err := store.DefaultPath(); err == nil {
		return p
	}
	return "scans.db in the user's configuration directory"
}

// countItems counts the distinct items among violations.
func countItems(vs []policy.Violation) int {
	return len(policy.ByItem(vs))
}

// describeGap says which account, region and item a gap is about, and what
// to do next, on one line.
func describeGap(g providers.Gap) string {
	where := []string{g.Provider}
	if g.Account != "" {
		where = append(where, "account "+g.Account)
	}
	if g.Region != "" {
		where = append(where, "region "+g.Region)
	}
	if g.Item != "" {
		where = append(where, g.Item)
	}
	s := strings.Join(where, ", ") + ": " + g.Error
	if g.Hint != "" {
		s += " (" + g.Hint + ")"
	}
	return s
}
