package geoip

import (
	"bytes"
	"encoding/json"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"

	"github.com/reachmap/reachmap/geo/geoip/internal/manifest"
)

// The built-in data is a snapshot; these rows are long-lived allocations
// whose registry and AS have not changed in a decade.
func TestEmbeddedLookup(t *testing.T) {
	db, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tests := []struct {
		ip   string
		want Result
	}{
		{"1.1.1.1", Result{Country: "US", ASN: 13335, Org: "Cloudflare, Inc.", Registered: true}},
		{"8.8.8.8", Result{Country: "US", ASN: 15169, Org: "Google LLC", Registered: true}},
		{"5.9.0.1", Result{Country: "DE", ASN: 24940, Org: "Hetzner Online GmbH", Registered: true}},
		{"2a01:4f8::1", Result{Country: "DE", ASN: 24940, Org: "Hetzner Online GmbH", Registered: true}},
		{"185.70.42.1", Result{Country: "CH", ASN: 62371, Org: "Proton AG", Registered: true}},
		{"2001:4860:4860::8888", Result{Country: "US", ASN: 15169, Org: "Google LLC", Registered: true}},
		// An IPv4-mapped IPv6 address answers as the IPv4 one.
		{"::ffff:8.8.8.8", Result{Country: "US", ASN: 15169, Org: "Google LLC", Registered: true}},
		// Private and loopback space is in no database: zero, no error.
		{"127.0.0.1", Result{}},
		{"10.1.2.3", Result{}},
		{"192.168.0.1", Result{}},
		{"fe80::1", Result{}},
	}
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			got, err := db.Lookup(netip.MustParseAddr(tt.ip))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Lookup(%s) = %+v, want %+v", tt.ip, got, tt.want)
			}
			if got.Found() != (tt.want != Result{}) {
				t.Errorf("Found() = %v", got.Found())
			}
		})
	}
}

func TestLookupBadInput(t *testing.T) {
	db, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Lookup(netip.Addr{}); err == nil {
		t.Error("Lookup(zero Addr): want error")
	}
	for _, ip := range []net.IP{nil, {1, 2, 3}} {
		if _, err := db.LookupIP(ip); err == nil {
			t.Errorf("LookupIP(%v): want error", ip)
		}
	}
	got, err := db.LookupIP(net.ParseIP("8.8.8.8"))
	if err != nil || got.ASN != 15169 {
		t.Errorf("LookupIP(8.8.8.8) = %+v, %v", got, err)
	}
	// A zone is not part of the address a database knows.
	got, err = db.Lookup(netip.MustParseAddr("2a01:4f8::1%eth0"))
	if err != nil || got.Country != "DE" {
		t.Errorf("Lookup with zone = %+v, %v", got, err)
	}
}

func TestEmbeddedInfo(t *testing.T) {
	info := Embedded()
	if info.Built.IsZero() || info.Built.Year() < 2024 {
		t.Errorf("Built = %v", info.Built)
	}
	if len(info.Databases) != 2 {
		t.Fatalf("%d databases, want 2", len(info.Databases))
	}
	kinds := map[string]DatabaseInfo{}
	for _, d := range info.Databases {
		kinds[d.Kind] = d
		fi, err := os.Stat(filepath.Join("data", d.File))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Size() != d.CompressedSize {
			t.Errorf("%s: compressed size %d, manifest %d", d.File, fi.Size(), d.CompressedSize)
		}
		if d.Size <= d.CompressedSize || d.Ranges < 100000 || d.Package == "" || d.Version == "" || d.LicenceURL == "" {
			t.Errorf("%s: implausible manifest entry %+v", d.File, d)
		}
	}
	if kinds["country"].Licence != "PDDL-1.0" || !kinds["country"].IPv6 {
		t.Errorf("country entry %+v", kinds["country"])
	}
	if a := kinds["asn"]; a.Licence != "CC-BY-4.0" || !strings.Contains(a.Attribution, "DB-IP") {
		t.Errorf("asn entry %+v: CC BY needs its attribution", a)
	}
	// Keep the binary reasonable: the budget is ~10 MB.
	var total int64
	for _, d := range info.Databases {
		total += d.CompressedSize
	}
	if total > 10<<20 {
		t.Errorf("embedded GeoIP data is %d bytes, over 10 MiB", total)
	}
	// Callers get a copy.
	info.Databases[0].Kind = "x"
	if Embedded().Databases[0].Kind == "x" {
		t.Error("Embedded shares its slice")
	}
}

// The generator and this package share the manifest type; a field
// sources.json holds that the type lacks must fail here, not be silently
// dropped.
func TestManifestFieldsMatch(t *testing.T) {
	b, err := os.ReadFile("data/sources.json")
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var m manifest.Manifest
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
}

// writeDB writes a small MaxMind DB of the given type into dir.
func writeDB(t *testing.T, dir, dbType string, rows map[string]mmdbtype.Map) string {
	t.Helper()
	tree, err := mmdbwriter.New(mmdbwriter.Options{DatabaseType: dbType, RecordSize: 24})
	if err != nil {
		t.Fatal(err)
	}
	for cidr, v := range rows {
		_, n, err := net.ParseCIDR(cidr)
		if err != nil {
			t.Fatal(err)
		}
		if err := tree.Insert(n, v); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, strings.ReplaceAll(dbType, " ", "_")+".mmdb")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := tree.WriteTo(f); err != nil {
		t.Fatal(err)
	}
	return path
}

func iso(cc string) mmdbtype.Map { return mmdbtype.Map{"iso_code": mmdbtype.String(cc)} }

func TestUserDatabases(t *testing.T) {
	dir := t.TempDir()
	city := writeDB(t, dir, "GeoLite2-City", map[string]mmdbtype.Map{
		"81.0.0.0/8": {"country": iso("FR"), "registered_country": iso("DE"), "city": mmdbtype.Map{"geoname_id": mmdbtype.Uint32(1)}},
	})
	regOnly := writeDB(t, dir, "GeoIP2-Country", map[string]mmdbtype.Map{
		"81.0.0.0/8": {"registered_country": iso("se")},
	})
	asn := writeDB(t, dir, "GeoLite2-ASN", map[string]mmdbtype.Map{
		"81.0.0.0/8": {"autonomous_system_number": mmdbtype.Uint32(64500), "autonomous_system_organization": mmdbtype.String("Example AS")},
	})
	ent := writeDB(t, dir, "GeoIP2-Enterprise", map[string]mmdbtype.Map{
		"81.0.0.0/8": {"country": iso("IT"), "traits": mmdbtype.Map{
			"autonomous_system_number": mmdbtype.Uint32(64501), "autonomous_system_organization": mmdbtype.String("Ent AS")}},
	})
	// The layout of the raw @ip-location-db files, whose type geoip2 refuses.
	flat := writeDB(t, dir, "ip-location-db country", map[string]mmdbtype.Map{
		"81.0.0.0/8": {"country_code": mmdbtype.String("NL")},
	})
	flatASN := writeDB(t, dir, "ip-location-db asn", map[string]mmdbtype.Map{
		"81.0.0.0/8": {"autonomous_system_number": mmdbtype.Uint32(64502), "autonomous_system_organization": mmdbtype.String("Flat AS")},
	})
	useless := writeDB(t, dir, "Something-Else", map[string]mmdbtype.Map{
		"81.0.0.0/8": {"colour": mmdbtype.String("blue")},
	})
	connType := writeDB(t, dir, "GeoIP2-Connection-Type", map[string]mmdbtype.Map{
		"81.0.0.0/8": {"connection_type": mmdbtype.String("Cable/DSL")},
	})
	garbage := filepath.Join(dir, "garbage.mmdb")
	if err := os.WriteFile(garbage, []byte("not a maxmind db"), 0o644); err != nil {
		t.Fatal(err)
	}
	list := func(p ...string) string { return strings.Join(p, string(os.PathListSeparator)) }

	// 8.8.8.8 is in none of the test files: the built-in data answers the
	// half a user file does not cover, and nothing for the half it does.
	tests := []struct {
		name    string
		path    string
		ip      string
		want    Result
		wantErr string
	}{
		{"city: located country, built-in ASN", city, "81.1.2.3",
			Result{Country: "FR", ASN: mustBuiltinASN(t, "81.1.2.3"), Org: mustBuiltinOrg(t, "81.1.2.3")}, ""},
		{"city: address outside the file", city, "8.8.8.8", Result{ASN: 15169, Org: "Google LLC"}, ""},
		{"registered country only", regOnly, "81.1.2.3",
			Result{Country: "SE", Registered: true, ASN: mustBuiltinASN(t, "81.1.2.3"), Org: mustBuiltinOrg(t, "81.1.2.3")}, ""},
		{"asn: built-in country", asn, "81.1.2.3",
			Result{Country: mustBuiltinCountry(t, "81.1.2.3"), Registered: true, ASN: 64500, Org: "Example AS"}, ""},
		{"country and asn files", list(city, asn), "81.1.2.3", Result{Country: "FR", ASN: 64500, Org: "Example AS"}, ""},
		{"empty list entries are skipped", list("", city, " ", asn), "81.1.2.3", Result{Country: "FR", ASN: 64500, Org: "Example AS"}, ""},
		{"enterprise holds both", ent, "81.1.2.3", Result{Country: "IT", ASN: 64501, Org: "Ent AS"}, ""},
		{"flat country_code", flat, "81.1.2.3",
			Result{Country: "NL", ASN: mustBuiltinASN(t, "81.1.2.3"), Org: mustBuiltinOrg(t, "81.1.2.3")}, ""},
		{"flat asn", flatASN, "81.1.2.3",
			Result{Country: mustBuiltinCountry(t, "81.1.2.3"), Registered: true, ASN: 64502, Org: "Flat AS"}, ""},
		{"unknown layout", useless, "", Result{}, "no country or ASN fields"},
		{"known type without country or ASN", connType, "", Result{}, "has no country or ASN data"},
		{"missing file", filepath.Join(dir, "nope.mmdb"), "", Result{}, "no such file"},
		{"not a database", garbage, "", Result{}, "open geoip database"},
		{"one bad file in a list", list(city, garbage), "", Result{}, "garbage.mmdb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := Open(tt.path)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Open error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if db.Describe() == "" {
				t.Error("Describe is empty")
			}
			got, err := db.Lookup(netip.MustParseAddr(tt.ip))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Lookup(%s) = %+v, want %+v", tt.ip, got, tt.want)
			}
		})
	}
}

func builtin(t *testing.T, ip string) Result {
	t.Helper()
	db, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.Lookup(netip.MustParseAddr(ip))
	if err != nil || !r.Found() {
		t.Fatalf("built-in lookup %s = %+v, %v", ip, r, err)
	}
	return r
}

func mustBuiltinASN(t *testing.T, ip string) uint       { return builtin(t, ip).ASN }
func mustBuiltinOrg(t *testing.T, ip string) string     { return builtin(t, ip).Org }
func mustBuiltinCountry(t *testing.T, ip string) string { return builtin(t, ip).Country }

func TestConcurrentLookups(t *testing.T) {
	db, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 500 {
				a := netip.AddrFrom4([4]byte{byte(1 + g), byte(i), 1, 1})
				if _, err := db.Lookup(a); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}

func BenchmarkLookup(b *testing.B) {
	db, err := Open("")
	if err != nil {
		b.Fatal(err)
	}
	addrs := []netip.Addr{
		netip.MustParseAddr("8.8.8.8"), netip.MustParseAddr("5.9.0.1"),
		netip.MustParseAddr("2a01:4f8::1"), netip.MustParseAddr("185.70.42.1"),
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := db.Lookup(addrs[i%len(addrs)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenEmbedded measures the first-use cost of the built-in data
// (inflate + hash + parse), paid once per process.
func BenchmarkOpenEmbedded(b *testing.B) {
	m, err := loadManifest()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		for _, d := range m.Databases {
			if _, err := openEmbedded(d); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func TestCountryPoint(t *testing.T) {
	// Each point must fall inside the country: a box around its main land.
	tests := []struct {
		cc             string
		minLat, maxLat float64
		minLon, maxLon float64
	}{
		{"DE", 47, 55, 6, 15},
		{"us", 25, 49, -125, -67},  // the contiguous states, not Alaska
		{"AU", -39, -11, 113, 154}, // the mainland, not Ashmore Reef
		{"FR", 42, 51, -5, 8},      // metropolitan France
		{"NO", 58, 71, 4, 31},
		{"SG", 1.1, 1.5, 103.6, 104.1},
		{"JE", 49.1, 49.3, -2.3, -2.0},
		{" gb ", 50, 59, -8, 2},
	}
	for _, tt := range tests {
		lat, lon, ok := CountryPoint(tt.cc)
		if !ok || lat < tt.minLat || lat > tt.maxLat || lon < tt.minLon || lon > tt.maxLon {
			t.Errorf("CountryPoint(%q) = %v, %v, %v", tt.cc, lat, lon, ok)
		}
	}
	for _, cc := range []string{"", "EU", "ZZ", "DEU"} {
		if _, _, ok := CountryPoint(cc); ok {
			t.Errorf("CountryPoint(%q) ok", cc)
		}
	}
	if len(countryPoints) < 230 {
		t.Errorf("only %d country points", len(countryPoints))
	}
}
