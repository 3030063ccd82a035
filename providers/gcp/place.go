package gcp

import (
	"slices"
	"strings"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
)

// Location types, derived from the location code itself: emulators do not
// always report locationType, and the code is what Google documents.
const (
	typeRegion = "region"
	typeDual   = "dual-region"
	typeMulti  = "multi-region"
)

// placement is where a Google location code puts an item: the location
// when the code alone does not (a dual-region's first region, a
// multi-region's area), the copies in its other regions, and its type.
type placement struct {
	Type   string
	Loc    *geo.Location
	Copies []providers.Copy
}

// place turns a location code ("europe-west9", "EUR4", "EU", "nam5") and,
// for a custom dual-region, its dataLocations into a placement.
func place(code string, dataLocations []string) placement {
	c := strings.ToLower(strings.TrimSpace(code))
	if len(dataLocations) >= 2 {
		regions := make([]string, len(dataLocations))
		for i, r := range dataLocations {
			regions[i] = strings.ToLower(r)
		}
		return dual(typeDual, strings.ToUpper(code)+" custom dual-region ("+strings.Join(regions, " and ")+")", regions)
	}
	if span, ok := geo.GCPSpanOf(c); ok {
		if len(span.Regions) > 0 {
			t := typeDual
			if span.Multi {
				t = typeMulti
			}
			return dual(t, strings.ToUpper(code)+" ("+strings.Join(span.Regions, " and ")+")", span.Regions)
		}
		return multi(c, span)
	}
	return placement{Type: typeRegion}
}

// dual places the item at its first region and keeps the others as
// copies: a dual-region (or a multi-region of known regions, Firestore's
// eur3) holds the whole data in each of its regions.
func dual(typ, what string, regions []string) placement {
	p := placement{Type: typ}
	if l, ok := geo.Lookup("gcp", regions[0]); ok {
		l.Evidence = geo.EvidenceAPI
		l.Note = strings.ToUpper(typ[:1]) + typ[1:] + " " + what + ": placed at its first region; the data is also kept in the other."
		p.Loc = &l
	}
	for _, r := range regions[1:] {
		p.Copies = append(p.Copies, providers.Copy{Region: r, Why: typ + " " + what + ": the same data in " + r})
	}
	return p
}

// multi places a multi-region as the area it is, with the countries it
// may span, the way a tenant geography is placed.
func multi(code string, span geo.GCPSpan) placement {
	l, ok := geo.Lookup("gcp", code)
	if !ok {
		return placement{Type: typeMulti}
	}
	l.Evidence = geo.EvidenceAPI
	if len(span.Countries) == 1 {
		l.Country = span.Countries[0]
	}
	l.Note = "Multi-region " + strings.ToUpper(code) + ": Google keeps the data in two or more regions of the area, not in one place; it may be in " +
		strings.Join(span.Countries, ", ") + ". The point stands for the area."
	if len(span.Countries) == 1 {
		l.Confidence = geo.ConfidenceMedium
	}
	return placement{Type: typeMulti, Loc: &l}
}

// more adds copies for further locations (a snapshot kept in several),
// skipping those the placement already names.
func (p *placement) more(primary string, locations []string, why string) {
	seen := []string{strings.ToLower(primary)}
	for _, c := range p.Copies {
		seen = append(seen, c.Region)
	}
	for _, l := range locations {
		l = strings.ToLower(l)
		if l == "" || slices.Contains(seen, l) {
			continue
		}
		seen = append(seen, l)
		p.Copies = append(p.Copies, providers.Copy{Region: l, Why: why + " " + l})
	}
}

// lastSegment is the name at the end of a Google resource URL
// (".../zones/europe-west9-a" → "europe-west9-a").
func lastSegment(u string) string {
	if i := strings.LastIndex(u, "/"); i >= 0 {
		return u[i+1:]
	}
	return u
}

// zoneRegion is a zone's region ("europe-west9-a" → "europe-west9").
func zoneRegion(zone string) string {
	if i := strings.LastIndex(zone, "-"); i > 0 && len(zone)-i == 2 {
		return zone[:i]
	}
	return zone
}

// s3nsUniverse reports whether a universe domain is S3NS's. Trusted Cloud
// by S3NS serves Google Cloud APIs under its own universe domain; Reachmap
// recognises it by name (unverified: S3NS documents no list of domains).
func s3nsUniverse(u string) bool { return strings.Contains(strings.ToLower(u), "s3ns") }

// operatorFor is the operator of a project's items when it is not Google:
// a partner-operated sovereign offer, known by its region or its universe.
func operatorFor(universe, region string) string {
	if s3nsUniverse(universe) || strings.HasPrefix(strings.ToLower(region), "u-france-") {
		return "s3ns"
	}
	return ""
}
