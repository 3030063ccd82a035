package aws

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/reachmap/reachmap/providers"
)

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if content == "" {
		return p // a file that does not exist
	}
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestProfiles(t *testing.T) {
	tests := []struct {
		name          string
		config, creds string
		envKeys       bool
		want          []Profile
	}{
		{
			name: "no files at all",
			want: []Profile{},
		},
		{
			name:    "no files, keys in the environment",
			envKeys: true,
			want:    []Profile{{Name: "default", Source: "env"}},
		},
		{
			name: "config and credentials",
			config: `# the contractor's setup
[default]
region = eu-west-3

[profile client-a]
region = eu-central-1 ; Frankfurt
output = json
s3 =
  addressing_style = path
  region = this-is-nested-and-ignored

[profile sso-b]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = ReadOnly
region = us-east-1

[profile legacy-sso]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start

[services local]
s3 =
  endpoint_url = http://127.0.0.1:9000

[profile beijing]
region = cn-north-1

[profile gov]
region = us-gov-west-1

[profile sovereign]
region = eusc-de-east-1

[profile minio]
region = us-east-1
endpoint_url = http://127.0.0.1:9000

[not-a-profile]
region = ap-south-1
`,
			creds: `[default]
aws_access_key_id = AKIA
aws_secret_access_key = x

[keys-only]
aws_access_key_id = AKIB
aws_secret_access_key = y
region = sa-east-1
`,
			envKeys: true, // ignored: the files define default
			want: []Profile{
				{Name: "default", Region: "eu-west-3", Source: "config+credentials", Partition: "aws"},
				{Name: "beijing", Region: "cn-north-1", Source: "config", Partition: "aws-cn"},
				{Name: "client-a", Region: "eu-central-1", Source: "config", Partition: "aws"},
				{Name: "gov", Region: "us-gov-west-1", Source: "config", Partition: "aws-us-gov"},
				{Name: "keys-only", Region: "sa-east-1", Source: "credentials", Partition: "aws"},
				{Name: "legacy-sso", SSO: true, Source: "config", SSOCache: "https://corp.awsapps.com/start"},
				{Name: "minio", Region: "us-east-1", Source: "config", Endpoint: "http://127.0.0.1:9000", Partition: "aws"},
				{Name: "sovereign", Region: "eusc-de-east-1", Source: "config", Partition: "aws-eusc"},
				{Name: "sso-b", Region: "us-east-1", SSO: true, Source: "config", Partition: "aws", SSOCache: "corp"},
			},
		},
		{
			name:   "malformed lines are skipped, not fatal",
			config: "[profile ok]\nregion=us-west-2\nthis line has no equals\n[broken\nregion = xx\n[profile ]\nregion = yy\n",
			want:   []Profile{{Name: "ok", Region: "us-west-2", Source: "config", Partition: "aws"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			files := sharedFiles{
				config:      []string{writeFile(t, dir, "config", tc.config)},
				credentials: []string{writeFile(t, dir, "credentials", tc.creds)},
			}
			got, err := listProfiles(files, tc.envKeys)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("profiles =\n%+v\nwant\n%+v", got, tc.want)
			}
		})
	}
}

func TestProfilesHonourEnvironmentFiles(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("AWS_CONFIG_FILE", writeFile(t, dir, "cfg", "[profile from-env-file]\nregion = eu-north-1\n"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", writeFile(t, dir, "creds", "[other]\naws_access_key_id = a\n"))
	got, err := Profiles()
	if err != nil {
		t.Fatal(err)
	}
	want := []Profile{
		{Name: "from-env-file", Region: "eu-north-1", Source: "config", Partition: "aws"},
		{Name: "other", Source: "credentials"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Profiles() = %+v, want %+v", got, want)
	}
}

func TestProfilesUnreadableFile(t *testing.T) {
	dir := t.TempDir() // a directory where a file is expected cannot be read
	if _, err := listProfiles(sharedFiles{config: []string{dir}}, false); err == nil {
		t.Fatal("reading a directory as the config file succeeded")
	}
}

func TestFactory(t *testing.T) {
	tests := []struct {
		name     string
		profiles []string
		want     []string
		wantErr  bool
	}{
		{"none", nil, nil, false},
		{"two", []string{"default", "client-a"}, []string{"aws:default", "aws:client-a"}, false},
		{"duplicates collapse", []string{"a", " a ", "b"}, []string{"aws:a", "aws:b"}, false},
		{"empty name", []string{"a", " "}, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps, err := Factory.New(Options{Profiles: tc.profiles}, providers.Shared{})
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tc.wantErr)
			}
			var names []string
			for _, p := range ps {
				names = append(names, p.Name())
			}
			if !reflect.DeepEqual(names, tc.want) {
				t.Errorf("providers = %v, want %v", names, tc.want)
			}
		})
	}
	if Factory.Name != "aws" {
		t.Errorf("factory name %q", Factory.Name)
	}
	providers.NewRegistry(Factory) // must not panic
}

func TestIsReadOnlyOperation(t *testing.T) {
	tests := []struct {
		op   string
		want bool
	}{
		{"ListBuckets", true},
		{"HeadBucket", true},
		{"GetBucketLocation", true},
		{"DescribeRegions", true},
		{"DescribeActiveReceiptRuleSet", true},
		{"PutObject", false},
		{"DeleteBucket", false},
		{"CreateTable", false},
		{"TerminateInstances", false},
		{"UpdateItem", false},
		{"TagResource", false},
		{"CopyObject", false},
		{"RestoreObject", false},
		{"SetActiveReceiptRuleSet", false},
		{"List", false},
		{"Listen", false},
		{"Getaway", false},
		{"", false},
		{"listBuckets", false},
	}
	for _, tc := range tests {
		if got := isReadOnlyOperation(tc.op); got != tc.want {
			t.Errorf("isReadOnlyOperation(%q) = %v, want %v", tc.op, got, tc.want)
		}
	}
}

// TestMutatingCallsNeverLeave builds clients exactly as a scan does and
// tries calls that would change an account. The guard must refuse each
// before it is sent: the server, which answers anything, sees nothing.
func TestMutatingCallsNeverLeave(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	files := writeFiles(t, testProfile{name: "p", region: "eu-west-1", endpoint: srv.URL, access: "AKIA", secret: "s"})
	o := testOptions(files)
	o.maxAttempts = 1
	s, err := openSession(context.Background(), "p", o)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	calls := mutatingCalls(s)
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			before := hits.Load()
			err := call(ctx)
			var guard *NotReadOnlyError
			if !errors.As(err, &guard) {
				t.Fatalf("err = %v, want NotReadOnlyError", err)
			}
			if n := hits.Load() - before; n != 0 {
				t.Fatalf("the server saw %d requests for a refused call", n)
			}
			if classify(err) != classRefused {
				t.Errorf("classify = %v, want classRefused", classify(err))
			}
		})
	}
	// The same client does reach the server with a read: the zero above
	// means "refused", not "could not connect".
	before := hits.Load()
	s.s3().ListBuckets(ctx, &s3.ListBucketsInput{})
	if hits.Load()-before != 1 {
		t.Fatalf("a read-only call did not reach the server (%d requests)", hits.Load()-before)
	}
}
