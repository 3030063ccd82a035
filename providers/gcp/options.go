package gcp

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/reachmap/reachmap/providers"
)

// Preference keys (string lists) and the keyring id of a key.
const (
	prefExcluded = "accounts.gcp_excluded"
	prefKeys     = "accounts.gcp_keys" // "client_email|project_id"
	secretPrefix = "gcp-key:"
)

// Options name what to scan: projects with Application Default
// Credentials, every project they can see, and service-account keys saved
// in the window (their content only in the keyring).
type Options struct {
	Projects []string
	// All asks for every project the identity can see.
	All bool
	// Excluded are the projects the user unticked in the window.
	Excluded []string
	// Keys are the saved keys, "client_email|project_id".
	Keys []string
	// keys are the keys' JSON, filled by WithSecrets; keyErrs say why one
	// could not be read. Neither is ever printed.
	keys    map[string][]byte
	keyErrs map[string]string
	// env reads the environment (tests pass a map); nil is os.Getenv.
	env func(string) string
}

// Empty implements providers.Options.
func (o Options) Empty() bool { return len(o.Projects) == 0 && !o.All && len(o.Keys) == 0 }

// String never shows a key: only the projects and the keys' e-mails.
func (o Options) String() string {
	return fmt.Sprintf("gcp{projects=%v all=%v keys=%v}", o.Projects, o.All, keyEmails(o.Keys))
}

// GoString is String, for %#v.
func (o Options) GoString() string { return o.String() }

// WithSecrets implements providers.SecretOptions: it reads each saved
// key from the keyring.
func (o Options) WithSecrets(s providers.Settings) providers.Options {
	o.keys, o.keyErrs = map[string][]byte{}, map[string]string{}
	for _, k := range o.Keys {
		email, _, _ := strings.Cut(k, "|")
		v, err := s.Secret(secretPrefix + email)
		if err != nil {
			o.keyErrs[email] = err.Error()
			continue
		}
		o.keys[email] = []byte(v)
	}
	return o
}

func keyEmails(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i], _, _ = strings.Cut(k, "|")
	}
	return out
}

// Factory builds one provider for Application Default Credentials and one
// per saved key. Building does no I/O.
var Factory = providers.Factory{
	Name: "gcp",
	Flags: func(fs *flag.FlagSet) providers.ParseFunc {
		var projects providers.ListFlag
		fs.Var(&projects, "gcp-project", "Google Cloud project id to scan (repeatable); credentials: gcloud auth application-default login or GOOGLE_APPLICATION_CREDENTIALS")
		all := fs.Bool("gcp", false, "scan every Google Cloud project the credentials can see")
		return func(env func(string) string) (providers.Options, error) {
			for _, p := range projects {
				if !validProject(p) {
					return nil, &providers.Problem{Field: "gcp-project", Text: providers.T("“{{.ID}}” is not a Google Cloud project id (6 to 30 lower-case letters, digits and hyphens)", "ID", p)}
				}
			}
			return Options{Projects: projects, All: *all, env: env}, nil
		}
	},
	Saved: func(s providers.Settings) providers.Options {
		return Options{Excluded: s.StringList(prefExcluded), Keys: s.StringList(prefKeys)}
	},
	Form: form,
	New:  newProviders,
}

// validProject is Google's rule for a project id, loosely: 6–30 lower-case
// letters, digits and hyphens, starting with a letter (a domain-scoped
// "example.com:proj" is accepted too).
func validProject(id string) bool {
	if _, after, ok := strings.Cut(id, ":"); ok {
		id = after
	}
	if len(id) < 6 || len(id) > 30 || id[0] < 'a' || id[0] > 'z' {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

func newProviders(o providers.Options, _ providers.Shared) ([]providers.Provider, error) {
	opts, _ := o.(Options)
	env := opts.env
	if env == nil {
		env = os.Getenv
	}
	cfg := defaultConfig(env)
	var out []providers.Provider
	var scanners []*Provider // keys first, then the sign-in: see group
	for _, k := range opts.Keys {
		email, proj, _ := strings.Cut(k, "|")
		p := &Provider{name: "gcp:" + email, label: email, all: true, cfg: cfg, keyJSON: opts.keys[email]}
		if proj != "" {
			p.projects = []string{proj}
		}
		if msg, bad := opts.keyErrs[email]; bad || p.keyJSON == nil {
			if msg == "" {
				msg = "the key was not read from the keyring"
			}
			out = append(out, keyringGap{email: email, msg: msg})
			continue
		}
		scanners = append(scanners, p)
	}
	if len(opts.Projects) > 0 || opts.All {
		var projects []string
		for _, pr := range opts.Projects {
			projects = appendNew(projects, pr)
		}
		scanners = append(scanners, &Provider{name: "gcp", label: "application default credentials",
			projects: projects, all: opts.All, cfg: cfg})
	}
	switch len(scanners) {
	case 0:
	case 1:
		out = append(out, scanners[0])
	default:
		out = append(out, group{members: scanners})
	}
	return out, nil
}

// keyringGap is a saved key whose secret could not be read: its scan is
// one gap that says so.
type keyringGap struct{ email, msg string }

func (k keyringGap) Name() string { return "gcp:" + k.email }

func (k keyringGap) Scan(ctx context.Context, sink providers.Sink) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	sink.Gap(providers.Gap{Provider: "gcp", Account: k.email, Error: "the service-account key could not be read from the system keyring: " + k.msg,
		Hint: "Unlock the keyring, or remove the key in Accounts and choose its file again."})
	return nil
}

// serviceAccountKey is the part of a key file Reachmap reads to check and
// name it; private_key is only checked for presence.
type serviceAccountKey struct {
	Type        string `json:"type"`
	ClientEmail string `json:"client_email"`
	ProjectID   string `json:"project_id"`
	PrivateKey  string `json:"private_key"`
}

// readKey checks a key file's content.
func readKey(data []byte) (serviceAccountKey, error) {
	var k serviceAccountKey
	if err := json.Unmarshal(data, &k); err != nil {
		return k, errors.New("not a JSON key file")
	}
	if k.Type != "service_account" || k.ClientEmail == "" || k.PrivateKey == "" {
		return k, errors.New("not a service-account key (type service_account, client_email and private_key are needed)")
	}
	return k, nil
}

// loadTimeout bounds the window's project search.
const loadTimeout = 30 * time.Second
