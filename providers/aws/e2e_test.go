package aws_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/internal/testbin"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/providers/aws"
)

// The end-to-end tests run the real binary, built once, the way a person
// runs it, against an organization in moto.

// reachmapBinary is the real program, built once for the package's tests.
func reachmapBinary(t *testing.T) string { return testbin.Build(t) }

// runBinary runs reachmap with the organization's shared files and
// nothing of the machine's own AWS setup.
func runBinary(t *testing.T, config, creds string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(reachmapBinary(t), args...)
	home := t.TempDir()
	cmd.Env = []string{
		"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"), "XDG_DATA_HOME=" + filepath.Join(home, ".local"),
		"PATH=" + os.Getenv("PATH"), "AWS_CONFIG_FILE=" + config, "AWS_SHARED_CREDENTIALS_FILE=" + creds,
		"AWS_EC2_METADATA_DISABLED=true",
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		t.Fatal(err)
	}
	return code, out.String(), errb.String()
}

func TestBinaryScansAnOrganization(t *testing.T) {
	config, creds, ids := aws.OrgEstate(t)
	code, out, errOut := runBinary(t, config, creds, "scan", "--aws-profile", "mgmt", "--aws-org-role", "R", "--format", "json", "--no-save", "--home", "EU")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, errOut)
	}
	scan, err := inventory.ReadJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]inventory.Item{}
	for _, it := range scan.Assets {
		by[it.Account+"/"+it.Name] = it
	}
	for k, id := range map[string]string{"mgmt/mgmt-files": "123456789012", "alpha/alpha-records": ids["alpha"], "beta/beta-dr": ids["beta"]} {
		if it, ok := by[k]; !ok || it.AccountID != id {
			t.Errorf("%s: found %v, account_id %q; want %q", k, ok, it.AccountID, id)
		}
	}
	// The JSON has the field names of the contract.
	for _, f := range []string{`"account_id": "` + ids["alpha"] + `"`, `"copies": [`, `"copy": "us-east-1"`, `"item": "beta-dr"`} {
		if !strings.Contains(out, f) {
			t.Errorf("the JSON lacks %s", f)
		}
	}
	rec := by["alpha/alpha-records"]
	if len(rec.Copies) != 1 || rec.Copies[0].Location.Country != "US" || rec.Copies[0].Item != "beta-dr" {
		t.Errorf("alpha-records copies %+v, want beta-dr in the US", rec.Copies)
	}
	if rec.Category != "foreign" || rec.Tags["data"] != "health" {
		t.Errorf("alpha-records: category %s, tags %v; want foreign through its copy, data=health", rec.Category, rec.Tags)
	}
	if !strings.Contains(errOut, "refused the role") || !strings.Contains(errOut, ids["refuser"]) {
		t.Errorf("stderr lacks the refusing member's gap:\n%s", errOut)
	}
}

// The README's example policy, run on the organization: the bucket tagged
// data=health outside home breaks "health data stays home", exit 3.
func TestBinaryREADMEPolicyNamesTheTaggedBucket(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```yaml\n([^`]*?match: \\{tag: \\{data: health\\}\\}.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README has no example policy with match: {tag: {data: health}}")
	}
	policy := filepath.Join(t.TempDir(), "policy.yaml")
	if err := os.WriteFile(policy, m[1], 0o600); err != nil {
		t.Fatal(err)
	}
	config, creds, _ := aws.OrgEstate(t)
	code, _, errOut := runBinary(t, config, creds, "scan", "--aws-profile", "mgmt", "--aws-org-role", "R", "--policy", policy, "--no-save", "--home", "EU")
	if code != 3 {
		t.Fatalf("exit %d, want 3 (policy violated):\n%s", code, errOut)
	}
	if !regexp.MustCompile(`aws/alpha bucket alpha-records: rule "health data stays home"`).MatchString(errOut) {
		t.Errorf("stderr does not name alpha-records under the health rule:\n%s", errOut)
	}
}
