package cli

import (
	"bytes"
	"strings"
	"testing"
)

// The provider kinds add their own flags; scan --help lists the same
// flags, with the same help, as when cli/scan.go declared them all.
func TestScanFlagsFromTheKinds(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := Main([]string{"scan", "--help"}, &out, &errOut); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{
		"-demo\n    \tscan the embedded demo estate",
		"-aws-profile value\n    \tAWS profile to scan (repeatable)",
		"-domain value\n    \tmail domain to look up (repeatable)",
		"-dns string\n    \tDNS resolver for mail lookups, HOST:PORT (default: the system's)",
		"-geoip-db string",
		"-s3-endpoint value\n    \tS3-compatible endpoint URL to list (repeatable); keys from $REACHMAP_S3_ACCESS_KEY_ID and $REACHMAP_S3_SECRET_ACCESS_KEY",
		"-s3-provider string",
		"-s3-region string",
		"-home string", "-format string", "-out string", "-policy string", "-db string", "-no-save",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("scan --help lacks %q", want)
		}
	}
}

// The keys of --s3-endpoint come from the environment given, and a check
// of the endpoint refuses at once what a scan could only fail on.
func TestScanS3EndpointIsCheckedBeforeScanning(t *testing.T) {
	for _, args := range [][]string{
		{"scan", "--s3-endpoint", "http://minio.lan:9000", "--no-save"},
		{"scan", "--s3-endpoint", "not a url", "--no-save"},
	} {
		var out, errOut bytes.Buffer
		if code := Main(args, &out, &errOut); code != ExitUsage || !strings.Contains(errOut.String(), "--s3-endpoint: ") {
			t.Errorf("%v: exit %d, %s", args, code, errOut.String())
		}
	}
}
