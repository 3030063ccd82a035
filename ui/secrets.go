package ui

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"github.com/zalando/go-keyring"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/internal/about"
	"github.com/reachmap/reachmap/providers"
)

// s3Endpoint is an S3-compatible storage account (Hetzner, OVHcloud,
// Scaleway, Backblaze B2, MinIO, …). It is saved in preferences; its
// secret key is not a field, on purpose: it lives in the OS keyring under
// the endpoint's ID and is never written anywhere else.
type s3Endpoint struct {
	ID          string `json:"id"` // keyring user name: access key id @ host
	URL         string `json:"url"`
	Provider    string `json:"provider"` // knowledge-base id ("hetzner"), or ""
	Region      string `json:"region"`
	AccessKeyID string `json:"access_key_id"`
}

// secretStore keeps secrets out of preferences and logs.
type secretStore interface {
	Set(id, secret string) error
	Get(id string) (string, error)
	Delete(id string) error
}

// keyringSecrets is the OS keyring (Secret Service, macOS Keychain,
// Windows Credential Manager) under Reachmap's app id.
type keyringSecrets struct{}

func (keyringSecrets) Set(id, secret string) error {
	return keyring.Set(about.AppID, id, secret)
}

func (keyringSecrets) Get(id string) (string, error) {
	return keyring.Get(about.AppID, id)
}

func (keyringSecrets) Delete(id string) error {
	err := keyring.Delete(about.AppID, id)
	if errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return err
}

// s3Providers are the providers offered for an S3-compatible endpoint:
// every company geo.S3Endpoint knows besides AWS (whose accounts are
// profiles), and one's own server.
var s3Providers = []string{"alibaba", "backblaze", "cloudflare", "digitalocean", "exoscale", "gcp", "hetzner", "huawei", "ibm",
	"infomaniak", "ionos", "linode", "oracle", "ovh", "scaleway", "tencent", "vultr", "wasabi", "self-hosted"}

// guessS3Provider returns the provider id of a known endpoint host, and
// the region when the host names one (s3.eu-central-003.backblazeb2.com,
// fsn1.your-objectstorage.com), to prefill the form.
func guessS3Provider(rawURL string) (provider, region string) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Host == "" {
		return "", ""
	}
	provider, region, _ = geo.S3Endpoint(u.Hostname())
	return provider, region
}

// endpointID is the keyring name of an endpoint's secret.
func endpointID(u *url.URL, keyID string) string {
	return fmt.Sprintf("s3:%s@%s", keyID, strings.ToLower(u.Host))
}

// withSecrets fills in the endpoints' secrets from the keyring. It runs
// off the UI thread: a keyring may take its time, or ask to be unlocked.
// An endpoint whose secret cannot be read is scanned without it, and the
// scan reports that as a gap.
func withSecrets(eps []providers.S3Endpoint, store secretStore) []providers.S3Endpoint {
	out := make([]providers.S3Endpoint, len(eps))
	for i, ep := range eps {
		out[i] = ep
		u, err := url.Parse(ep.URL)
		if err != nil || store == nil || ep.SecretAccessKey != "" {
			continue
		}
		if secret, err := store.Get(endpointID(u, ep.AccessKeyID)); err == nil {
			out[i].SecretAccessKey = secret
		} else {
			fyne.LogError("reading the secret key of "+ep.String()+" from the system keyring", err)
		}
	}
	return out
}

// newS3Endpoint checks the user's input and builds an endpoint. The
// secret is checked for presence only; it is returned to nobody.
func newS3Endpoint(rawURL, provider, region, keyID, secret string) (s3Endpoint, error) {
	rawURL, keyID = strings.TrimSpace(rawURL), strings.TrimSpace(keyID)
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return s3Endpoint{}, errors.New(tr("The endpoint must be a URL such as https://fsn1.your-objectstorage.com"))
	}
	if u.Scheme == "http" && !providers.IsLocalHost(u.Hostname()) {
		return s3Endpoint{}, errors.New(tr("Use https: over plain http the keys would cross the network in clear"))
	}
	if keyID == "" {
		return s3Endpoint{}, errors.New(tr("The access key id is missing"))
	}
	if secret == "" {
		return s3Endpoint{}, errors.New(tr("The secret key is missing"))
	}
	if provider != "" && !slices.Contains(s3Providers, provider) {
		provider = ""
	}
	return s3Endpoint{
		ID:          endpointID(u, keyID),
		URL:         strings.TrimRight(u.String(), "/"),
		Provider:    provider,
		Region:      strings.TrimSpace(region),
		AccessKeyID: keyID,
	}, nil
}
