package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/present"
	"github.com/reachmap/reachmap/reach"
)

// say makes the sentences that describe a scan, for every subcommand: the
// window's words, in the language Main and --lang chose (English until
// then). Main sets it, not the package's init: the window, which links
// the command line too, would carry an English catalog it never reads.
var say *present.Speaker

const explainUsage = `Usage:
  reachmap explain PROVIDER [REGION] [--home CC|EU] [--format text|json]
  reachmap explain --suggest [--home CC|EU] [--provider P] [--format text|json]

The first form says where a provider's region is, who operates it and which
governments' laws reach data stored there. Providers without regions (proton,
tuta, posteo, ...) take no REGION, or "default".
The second lists the regions where only home jurisdictions reach the data.
`

// runExplain is `reachmap explain`: the legal model for one region, or the
// what-if list with --suggest. Flags may come before or after the
// positional arguments.
func runExplain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	home := fs.String("home", "EU", "home jurisdiction: an ISO country code, or EU for the EU/EEA")
	format := fs.String("format", "text", "output format: text or json")
	suggest := fs.Bool("suggest", false, "list the regions under home reach only")
	only := fs.String("provider", "", "with --suggest: only this provider's regions")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), explainUsage)
		fs.PrintDefaults()
	}
	pos, code, done := parseInterleaved(fs, args, stdout, stderr)
	if done {
		return code
	}
	h, err := reach.ParseHome(*home)
	if err != nil {
		fmt.Fprintf(stderr, "reachmap explain: --home: %v\n", err)
		return ExitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "reachmap explain: --format %q: want text or json\n", *format)
		return ExitUsage
	}
	if *suggest {
		p := strings.ToLower(strings.TrimSpace(*only))
		if p == "" && len(pos) == 1 {
			p = strings.ToLower(pos[0]) // `explain --suggest aws` reads naturally too
		} else if len(pos) > 0 {
			fmt.Fprintf(stderr, "reachmap explain: --suggest takes no region (got %q)\n", strings.Join(pos, " "))
			return ExitUsage
		}
		if p != "" && !knownProvider(p) {
			unknownProvider(stderr, "reachmap explain", p)
			return ExitUsage
		}
		return explainSuggest(stdout, stderr, h, p, *format)
	}
	if len(pos) == 0 || len(pos) > 2 {
		fmt.Fprintf(stderr, "reachmap explain: want PROVIDER [REGION], got %d arguments\n\n%s", len(pos), explainUsage)
		return ExitUsage
	}
	provider := strings.ToLower(strings.TrimSpace(pos[0]))
	region := ""
	if len(pos) == 2 {
		region = strings.TrimSpace(pos[1])
	}
	if !knownProvider(provider) {
		unknownProvider(stderr, "reachmap explain", provider)
		return ExitUsage
	}
	e, msg := explainRegion(provider, region, h)
	if msg != "" {
		fmt.Fprintf(stderr, "reachmap explain: %s\n", msg)
		return ExitUsage
	}
	if *format == "json" {
		return writeJSON(stdout, stderr, e.json())
	}
	e.writeText(stdout)
	return ExitOK
}

// explanation is everything explain says about one region.
type explanation struct {
	provider, region, regionName string
	home                         reach.Home
	loc                          geo.Location
	op                           reach.OperatorInfo
	assessment                   reach.Assessment
	category                     reach.Category
}

// explainRegion places a provider's region and judges it. msg, when not
// empty, is a usage error naming what was wrong and what would work.
func explainRegion(provider, region string, home reach.Home) (explanation, string) {
	e := explanation{provider: provider, region: region, home: home}
	hasCatalog := len(geo.Regions(provider)) > 0
	switch {
	case region == "" || strings.EqualFold(region, "default"):
		if loc, ok := reach.FixedLocation(provider); ok {
			e.loc, e.region = loc, "default"
			break
		}
		if hasCatalog {
			return e, fmt.Sprintf("%s needs a region, for example %s", provider,
				strings.Join(regionSample(provider, 6), ", "))
		}
		e.region = ""
		e.loc = geo.Unknown(reach.ProviderName(provider) + " reports no region, and Reachmap knows no fixed place for it")
	default:
		loc, ok := reach.Locate(provider, region)
		if !ok {
			return e, unknownRegion(provider, region, hasCatalog)
		}
		e.loc = loc
		// A zone code ("eu-west-1a") resolves to its region: judge and show
		// the region's own code, which the operator overrides are keyed on.
		if r, ok := geo.RegionOf(provider, region); ok {
			e.region, e.regionName = r.Code, r.Name
		} else {
			e.region = strings.ToLower(region)
		}
	}
	e.op, _ = reach.OperatorFor(provider, e.region)
	e.assessment = reach.Assess(provider, e.region, e.loc, "")
	e.category = reach.Categorize(e.assessment, e.loc, home)
	return e, ""
}
