package geo

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Region is one entry of a provider's region catalog.
//
// Most entries name one place: City, Country and Lat/Lon are city-level.
// A few codes name a wider area instead (a multi-region, a jurisdiction, a
// location hint); for those Area is set, City and Lat/Lon are a
// representative place only, and Country is set only when the whole area lies
// in one country. Cloudflare's "auto" has no representative place at all:
// City is empty and Lat/Lon are zero.
type Region struct {
	Provider  string // provider id: "aws", "azure", "gcp", "hetzner", ...
	Code      string // the provider's own code: "eu-west-1", "germanywestcentral", "europe-west9", "fsn1", "gra", "fr-par"
	Name      string // human name: "Europe (Ireland)"
	City      string
	Country   string // ISO 3166-1 alpha-2
	Lat, Lon  float64
	Partition string // AWS partition ("aws","aws-cn","aws-us-gov","aws-eusc"), else ""
	Note      string // e.g. "historic: closed 2021", "operated by ..." (optional)
	// Area is set when the code names an area rather than a place ("EU",
	// "US", "Western Europe"); it matches Location.Area.
	Area string
}

// Location returns where the region puts an item. A place-level entry gives
// a high-confidence catalog location with city and coordinates; an area entry
// gives the area with a representative point, medium confidence when the
// country is still known, low otherwise (see Location).
func (r Region) Location() Location {
	l := Location{
		Country:    r.Country,
		City:       r.City,
		Lat:        r.Lat,
		Lon:        r.Lon,
		Evidence:   EvidenceCatalog,
		Confidence: ConfidenceHigh,
		Note:       r.Note,
	}
	if r.Area != "" {
		l.Area = r.Area
		l.City = "" // the representative city is not where the bytes are
		l.Confidence = ConfidenceLow
		if r.Country != "" {
			l.Confidence = ConfidenceMedium
		}
		rep := "no representative place"
		if r.City != "" {
			rep = "the point shown is " + r.City + ", a representative place"
		}
		if l.Note == "" {
			l.Note = r.Provider + " " + r.Code + " names an area, not a place; " + rep + "."
		} else {
			l.Note = strings.TrimSuffix(l.Note, ".") + "; " + rep + "."
		}
	}
	return l
}

// Lookup maps a provider's region code to a catalog location. The region is
// matched without regard to case or surrounding space; a zone or data-centre
// code of a known region ("eu-west-1a", "europe-west9-b", "fr-par-2",
// "fsn1-dc14", "GRA11") resolves to that region. It reports false when the
// provider has no catalog or the catalog does not know the code.
func Lookup(provider, region string) (Location, bool) {
	r, ok := RegionOf(provider, region)
	if !ok {
		return Location{}, false
	}
	return r.Location(), true
}

// RegionOf returns the catalog entry for a provider's region code, matched
// as Lookup matches it.
func RegionOf(provider, region string) (Region, bool) {
	c, ok := catalogs[normProvider(provider)]
	if !ok {
		return Region{}, false
	}
	code := normCode(region)
	if r, ok := c.byCode[code]; ok {
		return r, true
	}
	for _, rule := range zoneRules[c.provider] {
		if m := rule.FindStringSubmatch(code); m != nil {
			if r, ok := c.byCode[m[1]]; ok {
				return r, true
			}
		}
	}
	return Region{}, false
}

// Regions returns a copy of a provider's catalog sorted by code, or nil when
// the provider has none.
func Regions(provider string) []Region {
	c, ok := catalogs[normProvider(provider)]
	if !ok {
		return nil
	}
	return append([]Region(nil), c.sorted...)
}

// CatalogProviders returns the ids of the providers that have a catalog,
// sorted.
func CatalogProviders() []string {
	return append([]string(nil), providerIDs...)
}

// Closest returns up to n codes of the provider's catalog that are close to
// region (small edit distance, a shared prefix, or the code naming that
// city), closest first, for a "did you mean" hint. When the provider itself
// is unknown it returns up to n close provider ids instead.
func Closest(provider, region string, n int) []string {
	if n <= 0 {
		return nil
	}
	c, ok := catalogs[normProvider(provider)]
	if !ok {
		return closest(normProvider(provider), providerIDs, nil, n)
	}
	codes := make([]string, len(c.sorted))
	cities := make([]string, len(c.sorted))
	for i, r := range c.sorted {
		codes[i] = r.Code
		cities[i] = strings.ToLower(r.City)
	}
	return closest(normCode(region), codes, cities, n)
}

// closest ranks candidates against q. cities, when given, runs parallel to
// candidates and lets a query naming a city find that city's codes.
func closest(q string, candidates, cities []string, n int) []string {
	if q == "" {
		return nil
	}
	type scored struct {
		s    string
		dist int
	}
	limit := len([]rune(q)) / 3
	if limit < 2 {
		limit = 2
	}
	var hits []scored
	for i, cand := range candidates {
		d := EditDistance(q, cand)
		switch {
		case d <= limit:
		case len(q) >= 2 && (strings.HasPrefix(cand, q) || strings.HasPrefix(q, cand)):
			d = limit
		case len(q) >= 3 && strings.Contains(cand, q):
			d = limit + 1
		case cities != nil && cities[i] != "" && cities[i] == q:
			d = limit + 1
		default:
			continue
		}
		hits = append(hits, scored{cand, d})
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].dist != hits[j].dist {
			return hits[i].dist < hits[j].dist
		}
		return hits[i].s < hits[j].s
	})
	var out []string
	for _, h := range hits {
		if len(out) == n {
			break
		}
		out = append(out, h.s)
	}
	return out
}

// EditDistance is the Levenshtein distance between a and b, in runes: the
// one measure of a typo for every "did you mean" of Reachmap.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func normProvider(p string) string { return strings.ToLower(strings.TrimSpace(p)) }
func normCode(c string) string     { return strings.ToLower(strings.TrimSpace(c)) }

// zoneRules turn a zone or data-centre code into its region code (the first
// submatch) for providers whose zones are named after their regions. They are
// tried only when the code itself is not in the catalog.
var zoneRules = map[string][]*regexp.Regexp{
	// eu-west-1a
	"aws": {regexp.MustCompile(`^([a-z]+(?:-[a-z]+)+-\d+)[a-z]$`)},
	// europe-west9-b
	"gcp": {regexp.MustCompile(`^([a-z]+(?:-[a-z]+)*\d+)-[a-z]$`)},
	// fsn1-dc14
	"hetzner": {regexp.MustCompile(`^([a-z]+\d*)-dc\d+$`)},
	// gra11, de1; us-east-va-1
	"ovh": {regexp.MustCompile(`^([a-z]+)\d+$`), regexp.MustCompile(`^([a-z]+(?:-[a-z]+)+)-\d+$`)},
	// fr-par-2
	"scaleway": {regexp.MustCompile(`^([a-z]{2}-[a-z]{3})-\d+$`)},
}

// A place is a city with its coordinates, shared by every catalog entry in
// that city so one city has one point. An area place (Area set) stands for a
// wider area; its City and coordinates are a representative place.
type place struct {
	City    string
	Country string
	Lat     float64
	Lon     float64
	Area    string
}

// area turns a representative place into an area that spans countries.
func area(name string, rep place) place {
	rep.Area, rep.Country = name, ""
	return rep
}

// areaIn turns a representative place into an area inside its country.
func areaIn(name string, rep place) place {
	rep.Area = name
	return rep
}

// entry is one line of a catalog table: code, human name, place, note.
type entry struct {
	code, name string
	at         place
	note       string
}

type catalog struct {
	provider string
	byCode   map[string]Region
	sorted   []Region
}

var (
	catalogs    = map[string]*catalog{}
	providerIDs []string
)

// register adds entries to a provider's catalog. partition is set only for
// AWS. A duplicate or malformed code is a programming error and panics at
// start-up; the tests run the same checks.
func register(provider, partition string, entries []entry) {
	c := catalogs[provider]
	if c == nil {
		c = &catalog{provider: provider, byCode: map[string]Region{}}
		catalogs[provider] = c
		providerIDs = append(providerIDs, provider)
		sort.Strings(providerIDs)
	}
	for _, e := range entries {
		if e.code != normCode(e.code) || e.code == "" {
			panic(fmt.Sprintf("geo: %s region code %q must be lower case and trimmed", provider, e.code))
		}
		if _, dup := c.byCode[e.code]; dup {
			panic(fmt.Sprintf("geo: %s region %q listed twice", provider, e.code))
		}
		r := Region{
			Provider:  provider,
			Code:      e.code,
			Name:      e.name,
			City:      e.at.City,
			Country:   e.at.Country,
			Lat:       e.at.Lat,
			Lon:       e.at.Lon,
			Partition: partition,
			Note:      e.note,
			Area:      e.at.Area,
		}
		c.byCode[e.code] = r
		c.sorted = append(c.sorted, r)
	}
	sort.Slice(c.sorted, func(i, j int) bool { return c.sorted[i].Code < c.sorted[j].Code })
}

// RegionSample picks n codes spread over a provider's sorted catalog, so
// that a hint shows its range (af-…, eu-…, us-…), not one corner of it.
// It returns every code when the catalog holds n or fewer.
func RegionSample(provider string, n int) []string {
	rs := Regions(provider)
	var out []string
	for i := 0; i < n && i < len(rs); i++ {
		out = append(out, rs[i*len(rs)/min(n, len(rs))].Code)
	}
	return out
}
