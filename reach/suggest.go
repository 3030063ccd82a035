package reach

import (
	"cmp"
	"math"
	"slices"

	"github.com/reachmap/reachmap/geo"
)

// Option is one place a provider can keep data, judged for a home: the
// what-if view ("where could this live under home reach only?").
type Option struct {
	Provider string         `json:"provider"`
	Region   string         `json:"region"`
	Name     string         `json:"name,omitempty"`
	Location geo.Location   `json:"location"`
	Operator Operator       `json:"operator"`
	Reach    []Jurisdiction `json:"reach"`
	Category Category       `json:"category"`
	// DistanceKM is set by Alternatives: how far the option is from the
	// nearest region of the provider it would replace.
	DistanceKM float64 `json:"distance_km,omitempty"`
	// fixed marks a provider without a region catalog (a mail service
	// with one site), so alternatives stay of the same sort.
	fixed bool
}

// Catalog judges every place the model knows for a home: each region of
// every geo catalog, and the fixed location of each provider without one
// (region "default"). Closed services (Microsoft Cloud Deutschland) are
// left out: they cannot be chosen any more.
func Catalog(home Home) []Option {
	var out []Option
	inCatalog := map[string]bool{}
	for _, p := range geo.CatalogProviders() {
		inCatalog[p] = true
		for _, r := range geo.Regions(p) {
			if info, _ := OperatorFor(p, r.Code); info.Historic {
				continue
			}
			out = append(out, judge(p, r.Code, r.Name, r.Location(), home, false))
		}
	}
	for _, p := range Providers() {
		if inCatalog[p] {
			continue
		}
		if loc, ok := FixedLocation(p); ok {
			out = append(out, judge(p, "default", "", loc, home, true))
		}
	}
	return out
}

func judge(provider, region, name string, loc geo.Location, home Home, fixed bool) Option {
	a := Assess(provider, region, loc, "")
	return Option{
		Provider: provider, Region: region, Name: name, Location: loc,
		Operator: a.Operator, Reach: a.Reach, Category: Categorize(a, loc, home), fixed: fixed,
	}
}

// HomeOnly lists the options where only home jurisdictions reach the data
// (category home), of one provider or, when provider is "", of all,
// sorted by provider then region.
func HomeOnly(home Home, provider string) []Option {
	var out []Option
	for _, o := range Catalog(home) {
		if o.Category == CategoryHome && (provider == "" || o.Provider == provider) {
			out = append(out, o)
		}
	}
	sortOptions(out)
	return out
}

// Alternatives lists up to n home-only options from providers other than
// provider, at most one per provider (its nearest), nearest first.
// Distance is measured from the provider's own regions on home soil (from
// all its regions when it has none there), so an AWS user in Frankfurt is
// shown Falkenstein before Lisbon. Providers without a region catalog are
// compared with their own kind: a mail service gets mail services.
func Alternatives(home Home, provider string, n int) []Option {
	if n <= 0 {
		return nil
	}
	all := Catalog(home)
	var ref []geo.Location
	fixed := false
	for _, o := range all {
		if o.Provider == provider {
			fixed = o.fixed
			if t, ok := territory(o.Location); ok && home.Includes(t) {
				ref = append(ref, o.Location)
			}
		}
	}
	if len(ref) == 0 {
		for _, o := range all {
			if o.Provider == provider {
				ref = append(ref, o.Location)
			}
		}
	}
	best := map[string]Option{}
	for _, o := range all {
		if o.Provider == provider || o.Category != CategoryHome || o.fixed != fixed || !placed(o.Location) {
			continue
		}
		o.DistanceKM = nearestKM(o.Location, ref)
		if b, ok := best[o.Provider]; !ok || o.DistanceKM < b.DistanceKM ||
			(o.DistanceKM == b.DistanceKM && o.Region < b.Region) {
			best[o.Provider] = o
		}
	}
	out := make([]Option, 0, len(best))
	for _, o := range best {
		out = append(out, o)
	}
	slices.SortFunc(out, func(a, b Option) int {
		return cmp.Or(cmp.Compare(a.DistanceKM, b.DistanceKM), cmp.Compare(a.Provider, b.Provider))
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

func sortOptions(os []Option) {
	slices.SortFunc(os, func(a, b Option) int {
		return cmp.Or(cmp.Compare(a.Provider, b.Provider), cmp.Compare(a.Region, b.Region))
	})
}

// placed reports whether a location has a real point (Cloudflare's "auto"
// has none).
func placed(l geo.Location) bool { return l.Lat != 0 || l.Lon != 0 }

// nearestKM is the great-circle distance from l to the nearest of ref, in
// kilometres, rounded; 0 when there is no reference.
func nearestKM(l geo.Location, ref []geo.Location) float64 {
	best := math.Inf(1)
	for _, r := range ref {
		if !placed(r) {
			continue
		}
		best = min(best, haversineKM(l.Lat, l.Lon, r.Lat, r.Lon))
	}
	if math.IsInf(best, 1) {
		return 0
	}
	return math.Round(best)
}

func haversineKM(lat1, lon1, lat2, lon2 float64) float64 {
	const earthKM = 6371.0
	rad := math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthKM * math.Asin(math.Min(1, math.Sqrt(a)))
}
