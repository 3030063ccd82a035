package aws

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
)

// signedInProfile signs in through the SSO stand-in in a home of its own
// and saves the sso-session "my-co" with the profile "prod-ro": the
// files a person has after the window's sign-in. moto is fresh.
func signedInProfile(t *testing.T) (moto string, files *sharedFiles, s *ssoStandIn) {
	t.Helper()
	moto = freshMoto(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	s = newSSOStandIn(t, "")
	f, err := signIn(t, context.Background())
	if err != nil {
		t.Fatal(err)
	}
	roles, err := f.Roles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	files = &sharedFiles{config: []string{filepath.Join(home, "config")}, credentials: []string{filepath.Join(home, "credentials")}}
	if err := f.save(*files, "my-co", "prod-ro", roles[0]); err != nil {
		t.Fatal(err)
	}
	return moto, files, s
}

// The profile the sign-in writes scans unchanged: the SDK's ssocreds reads
// the cached token, takes the role's keys from the portal (the stand-in),
// and the scan lists moto's buckets with them.
func TestSSOProfileScansThroughMoto(t *testing.T) {
	moto, files, s := signedInProfile(t)
	createBuckets(t, rawS3(moto, "eu-west-3", "k", "s"), "eu-west-3", []string{"sso-bucket"})
	// Every service but the portal goes to moto.
	t.Setenv("AWS_ENDPOINT_URL", moto)
	sink, err := scan(t, testProvider("prod-ro", testOptions(files)))
	if err != nil {
		t.Fatalf("scan: %v (%s)", err, sink.gapText())
	}
	if _, ok := sink.byKey(t)["bucket/eu-west-3/sso-bucket"]; !ok {
		t.Errorf("sso-bucket not found through the SSO profile; assets %v, gaps %s", sortedKeys(sink.byKey(t)), sink.gapText())
	}
	if n := s.count("/federation/credentials"); n == 0 {
		t.Error("the role's keys were not taken through GetRoleCredentials")
	}
}

// A cached token past its time is refreshed through SSO OIDC with its
// refresh token, as the SDK does for an sso-session profile, and the scan
// goes on: Reachmap's cache entry carries what the SDK needs (client id and
// secret, registration expiry, refresh token), and the read-only guard
// lets the refresh through. The cache is written back with the new expiry.
func TestSSOExpiredTokenIsRefreshed(t *testing.T) {
	moto, files, s := signedInProfile(t)
	path, err := ssocreds.StandardCachedTokenFilepath("my-co")
	if err != nil {
		t.Fatal(err)
	}
	var entry map[string]any
	b, err := os.ReadFile(path)
	if err != nil || json.Unmarshal(b, &entry) != nil {
		t.Fatalf("the sign-in cached no token at %s: %v", path, err)
	}
	entry["expiresAt"] = time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	b, _ = json.Marshal(entry)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if got := ssoSignedIn("my-co", time.Now()); got != ssoValid {
		t.Errorf("an expired token with a live registration and a refresh token reads as %d, want signed in", got)
	}
	createBuckets(t, rawS3(moto, "eu-west-3", "k", "s"), "eu-west-3", []string{"refreshed-bucket"})
	t.Setenv("AWS_ENDPOINT_URL", moto)
	sink, err := scan(t, testProvider("prod-ro", testOptions(files)))
	if err != nil {
		t.Fatalf("scan: %v (%s)", err, sink.gapText())
	}
	if _, ok := sink.byKey(t)["bucket/eu-west-3/refreshed-bucket"]; !ok {
		t.Fatalf("refreshed-bucket not found after the refresh; gaps %s", sink.gapText())
	}
	if n := s.count("/token"); n < 2 {
		t.Errorf("/token was called %d times: the expired token was not refreshed", n)
	}
	b, _ = os.ReadFile(path)
	json.Unmarshal(b, &entry)
	if exp, _ := time.Parse(time.RFC3339, fmt.Sprint(entry["expiresAt"])); !exp.After(time.Now()) {
		t.Errorf("the cache still expires at %v after the refresh", entry["expiresAt"])
	}
}
