package mail

import (
	"context"
	"fmt"
	"net/netip"
	"strconv"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/geo/geoip"
)

// countryLocation places an item in a whole country, at the country's
// representative point.
func countryLocation(cc string, ev geo.Evidence, conf geo.Confidence, note string) *geo.Location {
	loc := &geo.Location{Country: cc, Evidence: ev, Confidence: conf, Note: note}
	if lat, lon, ok := geoip.CountryPoint(cc); ok {
		loc.Lat, loc.Lon = lat, lon
	}
	return loc
}

// pinLocation turns a host name's documented region into a location.
func pinLocation(p *pin) *geo.Location {
	if p == nil {
		return nil
	}
	conf := geo.ConfidenceLow
	if p.Medium {
		conf = geo.ConfidenceMedium
	}
	if p.Country != "" {
		return countryLocation(p.Country, geo.EvidenceDNS, conf, p.Note+"; the point is the country, not a data centre")
	}
	loc := &geo.Location{Area: p.Area, Evidence: geo.EvidenceDNS, Confidence: geo.ConfidenceLow, Note: p.Note}
	if p.Area == "EU" {
		loc.Lat, loc.Lon = atBrussels[0], atBrussels[1]
		loc.Note += "; the point is Brussels, standing for the EU, not a data centre"
	}
	return loc
}

// hostingASNs maps the autonomous systems of large hosting companies to the
// legal model's provider ids, so a self-hosted server rented from one of
// them names its operator. Only ASNs the companies announce for their
// hosting and cloud customers are listed.
var hostingASNs = map[uint]string{
	24940:  "hetzner", // Hetzner Online
	213230: "hetzner", // Hetzner Cloud
	16276:  "ovh",
	12876:  "scaleway",
	14061:  "digitalocean",
	16509:  "aws",
	14618:  "aws",
	8075:   "azure",
	396982: "gcp",
	63949:  "linode",
	20473:  "vultr",
	8560:   "ionos",
	29222:  "infomaniak",
	61098:  "exoscale",
	31898:  "oracle",
	36351:  "ibm", // SoftLayer
	45102:  "alibaba",
	132203: "tencent",
	13335:  "cloudflare",
}

// placed is where GeoIP puts a host.
type placed struct {
	loc      geo.Location
	operator string // legal-model id of the hosting company, if known
	asn      uint
	org      string
	addr     netip.Addr
}

// geoLocate resolves host and places its first public address by GeoIP.
// Every outcome is a location: a failure is an unknown one with the reason.
func (s *scanner) geoLocate(ctx context.Context, host string) placed {
	addrs, err := s.res.addrs(ctx, host)
	if err != nil {
		return placed{loc: geo.Unknown(fmt.Sprintf("the address of %s could not be resolved: %v", host, err))}
	}
	if len(addrs) == 0 {
		return placed{loc: geo.Unknown(fmt.Sprintf("%s has no A or AAAA record", host))}
	}
	var addr netip.Addr
	for _, a := range addrs {
		if a.IsGlobalUnicast() && !a.IsPrivate() {
			addr = a
			break
		}
	}
	if !addr.IsValid() {
		return placed{loc: geo.Unknown(fmt.Sprintf("%s resolves only to private or local addresses (%s), which no database places", host, addrs[0]))}
	}
	db, err := s.geoDB()
	if err != nil {
		return placed{addr: addr, loc: geo.Unknown(fmt.Sprintf("IP %s of %s could not be placed: %v", addr, host, err))}
	}
	r, err := db.Lookup(addr)
	if err != nil {
		return placed{addr: addr, loc: geo.Unknown(fmt.Sprintf("IP %s of %s could not be placed: %v", addr, host, err))}
	}
	p := placed{addr: addr, asn: r.ASN, org: r.Org, operator: hostingASNs[r.ASN]}
	as := "no known AS"
	if r.ASN != 0 {
		as = "ASN " + strconv.FormatUint(uint64(r.ASN), 10)
		if r.Org != "" {
			as += " " + r.Org
		}
	}
	if r.Country == "" {
		p.loc = geo.Unknown(fmt.Sprintf("GeoIP has no country for IP %s of %s (%s)", addr, host, as))
		return p
	}
	what := "registration country"
	if !r.Registered {
		what = "GeoIP country"
	}
	p.loc = *countryLocation(r.Country, geo.EvidenceGeoIP, geo.ConfidenceLow,
		fmt.Sprintf("%s of IP %s (%s), not the data centre", what, addr, as))
	return p
}
