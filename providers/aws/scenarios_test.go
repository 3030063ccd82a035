package aws

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/reachmap/reachmap/providers"
)

// iamUser creates a moto IAM user with an inline policy (none when
// policy is empty) and returns its access key.
func iamUser(t *testing.T, endpoint, name, policy string) (access, secret string) {
	t.Helper()
	ctx := context.Background()
	c := iam.NewFromConfig(rawConfig(endpoint, "us-east-1", motoAccess, motoSecret))
	if _, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: sdkaws.String(name)}); err != nil {
		t.Fatalf("create user: %v", err)
	}
	if policy != "" {
		if _, err := c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{
			UserName: sdkaws.String(name), PolicyName: sdkaws.String("reachmap"), PolicyDocument: sdkaws.String(policy),
		}); err != nil {
			t.Fatalf("put user policy: %v", err)
		}
	}
	k, err := c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: sdkaws.String(name)})
	if err != nil {
		t.Fatalf("create access key: %v", err)
	}
	return sdkaws.ToString(k.AccessKey.AccessKeyId), sdkaws.ToString(k.AccessKey.SecretAccessKey)
}

// policyWithout is Policy() minus some actions.
func policyWithout(t *testing.T, drop ...string) string {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal([]byte(Policy()), &doc); err != nil {
		t.Fatal(err)
	}
	st := doc["Statement"].([]any)[0].(map[string]any)
	var keep []any
	for _, a := range st["Action"].([]any) {
		dropped := false
		for _, d := range drop {
			dropped = dropped || a == d
		}
		if !dropped {
			keep = append(keep, a)
		}
	}
	st["Action"] = keep
	b, _ := json.Marshal(doc)
	return string(b)
}

// motoPolicy is a policy as moto 5.2 evaluates it: it names the tagging
// API's actions by the API's signing name, "tagging:", where AWS says
// "tag:".
func motoPolicy(p string) string {
	return strings.ReplaceAll(p, `"tag:GetResources"`, `"tag:GetResources", "tagging:GetResources"`)
}

// TestAccessDeniedByIAM turns on moto's IAM policy evaluation: requests
// are then checked against the users' real policies.
func TestAccessDeniedByIAM(t *testing.T) {
	endpoint := freshMoto(t)
	seedMoto(t, endpoint)
	fullAK, fullSK := iamUser(t, endpoint, "auditor", motoPolicy(Policy()))
	noRDSAK, noRDSSK := iamUser(t, endpoint, "auditor-no-rds", motoPolicy(policyWithout(t, "rds:DescribeDBInstances", "rds:DescribeDBClusters")))
	nobodyAK, nobodySK := iamUser(t, endpoint, "nobody", "")
	adminAK, adminSK := iamUser(t, endpoint, "admin", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
	motoPost(t, "/moto-api/reset-auth", "0")
	t.Cleanup(func() { motoPost(t, "/moto-api/reset-auth", "inf") })

	files := writeFiles(t,
		testProfile{name: "full", region: "eu-west-3", endpoint: endpoint, access: fullAK, secret: fullSK},
		testProfile{name: "no-rds", region: "eu-west-3", endpoint: endpoint, access: noRDSAK, secret: noRDSSK},
		testProfile{name: "nobody", region: "eu-west-3", endpoint: endpoint, access: nobodyAK, secret: nobodySK},
		testProfile{name: "admin", region: "eu-west-3", endpoint: endpoint, access: adminAK, secret: adminSK},
		testProfile{name: "stranger", region: "eu-west-3", endpoint: endpoint, access: "AKIAUNKNOWNKEY000000", secret: "x"},
	)

	t.Run("the shipped policy is enough", func(t *testing.T) {
		sink, err := scan(t, testProvider("full", testOptions(files)))
		if err != nil {
			t.Fatalf("scan: %v\n%s", err, sink.gapText())
		}
		// The control: an administrator. moto 5.2 rejects the Go SDK's
		// signature on EFS, Glacier and Backup GETs (SignatureDoesNotMatch)
		// whatever the policy, so what fails for the administrator too is
		// moto's limit, not the policy's.
		admin, err := scan(t, testProvider("admin", testOptions(files)))
		if err != nil {
			t.Fatalf("admin scan: %v\n%s", err, admin.gapText())
		}
		adminFails := map[string]bool{}
		for _, g := range admin.Gaps {
			adminFails[g.Region+" "+strings.SplitN(g.Error, ":", 2)[0]] = true
		}
		for _, g := range sink.Gaps {
			if strings.Contains(g.Error, "opt-in regions") {
				continue
			}
			if !adminFails[g.Region+" "+strings.SplitN(g.Error, ":", 2)[0]] {
				t.Errorf("refused under the shipped policy but not for an administrator: %+v", g)
			}
		}
		got := sink.byKey(t)
		for _, k := range []string{"database/eu-west-1/orders", "database/eu-central-1/crm-db", "database/eu-west-1/analytics", "mail-inbound/eu-west-1/inbound-mail"} {
			if _, ok := got[k]; !ok {
				t.Errorf("%s missing under the shipped policy", k)
			}
		}
		// The policy leaves out s3:ListBucket. S3 sends x-amz-bucket-region
		// on a 403 HEAD (and BucketRegion in ListBuckets); moto sends neither,
		// so here each bucket is listed with an item gap naming the action.
		buckets := 0
		for _, a := range sink.Assets {
			if a.Kind != providers.KindBucket {
				continue
			}
			buckets++
			if len(a.Gaps) != 1 || !strings.Contains(a.Gaps[0].Hint, "s3:ListBucket") || a.Gaps[0].Item != a.Name {
				t.Errorf("bucket %s gaps = %+v", a.Name, a.Gaps)
			}
		}
		if buckets != 4 {
			t.Errorf("%d buckets listed, want 4", buckets)
		}
	})

	t.Run("a missing permission is one gap naming it", func(t *testing.T) {
		sink, err := scan(t, testProvider("no-rds", testOptions(files)))
		if err != nil {
			t.Fatalf("scan: %v\n%s", err, sink.gapText())
		}
		for k := range sink.byKey(t) {
			if strings.Contains(k, "crm-db") || strings.Contains(k, "analytics") {
				t.Errorf("RDS asset %s found without RDS permissions", k)
			}
		}
		for _, op := range []string{"RDS DescribeDBInstances", "RDS DescribeDBClusters"} {
			gs := sink.gapsMatching(op)
			if len(gs) != 1 {
				t.Errorf("%s: want one gap, got:\n%s", op, sink.gapText())
				continue
			}
			g := gs[0]
			action := "rds:" + strings.TrimPrefix(op, "RDS ")
			if !strings.Contains(g.Error, "denied in all") || !strings.Contains(g.Error, "AccessDenied") ||
				!strings.Contains(g.Hint, action) || !strings.Contains(g.Hint, "aws-policy") || g.Account != "no-rds" {
				t.Errorf("gap = %+v", g)
			}
		}
		if _, ok := sink.byKey(t)["database/eu-west-1/orders"]; !ok {
			t.Error("DynamoDB table missing: a denied service must not stop the others")
		}
	})

	t.Run("no permission at all", func(t *testing.T) {
		sink, err := scan(t, testProvider("nobody", testOptions(files)))
		if err == nil || !strings.Contains(err.Error(), "nothing could be scanned") {
			t.Fatalf("err = %v, want nothing could be scanned\n%s", err, sink.gapText())
		}
		if len(sink.Assets) != 0 {
			t.Errorf("%d assets without permissions", len(sink.Assets))
		}
		want := []string{"S3 ListBuckets: AccessDenied", "EC2 DescribeRegions: ", "could not list the account's enabled regions", "every call in all"}
		for _, w := range want {
			if len(sink.gapsMatching(w)) != 1 {
				t.Errorf("want one gap %q, got:\n%s", w, sink.gapText())
			}
		}
		// This test talks to moto alone, for its IAM checks, and moto serves
		// no WorkMail: its three regions answer HTTP 500.
		if n := len(sink.Gaps) - len(sink.gapsMatching("WorkMail")); n != len(want) {
			t.Errorf("want %d gaps besides WorkMail's, got:\n%s", len(want), sink.gapText())
		}
	})

	t.Run("unknown access key", func(t *testing.T) {
		sink, err := scan(t, testProvider("stranger", testOptions(files)))
		if err == nil {
			t.Fatalf("scan with an unknown key succeeded:\n%s", sink.gapText())
		}
		for _, g := range sink.Gaps {
			if !strings.Contains(g.Hint, "rejected") {
				t.Errorf("gap = %+v, want a rejected-key hint", g)
			}
		}
		if len(sink.Gaps) != 2 { // S3 and the home region, nothing per region
			t.Errorf("want 2 gaps, got:\n%s", sink.gapText())
		}
	})
}

// regionFaults answers every call signed for a region with an error, the
// way AWS answers for a region that is not enabled or closed by an SCP.
func regionFaults(region string, codes map[string]fault) func(*http.Request, string, string) *fault {
	return func(_ *http.Request, op, r string) *fault {
		if r != region {
			return nil
		}
		service, _, _ := strings.Cut(op, ".")
		if f, ok := codes[service]; ok {
			return &f
		}
		f := codes["*"]
		return &f
	}
}

func TestRegionNotEnabledOrClosedBySCP(t *testing.T) {
	endpoint := freshMoto(t)
	seedMoto(t, endpoint)
	f := newFront(t, endpoint)
	f.workMail = newWorkMail(motoAccess, estateMail)
	disabled := regionFaults("ap-northeast-3", map[string]fault{
		"ec2": {status: 401, code: "AuthFailure", message: "AWS was not able to validate the provided access credentials"},
		"*":   {status: 400, code: "UnrecognizedClientException", message: "The security token included in the request is invalid."},
	})
	scp := regionFaults("sa-east-1", map[string]fault{
		"ec2":      {status: 403, code: "UnauthorizedOperation", message: "You are not authorized to perform this operation. with an explicit deny in a service control policy"},
		"dynamodb": {status: 400, code: "AccessDeniedException", message: "explicit deny in a service control policy"},
		"*":        {status: 403, code: "AccessDenied", message: "explicit deny in a service control policy"},
	})
	f.faultFor = func(r *http.Request, op, region string) *fault {
		if ft := disabled(r, op, region); ft != nil {
			return ft
		}
		return scp(r, op, region)
	}
	files := writeFiles(t, testProfile{name: "acme", region: "eu-west-3", endpoint: f.URL(), access: motoAccess, secret: motoSecret})
	sink, err := scan(t, testProvider("acme", testOptions(files)))
	if err != nil {
		t.Fatalf("scan: %v\n%s", err, sink.gapText())
	}
	matchEstate(t, sink)
	var off, closed []providers.Gap
	for _, g := range sink.Gaps {
		switch g.Region {
		case "ap-northeast-3":
			off = append(off, g)
		case "sa-east-1":
			closed = append(closed, g)
		}
	}
	if len(off) != 1 || !strings.Contains(off[0].Error, "not enabled") || !strings.Contains(off[0].Hint, "Regions") {
		t.Errorf("disabled region: want one gap, got %+v", off)
	}
	if len(closed) != 1 || !strings.Contains(closed[0].Error, "every call in sa-east-1 was refused") ||
		!strings.Contains(closed[0].Hint, "SCP") || !strings.Contains(closed[0].Hint, "dynamodb:ListTables") {
		t.Errorf("SCP-closed region: want one gap, got %+v", closed)
	}
	if last := sink.lastProgress(); last.Done != last.Total {
		t.Errorf("progress ended at %d/%d", last.Done, last.Total)
	}
}

// TestOtherPartitions scans profiles homed in the China, GovCloud and
// European Sovereign Cloud partitions: only their own regions are scanned,
// though moto lists every partition's regions (and none of aws-eusc, so
// that profile falls back to its home region).
func TestOtherPartitions(t *testing.T) {
	tests := []struct {
		home    string
		regions []string // scanned, besides S3
	}{
		{"cn-north-1", []string{"cn-north-1", "cn-northwest-1"}},
		{"us-gov-west-1", []string{"us-gov-east-1", "us-gov-west-1"}},
		{"eusc-de-east-1", []string{"eusc-de-east-1"}},
	}
	for _, tc := range tests {
		t.Run(tc.home, func(t *testing.T) {
			endpoint := freshMoto(t)
			for _, region := range []string{tc.home, "eu-west-1"} {
				_, err := dynamodb.NewFromConfig(rawConfig(endpoint, region, motoAccess, motoSecret)).CreateTable(context.Background(), &dynamodb.CreateTableInput{
					TableName:            sdkaws.String("table-in-" + region),
					BillingMode:          ddbtypes.BillingModePayPerRequest,
					AttributeDefinitions: []ddbtypes.AttributeDefinition{{AttributeName: sdkaws.String("id"), AttributeType: ddbtypes.ScalarAttributeTypeS}},
					KeySchema:            []ddbtypes.KeySchemaElement{{AttributeName: sdkaws.String("id"), KeyType: ddbtypes.KeyTypeHash}},
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			f := newFront(t, endpoint)
			files := writeFiles(t, testProfile{name: "p", region: tc.home, endpoint: f.URL(), access: motoAccess, secret: motoSecret})
			sink, err := scan(t, testProvider("p", testOptions(files)))
			if err != nil {
				t.Fatalf("scan: %v\n%s", err, sink.gapText())
			}
			got := sink.byKey(t)
			if _, ok := got["database/"+tc.home+"/table-in-"+tc.home]; !ok {
				t.Errorf("home-partition table missing; got %v", sortedKeys(got))
			}
			if _, ok := got["database/eu-west-1/table-in-eu-west-1"]; ok {
				t.Error("a commercial-partition region was scanned")
			}
			if last := sink.lastProgress(); last.Total != len(tc.regions)+1 || last.Done != last.Total {
				t.Errorf("progress = %+v, want %d regions and S3", last, len(tc.regions))
			}
			f.mu.Lock()
			for op := range f.ops {
				if op == "dynamodb.ListTables" && f.ops[op] != len(tc.regions) {
					t.Errorf("%s called %d times, want once per region of the partition", op, f.ops[op])
				}
			}
			f.mu.Unlock()
		})
	}
}

// TestAssumeRoleProfile: a role profile gets its credentials from STS
// AssumeRole, a call the read-only guard must leave alone: it guards the
// clients the scan builds, not the SDK's credential providers.
func TestAssumeRoleProfile(t *testing.T) {
	endpoint := freshMoto(t)
	seedMoto(t, endpoint)
	// The SDK builds the STS client for the role before it resolves
	// endpoint_url or AWS_ENDPOINT_URL; only the STS-specific variable
	// reaches it.
	t.Setenv("AWS_ENDPOINT_URL_STS", endpoint)
	// The role's keys are minted by moto's STS, so WorkMail takes any key.
	f := newFront(t, endpoint)
	f.workMail = newWorkMail("", estateMail)
	files := writeFiles(t,
		testProfile{name: "base", region: "eu-west-3", endpoint: endpoint, access: motoAccess, secret: motoSecret},
		testProfile{name: "auditor", region: "eu-west-3", endpoint: f.URL(),
			extra: "role_arn = arn:aws:iam::123456789012:role/reachmap-audit\nsource_profile = base\n"},
	)
	sink, err := scan(t, testProvider("auditor", testOptions(files)))
	if err != nil {
		t.Fatalf("scan: %v\n%s", err, sink.gapText())
	}
	matchEstate(t, sink)
}

func TestDeadAndSilentEndpoints(t *testing.T) {
	dead, err := freePort() // nothing listens there once freePort returns
	if err != nil {
		t.Fatal(err)
	}
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	var held sync.WaitGroup
	go func() { // accept and never answer
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			held.Add(1)
			go func() { defer held.Done(); defer c.Close(); c.Read(make([]byte, 1<<20)); time.Sleep(30 * time.Second) }()
		}
	}()
	tests := []struct {
		name, endpoint string
		errorHas       string
		hintHas        string
	}{
		{"closed port", "http://" + dead, "connection refused", "network"},
		{"silent server", "http://" + silent.Addr().String(), "timed out", "did not answer"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := writeFiles(t, testProfile{name: "far", region: "eu-west-1", endpoint: tc.endpoint, access: "AKIA", secret: "s"})
			o := testOptions(files)
			o.responseTimeout = 300 * time.Millisecond
			o.maxAttempts = 2
			begin := time.Now()
			sink, err := scan(t, testProvider("far", o))
			elapsed := time.Since(begin)
			if err == nil || !strings.Contains(err.Error(), "nothing could be scanned") {
				t.Errorf("err = %v, want nothing could be scanned", err)
			}
			if elapsed > 10*time.Second {
				t.Errorf("took %v to give up on a dead endpoint", elapsed)
			}
			// STS, asked first whose keys these are, is the one call made:
			// a dead endpoint is said once.
			if len(sink.Gaps) != 1 || !strings.Contains(sink.Gaps[0].Error, "STS GetCallerIdentity") {
				t.Errorf("want 1 gap (STS), got:\n%s", sink.gapText())
			}
			for _, g := range sink.Gaps {
				if !strings.Contains(g.Error, tc.errorHas) || !strings.Contains(g.Hint, tc.hintHas) {
					t.Errorf("gap = %+v, want error ~ %q, hint ~ %q", g, tc.errorHas, tc.hintHas)
				}
			}
		})
	}
}

func TestCredentialProblems(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	// Should anything still try the network, it meets a closed port.
	dead, _ := freePort()
	t.Setenv("AWS_ENDPOINT_URL", "http://"+dead)

	const startURL = "https://acme.awsapps.com/start"
	cache := filepath.Join(home, ".aws", "sso", "cache")
	os.MkdirAll(cache, 0o700)
	token := func(key string) {
		sum := sha1.Sum([]byte(key))
		body := fmt.Sprintf(`{"accessToken":"expired","expiresAt":"2020-01-01T00:00:00Z","region":"eu-west-1","startUrl":%q}`, startURL)
		if err := os.WriteFile(filepath.Join(cache, hex.EncodeToString(sum[:])+".json"), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	token(startURL) // legacy profiles key the cache by start URL
	token("corp")   // sso-session profiles by the session name

	ssoLegacy := "sso_start_url = " + startURL + "\nsso_region = eu-west-1\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n"
	ssoSession := "sso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n"
	files := writeFiles(t,
		testProfile{name: "sso-legacy", region: "eu-west-1", extra: ssoLegacy},
		testProfile{name: "sso-new", region: "eu-west-1", extra: ssoSession + "\n[sso-session corp]\nsso_start_url = " + startURL + "\nsso_region = eu-west-1\n"},
		testProfile{name: "sso-never", region: "eu-west-1", extra: strings.Replace(ssoLegacy, startURL, "https://never.awsapps.com/start", 1)},
	)
	tests := []struct {
		profile   string
		files     *sharedFiles
		errorHas  string
		hintHas   string
		hintHasNo string
	}{
		{"sso-legacy", files, "SSO session", "aws sso login --profile sso-legacy", ""},
		{"sso-new", files, "SSO session", "aws sso login --profile sso-new", ""},
		{"sso-never", files, "SSO session", "aws sso login --profile sso-never", ""},
		{"ghost", files, `"ghost" was not found`, "aws configure --profile ghost", ""},
		{"default", writeFiles(t), "no AWS credentials found", "aws configure --profile default", "sso"},
	}
	for _, tc := range tests {
		t.Run(tc.profile, func(t *testing.T) {
			begin := time.Now()
			sink, err := scan(t, testProvider(tc.profile, testOptions(tc.files)))
			if err == nil {
				t.Fatal("scan without usable credentials succeeded")
			}
			if time.Since(begin) > 10*time.Second {
				t.Errorf("took %v", time.Since(begin))
			}
			if len(sink.Gaps) != 1 {
				t.Fatalf("want one gap, got:\n%s", sink.gapText())
			}
			g := sink.Gaps[0]
			if !strings.Contains(g.Error, tc.errorHas) || !strings.Contains(g.Hint, tc.hintHas) ||
				(tc.hintHasNo != "" && strings.Contains(g.Hint, tc.hintHasNo)) || g.Account != tc.profile {
				t.Errorf("gap = %+v\nwant error ~ %q, hint ~ %q", g, tc.errorHas, tc.hintHas)
			}
			if !strings.Contains(err.Error(), g.Error) {
				t.Errorf("returned error %q does not say %q", err, g.Error)
			}
		})
	}
}

func TestCancelStopsPromptly(t *testing.T) {
	endpoint := freshMoto(t)
	f := newFront(t, endpoint)
	f.delay = 5 * time.Second
	files := writeFiles(t, testProfile{name: "slow", region: "eu-west-1", endpoint: f.URL(), access: motoAccess, secret: motoSecret})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	sink := &recSink{}
	begin := time.Now()
	err := testProvider("slow", testOptions(files)).Scan(ctx, sink)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if d := time.Since(begin); d > 2*time.Second {
		t.Errorf("Scan returned %v after cancel", d-300*time.Millisecond)
	}
	if len(sink.Gaps) != 0 {
		t.Errorf("cancellation reported as gaps:\n%s", sink.gapText())
	}
}
