// Package geoip answers "which country and which network operator does this
// IP address belong to" from MaxMind-format databases.
//
// It reads any GeoIP2/GeoLite2/DB-IP Country, City, Enterprise, ISP or ASN
// database the user points to, through github.com/oschwald/geoip2-golang,
// and falls back to a built-in pair of databases generated from open data
// (see Embedded and internal/gen). Other MaxMind DB files whose
// database_type geoip2-golang refuses, such as the raw @ip-location-db
// files, are read field by field when they carry a recognisable record.
//
// A GeoIP answer is weak evidence: for the built-in data it is the country
// where the address block is registered, not the data centre that holds the
// bytes. Callers must present it as a low-confidence guess.
//
// The package imports no GUI toolkit and no other Reachmap package.
package geoip

//go:generate go run ./internal/gen -out data

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"strings"

	"github.com/oschwald/geoip2-golang/v2"
	"github.com/oschwald/maxminddb-golang/v2"
)

// Result is what the databases say about one address. Zero fields mean the
// databases have nothing on it.
type Result struct {
	// Country is an ISO 3166-1 alpha-2 code, or "" when unknown.
	Country string
	// ASN is the autonomous system number announcing the address, or 0.
	ASN uint
	// Org is the organisation holding that AS, or "".
	Org string
	// Registered is true when Country is where the address block is
	// registered (the built-in data, or a database with only a
	// registered_country) rather than where a database geolocated it.
	Registered bool
}

// Found reports whether any database knew the address.
func (r Result) Found() bool { return r.Country != "" || r.ASN != 0 || r.Org != "" }

// DB looks addresses up in a country source and an ASN source. It is safe
// for concurrent use by several goroutines.
type DB struct {
	country []source
	asn     []source
	closers []func() error
	// Describe names the databases in use, for notes and logs.
	desc []string
}

// source is one opened database able to answer part of a Result.
type source interface {
	lookup(netip.Addr) (Result, error)
}

// Open opens the databases at path. An empty path opens the built-in ones.
//
// path may list several files separated by os.PathListSeparator (":" on
// Unix), for example a Country and an ASN database. Each file is used for
// what it holds; the built-in data still answers what none of the user's
// files can (the AS operator behind a user's Country database, say).
func Open(path string) (*DB, error) {
	db := &DB{}
	for _, p := range filepath.SplitList(path) {
		if strings.TrimSpace(p) == "" {
			continue
		}
		if err := db.addFile(p); err != nil {
			db.Close()
			return nil, err
		}
	}
	if len(db.country) == 0 || len(db.asn) == 0 {
		emb, err := embeddedReaders()
		if err != nil {
			db.Close()
			return nil, err
		}
		if len(db.country) == 0 {
			db.country = append(db.country, countrySource{emb.country, true})
			db.desc = append(db.desc, "built-in country data (IPtoASN)")
		}
		if len(db.asn) == 0 {
			db.asn = append(db.asn, asnSource{emb.asn})
			db.desc = append(db.desc, "built-in ASN data (RouteViews, NRO, DB-IP)")
		}
	}
	return db, nil
}

func (db *DB) addFile(path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("geoip database: %w", err)
	}
	r, err := geoip2.Open(path)
	var unknown geoip2.UnknownDatabaseTypeError
	switch {
	case errors.As(err, &unknown):
		// geoip2 opened the file and only disliked its type: read the
		// records ourselves.
		if r != nil {
			r.Close()
		}
		return db.addGeneric(path)
	case err != nil:
		return fmt.Errorf("open geoip database %s: %w", path, err)
	}
	db.closers = append(db.closers, r.Close)
	typ := r.Metadata().DatabaseType
	used := false
	// Probe the methods rather than copy geoip2's type table: a method the
	// type does not support fails with InvalidMethodError whatever the
	// address.
	probe := netip.MustParseAddr("1.1.1.1")
	var invalid geoip2.InvalidMethodError
	if _, err := r.Enterprise(probe); !errors.As(err, &invalid) {
		db.country = append(db.country, enterpriseSource{r})
		db.asn = append(db.asn, enterpriseSource{r})
		used = true
	} else if _, err := r.Country(probe); !errors.As(err, &invalid) {
		db.country = append(db.country, countrySource{r, false})
		used = true
	}
	if _, err := r.ASN(probe); !errors.As(err, &invalid) && !used {
		db.asn = append(db.asn, asnSource{r})
		used = true
	}
	if !used {
		return fmt.Errorf("geoip database %s: type %q has no country or ASN data", path, typ)
	}
	db.desc = append(db.desc, typ+" ("+filepath.Base(path)+")")
	return nil
}

func (db *DB) addGeneric(path string) error {
	r, err := maxminddb.Open(path)
	if err != nil {
		return fmt.Errorf("open geoip database %s: %w", path, err)
	}
	g := &genericSource{r: r}
	hasCountry, hasASN, err := g.probe()
	if err != nil {
		r.Close()
		return fmt.Errorf("geoip database %s: %w", path, err)
	}
	if !hasCountry && !hasASN {
		r.Close()
		return fmt.Errorf("geoip database %s: type %q has no country or ASN fields that Reachmap knows", path, r.Metadata.DatabaseType)
	}
	db.closers = append(db.closers, r.Close)
	if hasCountry {
		db.country = append(db.country, g)
	}
	if hasASN {
		db.asn = append(db.asn, g)
	}
	db.desc = append(db.desc, r.Metadata.DatabaseType+" ("+filepath.Base(path)+")")
	return nil
}

// Describe names the databases in use, most specific first.
func (db *DB) Describe() string { return strings.Join(db.desc, ", ") }

// Close releases the files the user's databases were mapped from. The
// built-in data stays in memory for the life of the process.
func (db *DB) Close() error {
	var errs []error
	for _, c := range db.closers {
		errs = append(errs, c())
	}
	db.closers = nil
	return errors.Join(errs...)
}

// Lookup returns the country and AS of addr. An address no database knows
// (a private or loopback one, say) gives a zero Result and no error.
func (db *DB) Lookup(addr netip.Addr) (Result, error) {
	if !addr.IsValid() {
		return Result{}, errors.New("geoip lookup: invalid address")
	}
	addr = addr.Unmap().WithZone("")
	var out Result
	for _, s := range db.country {
		r, err := s.lookup(addr)
		if err != nil {
			return Result{}, fmt.Errorf("geoip lookup %s: %w", addr, err)
		}
		if r.Country != "" {
			out.Country, out.Registered = r.Country, r.Registered
			break
		}
	}
	for _, s := range db.asn {
		r, err := s.lookup(addr)
		if err != nil {
			return Result{}, fmt.Errorf("geoip lookup %s: %w", addr, err)
		}
		if r.ASN != 0 || r.Org != "" {
			out.ASN, out.Org = r.ASN, r.Org
			break
		}
	}
	return out, nil
}

// LookupIP is Lookup for a net.IP.
func (db *DB) LookupIP(ip net.IP) (Result, error) {
	addr, ok := netip.AddrFromSlice(ip)
	if !ok {
		return Result{}, fmt.Errorf("geoip lookup: invalid address %v", ip)
	}
	return db.Lookup(addr)
}

// countrySource reads Country and City databases.
type countrySource struct {
	r *geoip2.Reader
	// registered marks the built-in data, whose country is always the
	// registration country even where it fills the country field.
	registered bool
}

func (s countrySource) lookup(a netip.Addr) (Result, error) {
	c, err := s.r.Country(a)
	if err != nil {
		return Result{}, err
	}
	return pickCountry(c.Country.ISOCode, c.RegisteredCountry.ISOCode, s.registered), nil
}

// pickCountry prefers the geolocated country and falls back to the
// registration country, saying which one it gave.
func pickCountry(located, registered string, alwaysRegistered bool) Result {
	switch {
	case located != "":
		return Result{Country: strings.ToUpper(located), Registered: alwaysRegistered}
	case registered != "":
		return Result{Country: strings.ToUpper(registered), Registered: true}
	}
	return Result{}
}

// asnSource reads ASN and ISP databases.
type asnSource struct{ r *geoip2.Reader }

func (s asnSource) lookup(a netip.Addr) (Result, error) {
	v, err := s.r.ASN(a)
	if err != nil {
		return Result{}, err
	}
	return Result{ASN: v.AutonomousSystemNumber, Org: v.AutonomousSystemOrganization}, nil
}

// enterpriseSource reads Enterprise databases, which hold both halves.
type enterpriseSource struct{ r *geoip2.Reader }

func (s enterpriseSource) lookup(a netip.Addr) (Result, error) {
	v, err := s.r.Enterprise(a)
	if err != nil {
		return Result{}, err
	}
	out := pickCountry(v.Country.ISOCode, v.RegisteredCountry.ISOCode, false)
	out.ASN = v.Traits.AutonomousSystemNumber
	out.Org = v.Traits.AutonomousSystemOrganization
	return out, nil
}

// genericRecord is the union of record layouts seen in the wild: GeoIP2's
// nested country objects and ip-location-db's flat country_code.
type genericRecord struct {
	CountryCode string `maxminddb:"country_code"`
	Country     struct {
		ISOCode string `maxminddb:"iso_code"`
	} `maxminddb:"country"`
	RegisteredCountry struct {
		ISOCode string `maxminddb:"iso_code"`
	} `maxminddb:"registered_country"`
	ASN    uint   `maxminddb:"autonomous_system_number"`
	ASOrg  string `maxminddb:"autonomous_system_organization"`
	ASN2   uint   `maxminddb:"asn"`
	ASOrg2 string `maxminddb:"as_organization"`
}

// genericSource reads a MaxMind DB of an unknown type field by field.
type genericSource struct{ r *maxminddb.Reader }

func (g *genericSource) lookup(a netip.Addr) (Result, error) {
	var rec genericRecord
	if err := g.r.Lookup(a).Decode(&rec); err != nil {
		return Result{}, err
	}
	return rec.result(), nil
}

func (rec genericRecord) result() Result {
	located := rec.Country.ISOCode
	if located == "" {
		located = rec.CountryCode
	}
	out := pickCountry(located, rec.RegisteredCountry.ISOCode, false)
	out.ASN, out.Org = rec.ASN, rec.ASOrg
	if out.ASN == 0 {
		out.ASN, out.Org = rec.ASN2, rec.ASOrg2
	}
	return out
}

// probe walks the first records to learn which halves the file can answer.
func (g *genericSource) probe() (country, asn bool, err error) {
	n := 0
	for res := range g.r.Networks() {
		var rec genericRecord
		if err := res.Decode(&rec); err != nil {
			return false, false, fmt.Errorf("read record %s: %w", res.Prefix(), err)
		}
		r := rec.result()
		country = country || r.Country != ""
		asn = asn || r.ASN != 0
		if n++; n >= 64 || (country && asn) {
			break
		}
	}
	return country, asn, nil
}
