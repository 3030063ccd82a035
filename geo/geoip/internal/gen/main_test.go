package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"
	"github.com/oschwald/geoip2-golang/v2"

	"github.com/reachmap/reachmap/geo/geoip/internal/manifest"
)

// writeTGZ writes an npm-style tarball (files under package/).
func writeTGZ(t *testing.T, path string, files map[string][]byte) {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for name, b := range files {
		if err := tw.WriteHeader(&tar.Header{Name: "package/" + name, Mode: 0o644, Size: int64(len(b))}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sourceMMDB imitates iptoasn-country.mmdb: a flat country_code record
// under a database_type geoip2-golang refuses.
func sourceMMDB(t *testing.T) []byte {
	t.Helper()
	tree, err := mmdbwriter.New(mmdbwriter.Options{DatabaseType: "iptoasn-country"})
	if err != nil {
		t.Fatal(err)
	}
	for cidr, cc := range map[string]string{
		"81.0.0.0/8":   "de",
		"82.0.0.0/8":   "ZZ", // unknown in IPtoASN: must be left out
		"2a01::/16":    "FR",
		"100.64.0.0/8": "US", // contains reserved 100.64/10: the rest stays
	} {
		_, n, _ := net.ParseCIDR(cidr)
		if err := tree.Insert(n, mmdbtype.Map{"country_code": mmdbtype.String(cc)}); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := tree.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRunBuildsReadableReproducibleDatabases(t *testing.T) {
	dir := t.TempDir()
	ctgz := filepath.Join(dir, "country.tgz")
	atgz := filepath.Join(dir, "asn.tgz")
	writeTGZ(t, ctgz, map[string][]byte{"iptoasn-country.mmdb": sourceMMDB(t), "README.md": []byte("x")})
	writeTGZ(t, atgz, map[string][]byte{
		"asn-ipv4.csv": []byte(`81.0.0.0,81.0.0.255,64500,"Example, Inc."
81.0.1.0,81.0.1.255,64500,"Example, Inc."
81.0.2.0,81.0.2.255,0,Not routed
90.0.0.0,90.0.0.255,64501,Other AS
`),
		"asn-ipv6.csv": []byte("2a01::,2a01::ffff,64502,V6 AS\n2001::,2001:0:ffff:ffff:ffff:ffff:ffff:ffff,6939,Teredo alias\n"),
	})

	out1, out2 := filepath.Join(dir, "o1"), filepath.Join(dir, "o2")
	for _, o := range []string{out1, out2} {
		if err := run(o, ctgz, atgz, false); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"country.mmdb.gz", "asn.mmdb.gz", "sources.json"} {
		a, _ := os.ReadFile(filepath.Join(out1, f))
		b, _ := os.ReadFile(filepath.Join(out2, f))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs (or is empty)", f)
		}
	}

	var m manifest.Manifest
	js, _ := os.ReadFile(filepath.Join(out1, "sources.json"))
	if err := json.Unmarshal(js, &m); err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 6, 17, 19, 0, 0, 0, time.UTC); !m.Built.Equal(want) {
		t.Errorf("Built = %v, want %v (from the pinned version)", m.Built, want)
	}
	if len(m.Databases) != 2 || m.Databases[1].Ranges != 4 {
		// v4: the two adjacent 64500 rows join, AS 0 is dropped; v6: two rows.
		t.Errorf("manifest %+v", m.Databases)
	}

	country := openGz(t, filepath.Join(out1, "country.mmdb.gz"))
	asn := openGz(t, filepath.Join(out1, "asn.mmdb.gz"))
	if got := country.Metadata().BuildEpoch; int64(got) != m.Built.Unix() {
		t.Errorf("build epoch %d, want %d", got, m.Built.Unix())
	}
	cTests := []struct{ ip, want string }{
		{"81.2.3.4", "DE"}, {"82.1.1.1", ""}, {"2a01:1::1", "FR"}, {"100.0.0.1", "US"}, {"100.64.0.1", ""},
	}
	for _, tt := range cTests {
		c, err := country.Country(netip.MustParseAddr(tt.ip))
		if err != nil {
			t.Fatal(err)
		}
		if c.Country.ISOCode != tt.want || c.RegisteredCountry.ISOCode != tt.want {
			t.Errorf("country(%s) = %q/%q, want %q", tt.ip, c.Country.ISOCode, c.RegisteredCountry.ISOCode, tt.want)
		}
	}
	aTests := []struct {
		ip  string
		asn uint
		org string
	}{
		{"81.0.0.1", 64500, "Example, Inc."}, {"81.0.1.200", 64500, "Example, Inc."},
		{"81.0.2.1", 0, ""}, {"90.0.0.9", 64501, "Other AS"}, {"2a01::42", 64502, "V6 AS"},
	}
	for _, tt := range aTests {
		a, err := asn.ASN(netip.MustParseAddr(tt.ip))
		if err != nil {
			t.Fatal(err)
		}
		if a.AutonomousSystemNumber != tt.asn || a.AutonomousSystemOrganization != tt.org {
			t.Errorf("asn(%s) = %d %q, want %d %q", tt.ip, a.AutonomousSystemNumber, a.AutonomousSystemOrganization, tt.asn, tt.org)
		}
	}
}

func openGz(t *testing.T, path string) *geoip2.Reader {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	r, err := geoip2.OpenBytes(b)
	if err != nil {
		t.Fatalf("geoip2 refuses %s: %v", path, err)
	}
	return r
}

func TestRunBadInputs(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "c.tgz")
	writeTGZ(t, good, map[string][]byte{"iptoasn-country.mmdb": sourceMMDB(t)})
	badCSV := filepath.Join(dir, "bad.tgz")
	writeTGZ(t, badCSV, map[string][]byte{"asn-ipv4.csv": []byte("1.0.0.0,banana,1,x\n")})
	noFile := filepath.Join(dir, "empty.tgz")
	writeTGZ(t, noFile, map[string][]byte{"README.md": []byte("x")})
	notGz := filepath.Join(dir, "plain.tgz")
	os.WriteFile(notGz, []byte("plain"), 0o644)

	tests := []struct{ name, c, a string }{
		{"bad csv", good, badCSV},
		{"csv missing", good, noFile},
		{"mmdb missing", noFile, badCSV},
		{"not gzip", notGz, badCSV},
		{"no such file", filepath.Join(dir, "nope.tgz"), badCSV},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := run(filepath.Join(dir, "out"), tt.c, tt.a, true); err == nil {
				t.Error("want error")
			}
		})
	}
}

func TestVersionDate(t *testing.T) {
	tests := []struct {
		v    string
		want time.Time
		ok   bool
	}{
		{"2.3.2026061719", time.Date(2026, 6, 17, 19, 0, 0, 0, time.UTC), true},
		{"2.3.2026133119", time.Time{}, false},
		{"1.0.0", time.Time{}, false},
		{"", time.Time{}, false},
	}
	for _, tt := range tests {
		got, err := versionDate(tt.v)
		if (err == nil) != tt.ok || !got.Equal(tt.want) {
			t.Errorf("versionDate(%q) = %v, %v", tt.v, got, err)
		}
	}
}

func TestValidCC(t *testing.T) {
	for cc, want := range map[string]bool{"DE": true, "ZZ": false, "D": false, "DEU": false, "d1": false, "": false} {
		if validCC(cc) != want {
			t.Errorf("validCC(%q) != %v", cc, want)
		}
	}
}
