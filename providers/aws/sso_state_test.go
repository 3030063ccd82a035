package aws

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
)

// TestSSOProfileNote: an SSO profile's note on the Accounts screen follows
// the token cache: signed in while the token lasts or can be refreshed,
// expired after, and "sign in first" with no entry or a corrupt one.
func TestSSOProfileNote(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	write := func(key, body string) {
		path, err := ssocreds.StandardCachedTokenFilepath(key)
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(path), 0o700)
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("fresh", `{"accessToken":"x","expiresAt":"2026-12-04T20:00:00Z"}`)
	write("stale", `{"accessToken":"x","expiresAt":"2026-12-04T08:00:00Z"}`)
	write("refreshable", `{"accessToken":"x","expiresAt":"2026-12-04T08:00:00Z","refreshToken":"r","registrationExpiresAt":"2027-03-01T00:00:00Z"}`)
	write("unregistered", `{"accessToken":"x","expiresAt":"2026-12-04T08:00:00Z","refreshToken":"r","registrationExpiresAt":"2026-12-01T00:00:00Z"}`)
	write("https://lumen.awsapps.com/start", `{"accessToken":"x","expiresAt":"2026-12-05T08:00:00Z"}`)
	write("corrupt", `{"expiresAt":`)
	for key, want := range map[string]ssoState{
		"fresh": ssoValid, "stale": ssoExpired, "refreshable": ssoValid, "unregistered": ssoExpired,
		"https://lumen.awsapps.com/start": ssoValid, "corrupt": ssoNone, "missing": ssoNone, "": ssoNone,
	} {
		if got := ssoSignedIn(key, now); got != want {
			t.Errorf("%q: state %d, want %d", key, got, want)
		}
	}
	// The note the Accounts screen shows, through the profile's cache key.
	notes := func(p Profile) string {
		it := ProfileItem(p)
		out := ""
		for _, n := range it.Notes {
			out += n.String() + ";"
		}
		return out
	}
	if got := notes(Profile{Name: "a", SSO: true, SSOCache: "missing"}); got != "SSO: sign in first with aws sso login --profile a;" {
		t.Errorf("never signed in: %q", got)
	}
	// ProfileItem judges against the clock: a token that expires in 2099
	// is valid, one of 2001 is not.
	write("later", `{"accessToken":"x","expiresAt":"2099-01-01T00:00:00Z"}`)
	write("earlier", `{"accessToken":"x","expiresAt":"2001-01-01T00:00:00Z"}`)
	if got := notes(Profile{Name: "b", SSO: true, SSOCache: "later"}); got != "SSO: signed in;" {
		t.Errorf("signed in: %q", got)
	}
	if got := notes(Profile{Name: "c", SSO: true, SSOCache: "earlier"}); got != "SSO: the sign-in has expired; sign in again (aws sso login --profile c);" {
		t.Errorf("expired: %q", got)
	}
}

// TestProfilesNameTheirTokenCache: an sso-session profile's cache entry is
// its session's, a legacy one's its start URL.
func TestProfilesNameTheirTokenCache(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config")
	os.WriteFile(cfg, []byte("[profile new]\nsso_session = lumen\nsso_account_id = 111111111111\n[sso-session lumen]\nsso_start_url = https://lumen.awsapps.com/start\n[profile old]\nsso_start_url = https://old.awsapps.com/start\nsso_account_id = 1\n[profile keys]\nregion = eu-west-1\n"), 0o600)
	ps, err := listProfiles(sharedFiles{config: []string{cfg}}, false)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"new": "lumen", "old": "https://old.awsapps.com/start", "keys": ""}
	for _, p := range ps {
		if p.SSOCache != want[p.Name] {
			t.Errorf("%s: cache %q, want %q", p.Name, p.SSOCache, want[p.Name])
		}
	}
}
