package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/reach"
)

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

// regionSample picks n codes spread over a provider's sorted catalog, so
// the hint shows its range (af-…, eu-…, us-…), not one corner of it.
func regionSample(provider string, n int) []string {
	rs := geo.Regions(provider)
	if len(rs) <= n {
		out := make([]string, len(rs))
		for i, r := range rs {
			out[i] = r.Code
		}
		return out
	}
	out := make([]string, 0, n+1)
	for i := range n {
		out = append(out, rs[i*len(rs)/n].Code)
	}
	return append(out, "…")
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
		d := levenshtein(q, id)
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

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

// --- text ---

func (e explanation) writeText(w io.Writer) {
	name := reach.ProviderName(e.provider)
	subject := name
	switch {
	case e.region == "default":
		// A provider with one site: its name says it all.
	case e.region != "" && e.regionName != "":
		subject += " " + e.region + " (" + e.regionName + ")"
	case e.region != "":
		subject += " " + e.region
	}
	if e.loc.Known() {
		ev := evidencePhrase(e.loc)
		if e.region == "default" {
			ev = "the provider's stated location, " + string(e.loc.Confidence) + " confidence"
		}
		fmt.Fprintf(w, "%s is %s (%s).\n", subject, placePhrase(e.loc), ev)
	} else {
		fmt.Fprintf(w, "Where %s keeps this data is not known.\n", subject)
	}
	if e.loc.Note != "" {
		fmt.Fprintf(w, "  %s\n", sentence(e.loc.Note))
	}

	op := e.assessment.Operator
	if op.Country != "" {
		fmt.Fprintf(w, "It is operated by %s%s.\n", entityPhrase(op.Name, op.Country), parentsPhrase(op.Parents))
		if op.Note != "" {
			fmt.Fprintf(w, "  %s\n", sentence(op.Note))
		}
		if e.op.Source != "" {
			unv := ""
			if e.op.Unverified {
				unv = "; partly unverified"
			}
			fmt.Fprintf(w, "  Operator source: %s (reviewed %s%s).\n", e.op.Source, e.op.Reviewed, unv)
		}
	} else {
		fmt.Fprintln(w, "Its operator is not known.")
		if op.Note != "" {
			fmt.Fprintf(w, "  %s\n", sentence(op.Note))
		}
	}

	var reached, context []reach.Jurisdiction
	for _, j := range e.assessment.Reach {
		if j.Basis == reach.BasisAgreement {
			context = append(context, j)
		} else {
			reached = append(reached, j)
		}
	}
	if len(reached) == 0 {
		fmt.Fprintln(w, "Reached by: no jurisdiction Reachmap can name, as neither the place nor the operator is known.")
	} else {
		fmt.Fprintln(w, "Reached by:")
		for _, j := range reached {
			fmt.Fprintf(w, "  - %s\n", reachLine(j))
			if j.Note != "" {
				fmt.Fprintf(w, "      %s\n", sentence(j.Note))
			}
		}
	}
	blocking := blockingContext(reached)
	if len(context)+len(blocking) > 0 {
		fmt.Fprintln(w, "Context, not reach:")
		for _, j := range context {
			fmt.Fprintf(w, "  - %s: %s.\n", reach.CountryLabel(j.Country), lawsPhrase(reach.LawsOf(j)))
			if j.Note != "" {
				fmt.Fprintf(w, "      %s\n", sentence(j.Note))
			}
		}
		for _, b := range blocking {
			fmt.Fprintf(w, "  - %s: %s.\n", reach.CountryLabel(b.country), lawsPhrase([]reach.Law{b.law}))
			fmt.Fprintf(w, "      Blocking rule: %s\n", sentence(b.law.Summary))
		}
	}
	fmt.Fprintf(w, "Relative to %s: %s — %s\n", e.home.Label(), e.category, categoryPhrase(e.category, e.assessment, e.loc, e.home))
	fmt.Fprintf(w, "\n%s\n", reach.Advisory())
}

func reachLine(j reach.Jurisdiction) string {
	var b strings.Builder
	b.WriteString(reach.CountryLabel(j.Country))
	b.WriteString(" (")
	b.WriteString(string(j.Basis))
	if j.Via != "" {
		b.WriteString(", via " + j.Via)
	}
	if j.Contested {
		b.WriteString(", contested")
	}
	b.WriteString(")")
	if laws := reach.LawsOf(j); len(laws) > 0 {
		b.WriteString(": " + lawsPhrase(laws))
	} else if j.Basis == reach.BasisTerritorial {
		b.WriteString(": territorial jurisdiction, no specific law recorded")
	}
	return b.String()
}

func lawsPhrase(laws []reach.Law) string {
	parts := make([]string, 0, len(laws))
	for _, l := range laws {
		p := l.Label() + " — " + l.Source
		if l.InForce != "" && l.Kind == reach.LawAgreement {
			p += " (in force " + l.InForce + ")"
		}
		if l.Unverified {
			p += " (unverified)"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

type blockingNote struct {
	country string
	law     reach.Law
}

// blockingContext names the blocking statutes of the territory when a
// foreign operator reaches data there: the case they exist for (a US order
// for data in Dublin meets GDPR art. 48).
func blockingContext(reached []reach.Jurisdiction) []blockingNote {
	var out []blockingNote
	for _, t := range reached {
		if t.Basis != reach.BasisTerritorial {
			continue
		}
		foreign := false
		for _, j := range reached {
			if j.Basis == reach.BasisOperator && !sameSoil(t.Country, j.Country) {
				foreign = true
			}
		}
		if !foreign {
			continue
		}
		for _, l := range reach.Blocking(t.Country) {
			out = append(out, blockingNote{t.Country, l})
		}
	}
	return out
}

// sameSoil treats an EU member operator as local to data known only to be
// "somewhere in the EU".
func sameSoil(territory, operator string) bool {
	if territory == operator {
		return true
	}
	return territory == "EU" && reach.HomeEU.Includes(operator)
}

func placePhrase(l geo.Location) string {
	switch {
	case l.City != "" && l.Country != "":
		return "in " + l.City + ", " + reach.CountryLabel(l.Country)
	case l.Country != "":
		return "in " + theCountry(l.Country)
	case strings.EqualFold(l.Area, "EU"):
		return "somewhere in the EU/EEA"
	default:
		return "in the area " + l.Area
	}
}

// theCountry names a country as it reads after "in": "the United States",
// "Germany".
func theCountry(cc string) string {
	n := reach.CountryLabel(cc)
	switch {
	case strings.HasPrefix(n, "United "), strings.HasSuffix(n, "lands"), strings.HasSuffix(n, "Islands"),
		n == "Philippines", n == "Isle of Man", n == "European Union":
		return "the " + n
	}
	return n
}

func evidencePhrase(l geo.Location) string {
	ev := map[geo.Evidence]string{
		geo.EvidenceAPI:     "the provider's API",
		geo.EvidenceCatalog: "region catalog",
		geo.EvidenceDNS:     "DNS host name",
		geo.EvidenceGeoIP:   "GeoIP guess, weak",
	}[l.Evidence]
	if ev == "" {
		ev = string(l.Evidence)
	}
	if l.Confidence != "" {
		ev += ", " + string(l.Confidence) + " confidence"
	}
	return ev
}

func entityPhrase(name, cc string) string {
	return name + " (" + reach.CountryLabel(cc) + ")"
}

func parentsPhrase(ps []reach.Entity) string {
	var b strings.Builder
	for i, p := range ps {
		if i == 0 {
			b.WriteString(", a subsidiary of ")
		} else {
			b.WriteString(", itself owned by ")
		}
		b.WriteString(entityPhrase(p.Name, p.Country))
	}
	return b.String()
}

func categoryPhrase(c reach.Category, a reach.Assessment, loc geo.Location, home reach.Home) string {
	var s string
	switch c {
	case reach.CategoryHome:
		s = "only jurisdictions within " + homeName(home) + " reach it."
	case reach.CategoryHomeForeign:
		s = "on home soil, but a foreign law also reaches it."
	case reach.CategoryForeign:
		s = "stored outside " + homeName(home) + "."
	default:
		switch {
		case a.Operator.Country != "" && loc.Known():
			s = "Reachmap cannot name one territory for this area."
		case a.Operator.Country != "":
			s = "Reachmap cannot tell where it is."
		case loc.Known():
			s = "Reachmap cannot tell who runs it."
		default:
			s = "Reachmap cannot tell where it is or who runs it."
		}
	}
	for _, j := range a.Reach {
		if j.Contested && !home.Includes(j.Country) {
			return s + " Part of that foreign reach is contested."
		}
	}
	return s
}

// homeName is the home as it reads in a sentence: "the EU/EEA", "France".
func homeName(h reach.Home) string {
	if h == reach.HomeEU {
		return "the EU/EEA"
	}
	return theCountry(string(h))
}

// sentence makes a note end like a sentence.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// --- JSON ---

type explainJSON struct {
	Provider     string         `json:"provider"`
	ProviderName string         `json:"provider_name"`
	Region       string         `json:"region"`
	RegionName   string         `json:"region_name,omitempty"`
	Home         reach.Home     `json:"home"`
	Location     geo.Location   `json:"location"`
	Operator     reach.Operator `json:"operator"`
	OperatorSrc  string         `json:"operator_source,omitempty"`
	Reach        []reachJSON    `json:"reach"`
	Category     reach.Category `json:"category"`
	Reviewed     string         `json:"reviewed"`
	Advisory     string         `json:"advisory"`
}

// reachJSON is a reach entry with each of its laws, so a reader can check
// every citation, not just the first source.
type reachJSON struct {
	reach.Jurisdiction
	Laws []reach.Law `json:"laws,omitempty"`
}

func (e explanation) json() explainJSON {
	out := explainJSON{
		Provider: e.provider, ProviderName: reach.ProviderName(e.provider),
		Region: e.region, RegionName: e.regionName, Home: e.home,
		Location: e.loc, Operator: e.assessment.Operator, OperatorSrc: e.op.Source,
		Reach: []reachJSON{}, Category: e.category,
		Reviewed: reach.Reviewed(), Advisory: reach.Advisory(),
	}
	for _, j := range e.assessment.Reach {
		out.Reach = append(out.Reach, reachJSON{Jurisdiction: j, Laws: reach.LawsOf(j)})
	}
	return out
}

func writeJSON(stdout, stderr io.Writer, v any) int {
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(stderr, "reachmap explain: write json: %v\n", err)
		return ExitFailed
	}
	return ExitOK
}

// --- what-if ---

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
		fmt.Fprintf(w, "Where only jurisdictions within %s reach the data (category home):\n", home.Label())
		for _, p := range res.Providers {
			fmt.Fprintf(w, "%s (%s):\n", p.Name, p.Provider)
			for _, o := range p.Regions {
				fmt.Fprintf(w, "  %-22s %s — %s\n", o.Region, optionPlace(o), entityPhrase(o.Operator.Name, o.Operator.Country))
			}
		}
	} else if provider == "" {
		fmt.Fprintf(w, "No region Reachmap knows is reached only by jurisdictions within %s.\n", home.Label())
	}
	if res.None != "" {
		fmt.Fprintln(w, res.None)
		if len(res.Alternatives) > 0 {
			fmt.Fprintln(w, "Nearest alternatives from other providers:")
			for _, o := range res.Alternatives {
				fmt.Fprintf(w, "  %-14s %-22s %s — %s, %s\n", o.Provider, o.Region, optionPlace(o),
					entityPhrase(o.Operator.Name, o.Operator.Country), distancePhrase(o.DistanceKM, provider))
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
			if j.Basis == reach.BasisAgreement || home.Includes(j.Country) {
				continue
			}
			key := reach.CountryLabel(j.Country) + " (" + string(j.Basis)
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
			name, home.Label(), home.Label())
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
		name, home.Label(), onSoil, regions, home.Label(), map[bool]string{true: "is", false: "are"}[onSoil == 1],
		strings.Join(parts, ", "))
}
