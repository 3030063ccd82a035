package providers

import (
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"slices"
	"strings"
)

// A provider kind owns its configuration: what it needs from the user, its
// command-line flags, its saved settings and its section of the Accounts
// screen. The program lists the kinds it knows in one place (package
// providers/all); the command line and the window build their flags and
// forms from that list, so adding a kind touches neither.
//
// See docs/ARCHITECTURE.md, "How to add a provider".

// Options is what the user asked one provider kind to scan: its own type,
// made by its Factory's Flags or Saved and read back by its New. Options
// MUST NOT show a secret in their String or GoString (fmt verbs %v, %+v,
// %#v) nor in any error that quotes them.
type Options interface {
	// Empty reports whether the options ask this kind to scan nothing.
	Empty() bool
}

// SecretOptions are options some of whose secrets are kept out of the
// preferences (in the system keyring). WithSecrets returns a copy with
// them filled in from s. It may block (a keyring may ask to be unlocked)
// and is called off the UI thread, when a scan starts; a secret that
// cannot be read is left empty, and the scan reports that as a gap.
type SecretOptions interface {
	Options
	WithSecrets(s Settings) Options
}

// Shared is what several provider kinds read, set once for a scan by the
// command line's --dns and --geoip-db or by the window's settings.
type Shared struct {
	// DNS is the resolver for DNS lookups, HOST:PORT; empty means the
	// system's resolver.
	DNS string
	// GeoIPDB is a MaxMind-format database to use instead of the embedded
	// one (several may be joined with the OS's path list separator).
	GeoIPDB string
}

// Settings is where the window keeps what the user configured, as a
// provider kind sees it: plain preferences, and secrets that live
// elsewhere (the OS keyring). ui implements it over Fyne's preferences and
// go-keyring; providers never see the toolkit. The preference methods are
// called on the UI thread; the secret methods may block and are called
// off it (see SecretOptions) or right after the user asked to save one.
type Settings interface {
	String(key string) string
	SetString(key, value string)
	StringList(key string) []string
	SetStringList(key string, value []string)

	// Secret returns the secret saved under id, or an error (one that
	// names id, never the secret) when there is none or it cannot be read.
	Secret(id string) (string, error)
	SetSecret(id, secret string) error
	// DeleteSecret forgets id's secret; a missing one is no error.
	DeleteSecret(id string) error
}

// SavedRecords reads the records a kind keeps as JSON under one preference
// key (its saved endpoints, its sign-ins). A value that cannot be read
// counts as none: the form then starts afresh rather than fail.
func SavedRecords[T any](s Settings, key string) []T {
	var out []T
	if raw := s.String(key); raw != "" {
		if err := json.Unmarshal([]byte(raw), &out); err != nil {
			return nil
		}
	}
	return out
}

// SaveRecords writes records under key as SavedRecords reads them. Records
// are structs of plain fields, which always marshal; one that would not is
// not written, so a good saved value is never replaced by a broken one.
func SaveRecords[T any](s Settings, key string, records []T) {
	b, err := json.Marshal(records)
	if err != nil {
		return
	}
	s.SetString(key, string(b))
}

// ParseFunc reads a kind's options once the command line is parsed; env
// gives environment variables (os.Getenv, or a map in tests). An error is
// a usage error (exit code 2) and is printed after the command's name.
type ParseFunc func(env func(string) string) (Options, error)

// Factory describes one provider kind. Every field but Form is required.
// None of its functions has a side effect outside the arguments it is
// given; New in particular does no network I/O (a scan starts that).
type Factory struct {
	// Name is the kind's id ("aws", "s3-compatible"); unique.
	Name string
	// Flags registers the kind's command-line flags on fs (before
	// fs.Parse) and returns the function that reads them (after it). Its
	// flag names MUST NOT clash with another kind's or the scan command's
	// own (--dns, --geoip-db, --home, --format, --out, --policy, --db,
	// --no-save): the flag package panics on a duplicate.
	Flags func(fs *flag.FlagSet) ParseFunc
	// Saved reads the kind's options from the window's settings. It reads
	// preferences only, never a secret (see SecretOptions). UI thread.
	Saved func(s Settings) Options
	// Form describes the kind's section of the Accounts screen; nil for a
	// kind with none (the demo). It is called once, when the screen is
	// built.
	Form func() *Form
	// New builds the providers the options ask for (none when they are
	// Empty). opts is what this factory's Flags or Saved returned. It may
	// read local files (a profile list, a database) and is called off the
	// UI thread.
	New func(opts Options, shared Shared) ([]Provider, error)
}

// Selection is what one scan asks of each kind, by factory name. A kind
// missing from it scans nothing.
type Selection map[string]Options

// Registry is the explicit list of provider kinds the program knows.
type Registry struct {
	factories []Factory // in registration order
}

// NewRegistry returns a registry holding the given factories. A factory
// without a name or one of its functions, or a name given twice, is a
// programming error and panics.
func NewRegistry(fs ...Factory) *Registry {
	r := &Registry{}
	for _, f := range fs {
		if f.Name == "" || f.New == nil || f.Flags == nil || f.Saved == nil {
			panic(fmt.Sprintf("providers: factory %q needs a name, Flags, Saved and New", f.Name))
		}
		if _, dup := r.Lookup(f.Name); dup {
			panic(fmt.Sprintf("providers: %q registered twice", f.Name))
		}
		r.factories = append(r.factories, f)
	}
	return r
}

// Factories lists the registered kinds in the order they were given (the
// Accounts screen shows their sections in that order).
func (r *Registry) Factories() []Factory { return slices.Clone(r.factories) }

// Names lists the registered kinds' names, in registration order.
func (r *Registry) Names() []string {
	names := make([]string, len(r.factories))
	for i, f := range r.factories {
		names[i] = f.Name
	}
	return names
}

// Lookup returns the factory named name.
func (r *Registry) Lookup(name string) (Factory, bool) {
	for _, f := range r.factories {
		if f.Name == name {
			return f, true
		}
	}
	return Factory{}, false
}

// Saved reads every kind's options from the settings. UI thread.
func (r *Registry) Saved(s Settings) Selection {
	sel := Selection{}
	for _, f := range r.factories {
		sel[f.Name] = f.Saved(s)
	}
	return sel
}

// Empty reports whether a selection asks for nothing to scan.
func (sel Selection) Empty() bool {
	for _, o := range sel {
		if o != nil && !o.Empty() {
			return false
		}
	}
	return true
}

// WithSecrets returns a copy of the selection whose SecretOptions have
// their secrets filled in from s. It may block: call it off the UI thread.
func (sel Selection) WithSecrets(s Settings) Selection {
	out := make(Selection, len(sel))
	for n, o := range sel {
		if so, ok := o.(SecretOptions); ok && s != nil {
			o = so.WithSecrets(s)
		}
		out[n] = o
	}
	return out
}

// Build returns every provider the selection asks for, in registry order.
// A name in the selection that no factory has is a programming error.
func (r *Registry) Build(sel Selection, shared Shared) ([]Provider, error) {
	for n := range sel {
		if _, ok := r.Lookup(n); !ok {
			return nil, fmt.Errorf("no provider kind %q", n)
		}
	}
	var out []Provider
	for _, f := range r.factories {
		o, ok := sel[f.Name]
		if !ok || o == nil || o.Empty() {
			continue
		}
		ps, err := f.New(o, shared)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		out = append(out, ps...)
	}
	return out, nil
}

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
