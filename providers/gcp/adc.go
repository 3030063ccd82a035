package gcp

import (
	"os"
	"path/filepath"
	"runtime"
)

// adcSetUp reports whether Application Default Credentials are set up on
// this computer: GOOGLE_APPLICATION_CREDENTIALS, or the file that
// `gcloud auth application-default login` writes (under CLOUDSDK_CONFIG
// when set, else gcloud's configuration folder). The Accounts screen asks
// before listing projects: with neither, there is nothing to find, which
// is not a failure to report (most people use no Google Cloud), and
// oauth2 would go on to probe the metadata server of a Google VM.
func adcSetUp(env func(string) string) bool {
	if env("GOOGLE_APPLICATION_CREDENTIALS") != "" {
		return true
	}
	dir := env("CLOUDSDK_CONFIG")
	if dir == "" {
		if runtime.GOOS == "windows" {
			dir = filepath.Join(env("APPDATA"), "gcloud")
		} else {
			dir = filepath.Join(env("HOME"), ".config", "gcloud")
		}
	}
	_, err := os.Stat(filepath.Join(dir, "application_default_credentials.json"))
	return err == nil
}
