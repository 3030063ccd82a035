package aws

import (
	"flag"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/internal/memsettings"
)

// parseFlags registers a factory's flags alone and parses args.
func parseFlags(t *testing.T, f providers.Factory, env map[string]string, args ...string) (providers.Options, error) {
	t.Helper()
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	parse := f.Flags(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatalf("parse %v: %v", args, err)
	}
	return parse(func(k string) string { return env[k] })
}

func TestProfileFlags(t *testing.T) {
	o, err := parseFlags(t, Factory, nil, "--aws-profile", "a,b", "--aws-profile", " c ")
	if err != nil || !slices.Equal(o.(Options).Profiles, []string{"a", "b", "c"}) {
		t.Errorf("--aws-profile = %+v, %v", o, err)
	}
	if o, _ := parseFlags(t, Factory, nil); !o.Empty() {
		t.Errorf("no flag gives %+v", o)
	}
}

// What the window saved (the unticked profiles) and the profiles found
// make the profiles to scan.
func TestProfilesSavedAndPicked(t *testing.T) {
	s := memsettings.New()
	s.SetStringList(prefExcluded, []string{"client-a"})
	saved := Factory.Saved(s)
	f := Factory.Form()
	got := f.Checklist.Pick(saved, []string{"default", "client-a", "client-b"}).(Options).Profiles
	if !slices.Equal(got, []string{"default", "client-b"}) {
		t.Errorf("picked %v", got)
	}
	if f.Checklist.Excluded != prefExcluded {
		t.Errorf("the form and Saved use different keys")
	}
}

func TestCompatFlags(t *testing.T) {
	env := map[string]string{EnvS3Key: "AKID", EnvS3Secret: "s3cr3t-value"}
	o, err := parseFlags(t, CompatFactory, env, "--s3-endpoint", "https://fsn1.your-objectstorage.com,https://s3.fr-par.scw.cloud", "--s3-provider", "Hetzner", "--s3-region", "fsn1")
	if err != nil {
		t.Fatal(err)
	}
	eps := o.(CompatOptions).Endpoints
	if len(eps) != 2 || eps[0].AccessKeyID != "AKID" || eps[0].SecretAccessKey != "s3cr3t-value" || eps[1].Provider != "Hetzner" || eps[1].Region != "fsn1" {
		t.Errorf("endpoints %+v", eps)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--s3-region", "fsn1"}, "--s3-provider and --s3-region describe --s3-endpoint, which is missing"},
		{[]string{"--s3-endpoint", "https://s3.example", "--s3-provider", "hetznr"}, `--s3-provider: unknown provider "hetznr"; did you mean hetzner`},
		{[]string{"--s3-endpoint", "https://s3.example", "--s3-provider", "hetzner", "--s3-region", "fsn2"}, "--s3-region: unknown region \"fsn2\" for hetzner; did you mean fsn1"},
		{[]string{"--s3-endpoint", "http://minio.lan:9000"}, "--s3-endpoint: Use https"},
		{[]string{"--s3-endpoint", "not a url"}, "--s3-endpoint: The endpoint must be a URL"},
	} {
		_, err := parseFlags(t, CompatFactory, env, tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want %q", tc.args, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "s3cr3t") {
			t.Errorf("%v: the error shows the secret", tc.args)
		}
	}
	// A self-hosted server's "region" is its country, unchecked here.
	if _, err := parseFlags(t, CompatFactory, env, "--s3-endpoint", "http://127.0.0.1:9000", "--s3-provider", "self-hosted", "--s3-region", "de"); err != nil {
		t.Error(err)
	}
}

// The form's check refuses what the accounts form refused before, with
// the same messages.
func TestCompatFormRefuses(t *testing.T) {
	f := CompatFactory.Form().Records
	for _, tc := range []struct {
		v    map[string]string
		want string
	}{
		{map[string]string{"url": "ftp://x", "key_id": "k", "secret": "s"}, "The endpoint must be a URL such as https://fsn1.your-objectstorage.com"},
		{map[string]string{"url": "not a url", "key_id": "k", "secret": "s"}, "The endpoint must be a URL such as https://fsn1.your-objectstorage.com"},
		{map[string]string{"url": "http://minio.lan:9000", "key_id": "k", "secret": "s"}, "Use https: over plain http the keys would cross the network in clear"},
		{map[string]string{"url": "https://x.example", "secret": "s"}, "The access key id is missing"},
		{map[string]string{"url": "https://x.example", "key_id": "k"}, "The secret key is missing"},
		{map[string]string{"url": "https://x.example", "provider": "hetzner", "region": "fsn2", "key_id": "k", "secret": "s"}, `unknown region "fsn2" for hetzner; did you mean fsn1?`},
	} {
		s := memsettings.New()
		err := f.Add(s, tc.v)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%v: %v, want %q", tc.v, err, tc.want)
		}
		if len(s.SecretIDs()) != 0 || len(f.List(s)) != 0 {
			t.Errorf("%v: something was saved", tc.v)
		}
	}
}

// An endpoint added in the form is read back by Saved, its secret only
// from the keyring, and removed with its secret.
func TestCompatSavedRoundTrip(t *testing.T) {
	const secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYzEXAMPLEKEY"
	s := memsettings.New()
	f := CompatFactory.Form().Records
	if err := f.Add(s, map[string]string{"url": " https://FSN1.your-objectstorage.com/ ", "provider": "hetzner", "region": "fsn1", "key_id": "HZ1", "secret": secret}); err != nil {
		t.Fatal(err)
	}
	if err := f.Add(s, map[string]string{"url": "https://fsn1.your-objectstorage.com", "key_id": "HZ1", "secret": "x"}); err == nil || err.Error() != "This access key is already saved for this endpoint." {
		t.Errorf("duplicate: %v", err)
	}
	for _, v := range s.Prefs() {
		if strings.Contains(v, secret) {
			t.Fatal("the secret is in the preferences")
		}
	}
	o := CompatFactory.Saved(s).(CompatOptions)
	if len(o.Endpoints) != 1 || o.Endpoints[0].SecretAccessKey != "" || o.Endpoints[0].Provider != "hetzner" || o.Endpoints[0].Region != "fsn1" {
		t.Fatalf("Saved = %#v", o)
	}
	withSecret := o.WithSecrets(s).(CompatOptions)
	if withSecret.Endpoints[0].SecretAccessKey != secret {
		t.Error("the secret is not read back for the scan")
	}
	// Secrets never show when options are printed.
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		for _, v := range []any{withSecret, withSecret.Endpoints[0], providers.Selection{"s3-compatible": withSecret}, &withSecret} {
			if out := fmt.Sprintf(verb, v); strings.Contains(out, secret) {
				t.Errorf("%s of %T shows the secret: %s", verb, v, out)
			}
		}
	}
	recs := f.List(s)
	if len(recs) != 1 || recs[0].ID != "s3:HZ1@fsn1.your-objectstorage.com" || len(recs[0].Parts) != 4 {
		t.Fatalf("records %+v", recs)
	}
	if err := f.Remove(s, recs[0].ID); err != nil || len(f.List(s)) != 0 || len(s.SecretIDs()) != 0 {
		t.Errorf("Remove: %v, left %v %v", err, f.List(s), s.SecretIDs())
	}
	// A keyring that refuses keeps nothing.
	s.FailSecrets = true
	err := f.Add(s, map[string]string{"url": "https://fsn1.your-objectstorage.com", "key_id": "HZ1", "secret": secret})
	if err == nil || !strings.HasPrefix(err.Error(), "The system keyring refused the secret key, so nothing was saved") || len(f.List(s)) != 0 {
		t.Errorf("refusing keyring: %v, %v", err, f.List(s))
	}
	if o := (CompatOptions{Endpoints: []S3Endpoint{{URL: "https://x", AccessKeyID: "k"}}}).WithSecrets(s).(CompatOptions); o.Endpoints[0].SecretAccessKey != "" {
		t.Error("a secret appeared from a failing keyring")
	}
}

// Pasting an endpoint URL selects its provider and region.
func TestCompatFormSuggests(t *testing.T) {
	var url providers.Field
	for _, fd := range CompatFactory.Form().Records.Fields {
		if fd.Key == "url" {
			url = fd
		}
	}
	got := url.Suggest("https://s3.eu-central-003.backblazeb2.com")
	want := []providers.Suggestion{{Key: "provider", Value: "backblaze"}, {Key: "region", Value: "eu-central-003", IfEmpty: true}}
	if !slices.Equal(got, want) {
		t.Errorf("Suggest = %v", got)
	}
	if got := url.Suggest("https://minio.example.com"); len(got) != 0 {
		t.Errorf("an unknown host suggests %v", got)
	}
}
