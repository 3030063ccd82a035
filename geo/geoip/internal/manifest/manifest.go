// Package manifest is the shape of sources.json, the record of where the
// built-in GeoIP databases come from. The generator (internal/gen) writes
// it and package geoip embeds and reads it, so both use this one
// definition. It lives apart from geoip because geoip embeds the generated
// files and cannot be compiled before they exist, while the generator must
// build first.
package manifest

import "time"

// Manifest is sources.json.
type Manifest struct {
	// Built is the date of the data (taken from the source packages'
	// version), not the time the program was compiled.
	Built time.Time `json:"built"`
	// Generator is the package path of the program that built the files.
	Generator string     `json:"generator"`
	Databases []Database `json:"databases"`
}

// Database describes one built-in database and where its data is from.
type Database struct {
	// Kind is "country" or "asn".
	Kind string `json:"kind"`
	// File is the embedded file name.
	File string `json:"file"`
	// DatabaseType is the MaxMind database_type the file declares.
	DatabaseType string `json:"database_type"`
	// Package and Version name the npm package the data came from.
	Package       string `json:"package"`
	Version       string `json:"version"`
	TarballSHA256 string `json:"tarball_sha256"`
	// Origin names who made the data.
	Origin string `json:"origin"`
	// Licence is an SPDX identifier; LicenceURL its text.
	Licence     string `json:"licence"`
	LicenceURL  string `json:"licence_url"`
	Attribution string `json:"attribution,omitempty"`
	IPv4        bool   `json:"ipv4"`
	IPv6        bool   `json:"ipv6"`
	// Ranges is the number of address ranges read from the source.
	Ranges int `json:"ranges"`
	// Size is the database's size in memory; CompressedSize in the binary.
	Size           int64  `json:"size"`
	CompressedSize int64  `json:"compressed_size"`
	SHA256         string `json:"sha256"`
}
