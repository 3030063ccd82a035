package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/reachmap/reachmap/reach"
)

// explain --suggest: the what-if list of regions under home reach only.

// alternativesShown is how many other providers --suggest proposes when
// the asked one has no home-only region.
const alternativesShown = 8

type suggestJSON struct {
	Home         reach.Home     `json:"home"`
	Provider     string         `json:"provider,omitempty"`
	Providers    []providerJSON `json:"providers"`
	None         string         `json:"none,omitempty"`
	Alternatives []reach.Option `json:"alternatives,omitempty"`
	Reviewed     string         `json:"reviewed"`
	Advisory     string         `json:"advisory"`
}

type providerJSON struct {
	Provider string         `json:"provider"`
	Name     string         `json:"name"`
	Regions  []reach.Option `json:"regions"`
}

func explainSuggest(stdout, stderr io.Writer, home reach.Home, provider, format string) int {
	res := suggestJSON{Home: home, Provider: provider, Providers: []providerJSON{},
		Reviewed: reach.Reviewed(), Advisory: reach.Advisory()}
	for _, o := range reach.HomeOnly(home, provider) {
		n := len(res.Providers)
		if n == 0 || res.Providers[n-1].Provider != o.Provider {
			res.Providers = append(res.Providers, providerJSON{Provider: o.Provider, Name: reach.ProviderName(o.Provider)})
			n++
		}
		res.Providers[n-1].Regions = append(res.Providers[n-1].Regions, o)
	}
	if provider != "" && len(res.Providers) == 0 {
		res.None = noneReason(home, provider)
		res.Alternatives = reach.Alternatives(home, provider, alternativesShown)
	}
	if format == "json" {
		return writeJSON(stdout, stderr, res)
	}

	w := stdout
	if len(res.Providers) > 0 {
		fmt.Fprintf(w, "Where only jurisdictions within %s reach the data (category home):\n", say.HomeName(home))
		for _, p := range res.Providers {
			fmt.Fprintf(w, "%s (%s):\n", p.Name, p.Provider)
			for _, o := range p.Regions {
				fmt.Fprintf(w, "  %-22s %s — %s\n", o.Region, optionPlace(o), say.Entity(o.Operator.Name, o.Operator.Country))
			}
		}
	} else if provider == "" {
		fmt.Fprintf(w, "No region Reachmap knows is reached only by jurisdictions within %s.\n", say.HomeName(home))
	}
	if res.None != "" {
		fmt.Fprintln(w, res.None)
		if len(res.Alternatives) > 0 {
			fmt.Fprintln(w, "Nearest alternatives from other providers:")
			for _, o := range res.Alternatives {
				fmt.Fprintf(w, "  %-14s %-22s %s — %s, %s\n", o.Provider, o.Region, optionPlace(o),
					say.Entity(o.Operator.Name, o.Operator.Country), distancePhrase(o.DistanceKM, provider))
			}
		}
	}
	fmt.Fprintf(w, "\n%s\n", reach.Advisory())
	return ExitOK
}

func optionPlace(o reach.Option) string {
	return strings.TrimPrefix(placePhrase(o.Location), "in ")
}

func distancePhrase(km float64, provider string) string {
	if km < 1 {
		return "in the same city as a region of " + reach.ProviderName(provider)
	}
	return fmt.Sprintf("%.0f km from the nearest region of %s", km, reach.ProviderName(provider))
}

// noneReason says why a provider has no home-only region: no region on
// home soil, or the foreign laws that reach those it has there.
func noneReason(home reach.Home, provider string) string {
	name := reach.ProviderName(provider)
	onSoil := 0
	var order []string                 // "United States (operator)", first seen first
	contested := map[string][]string{} // same key -> regions where it is contested
	seen := map[string]bool{}
	for _, o := range reach.Catalog(home) {
		if o.Provider != provider || o.Category != reach.CategoryHomeForeign {
			continue
		}
		onSoil++
		for _, j := range o.Reach {
			if home.Covers(j) {
				continue
			}
			key := say.CountryName(j.Country) + " (" + string(j.Basis)
			if !seen[key] {
				seen[key] = true
				order = append(order, key)
			}
			if j.Contested {
				contested[key] = append(contested[key], o.Region)
			}
		}
	}
	if onSoil == 0 {
		return fmt.Sprintf("No %s region is under %s reach only: it has no region on %s soil that Reachmap can place.",
			name, say.HomeName(home), say.HomeName(home))
	}
	parts := make([]string, len(order))
	for i, key := range order {
		parts[i] = key + ")"
		if rs := contested[key]; len(rs) > 0 {
			parts[i] = key + "; contested for " + strings.Join(rs, ", ") + ")"
		}
	}
	regions := "regions"
	if onSoil == 1 {
		regions = "region"
	}
	return fmt.Sprintf("No %s region is under %s reach only: its %d %s on %s soil %s also reached by %s.",
		name, say.HomeName(home), onSoil, regions, say.HomeName(home), map[bool]string{true: "is", false: "are"}[onSoil == 1],
		strings.Join(parts, ", "))
}
