package aws

import (
	"context"
	"path/filepath"
	"testing"
)

// The profile the sign-in writes scans unchanged: the SDK's ssocreds reads
// the cached token, takes the role's keys from the portal (the stand-in),
// and the scan lists moto's buckets with them.
func TestSSOProfileScansThroughMoto(t *testing.T) {
	moto := freshMoto(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	s := newSSOStandIn(t, "")
	f, err := signIn(t, context.Background())
	if err != nil {
		t.Fatal(err)
	}
	roles, err := f.Roles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	files := &sharedFiles{config: []string{filepath.Join(home, "config")}, credentials: []string{filepath.Join(home, "credentials")}}
	if err := f.save(*files, "my-co", "prod-ro", roles[0]); err != nil {
		t.Fatal(err)
	}
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
