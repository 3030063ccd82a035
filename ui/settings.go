package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

// Preference keys of the window. Each provider kind names its own (see
// providers.Settings); nothing secret is ever stored under any of them:
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
	// region is the system locale's region ("CH"), from which the home
	// is proposed until the person chooses one; "" proposes the EU/EEA.
	region string
}

// Home is the home jurisdiction the person chose, or until they do, the
// one proposed from the system's region (homeForRegion).
func (s settings) Home() reach.Home {
	if !s.HomeChosen() {
		return homeForRegion(s.region)
	}
	if h, err := reach.ParseHome(s.p.String(prefHome)); err == nil {
		return h
	}
	return reach.HomeEU
}

// HomeChosen reports whether the person has chosen (or confirmed) a home.
func (s settings) HomeChosen() bool { return s.p.String(prefHome) != "" }

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

// DNS is the resolver for mail lookups (HOST:PORT), empty for the system's.
func (s settings) DNS() string     { return s.p.String(prefDNS) }
func (s settings) SetDNS(v string) { s.p.SetString(prefDNS, strings.TrimSpace(v)) }

// GeoIPDB is a MaxMind-format database to use instead of the built-in one.
func (s settings) GeoIPDB() string     { return s.p.String(prefGeoIP) }
func (s settings) SetGeoIPDB(v string) { s.p.SetString(prefGeoIP, strings.TrimSpace(v)) }

// PolicyPath is the policy file the table and detail panel check against.
func (s settings) PolicyPath() string     { return s.p.String(prefPolicy) }
func (s settings) SetPolicyPath(v string) { s.p.SetString(prefPolicy, strings.TrimSpace(v)) }

// Shared is what the scan's providers share: the resolver and the GeoIP
// database.
func (s settings) Shared() providers.Shared {
	return providers.Shared{DNS: s.DNS(), GeoIPDB: s.GeoIPDB()}
}

// providerSettings is providers.Settings over the window's preferences
// and the system keyring: what each provider kind reads and saves of its
// own configuration. Secrets go to the keyring only.
type providerSettings struct {
	p       fyne.Preferences
	secrets secretStore // nil: no keyring (secrets are neither kept nor read)
}

func (s providerSettings) String(key string) string             { return s.p.String(key) }
func (s providerSettings) SetString(key, v string)              { s.p.SetString(key, v) }
func (s providerSettings) StringList(key string) []string       { return s.p.StringList(key) }
func (s providerSettings) SetStringList(key string, v []string) { s.p.SetStringList(key, v) }

// Secret reads a secret; a failure is logged (with the secret's id, never
// the secret) and the scan reports the missing key as a gap.
func (s providerSettings) Secret(id string) (string, error) {
	if s.secrets == nil {
		return "", errors.New("no system keyring")
	}
	v, err := s.secrets.Get(id)
	if err != nil {
		fyne.LogError("reading the secret key of "+id+" from the system keyring", err)
	}
	return v, err
}

func (s providerSettings) SetSecret(id, secret string) error {
	if s.secrets == nil {
		return nil
	}
	return s.secrets.Set(id, secret)
}

func (s providerSettings) DeleteSecret(id string) error {
	if s.secrets == nil {
		return nil
	}
	return s.secrets.Delete(id)
}
