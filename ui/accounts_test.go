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
	"github.com/reachmap/reachmap/providers/mail"
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
	for _, o := range a.section("aws").list.Objects {
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
	if got := awsProfiles(h.m.selection()); len(got) != 1 || got[0] != "default" {
		t.Errorf("config after unticking client-a: %v", got)
	}
	if ex := h.app.Preferences().StringList("accounts.aws_excluded"); len(ex) != 1 || ex[0] != "client-a" {
		t.Errorf("excluded %v", ex)
	}
	test.Tap(checks[1])
	if got := awsProfiles(h.m.selection()); len(got) != 2 {
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

// Mail domains typed on the screen are saved, normalised, and scanned.
func TestAccountsDomains(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.start(false)
	a := h.m.accounts
	test.Type(a.section("mail").lines, "Lumen-Archi.FR\nexample.org, lumen-archi.fr.")
	if got := h.app.Preferences().StringList("accounts.domains"); strings.Join(got, " ") != "lumen-archi.fr example.org" {
		t.Errorf("domains saved %v", got)
	}
	cfg := h.m.selection()
	if cfg.Empty() || len(cfg["mail"].(mail.Options).Domains) != 2 {
		t.Errorf("config %+v", cfg)
	}
	if got := h.m.dash.empty.accounts.Text; got != "Set up on this computer: Mail domains (lumen-archi.fr, example.org)." {
		t.Errorf("first-run card %q", got)
	}
}

// An S3-compatible endpoint keeps its secret in the keyring only; the
// preferences hold the rest; removing it deletes the secret.
func TestAccountsS3Endpoint(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.start(false)
	a := h.m.accounts
	f := s3Form(a)
	const secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYzEXAMPLEKEY"

	test.Type(f.url, "http://fsn1.your-objectstorage.com")
	if f.provider.SelectedIndex() != indexOf(aws.S3Providers(), "hetzner") || f.region.Text != "fsn1" {
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
	eps := savedEndpoints(h)
	if len(eps) != 1 || eps[0].URL != "https://fsn1.your-objectstorage.com" || eps[0].Provider != "hetzner" || eps[0].AccessKeyID != "HZKEY123" {
		t.Fatalf("saved endpoints %+v", eps)
	}
	got, err := keyring.Get(about.AppID, eps[0].ID())
	if err != nil || got != secret {
		t.Errorf("keyring holds %q, %v", got, err)
	}
	// The secret is nowhere in the preferences.
	for _, k := range []string{"accounts.s3_endpoints", "accounts.domains", prefDNS, prefGeoIP, prefPolicy} {
		if strings.Contains(h.app.Preferences().String(k), secret) {
			t.Errorf("secret key in preference %s", k)
		}
	}
	if f.secret.Text != "" {
		t.Error("the secret stays in the form after adding")
	}
	if !hasText(a.section("s3-compatible").records, "HZKEY123") {
		t.Error("the endpoint is not listed")
	}
	// The endpoint is scanned; its secret is read from the keyring only
	// when the scan starts, not kept in the config.
	cfg := h.m.selection()
	cfgEndpoints := cfg["s3-compatible"].(aws.CompatOptions).Endpoints
	if cfg.Empty() || len(cfgEndpoints) != 1 || cfgEndpoints[0].SecretAccessKey != "" ||
		cfgEndpoints[0].URL != "https://fsn1.your-objectstorage.com" || cfgEndpoints[0].Provider != "hetzner" {
		t.Errorf("config endpoints %v", cfgEndpoints)
	}
	if eps := cfg.WithSecrets(h.m.pset)["s3-compatible"].(aws.CompatOptions).Endpoints; eps[0].SecretAccessKey != secret {
		t.Error("the secret is not read back from the keyring for the scan")
	}
	// The same key twice is refused.
	f.url.SetText("https://fsn1.your-objectstorage.com")
	f.keyID.SetText("HZKEY123")
	f.secret.SetText("other")
	test.Tap(f.add)
	if !f.err.Visible() || len(savedEndpoints(h)) != 1 {
		t.Error("a duplicate endpoint was added")
	}
	test.Tap(findButton(t, a.section("s3-compatible").records, "Remove"))
	if len(savedEndpoints(h)) != 0 {
		t.Error("endpoint not removed")
	}
	if _, err := keyring.Get(about.AppID, eps[0].ID()); err != keyring.ErrNotFound {
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
	if s.dnsErr.Visible() || h.m.set.DNS() != "9.9.9.9:53" || h.m.set.Shared().DNS != "9.9.9.9:53" {
		t.Errorf("resolver not saved: %q", h.m.set.DNS())
	}
	s.geoip.SetText("/nonexistent/db.mmdb")
	s.onGeoIP()
	h.settle()
	if !s.geoipErr.Visible() || h.m.set.GeoIPDB() != "" {
		t.Error("a missing GeoIP database was accepted")
	}
}

// The accounts screen as the tests reach it: a kind's section, the S3
// form's widgets by field, what a selection scans.

func (a *accountsScreen) section(kind string) *formSection {
	for _, s := range a.sections {
		if s.kind == kind {
			return s
		}
	}
	return nil
}

type s3FormWidgets struct {
	url, region, keyID, secret *widget.Entry
	provider                   *widget.Select
	err                        *widget.Label
	add                        *widget.Button
}

func s3Form(a *accountsScreen) s3FormWidgets {
	s := a.section("s3-compatible")
	return s3FormWidgets{url: s.entries["url"], region: s.entries["region"], keyID: s.entries["key_id"], secret: s.entries["secret"],
		provider: s.choices["provider"], err: s.err, add: s.add}
}

func awsProfiles(sel providers.Selection) []string {
	o, _ := sel["aws"].(aws.Options)
	return o.Profiles
}

// savedEndpoints are the S3-compatible endpoints the window saved.
func savedEndpoints(h *harness) []aws.S3Endpoint {
	o, _ := aws.CompatFactory.Saved(h.m.pset).(aws.CompatOptions)
	return o.Endpoints
}

// profileLabel is how the AWS section labels a profile: its checklist item,
// labelled the way the Accounts screen labels every item.
func profileLabel(p aws.Profile) string { return itemLabel(aws.ProfileItem(p)) }
