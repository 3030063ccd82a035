package aws_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/cli"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/providers/aws"
	"github.com/reachmap/reachmap/reach"
)

// TestCommandLineScansAnAccount runs `reachmap scan --aws-profile acme
// --format json` the way a user does, against an account in moto, and
// reads the JSON contract back: every data store, where it is, and whose
// law reaches it. It is outside the package so that it goes through the
// command line's own provider registry and default options.
func TestCommandLineScansAnAccount(t *testing.T) {
	config, creds := aws.MotoEstate(t)
	t.Setenv("AWS_CONFIG_FILE", config)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", creds)
	// Nothing from the machine's own AWS setup may leak in.
	for _, v := range []string{"AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
		"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"} {
		t.Setenv(v, "")
	}

	var stdout, stderr bytes.Buffer
	code := cli.Main([]string{"scan", "--aws-profile", "acme", "--format", "json", "--no-save", "--home", "EU"}, &stdout, &stderr)
	if code != cli.ExitOK {
		t.Fatalf("exit %d:\n%s", code, stderr.String())
	}
	scan, err := inventory.ReadJSON(&stdout)
	if err != nil {
		t.Fatal(err)
	}
	if len(scan.Assets) != 20 {
		t.Errorf("%d items, want the estate's 20", len(scan.Assets))
	}
	byName := map[string]inventory.Item{}
	for _, it := range scan.Assets {
		if it.Provider != "aws" || it.Account != "acme" {
			t.Errorf("item %s: provider %q account %q", it.Name, it.Provider, it.Account)
		}
		byName[it.Name] = it
	}

	// Where each store is, and the category a European owner sees: AWS is
	// a US company, so data on European soil is still within US reach.
	tests := []struct {
		name, region, country string
		category              reach.Category
	}{
		{"acme-invoices", "eu-west-3", "FR", reach.CategoryHomeForeign},
		{"acme-plans", "eu-central-1", "DE", reach.CategoryHomeForeign},
		{"orders", "eu-west-1", "IE", reach.CategoryHomeForeign},
		{"acme-mail", "eu-west-1", "IE", reach.CategoryHomeForeign},
		{"acme-old-site", "us-east-1", "US", reach.CategoryForeign},
		{"acme-photos", "ap-southeast-2", "AU", reach.CategoryForeign},
	}
	for _, tc := range tests {
		it, ok := byName[tc.name]
		if !ok {
			t.Errorf("%s missing from the JSON", tc.name)
			continue
		}
		if it.Region != tc.region || it.Location.Country != tc.country || it.Category != tc.category {
			t.Errorf("%s: region %s, country %s, category %s; want %s, %s, %s",
				tc.name, it.Region, it.Location.Country, it.Category, tc.region, tc.country, tc.category)
		}
		if it.Operator.Country != "US" {
			t.Errorf("%s: operator %+v, want a US operator", tc.name, it.Operator)
		}
		var territorial, operator bool
		for _, j := range it.Reach {
			territorial = territorial || j.Country == tc.country && j.Basis == reach.BasisTerritorial
			operator = operator || j.Country == "US" && j.Basis == reach.BasisOperator && j.Law != ""
		}
		if !territorial || !operator {
			t.Errorf("%s: reach %+v, want %s by territory and the US by operator, with the law named", tc.name, it.Reach, tc.country)
		}
	}

	// The gaps of the scan are on stderr, one line each with what to do;
	// moto lists opt-in regions this account has not enabled.
	var gapLines []string
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.HasPrefix(l, "gap: aws, account acme") {
			gapLines = append(gapLines, l)
		}
	}
	if !slices.ContainsFunc(gapLines, func(l string) bool { return strings.Contains(l, "opt-in regions are not enabled") }) {
		t.Errorf("stderr lacks the opt-in regions gap:\n%s", stderr.String())
	}
	if len(gapLines) != len(scan.Gaps) {
		t.Errorf("%d gap lines on stderr for %d gaps in the JSON:\n%s", len(gapLines), len(scan.Gaps), stderr.String())
	}
}

// TestCommandLineScansAnS3CompatibleEndpoint: `reachmap scan --s3-endpoint`
// with the keys in the environment, placed by the provider and region the
// user names.
func TestCommandLineScansAnS3CompatibleEndpoint(t *testing.T) {
	url, access, secret, region := aws.VersityEndpoint(t, 2)
	t.Setenv("REACHMAP_S3_ACCESS_KEY_ID", access)
	t.Setenv("REACHMAP_S3_SECRET_ACCESS_KEY", secret)
	var stdout, stderr bytes.Buffer
	code := cli.Main([]string{"scan", "--s3-endpoint", url, "--s3-provider", "wasabi", "--s3-region", region,
		"--format", "json", "--no-save"}, &stdout, &stderr)
	if code != cli.ExitOK {
		t.Fatalf("exit %d:\n%s", code, stderr.String())
	}
	if strings.Contains(stderr.String(), secret) || strings.Contains(stdout.String(), secret) {
		t.Error("the secret key appears in the output")
	}
	scan, err := inventory.ReadJSON(&stdout)
	if err != nil {
		t.Fatal(err)
	}
	if len(scan.Assets) != 2 || len(scan.Gaps) != 0 {
		t.Fatalf("%d items, gaps %v", len(scan.Assets), scan.Gaps)
	}
	for _, it := range scan.Assets {
		// Wasabi's eu-central-1 is Amsterdam; Wasabi is a US company.
		if it.Provider != "wasabi" || it.Region != region || it.Location.Country != "NL" ||
			it.Operator.Country != "US" || it.Category != reach.CategoryHomeForeign {
			t.Errorf("item %+v", it)
		}
	}
}
