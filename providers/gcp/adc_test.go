package gcp

import (
	"os"
	"path/filepath"
	"testing"
)

// TestNoADCIsNothingFound: with no Application Default Credentials set up
// the Accounts screen's checklist finds nothing, with no error (its Empty
// text says how to sign in) and without asking oauth2, which would probe
// a Google VM's metadata server; the well-known file, under HOME or
// CLOUDSDK_CONFIG, or GOOGLE_APPLICATION_CREDENTIALS, counts as set up.
func TestNoADCIsNothingFound(t *testing.T) {
	home := t.TempDir()
	for k, v := range map[string]string{"HOME": home, "APPDATA": home, "CLOUDSDK_CONFIG": "",
		"GOOGLE_APPLICATION_CREDENTIALS": "", EnvStorageEmulator: "", EnvAPIEndpoint: ""} {
		t.Setenv(k, v)
	}
	items, err := loadProjects()
	if err != nil || items != nil {
		t.Fatalf("nothing set up: got %v, %v; want no items and no error", items, err)
	}
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if adcSetUp(env(map[string]string{"HOME": home})) {
		t.Error("an empty home counts as set up")
	}
	if !adcSetUp(env(map[string]string{"GOOGLE_APPLICATION_CREDENTIALS": "/k.json"})) {
		t.Error("GOOGLE_APPLICATION_CREDENTIALS does not count")
	}
	sdk := filepath.Join(home, "sdk")
	os.MkdirAll(sdk, 0o700)
	os.WriteFile(filepath.Join(sdk, "application_default_credentials.json"), []byte("{}"), 0o600)
	if !adcSetUp(env(map[string]string{"HOME": home, "CLOUDSDK_CONFIG": sdk})) {
		t.Error("the file under CLOUDSDK_CONFIG does not count")
	}
	if adcSetUp(env(map[string]string{"HOME": home})) {
		t.Error("a file under CLOUDSDK_CONFIG counts when CLOUDSDK_CONFIG is not set")
	}
	gcloud := filepath.Join(home, ".config", "gcloud")
	os.MkdirAll(gcloud, 0o700)
	os.WriteFile(filepath.Join(gcloud, "application_default_credentials.json"), []byte("{}"), 0o600)
	if !adcSetUp(env(map[string]string{"HOME": home})) {
		t.Error("gcloud's file under HOME does not count")
	}
}
