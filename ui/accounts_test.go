package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/zalando/go-keyring"

	"github.com/reachmap/reachmap/internal/about"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/aws"
)

// Profiles found are ticked unless the user unticked them; the ticks
// decide what Scan scans.
func TestAccountsProfiles(t *testing.T) {
	h := newHarness(t, harnessOpts{profiles: []aws.Profile{
		{Name: "default", Region: "eu-west-3", Source: "config"},
		{Name: "client-a", SSO: true, Source: "config"},
	}})
	h.start(false)
	h.m.showScreen(screenAccounts)
	a := h.m.accounts
	var checks []*widget.Check
	for _, o := range a.profiles.Objects {
		if c, ok := o.(*widget.Check); ok {
			checks = append(checks, c)
		}
	}
	if len(checks) != 2 || !checks[0].Checked || !checks[1].Checked {
		t.Fatalf("profile ticks: %d", len(checks))
	}
	if !strings.Contains(checks[1].Text, "aws sso login --profile client-a") {
		t.Errorf("SSO profile label %q", checks[1].Text)
	}
	test.Tap(checks[1])
	if got := h.m.config().AWSProfiles; len(got) != 1 || got[0] != "default" {
		t.Errorf("config after unticking client-a: %v", got)
	}
	if ex := h.m.set.AWSExcluded(); len(ex) != 1 || ex[0] != "client-a" {
		t.Errorf("excluded %v", ex)
	}
	test.Tap(checks[1])
	if got := h.m.config().AWSProfiles; len(got) != 2 {
		t.Errorf("config after ticking again: %v", got)
	}
}

// A profile's label says what a person needs to tell profiles apart: the
// region, another partition, an endpoint that is not AWS, SSO.
func TestProfileLabel(t *testing.T) {
	tests := []struct {
		p    aws.Profile
		want string
	}{
		{aws.Profile{Name: "default", Region: "eu-west-3", Partition: "aws"}, "default (eu-west-3)"},
		{aws.Profile{Name: "beijing", Region: "cn-north-1", Partition: "aws-cn"}, "beijing (cn-north-1; AWS China)"},
		{aws.Profile{Name: "gov", Region: "us-gov-west-1", Partition: "aws-us-gov"}, "gov (us-gov-west-1; AWS GovCloud (US))"},
		{aws.Profile{Name: "eu", Region: "eusc-de-east-1", Partition: "aws-eusc"}, "eu (eusc-de-east-1; AWS European Sovereign Cloud)"},
		{aws.Profile{Name: "minio", Region: "us-east-1", Partition: "aws", Endpoint: "http://127.0.0.1:9000"}, "minio (us-east-1; endpoint http://127.0.0.1:9000)"},
		{aws.Profile{Name: "bare"}, "bare"},
	}
	for _, tc := range tests {
		if got := profileLabel(tc.p); got != tc.want {
			t.Errorf("profileLabel(%+v) = %q, want %q", tc.p, got, tc.want)
		}
	}
}

// Every company whose S3 host names Reachmap knows can be picked in the
// form, so a pasted URL always selects its provider.
func TestS3ProvidersCoverTheEndpointCatalog(t *testing.T) {
	for _, host := range []string{"fsn1.your-objectstorage.com", "ewr1.vultrobjects.com", "storage.googleapis.com",
		"oss-eu-central-1.aliyuncs.com", "s3.eu-de.cloud-object-storage.appdomain.cloud", "cos.ap-guangzhou.myqcloud.com",
		"obs.eu-west-101.myhuaweicloud.com", "ns.compat.objectstorage.eu-frankfurt-1.oraclecloud.com"} {
		p, _ := guessS3Provider("https://" + host)
		if p == "" || indexOf(s3Providers, p) < 0 {
			t.Errorf("%s: provider %q is not offered in the form", host, p)
		}
	}
}

// Mail domains typed on the screen are saved, normalised, and scanned.
func TestAccountsDomains(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.start(false)
	a := h.m.accounts
	test.Type(a.domains, "Lumen-Archi.FR\nexample.org, lumen-archi.fr.")
	if got := h.m.set.Domains(); strings.Join(got, " ") != "lumen-archi.fr example.org" {
		t.Errorf("domains saved %v", got)
	}
	cfg := h.m.config()
	if !hasAccounts(cfg) || len(cfg.Domains) != 2 {
		t.Errorf("config %+v", cfg)
	}
	if got := h.m.dash.empty.accounts.Text; got != "Mail domains to check: lumen-archi.fr, example.org." {
		t.Errorf("first-run card %q", got)
	}
}

// An S3-compatible endpoint keeps its secret in the keyring only; the
// preferences hold the rest; removing it deletes the secret.
func TestAccountsS3Endpoint(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.start(false)
	a := h.m.accounts
	f := &a.s3
	const secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYzEXAMPLEKEY"

	test.Type(f.url, "http://fsn1.your-objectstorage.com")
	if f.provider.SelectedIndex() != indexOf(s3Providers, "hetzner") || f.region.Text != "fsn1" {
		t.Errorf("provider %d region %q not guessed from the URL", f.provider.SelectedIndex(), f.region.Text)
	}
	test.Type(f.keyID, "HZKEY123")
	test.Type(f.secret, secret)
	test.Tap(f.add)
	if !f.err.Visible() || !strings.Contains(f.err.Text, "https") {
		t.Fatalf("plain http to a remote host accepted: %q", f.err.Text)
	}
	f.url.SetText("https://fsn1.your-objectstorage.com/")
	test.Tap(f.add)
	if f.err.Visible() {
		t.Fatalf("valid endpoint refused: %s", f.err.Text)
	}
	eps := h.m.set.Endpoints()
	if len(eps) != 1 || eps[0].URL != "https://fsn1.your-objectstorage.com" || eps[0].Provider != "hetzner" || eps[0].AccessKeyID != "HZKEY123" {
		t.Fatalf("saved endpoints %+v", eps)
	}
	got, err := keyring.Get(about.AppID, eps[0].ID)
	if err != nil || got != secret {
		t.Errorf("keyring holds %q, %v", got, err)
	}
	// The secret is nowhere in the preferences.
	for _, k := range []string{prefEndpoints, prefDomains, prefDNS, prefGeoIP, prefPolicy} {
		if strings.Contains(h.app.Preferences().String(k), secret) {
			t.Errorf("secret key in preference %s", k)
		}
	}
	if f.secret.Text != "" {
		t.Error("the secret stays in the form after adding")
	}
	if !hasText(a.endpoints, "HZKEY123") {
		t.Error("the endpoint is not listed")
	}
	// The endpoint is scanned; its secret is read from the keyring only
	// when the scan starts, not kept in the config.
	cfg := h.m.config()
	if !hasAccounts(cfg) || len(cfg.S3Endpoints) != 1 || cfg.S3Endpoints[0].SecretAccessKey != "" ||
		cfg.S3Endpoints[0].URL != "https://fsn1.your-objectstorage.com" || cfg.S3Endpoints[0].Provider != "hetzner" {
		t.Errorf("config endpoints %v", cfg.S3Endpoints)
	}
	if eps := withSecrets(cfg.S3Endpoints, h.m.deps.secrets); eps[0].SecretAccessKey != secret {
		t.Error("the secret is not read back from the keyring for the scan")
	}
	// The same key twice is refused.
	f.url.SetText("https://fsn1.your-objectstorage.com")
	f.keyID.SetText("HZKEY123")
	f.secret.SetText("other")
	test.Tap(f.add)
	if !f.err.Visible() || len(h.m.set.Endpoints()) != 1 {
		t.Error("a duplicate endpoint was added")
	}
	test.Tap(findButton(t, a.endpoints, "Remove"))
	if len(h.m.set.Endpoints()) != 0 {
		t.Error("endpoint not removed")
	}
	if _, err := keyring.Get(about.AppID, eps[0].ID); err != keyring.ErrNotFound {
		t.Errorf("secret left in the keyring: %v", err)
	}
}

// After a scan the screen lists each gap with its account, region, error
// and what to do.
func TestAccountsGapsAfterScan(t *testing.T) {
	h := newHarness(t, harnessOpts{profiles: []aws.Profile{{Name: "fake"}}})
	h.start(false)
	h.estate.set([]providers.Asset{bucket("plans", "eu-west-3")}, []providers.Gap{
		{Provider: "aws", Account: "fake", Region: "me-central-1", Error: "AccessDenied: s3:ListBuckets was denied", Hint: "allow s3:ListAllMyBuckets"},
	})
	h.m.showScreen(screenAccounts)
	test.Tap(h.m.accounts.scanBtn)
	if !h.m.accounts.scanBtn.Disabled() || h.m.accounts.cancel.Disabled() {
		t.Error("scan and cancel buttons not switched while scanning")
	}
	h.settle()
	a := h.m.accounts
	if got := a.summary.Text; got != "The scan could not see 1 thing:" && got != "The scan could not see 1 things:" {
		t.Errorf("summary %q", got)
	}
	for _, s := range []string{"account fake", "region me-central-1", "AccessDenied", "What to do: allow s3:ListAllMyBuckets"} {
		if !hasText(a.gaps, s) {
			t.Errorf("gap list lacks %q", s)
		}
	}
}

func TestNewS3Endpoint(t *testing.T) {
	for _, tc := range []struct {
		url, key, secret string
		ok               bool
	}{
		{"https://s3.eu-central-003.backblazeb2.com", "k", "s", true},
		{"http://localhost:9000", "k", "s", true},
		{"http://127.0.0.1:9000", "k", "s", true},
		{"http://minio.lan:9000", "k", "s", false},
		{"ftp://x", "k", "s", false},
		{"not a url", "k", "s", false},
		{"https://x.example", "", "s", false},
		{"https://x.example", "k", "", false},
	} {
		_, err := newS3Endpoint(tc.url, "", "", tc.key, tc.secret)
		if (err == nil) != tc.ok {
			t.Errorf("%q key %q secret %q: err %v", tc.url, tc.key, tc.secret, err)
		}
	}
	if p, r := guessS3Provider("https://s3.eu-central-003.backblazeb2.com"); p != "backblaze" || r != "eu-central-003" {
		t.Errorf("backblaze guess %q %q", p, r)
	}
	if p, r := guessS3Provider("https://s3.fr-par.scw.cloud"); p != "scaleway" || r != "fr-par" {
		t.Errorf("scaleway guess %q %q", p, r)
	}
	if p, _ := guessS3Provider("https://minio.example.com"); p != "" {
		t.Errorf("unknown host guessed as %q", p)
	}
}

// The DNS resolver must be HOST:PORT; a wrong value is not saved.
func TestSettingsDNS(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.start(false)
	s := h.m.settings
	test.Type(s.dns, "9.9.9.9")
	if !s.dnsErr.Visible() || h.m.set.DNS() != "" {
		t.Errorf("incomplete resolver accepted: %q", h.m.set.DNS())
	}
	test.Type(s.dns, ":53")
	if s.dnsErr.Visible() || h.m.set.DNS() != "9.9.9.9:53" || h.m.config().DNS != "9.9.9.9:53" {
		t.Errorf("resolver not saved: %q", h.m.set.DNS())
	}
	s.geoip.SetText("/nonexistent/db.mmdb")
	s.onGeoIP()
	h.settle()
	if !s.geoipErr.Visible() || h.m.set.GeoIPDB() != "" {
		t.Error("a missing GeoIP database was accepted")
	}
}
