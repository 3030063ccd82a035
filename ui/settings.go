package ui

import (
	"encoding/json"
	"slices"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/aws"
	"github.com/reachmap/reachmap/reach"
)

// Preference keys. Nothing secret is ever stored under any of them: S3
// secret keys live in the OS keyring (see secrets.go).
const (
	prefHome         = "home"
	prefByHome       = "map.by_home"
	prefMapSaved     = "map.saved"
	prefMapLon       = "map.lon"
	prefMapLat       = "map.lat"
	prefMapZoom      = "map.zoom"
	prefLegendOpen   = "map.legend_open"
	prefWinW         = "window.width"
	prefWinH         = "window.height"
	prefSplitMain    = "window.split_main"
	prefSplitLeft    = "window.split_left"
	prefAWSExcluded  = "accounts.aws_excluded"
	prefDomains      = "accounts.domains"
	prefEndpoints    = "accounts.s3_endpoints"
	prefDNS          = "scan.dns"
	prefGeoIP        = "scan.geoip_db"
	prefPolicy       = "policy.path"
	defaultWinWidth  = 1440
	defaultWinHeight = 900
)

// settings reads and writes what the window remembers, in Fyne
// preferences. It holds no widgets; the screens call it.
type settings struct {
	p fyne.Preferences
}

// Home is the home jurisdiction, EU/EEA unless the user chose another.
func (s settings) Home() reach.Home {
	if h, err := reach.ParseHome(s.p.StringWithFallback(prefHome, "EU")); err == nil {
		return h
	}
	return reach.HomeEU
}

func (s settings) SetHome(h reach.Home) { s.p.SetString(prefHome, string(h)) }

// ByHome is the map's colour mode: relative to home (the default: it
// answers at a glance the question people come with, "can a foreign
// government reach this?"), or by jurisdiction.
func (s settings) ByHome() bool     { return s.p.BoolWithFallback(prefByHome, true) }
func (s settings) SetByHome(b bool) { s.p.SetBool(prefByHome, b) }

// LegendOpen is whether the map's legend is expanded (it is at first).
func (s settings) LegendOpen() bool     { return s.p.BoolWithFallback(prefLegendOpen, true) }
func (s settings) SetLegendOpen(b bool) { s.p.SetBool(prefLegendOpen, b) }

// WindowSize is the window's last size, or the default.
func (s settings) WindowSize() fyne.Size {
	w := s.p.FloatWithFallback(prefWinW, defaultWinWidth)
	h := s.p.FloatWithFallback(prefWinH, defaultWinHeight)
	// A size too small to use (or corrupt) falls back to the default.
	if w < 640 || h < 420 || w > 10000 || h > 10000 {
		return fyne.NewSize(defaultWinWidth, defaultWinHeight)
	}
	return fyne.NewSize(float32(w), float32(h))
}

func (s settings) SetWindowSize(sz fyne.Size) {
	if sz.Width >= 640 && sz.Height >= 420 {
		s.p.SetFloat(prefWinW, float64(sz.Width))
		s.p.SetFloat(prefWinH, float64(sz.Height))
	}
}

// Splits returns the saved split offsets (main: map column vs detail,
// left: map vs table), or the defaults.
func (s settings) Splits() (main, left float64) {
	clamp := func(v, def float64) float64 {
		if v < 0.2 || v > 0.9 {
			return def
		}
		return v
	}
	return clamp(s.p.FloatWithFallback(prefSplitMain, 0.7), 0.7), clamp(s.p.FloatWithFallback(prefSplitLeft, 0.62), 0.62)
}

func (s settings) SetSplits(main, left float64) {
	s.p.SetFloat(prefSplitMain, main)
	s.p.SetFloat(prefSplitLeft, left)
}

// MapView is the last map view, if one was saved.
func (s settings) MapView() (lon, lat, zoom float64, ok bool) {
	if !s.p.Bool(prefMapSaved) {
		return 0, 0, 1, false
	}
	return s.p.Float(prefMapLon), s.p.Float(prefMapLat), s.p.FloatWithFallback(prefMapZoom, 1), true
}

func (s settings) SetMapView(lon, lat, zoom float64) {
	s.p.SetFloat(prefMapLon, lon)
	s.p.SetFloat(prefMapLat, lat)
	s.p.SetFloat(prefMapZoom, zoom)
	s.p.SetBool(prefMapSaved, true)
}

// AWSExcluded lists the AWS profiles the user unticked. Profiles are
// included unless excluded, so a profile that appears later (a new
// client) is scanned without another visit to the accounts screen.
func (s settings) AWSExcluded() []string { return s.p.StringList(prefAWSExcluded) }

// SetAWSIncluded ticks or unticks one profile.
func (s settings) SetAWSIncluded(name string, on bool) {
	ex := slices.DeleteFunc(s.AWSExcluded(), func(n string) bool { return n == name })
	if !on {
		ex = append(ex, name)
		slices.Sort(ex)
	}
	s.p.SetStringList(prefAWSExcluded, ex)
}

// Domains are the mail domains to check.
func (s settings) Domains() []string { return s.p.StringList(prefDomains) }

// SetDomains saves the domains, normalised (lower case, no duplicates).
func (s settings) SetDomains(ds []string) {
	var out []string
	for _, d := range ds {
		d = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(d)), ".")
		if d != "" && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	s.p.SetStringList(prefDomains, out)
}

// Endpoints are the S3-compatible endpoints, without their secrets.
func (s settings) Endpoints() []s3Endpoint {
	var out []s3Endpoint
	if raw := s.p.String(prefEndpoints); raw != "" {
		if err := json.Unmarshal([]byte(raw), &out); err != nil {
			fyne.LogError("reading the saved S3-compatible endpoints", err)
			return nil
		}
	}
	return out
}

// SetEndpoints saves the endpoints. s3Endpoint has no secret field, so
// no secret can reach the preferences file this way.
func (s settings) SetEndpoints(es []s3Endpoint) {
	b, err := json.Marshal(es)
	if err != nil {
		fyne.LogError("saving the S3-compatible endpoints", err)
		return
	}
	s.p.SetString(prefEndpoints, string(b))
}

// DNS is the resolver for mail lookups (HOST:PORT), empty for the system's.
func (s settings) DNS() string     { return s.p.String(prefDNS) }
func (s settings) SetDNS(v string) { s.p.SetString(prefDNS, strings.TrimSpace(v)) }

// GeoIPDB is a MaxMind-format database to use instead of the built-in one.
func (s settings) GeoIPDB() string     { return s.p.String(prefGeoIP) }
func (s settings) SetGeoIPDB(v string) { s.p.SetString(prefGeoIP, strings.TrimSpace(v)) }

// PolicyPath is the policy file the table and detail panel check against.
func (s settings) PolicyPath() string     { return s.p.String(prefPolicy) }
func (s settings) SetPolicyPath(v string) { s.p.SetString(prefPolicy, strings.TrimSpace(v)) }

// Config is what a scan of the configured accounts asks for: every AWS
// profile found on the machine that is not excluded, the domains, and the
// S3-compatible endpoints (their secrets are read from the keyring when
// the scan starts, off the UI thread: see withSecrets).
func (s settings) Config(profiles []aws.Profile) providers.Config {
	cfg := providers.Config{Domains: s.Domains(), DNS: s.DNS(), GeoIPDB: s.GeoIPDB()}
	for _, e := range s.Endpoints() {
		cfg.S3Endpoints = append(cfg.S3Endpoints, providers.S3Endpoint{URL: e.URL, Provider: e.Provider, Region: e.Region, AccessKeyID: e.AccessKeyID})
	}
	ex := s.AWSExcluded()
	for _, p := range profiles {
		if !slices.Contains(ex, p.Name) {
			cfg.AWSProfiles = append(cfg.AWSProfiles, p.Name)
		}
	}
	return cfg
}

// hasAccounts reports whether a config names anything to scan.
func hasAccounts(cfg providers.Config) bool {
	return len(cfg.AWSProfiles)+len(cfg.Domains)+len(cfg.S3Endpoints) > 0
}
