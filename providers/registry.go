package providers

import (
	"fmt"
	"net"
	"sort"
	"strings"
)

// Config is what the user asked to scan, from the command line or the GUI's
// accounts screen. Each factory picks out the part it serves.
type Config struct {
	Demo        bool
	AWSProfiles []string
	Domains     []string
	// DNS is the resolver for mail lookups, HOST:PORT; empty means the
	// system's resolver.
	DNS string
	// GeoIPDB is a MaxMind-format database to use instead of the embedded one.
	GeoIPDB string
	// S3Endpoints are S3-compatible object stores (Hetzner, OVHcloud,
	// Scaleway, a self-hosted MinIO…), each with its own keys.
	S3Endpoints []S3Endpoint
}

// S3Endpoint is one S3-compatible object store and the keys to list it.
// Provider and Region, when the user gives them, say whose it is and
// where; otherwise the endpoint's host name decides.
type S3Endpoint struct {
	URL             string
	Provider        string // legal-model id ("hetzner"), or ""
	Region          string // the provider's region code ("fsn1"), or ""
	AccessKeyID     string
	SecretAccessKey string
}

// String names the endpoint without its secret, so that printing a Config
// or an error that quotes one never shows the key.
func (e S3Endpoint) String() string {
	return e.AccessKeyID + "@" + e.URL
}

// GoString is String for %#v.
func (e S3Endpoint) GoString() string { return "providers.S3Endpoint{" + e.String() + "}" }

// IsLocalHost reports whether host (a name or an address, without port)
// is this computer: a server there is a test, an emulator or one's own,
// and plain http to it never crosses a network.
func IsLocalHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Factory builds the providers of one kind for a Config. New returns no
// providers when the Config asks nothing of this kind.
type Factory struct {
	Name string
	New  func(Config) ([]Provider, error)
}

// Registry is the explicit list of provider kinds the program knows.
type Registry struct {
	factories map[string]Factory
}

// NewRegistry returns a registry holding the given factories. A duplicate
// name is a programming error and panics.
func NewRegistry(fs ...Factory) *Registry {
	r := &Registry{factories: map[string]Factory{}}
	for _, f := range fs {
		r.Register(f)
	}
	return r
}

// Register adds a factory; registering a name twice panics.
func (r *Registry) Register(f Factory) {
	if f.Name == "" || f.New == nil {
		panic("providers: factory needs a name and a constructor")
	}
	if _, dup := r.factories[f.Name]; dup {
		panic(fmt.Sprintf("providers: %q registered twice", f.Name))
	}
	r.factories[f.Name] = f
}

// Names lists the registered kinds in order.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.factories))
	for n := range r.factories {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Build returns every provider the config asks for, in registry order.
func (r *Registry) Build(cfg Config) ([]Provider, error) {
	var out []Provider
	for _, n := range r.Names() {
		ps, err := r.factories[n].New(cfg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		out = append(out, ps...)
	}
	return out, nil
}
