package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/reach"
)

// The names explain and scan accept: providers and regions, and what to
// say when one is mistyped.

func knownProvider(p string) bool {
	return slices.Contains(reach.Providers(), p) || slices.Contains(geo.CatalogProviders(), p)
}

func allProviders() []string {
	ids := append(reach.Providers(), geo.CatalogProviders()...)
	slices.Sort(ids)
	return slices.Compact(ids)
}

// unknownProvider says so on w, after the command's name, with the close
// matches and the list of known providers.
func unknownProvider(w io.Writer, cmd, p string) {
	fmt.Fprintf(w, "%s: unknown provider %q", cmd, p)
	if near := closeIDs(p, allProviders(), 5); len(near) > 0 {
		fmt.Fprintf(w, "; did you mean %s?", strings.Join(near, ", "))
	}
	fmt.Fprintf(w, "\nKnown providers: %s\n", strings.Join(allProviders(), ", "))
}

func unknownRegion(provider, region string, hasCatalog bool) string {
	msg := fmt.Sprintf("unknown region %q for %s", region, provider)
	if hasCatalog {
		if near := geo.Closest(provider, region, 5); len(near) > 0 {
			return msg + "; did you mean " + strings.Join(near, ", ") + "?"
		}
		return msg + "; regions include " + strings.Join(regionSample(provider, 8), ", ")
	}
	known := reach.RegionLocations(provider)
	if _, ok := reach.FixedLocation(provider); ok {
		known = append([]string{"default"}, known...)
	}
	if len(known) == 0 {
		return msg + "; Reachmap knows no region of it: give none"
	}
	return msg + "; known: " + strings.Join(known, ", ")
}

// regionSample is geo's sample of a provider's regions, with "…" when the
// catalog holds more than it shows.
func regionSample(provider string, n int) []string {
	out := geo.RegionSample(provider, n)
	if len(geo.Regions(provider)) > n {
		out = append(out, "…")
	}
	return out
}

// closeIDs ranks ids by edit distance to q, keeping those a typo away or
// sharing a prefix with it. Provider ids are few, so a plain scan is fine.
func closeIDs(q string, ids []string, n int) []string {
	type hit struct {
		id string
		d  int
	}
	var hits []hit
	for _, id := range ids {
		d := geo.EditDistance(q, id)
		if d <= max(2, len(q)/3) || (len(q) >= 2 && (strings.HasPrefix(id, q) || strings.HasPrefix(q, id))) {
			hits = append(hits, hit{id, d})
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return a.d - b.d })
	var out []string
	for _, h := range hits {
		if len(out) < n {
			out = append(out, h.id)
		}
	}
	return out
}
