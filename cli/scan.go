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

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/policy"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
	"github.com/reachmap/reachmap/report"
	"github.com/reachmap/reachmap/store"
)

// The keys of the --s3-endpoint servers.
const (
	envS3Key    = "REACHMAP_S3_ACCESS_KEY_ID"
	envS3Secret = "REACHMAP_S3_SECRET_ACCESS_KEY"
)

func runScan(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	var (
		cfg      providers.Config
		profiles strList
		domains  strList
		s3URLs   strList
	)
	fs.BoolVar(&cfg.Demo, "demo", false, "scan the embedded demo estate")
	fs.Var(&profiles, "aws-profile", "AWS profile to scan (repeatable)")
	fs.Var(&domains, "domain", "mail domain to look up (repeatable)")
	fs.Var(&s3URLs, "s3-endpoint", "S3-compatible endpoint URL to list (repeatable); keys from $"+envS3Key+" and $"+envS3Secret)
	s3Provider := fs.String("s3-provider", "", "company running the --s3-endpoint servers (hetzner, ovh, scaleway…; default: known from the host name)")
	s3Region := fs.String("s3-region", "", "their region code (fsn1, gra, fr-par…; default: known from the host name)")
	fs.StringVar(&cfg.DNS, "dns", "", "DNS resolver for mail lookups, HOST:PORT (default: the system's)")
	fs.StringVar(&cfg.GeoIPDB, "geoip-db", "", "MaxMind-format GeoIP database to use instead of the embedded one")
	home := fs.String("home", "EU", "home jurisdiction: an ISO country code, or EU for the EU/EEA")
	format := fs.String("format", "json", "output format: "+strings.Join(report.Formats, ", "))
	out := fs.String("out", "", "write the result to this file instead of standard output")
	policyFile := fs.String("policy", "", "check the scan against this policy file; exit 3 if it is violated")
	db := fs.String("db", "", "save the scan in this store (default: "+defaultStoreHint()+")")
	noSave := fs.Bool("no-save", false, "do not save the scan in the store")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: reachmap scan [--demo] [--aws-profile P ...] [--domain D ...] [--s3-endpoint URL ...] [--dns HOST:PORT] [--home CC|EU] [--format F] [--out FILE] [--policy FILE] [--db PATH | --no-save]")
		fs.PrintDefaults()
		fmt.Fprintln(fs.Output(), "\nEvery scan is saved in the store so that 'reachmap diff' and the window can show what changed.")
	}
	if code, done := parse(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "reachmap scan: unexpected argument %q\n", fs.Arg(0))
		return ExitUsage
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
	cfg.AWSProfiles, cfg.Domains = profiles, domains
	if len(s3URLs) == 0 && (*s3Provider != "" || *s3Region != "") {
		fmt.Fprintln(stderr, "reachmap scan: --s3-provider and --s3-region describe --s3-endpoint, which is missing")
		return ExitUsage
	}
	if p := strings.ToLower(*s3Provider); p != "" && p != "self-hosted" {
		if !knownProvider(p) {
			unknownProvider(stderr, "reachmap scan: --s3-provider", p)
			return ExitUsage
		}
		if _, ok := geo.Lookup(p, *s3Region); *s3Region != "" && !ok && len(geo.Regions(p)) > 0 {
			fmt.Fprintf(stderr, "reachmap scan: --s3-region: %s\n", unknownRegion(p, *s3Region, true))
			return ExitUsage
		}
	}
	for _, u := range s3URLs {
		// Keys come from the environment, never from arguments, which
		// other users of the machine can read in the process list.
		cfg.S3Endpoints = append(cfg.S3Endpoints, providers.S3Endpoint{
			URL: u, Provider: *s3Provider, Region: *s3Region,
			AccessKeyID: os.Getenv(envS3Key), SecretAccessKey: os.Getenv(envS3Secret),
		})
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	scan, err := inventory.Run(ctx, inventory.Options{Config: cfg, Home: h}, nil)
	if errors.Is(err, inventory.ErrNothingToScan) {
		fmt.Fprintf(stderr, "reachmap scan: %v\n", err)
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
	if err := writeScan(w, scan, *format, stderr); err != nil {
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
		fmt.Fprintf(stderr, "gap: %s\n", describeGap(g))
	}
	if vs := pol.Check(scan); len(vs) > 0 {
		fmt.Fprintf(stderr, "policy %s violated by %d item(s):\n", pol.Path, countItems(vs))
		for _, v := range vs {
			fmt.Fprintf(stderr, "  %s\n", v)
		}
		if code == ExitOK {
			code = ExitPolicy
		}
	} else if pol != nil {
		fmt.Fprintf(stderr, "policy %s: no violation\n", pol.Path)
	}
	fmt.Fprintln(stderr, reach.Advisory())
	return code
}

// mapImage draws the HTML report's map. A variable so that the tests can
// make it fail, which the real renderer does not do on demand.
var mapImage = report.MapImage

// writeScan writes the scan in a format. The HTML report embeds the map
// (report.MapImage); a map that fails to draw costs the map, not the
// report.
func writeScan(w io.Writer, scan *inventory.Scan, format string, stderr io.Writer) error {
	if format != "html" {
		return report.Write(w, scan, format)
	}
	png, err := mapImage(scan)
	if err != nil {
		fmt.Fprintf(stderr, "reachmap scan: the report has no map: %v\n", err)
	}
	return report.WriteHTML(w, scan, png)
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
	fmt.Fprintf(stderr, "saved as scan %d in %s\n", id, st.Path())
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
