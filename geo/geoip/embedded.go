package geoip

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/oschwald/geoip2-golang/v2"

	"github.com/reachmap/reachmap/geo/geoip/internal/manifest"
)

// The built-in databases, written by internal/gen (go generate). They are
// stored gzipped, which halves the binary, and inflated on first use.
//
//go:embed data/country.mmdb.gz data/asn.mmdb.gz data/sources.json
var dataFS embed.FS

// Info describes the built-in databases for the About screen and NOTICE.
type Info struct {
	// Built is the date of the data (taken from the source packages'
	// version), not the time the program was compiled.
	Built time.Time
	// Generator is the package path of the program that built the files.
	Generator string
	Databases []DatabaseInfo
}

// DatabaseInfo describes one built-in database and where its data is
// from: an entry of sources.json, whose shape the generator shares.
type DatabaseInfo = manifest.Database

var loadManifest = sync.OnceValues(func() (manifest.Manifest, error) {
	var m manifest.Manifest
	b, err := dataFS.ReadFile("data/sources.json")
	if err != nil {
		return m, fmt.Errorf("built-in geoip manifest: %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("built-in geoip manifest: %w", err)
	}
	return m, nil
})

// Embedded describes the built-in databases. It reads only the small
// manifest, never inflates the databases, so the About screen can call it
// on the UI goroutine.
func Embedded() Info {
	m, err := loadManifest()
	if err != nil {
		// Only a broken build gets here; an empty Info says "none".
		return Info{}
	}
	return Info{Built: m.Built, Generator: m.Generator, Databases: append([]DatabaseInfo(nil), m.Databases...)}
}

// embedded holds the inflated built-in readers, shared by every DB that
// Open("") returns; geoip2 readers are safe for concurrent use.
type embedded struct {
	country, asn *geoip2.Reader
}

var embeddedReaders = sync.OnceValues(func() (embedded, error) {
	m, err := loadManifest()
	if err != nil {
		return embedded{}, err
	}
	var e embedded
	for _, d := range m.Databases {
		r, err := openEmbedded(d)
		if err != nil {
			return embedded{}, err
		}
		switch d.Kind {
		case "country":
			e.country = r
		case "asn":
			e.asn = r
		}
	}
	if e.country == nil || e.asn == nil {
		return embedded{}, fmt.Errorf("built-in geoip data: manifest lists %d databases, need country and asn", len(m.Databases))
	}
	return e, nil
})

func openEmbedded(d DatabaseInfo) (*geoip2.Reader, error) {
	f, err := dataFS.Open("data/" + d.File)
	if err != nil {
		return nil, fmt.Errorf("built-in geoip %s: %w", d.File, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("built-in geoip %s: %w", d.File, err)
	}
	var buf bytes.Buffer
	buf.Grow(int(d.Size))
	if _, err := io.Copy(&buf, zr); err != nil {
		return nil, fmt.Errorf("built-in geoip %s: %w", d.File, err)
	}
	// The manifest's hash catches a data file regenerated without its
	// manifest (or the other way round).
	sum := sha256.Sum256(buf.Bytes())
	if got := hex.EncodeToString(sum[:]); got != d.SHA256 {
		return nil, fmt.Errorf("built-in geoip %s: sha256 %s, manifest says %s", d.File, got, d.SHA256)
	}
	r, err := geoip2.OpenBytes(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("built-in geoip %s: %w", d.File, err)
	}
	return r, nil
}
