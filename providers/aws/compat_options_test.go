package aws

import (
	"slices"
	"testing"
)

// These two tests moved whole from ui/accounts_test.go with the form's
// check and provider list.

// Every company whose S3 host names Reachmap knows can be picked in the
// form, so a pasted URL always selects its provider.
func TestS3ProvidersCoverTheEndpointCatalog(t *testing.T) {
	for _, host := range []string{"fsn1.your-objectstorage.com", "ewr1.vultrobjects.com", "storage.googleapis.com",
		"oss-eu-central-1.aliyuncs.com", "s3.eu-de.cloud-object-storage.appdomain.cloud", "cos.ap-guangzhou.myqcloud.com",
		"obs.eu-west-101.myhuaweicloud.com", "ns.compat.objectstorage.eu-frankfurt-1.oraclecloud.com"} {
		p, _ := GuessS3Provider("https://" + host)
		if p == "" || !slices.Contains(S3Providers(), p) {
			t.Errorf("%s: provider %q is not offered in the form", host, p)
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
		_, err := NewS3Endpoint(tc.url, "", "", tc.key, tc.secret)
		if (err == nil) != tc.ok {
			t.Errorf("%q key %q secret %q: err %v", tc.url, tc.key, tc.secret, err)
		}
	}
	if p, r := GuessS3Provider("https://s3.eu-central-003.backblazeb2.com"); p != "backblaze" || r != "eu-central-003" {
		t.Errorf("backblaze guess %q %q", p, r)
	}
	if p, r := GuessS3Provider("https://s3.fr-par.scw.cloud"); p != "scaleway" || r != "fr-par" {
		t.Errorf("scaleway guess %q %q", p, r)
	}
	if p, _ := GuessS3Provider("https://minio.example.com"); p != "" {
		t.Errorf("unknown host guessed as %q", p)
	}
}
