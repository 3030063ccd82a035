package aws

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/backup"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/reachmap/reachmap/providers"
)

// motoAccount is the account moto gives its default keys.
const motoAccount = "123456789012"

// orgEstate is an organization in moto: the management account (moto's
// default keys) with the bucket mgmt-files and a tagged table and vault,
// and members alpha (a bucket tagged data=health, replicated to beta),
// beta (the replica's bucket) and refuser, whose role the front refuses.
type orgEstate struct {
	f     *front
	files *sharedFiles
	ids   map[string]string // member name → account id
}

func newOrgEstate(t *testing.T, members ...string) *orgEstate {
	t.Helper()
	endpoint := freshMoto(t)
	ctx := context.Background()
	mgmt := rawConfig(endpoint, "eu-west-1", motoAccess, motoSecret)
	org := organizations.NewFromConfig(mgmt)
	if _, err := org.CreateOrganization(ctx, &organizations.CreateOrganizationInput{FeatureSet: "ALL"}); err != nil {
		t.Fatalf("create organization: %v", err)
	}
	e := &orgEstate{ids: map[string]string{}}
	for _, m := range members {
		out, err := org.CreateAccount(ctx, &organizations.CreateAccountInput{AccountName: sdkaws.String(m), Email: sdkaws.String(m + "@example.com")})
		if err != nil {
			t.Fatalf("create account %s: %v", m, err)
		}
		e.ids[m] = sdkaws.ToString(out.CreateAccountStatus.AccountId)
	}
	e.f = newFront(t, endpoint)
	e.files = writeFiles(t, testProfile{name: "mgmt", region: "eu-west-1", endpoint: e.f.URL(), access: motoAccess, secret: motoSecret})
	return e
}

// as is a raw config with the credentials of role R in a member account.
func (e *orgEstate) as(t *testing.T, endpoint, member, region string) sdkaws.Config {
	t.Helper()
	cfg, err := assumeRaw(endpoint, e.ids[member], region)
	if err != nil {
		t.Fatalf("assume role in %s: %v", member, err)
	}
	return cfg
}

// assumeRaw takes role R in an account with moto's default keys.
func assumeRaw(endpoint, account, region string) (sdkaws.Config, error) {
	out, err := sts.NewFromConfig(rawConfig(endpoint, region, motoAccess, motoSecret)).AssumeRole(context.Background(), &sts.AssumeRoleInput{
		RoleArn: sdkaws.String(roleARN("aws", account, "R")), RoleSessionName: sdkaws.String("seed"),
	})
	if err != nil {
		return sdkaws.Config{}, err
	}
	c := out.Credentials
	cfg := rawConfig(endpoint, region, "", "")
	cfg.Credentials = credentials.NewStaticCredentialsProvider(sdkaws.ToString(c.AccessKeyId), sdkaws.ToString(c.SecretAccessKey), sdkaws.ToString(c.SessionToken))
	return cfg, nil
}

// createBucketRaw creates a bucket in the config's region.
func createBucketRaw(cfg sdkaws.Config, name string) error {
	c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	in := &s3.CreateBucketInput{Bucket: sdkaws.String(name)}
	if cfg.Region != "us-east-1" {
		in.CreateBucketConfiguration = &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(cfg.Region)}
	}
	_, err := c.CreateBucket(context.Background(), in)
	return err
}

func bucketIn(t *testing.T, cfg sdkaws.Config, name string) *s3.Client {
	t.Helper()
	if err := createBucketRaw(cfg, name); err != nil {
		t.Fatalf("create bucket %s: %v", name, err)
	}
	return s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
}

// seedOrg gives the organization its estate and makes the front refuse
// the role in refuser; it returns the refused role's ARN.
func seedOrg(t *testing.T, e *orgEstate) string {
	t.Helper()
	endpoint := motoSrv.url
	ctx := context.Background()
	bucketIn(t, rawConfig(endpoint, "eu-west-1", motoAccess, motoSecret), "mgmt-files")
	// A table and a vault with tags, in the management account.
	ddb := dynamodb.NewFromConfig(rawConfig(endpoint, "eu-west-1", motoAccess, motoSecret))
	if _, err := ddb.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: sdkaws.String("patients"), BillingMode: ddbtypes.BillingModePayPerRequest,
		AttributeDefinitions: []ddbtypes.AttributeDefinition{{AttributeName: sdkaws.String("id"), AttributeType: ddbtypes.ScalarAttributeTypeS}},
		KeySchema:            []ddbtypes.KeySchemaElement{{AttributeName: sdkaws.String("id"), KeyType: ddbtypes.KeyTypeHash}},
		Tags:                 []ddbtypes.Tag{{Key: sdkaws.String("data"), Value: sdkaws.String("health")}},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := backup.NewFromConfig(rawConfig(endpoint, "eu-west-1", motoAccess, motoSecret)).CreateBackupVault(ctx, &backup.CreateBackupVaultInput{
		BackupVaultName: sdkaws.String("nightly"), BackupVaultTags: map[string]string{"team": "ops"},
	}); err != nil {
		t.Fatal(err)
	}
	// alpha's bucket, tagged, replicated to beta's bucket in Virginia.
	beta := e.as(t, endpoint, "beta", "us-east-1")
	bucketIn(t, beta, "beta-dr")
	alpha := bucketIn(t, e.as(t, endpoint, "alpha", "eu-central-1"), "alpha-records")
	if _, err := alpha.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: sdkaws.String("alpha-records"),
		Tagging: &s3types.Tagging{TagSet: []s3types.Tag{{Key: sdkaws.String("data"), Value: sdkaws.String("health")}}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := alpha.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: sdkaws.String("alpha-records"),
		VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusEnabled}}); err != nil {
		t.Fatal(err)
	}
	if _, err := alpha.PutBucketReplication(ctx, &s3.PutBucketReplicationInput{Bucket: sdkaws.String("alpha-records"),
		ReplicationConfiguration: &s3types.ReplicationConfiguration{
			Role: sdkaws.String("arn:aws:iam::" + e.ids["alpha"] + ":role/replication"),
			Rules: []s3types.ReplicationRule{{ID: sdkaws.String("dr"), Status: s3types.ReplicationRuleStatusEnabled, Priority: sdkaws.Int32(1),
				Filter:                  &s3types.ReplicationRuleFilter{Prefix: sdkaws.String("")},
				DeleteMarkerReplication: &s3types.DeleteMarkerReplication{Status: s3types.DeleteMarkerReplicationStatusDisabled},
				Destination:             &s3types.Destination{Bucket: sdkaws.String("arn:aws:s3:::beta-dr"), Account: sdkaws.String(e.ids["beta"])}}},
		}}); err != nil {
		t.Fatal(err)
	}
	refused := roleARN("aws", e.ids["refuser"], "R")
	// Under the front's lock: a server that already runs reads it.
	e.f.mu.Lock()
	e.f.faultFor = func(r *http.Request, op, _ string) *fault {
		if op == "sts.AssumeRole" {
			body := readBody(r)
			if strings.Contains(body, e.ids["refuser"]) {
				return &fault{status: 403, code: "AccessDenied", message: "User is not authorized to perform: sts:AssumeRole on resource: " + refused}
			}
		}
		return nil
	}
	e.f.mu.Unlock()
	return refused
}

func TestOrganizationScan(t *testing.T) {
	e := newOrgEstate(t, "alpha", "beta", "refuser")
	refused := seedOrg(t, e)
	o := testOptions(e.files)
	p := &Provider{profile: "mgmt", opts: o, orgRole: "R", claims: newAccountClaims()}
	sink, err := scan(t, p)
	if err != nil {
		t.Fatalf("scan: %v\n%s", err, sink.gapText())
	}
	got := map[string]providers.Asset{}
	for _, a := range sink.Assets {
		k := a.Account + "/" + a.Name
		if _, dup := got[k]; dup {
			t.Errorf("%s reported twice", k)
		}
		got[k] = a
	}
	want := map[string]string{
		"mgmt/mgmt-files": motoAccount, "mgmt/patients": motoAccount, "mgmt/nightly": motoAccount,
		"alpha/alpha-records": e.ids["alpha"], "beta/beta-dr": e.ids["beta"],
	}
	for k, id := range want {
		a, ok := got[k]
		if !ok {
			t.Errorf("%s missing; found %v", k, sortedKeys(got))
			continue
		}
		if a.AccountID != id {
			t.Errorf("%s: account_id %q, want %q", k, a.AccountID, id)
		}
	}
	for k, a := range got {
		if a.Account == "refuser" {
			t.Errorf("an item of the refusing account: %s", k)
		}
	}
	// Tags from the tagging API and S3.
	if v := got["alpha/alpha-records"].Tags["data"]; v != "health" {
		t.Errorf("alpha-records tags %v, want data=health", got["alpha/alpha-records"].Tags)
	}
	if v := got["mgmt/patients"].Tags["data"]; v != "health" {
		t.Errorf("table tags %v, want data=health", got["mgmt/patients"].Tags)
	}
	if v := got["mgmt/nightly"].Tags["team"]; v != "ops" {
		t.Errorf("vault tags %v, want team=ops", got["mgmt/nightly"].Tags)
	}
	// The replication rule to another account is a copy in Virginia.
	cs := got["alpha/alpha-records"].Copies
	if len(cs) != 1 || cs[0].Region != "us-east-1" || cs[0].Item != "beta-dr" || cs[0].AccountID != e.ids["beta"] || !strings.Contains(cs[0].Why, `"dr"`) {
		t.Errorf("alpha-records copies = %+v, want one to beta-dr in us-east-1, account %s", cs, e.ids["beta"])
	}
	// One gap for the refusing member, naming it, the role and what to do.
	gs := sink.gapsMatching("refuser")
	if len(gs) != 1 {
		t.Fatalf("gaps about refuser: %d\n%s", len(gs), sink.gapText())
	}
	g := gs[0]
	for _, s := range []string{e.ids["refuser"], "refuser", refused, "AccessDenied"} {
		if !strings.Contains(g.Error, s) {
			t.Errorf("gap %q does not name %q", g.Error, s)
		}
	}
	if !strings.Contains(g.Hint, "Create the role R in account "+e.ids["refuser"]) || !strings.Contains(g.Hint, motoAccount) {
		t.Errorf("hint %q", g.Hint)
	}
	// Assuming the role is the only non-read call, and once per member.
	if n := e.f.count("sts.AssumeRole"); n != 3 {
		t.Errorf("%d AssumeRole calls, want one per member (3)", n)
	}
}

// readBody reads a request's body and leaves it readable.
func readBody(r *http.Request) string {
	if r.Body == nil {
		return ""
	}
	b, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(b))
	return string(b)
}

func TestTwoProfilesOnOneAccountAreScannedOnce(t *testing.T) {
	endpoint := freshMoto(t)
	bucketIn(t, rawConfig(endpoint, "eu-west-1", motoAccess, motoSecret), "shared-files")
	files := writeFiles(t,
		testProfile{name: "work", region: "eu-west-1", endpoint: endpoint, access: motoAccess, secret: motoSecret},
		testProfile{name: "work-again", region: "eu-west-1", endpoint: endpoint, access: motoAccess, secret: motoSecret})
	ps, err := newProviders(Options{Profiles: []string{"work", "work-again"}}, providers.Shared{})
	if err != nil {
		t.Fatal(err)
	}
	sink := &recSink{}
	done := make(chan error, len(ps))
	for _, p := range ps {
		p := p.(*Provider)
		p.opts = testOptions(files)
		go func() { done <- p.Scan(context.Background(), sink) }()
	}
	for range ps {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for _, a := range sink.Assets {
		if a.Name == "shared-files" {
			n++
			if a.AccountID != motoAccount {
				t.Errorf("account_id %q", a.AccountID)
			}
		}
	}
	if n != 1 {
		t.Errorf("shared-files reported %d times, want once", n)
	}
}
