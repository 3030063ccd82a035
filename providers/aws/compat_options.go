package aws

import (
	"errors"
	"flag"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
)

// The S3-compatible kind's configuration: its flags, its saved endpoints
// (the secret keys in the keyring, never in the preferences), its section
// of Accounts, and the one check of an endpoint that the command line and
// the form share.

// The keys of the --s3-endpoint servers come from the environment, never
// from arguments, which other users of the machine can read in the
// process list.
const (
	EnvS3Key    = "REACHMAP_S3_ACCESS_KEY_ID"
	EnvS3Secret = "REACHMAP_S3_SECRET_ACCESS_KEY"
)

// prefEndpoints is the preference holding the endpoints, as JSON, without
// their secrets.
const prefEndpoints = "accounts.s3_endpoints"

// SelfHosted is the provider id of one's own server.
const SelfHosted = "self-hosted"

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

// String names the endpoint without its secret, so that printing options
// or an error that quotes one never shows the key.
func (e S3Endpoint) String() string {
	return e.AccessKeyID + "@" + e.URL
}

// GoString is String for %#v.
func (e S3Endpoint) GoString() string { return "aws.S3Endpoint{" + e.String() + "}" }

// ID is the name the endpoint's secret is kept under in the keyring:
// "s3:KEY@host[:port]".
func (e S3Endpoint) ID() string {
	host := e.URL
	if u, err := url.Parse(strings.TrimSpace(e.URL)); err == nil && u.Host != "" {
		host = u.Host
	}
	return fmt.Sprintf("s3:%s@%s", strings.TrimSpace(e.AccessKeyID), strings.ToLower(host))
}

// S3Providers are the providers an S3-compatible endpoint can belong to:
// every company whose endpoints geo's catalog recognises, besides AWS
// (whose accounts are profiles), then one's own server.
func S3Providers() []string {
	ids := slices.DeleteFunc(geo.S3Providers(), func(id string) bool { return id == providerID })
	return append(ids, SelfHosted)
}

// What the check and the form may refuse, as message keys.
const (
	msgNotURL      = "The endpoint must be a URL such as https://fsn1.your-objectstorage.com"
	msgPlainHTTP   = "Use https: over plain http the keys would cross the network in clear"
	msgRegionNear  = "unknown region \"{{.Region}}\" for {{.Provider}}; did you mean {{.Near}}?"
	msgRegionList  = "unknown region \"{{.Region}}\" for {{.Provider}}; regions include {{.Known}}"
	msgNoKeyID     = "The access key id is missing"
	msgNoSecret    = "The secret key is missing"
	msgDuplicate   = "This access key is already saved for this endpoint."
	msgKeyringSet  = "The system keyring refused the secret key, so nothing was saved: {{.Error}}"
	msgKeyringDel  = "The secret key could not be removed from the system keyring: {{.Error}}"
	msgRecordKeyID = "key {{.Key}}"
)

// Check says whether the endpoint can be listed: its URL is one
// (https://host[:port], or http to this computer only, since over plain
// http the keys would cross the network in clear), its provider is one
// Reachmap knows or none, and its region one of that provider's when
// Reachmap knows its regions. The keys are not checked here: the form
// requires them, and a scan without them reports a gap. The error is a
// *providers.Problem whose Field is "url", "provider" or "region".
func (e S3Endpoint) Check() error {
	u, ok := e.parsedURL()
	if !ok {
		return &providers.Problem{Field: "url", Text: providers.T(msgNotURL)}
	}
	if u.Scheme == "http" && !providers.IsLocalHost(u.Hostname()) {
		return &providers.Problem{Field: "url", Text: providers.T(msgPlainHTTP)}
	}
	p, region := strings.ToLower(strings.TrimSpace(e.Provider)), strings.TrimSpace(e.Region)
	if p == "" || p == SelfHosted {
		return nil
	}
	if !slices.Contains(S3Providers(), p) && !slices.Contains(geo.CatalogProviders(), p) {
		known := strings.Join(S3Providers(), ", ")
		if near := geo.Closest(p, "", 5); len(near) > 0 {
			return &providers.Problem{Field: "provider", Text: providers.T("unknown provider \"{{.Provider}}\"; did you mean {{.Near}}?\nKnown providers: {{.Known}}",
				"Provider", p, "Near", strings.Join(near, ", "), "Known", known)}
		}
		return &providers.Problem{Field: "provider", Text: providers.T("unknown provider \"{{.Provider}}\"\nKnown providers: {{.Known}}", "Provider", p, "Known", known)}
	}
	if _, ok := geo.Lookup(p, region); region != "" && !ok && len(geo.Regions(p)) > 0 {
		if near := geo.Closest(p, region, 5); len(near) > 0 {
			return &providers.Problem{Field: "region", Text: providers.T(msgRegionNear,
				"Region", region, "Provider", p, "Near", strings.Join(near, ", "))}
		}
		return &providers.Problem{Field: "region", Text: providers.T(msgRegionList,
			"Region", region, "Provider", p, "Known", strings.Join(geo.RegionSample(p, 8), ", "))}
	}
	return nil
}

// parsedURL is the endpoint's URL, if it is one a scan can use: http or
// https, with a host. Check and the scan both read it here.
func (e S3Endpoint) parsedURL() (*url.URL, bool) {
	u, err := url.Parse(strings.TrimSpace(e.URL))
	if err != nil || u.Hostname() == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, false
	}
	return u, true
}

// CompatOptions are the S3-compatible endpoints to list.
type CompatOptions struct {
	Endpoints []S3Endpoint
}

// Empty implements providers.Options.
func (o CompatOptions) Empty() bool { return len(o.Endpoints) == 0 }

// String lists the endpoints without their secrets.
func (o CompatOptions) String() string {
	names := make([]string, len(o.Endpoints))
	for i, e := range o.Endpoints {
		names[i] = e.String()
	}
	return "s3-compatible[" + strings.Join(names, " ") + "]"
}

// GoString is String for %#v.
func (o CompatOptions) GoString() string { return o.String() }

// WithSecrets reads each endpoint's secret from the keyring. An endpoint
// whose secret cannot be read is scanned without it, and the scan reports
// that as a gap.
func (o CompatOptions) WithSecrets(s providers.Settings) providers.Options {
	out := CompatOptions{Endpoints: slices.Clone(o.Endpoints)}
	for i, ep := range out.Endpoints {
		if ep.SecretAccessKey != "" {
			continue
		}
		if secret, err := s.Secret(ep.ID()); err == nil {
			out.Endpoints[i].SecretAccessKey = secret
		}
	}
	return out
}

// CompatFactory builds one provider per S3-compatible endpoint.
var CompatFactory = providers.Factory{
	Name:  "s3-compatible",
	Flags: compatFlags,
	Saved: func(s providers.Settings) providers.Options {
		var o CompatOptions
		for _, e := range savedEndpoints(s) {
			o.Endpoints = append(o.Endpoints, S3Endpoint{URL: e.URL, Provider: e.Provider, Region: e.Region, AccessKeyID: e.AccessKeyID})
		}
		return o
	},
	Form: compatForm,
	New: func(o providers.Options, _ providers.Shared) ([]providers.Provider, error) {
		opts, _ := o.(CompatOptions)
		var out []providers.Provider
		for _, ep := range opts.Endpoints {
			out = append(out, &CompatProvider{ep: ep, opts: defaultOptions()})
		}
		return out, nil
	},
}

func compatFlags(fs *flag.FlagSet) providers.ParseFunc {
	var urls providers.ListFlag
	fs.Var(&urls, "s3-endpoint", "S3-compatible endpoint URL to list (repeatable); keys from $"+EnvS3Key+" and $"+EnvS3Secret)
	provider := fs.String("s3-provider", "", "company running the --s3-endpoint servers (hetzner, ovh, scaleway…; default: known from the host name)")
	region := fs.String("s3-region", "", "their region code (fsn1, gra, fr-par…; default: known from the host name)")
	return func(env func(string) string) (providers.Options, error) {
		if len(urls) == 0 && (*provider != "" || *region != "") {
			return nil, errors.New("--s3-provider and --s3-region describe --s3-endpoint, which is missing")
		}
		var o CompatOptions
		for _, u := range urls {
			ep := S3Endpoint{URL: u, Provider: *provider, Region: *region, AccessKeyID: env(EnvS3Key), SecretAccessKey: env(EnvS3Secret)}
			if err := ep.Check(); err != nil {
				flag := map[string]string{"url": "--s3-endpoint", "provider": "--s3-provider", "region": "--s3-region"}
				var p *providers.Problem
				if errors.As(err, &p) && flag[p.Field] != "" {
					return nil, fmt.Errorf("%s: %w", flag[p.Field], err)
				}
				return nil, err
			}
			o.Endpoints = append(o.Endpoints, ep)
		}
		return o, nil
	}
}

// savedEndpoint is an endpoint as the preferences keep it. It has no
// secret field, on purpose: no secret can reach the preferences file.
type savedEndpoint struct {
	ID          string `json:"id"` // keyring name: access key id @ host
	URL         string `json:"url"`
	Provider    string `json:"provider"` // knowledge-base id ("hetzner"), or ""
	Region      string `json:"region"`
	AccessKeyID string `json:"access_key_id"`
}

// savedEndpoints reads the endpoints; a value that cannot be read counts
// as none (the form then starts afresh).
func savedEndpoints(s providers.Settings) []savedEndpoint {
	return providers.SavedRecords[savedEndpoint](s, prefEndpoints)
}

func setSavedEndpoints(s providers.Settings, es []savedEndpoint) {
	providers.SaveRecords(s, prefEndpoints, es)
}

// The add form's fields.
const (
	fieldURL      = "url"
	fieldProvider = "provider"
	fieldRegion   = "region"
	fieldKeyID    = "key_id"
	fieldSecret   = "secret"
)

func compatForm() *providers.Form {
	ids := S3Providers()
	names := make([]providers.Text, len(ids))
	for i, id := range ids {
		names[i] = providers.Text{Provider: id}
	}
	return &providers.Form{
		Title:    providers.T("S3-compatible storage"),
		Subtitle: providers.T("Hetzner, OVHcloud, Scaleway, Backblaze B2, Wasabi, MinIO…"),
		Messages: []providers.Text{providers.T(msgNotURL), providers.T(msgPlainHTTP), providers.T(msgRegionNear), providers.T(msgRegionList),
			providers.T(msgNoKeyID), providers.T(msgNoSecret), providers.T(msgDuplicate), providers.T(msgKeyringSet), providers.T(msgKeyringDel), providers.T(msgRecordKeyID)},
		Records: &providers.Records{
			Fields: []providers.Field{
				{Key: fieldURL, Label: providers.T("Endpoint URL"), Kind: providers.FieldText, Placeholder: providers.Plain("https://fsn1.your-objectstorage.com"), Suggest: suggestFromURL},
				{Key: fieldProvider, Label: providers.T("Provider"), Kind: providers.FieldChoice, Placeholder: providers.T("Provider"), Choices: ids, ChoiceNames: names},
				{Key: fieldRegion, Kind: providers.FieldText, Placeholder: providers.T("Region, e.g. fsn1"), SameRow: true},
				{Key: fieldKeyID, Label: providers.T("Access key id"), Kind: providers.FieldText, Placeholder: providers.T("Access key id")},
				{Key: fieldSecret, Label: providers.T("Secret key"), Kind: providers.FieldSecret, Placeholder: providers.T("Secret key (kept in the system keyring)")},
			},
			AddLabel: providers.T("Add endpoint"),
			List:     listEndpoints,
			Add:      addEndpoint,
			Remove:   removeEndpoint,
		},
	}
}

// suggestFromURL selects the provider of a known endpoint host, and the
// region when the host names one (s3.eu-central-003.backblazeb2.com,
// fsn1.your-objectstorage.com).
func suggestFromURL(raw string) []providers.Suggestion {
	p, r := GuessS3Provider(raw)
	var out []providers.Suggestion
	if p != "" {
		out = append(out, providers.Suggestion{Key: fieldProvider, Value: p})
	}
	if r != "" {
		out = append(out, providers.Suggestion{Key: fieldRegion, Value: r, IfEmpty: true})
	}
	return out
}

// GuessS3Provider returns the provider id of a known endpoint host, and
// the region when the host names one.
func GuessS3Provider(rawURL string) (provider, region string) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Host == "" {
		return "", ""
	}
	provider, region, _ = geo.S3Endpoint(u.Hostname())
	return provider, region
}

func listEndpoints(s providers.Settings) []providers.Record {
	var out []providers.Record
	for _, e := range savedEndpoints(s) {
		r := providers.Record{ID: e.ID, Parts: []providers.Text{providers.Plain(e.URL)}}
		if e.Provider != "" {
			r.Parts = append(r.Parts, providers.Text{Provider: e.Provider})
		}
		if e.Region != "" {
			r.Parts = append(r.Parts, providers.Plain(e.Region))
		}
		r.Parts = append(r.Parts, providers.T(msgRecordKeyID, "Key", e.AccessKeyID))
		out = append(out, r)
	}
	return out
}

// NewS3Endpoint checks what the user typed in the form and returns the
// endpoint, normalised. The secret is checked for presence only.
func NewS3Endpoint(rawURL, provider, region, keyID, secret string) (S3Endpoint, error) {
	ep := S3Endpoint{URL: strings.TrimSpace(rawURL), Region: strings.TrimSpace(region), AccessKeyID: strings.TrimSpace(keyID), SecretAccessKey: secret}
	if provider != "" && slices.Contains(S3Providers(), provider) {
		ep.Provider = provider
	}
	if err := (S3Endpoint{URL: ep.URL}).Check(); err != nil {
		return S3Endpoint{}, err
	}
	switch {
	case ep.AccessKeyID == "":
		return S3Endpoint{}, &providers.Problem{Field: fieldKeyID, Text: providers.T(msgNoKeyID)}
	case secret == "":
		return S3Endpoint{}, &providers.Problem{Field: fieldSecret, Text: providers.T(msgNoSecret)}
	}
	if err := ep.Check(); err != nil {
		return S3Endpoint{}, err
	}
	u, _ := url.Parse(ep.URL) // Check parsed it
	ep.URL = strings.TrimRight(u.String(), "/")
	return ep, nil
}

// addEndpoint checks the form, puts the secret in the keyring, and saves
// the rest in preferences.
func addEndpoint(s providers.Settings, v map[string]string) error {
	ep, err := NewS3Endpoint(v[fieldURL], v[fieldProvider], v[fieldRegion], v[fieldKeyID], v[fieldSecret])
	if err != nil {
		return err
	}
	saved := savedEndpoints(s)
	id := ep.ID()
	for _, e := range saved {
		if e.ID == id {
			return &providers.Problem{Text: providers.T(msgDuplicate)}
		}
	}
	if err := s.SetSecret(id, ep.SecretAccessKey); err != nil {
		// Keep nothing: without the keyring there is no safe place for
		// the secret.
		return &providers.Problem{Field: fieldSecret, Text: providers.T(msgKeyringSet, "Error", err.Error())}
	}
	setSavedEndpoints(s, append(saved, savedEndpoint{ID: id, URL: ep.URL, Provider: ep.Provider, Region: ep.Region, AccessKeyID: ep.AccessKeyID}))
	return nil
}

// removeEndpoint forgets an endpoint and deletes its secret.
func removeEndpoint(s providers.Settings, id string) error {
	saved := slices.DeleteFunc(savedEndpoints(s), func(e savedEndpoint) bool { return e.ID == id })
	setSavedEndpoints(s, saved)
	if err := s.DeleteSecret(id); err != nil {
		return &providers.Problem{Text: providers.T(msgKeyringDel, "Error", err.Error())}
	}
	return nil
}
