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

	"reachmap/inventory"
	"reachmap/providers"
	"reachmap/reach"
)

func runScan(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	var (
		cfg      providers.Config
		profiles strList
		domains  strList
	)
	fs.BoolVar(&cfg.Demo, "demo", false, "scan the embedded demo estate")
	fs.Var(&profiles, "aws-profile", "AWS profile to scan (repeatable)")
	fs.Var(&domains, "domain", "mail domain to look up (repeatable)")
	fs.StringVar(&cfg.DNS, "dns", "", "DNS resolver for mail lookups, HOST:PORT (default: the system's)")
	fs.StringVar(&cfg.GeoIPDB, "geoip-db", "", "MaxMind-format GeoIP database to use instead of the embedded one")
	home := fs.String("home", "EU", "home jurisdiction: an ISO country code, or EU for the EU/EEA")
	format := fs.String("format", "json", "output format: "+strings.Join(inventory.Formats, ", "))
	out := fs.String("out", "", "write the result to this file instead of standard output")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: reachmap scan [--demo] [--aws-profile P ...] [--domain D ...] [--dns HOST:PORT] [--home CC|EU] [--format F] [--out FILE]")
		fs.PrintDefaults()
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
	if !slices.Contains(inventory.Formats, *format) {
		fmt.Fprintf(stderr, "reachmap scan: --format %q: want one of %s\n", *format, strings.Join(inventory.Formats, ", "))
		return ExitUsage
	}
	cfg.AWSProfiles, cfg.Domains = profiles, domains

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
	if err := inventory.Write(w, scan, *format); err != nil {
		fmt.Fprintf(stderr, "reachmap scan: write %s: %v\n", *format, err)
		return ExitFailed
	}
	if c, ok := w.(io.Closer); ok && *out != "" {
		if err := c.Close(); err != nil {
			fmt.Fprintf(stderr, "reachmap scan: %v\n", err)
			return ExitFailed
		}
	}
	for _, g := range scan.AllGaps() {
		fmt.Fprintf(stderr, "gap: %s\n", describeGap(g))
	}
	fmt.Fprintln(stderr, reach.Advisory())
	return ExitOK
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
