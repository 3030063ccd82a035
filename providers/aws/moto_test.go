package aws

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"strings"
	"testing"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/backup"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	efstypes "github.com/aws/aws-sdk-go-v2/service/efs/types"
	"github.com/aws/aws-sdk-go-v2/service/glacier"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/ses"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
)

// estate is what seedMoto creates, with estateMail's organizations:
// "kind/region/name" of every data store.
var estate = []string{
	"bucket/eu-west-3/acme-invoices",
	"bucket/eu-central-1/acme-plans",
	"bucket/us-east-1/acme-old-site",
	"bucket/ap-southeast-2/acme-photos",
	"database/eu-west-1/orders",
	"database/us-east-1/sessions",
	"database/eu-central-1/crm-db",
	"database/eu-west-1/analytics",
	"filesystem/eu-west-3/" + "EFS", // the id is generated; matched by prefix
	"volume/eu-west-1/" + "VOL",
	"snapshot/eu-west-1/" + "SNAP",
	"archive/eu-central-1/tax-archive",
	"backup-vault/eu-west-1/nightly",
	"mail-inbound/eu-west-1/inbound-mail",
	"mailbox/eu-west-1/acme-mail",
	"mailbox/us-east-1/m-3c0ffee5d1e2a4b6c8d0e2f4a6b8c0d2",
	"mailbox/us-west-2/acme-sales",
	"mailbox/us-west-2/acme-legal",
	"mailbox/us-west-2/acme-hr",
	"mailbox/us-west-2/acme-ops",
}

// estateMail is the estate's WorkMail, which moto lacks: a front answers
// for it (newWorkMail).
var estateMail = map[string][]workMailOrg{
	"eu-west-1": {
		{OrganizationId: "m-1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d", Alias: "acme-mail", DefaultMailDomain: "acme.example", State: "Active"},
		// A deleted organization holds no mail and must not appear.
		{OrganizationId: "m-9f8e7d6c5b4a39281706f5e4d3c2b1a0", Alias: "acme-old", DefaultMailDomain: "old.acme.example", State: "Deleted"},
	},
	// Without an alias an organization is named by its id.
	"us-east-1": {
		{OrganizationId: "m-3c0ffee5d1e2a4b6c8d0e2f4a6b8c0d2", DefaultMailDomain: "acme-us.awsapps.com", State: "Active"},
	},
	// More than the responder's page of two: three pages.
	"us-west-2": {
		{OrganizationId: "m-0000000000000000000000000000a001", Alias: "acme-sales", DefaultMailDomain: "sales.acme.example", State: "Active"},
		{OrganizationId: "m-0000000000000000000000000000a002", Alias: "acme-support", DefaultMailDomain: "support.acme.example", State: "Deleting"},
		{OrganizationId: "m-0000000000000000000000000000a003", Alias: "acme-legal", State: "Active"},
		{OrganizationId: "m-0000000000000000000000000000a004", Alias: "acme-hr", DefaultMailDomain: "hr.acme.example", State: "Active"},
		{OrganizationId: "m-0000000000000000000000000000a005", Alias: "acme-ops", DefaultMailDomain: "ops.acme.example", State: "Active"},
	},
}

// seedMoto creates a small business's estate across regions and services.
func seedMoto(t testing.TB, endpoint string) {
	t.Helper()
	ctx := context.Background()
	cfg := func(region string) sdkaws.Config { return rawConfig(endpoint, region, motoAccess, motoSecret) }
	s3c := rawS3(endpoint, "us-east-1", motoAccess, motoSecret)
	for _, b := range []struct{ name, region string }{
		{"acme-invoices", "eu-west-3"}, {"acme-plans", "eu-central-1"},
		{"acme-old-site", "us-east-1"}, {"acme-photos", "ap-southeast-2"},
	} {
		createBuckets(t, s3c, b.region, []string{b.name})
	}
	for _, tb := range []struct{ name, region string }{{"orders", "eu-west-1"}, {"sessions", "us-east-1"}} {
		_, err := dynamodb.NewFromConfig(cfg(tb.region)).CreateTable(ctx, &dynamodb.CreateTableInput{
			TableName:            sdkaws.String(tb.name),
			BillingMode:          ddbtypes.BillingModePayPerRequest,
			AttributeDefinitions: []ddbtypes.AttributeDefinition{{AttributeName: sdkaws.String("id"), AttributeType: ddbtypes.ScalarAttributeTypeS}},
			KeySchema:            []ddbtypes.KeySchemaElement{{AttributeName: sdkaws.String("id"), KeyType: ddbtypes.KeyTypeHash}},
		})
		if err != nil {
			t.Fatalf("create table %s: %v", tb.name, err)
		}
	}
	rdsEU := rds.NewFromConfig(cfg("eu-central-1"))
	if _, err := rdsEU.CreateDBInstance(ctx, &rds.CreateDBInstanceInput{
		DBInstanceIdentifier: sdkaws.String("crm-db"), DBInstanceClass: sdkaws.String("db.t3.micro"),
		Engine: sdkaws.String("postgres"), AllocatedStorage: sdkaws.Int32(20),
		MasterUsername: sdkaws.String("crm"), MasterUserPassword: sdkaws.String("not-a-secret-1"),
	}); err != nil {
		t.Fatalf("create db instance: %v", err)
	}
	rdsIE := rds.NewFromConfig(cfg("eu-west-1"))
	if _, err := rdsIE.CreateDBCluster(ctx, &rds.CreateDBClusterInput{
		DBClusterIdentifier: sdkaws.String("analytics"), Engine: sdkaws.String("aurora-postgresql"),
		MasterUsername: sdkaws.String("an"), MasterUserPassword: sdkaws.String("not-a-secret-2"),
	}); err != nil {
		t.Fatalf("create db cluster: %v", err)
	}
	// A member instance of the cluster: its data is the cluster's, so the
	// scan must not report it a second time.
	if _, err := rdsIE.CreateDBInstance(ctx, &rds.CreateDBInstanceInput{
		DBInstanceIdentifier: sdkaws.String("analytics-1"), DBInstanceClass: sdkaws.String("db.r5.large"),
		Engine: sdkaws.String("aurora-postgresql"), DBClusterIdentifier: sdkaws.String("analytics"),
	}); err != nil {
		t.Fatalf("create cluster instance: %v", err)
	}
	if _, err := efs.NewFromConfig(cfg("eu-west-3")).CreateFileSystem(ctx, &efs.CreateFileSystemInput{
		CreationToken: sdkaws.String("shared-drive"),
		Tags:          []efstypes.Tag{{Key: sdkaws.String("Name"), Value: sdkaws.String("shared-drive")}},
	}); err != nil {
		t.Fatalf("create file system: %v", err)
	}
	ec2IE := ec2.NewFromConfig(cfg("eu-west-1"))
	vol, err := ec2IE.CreateVolume(ctx, &ec2.CreateVolumeInput{
		AvailabilityZone: sdkaws.String("eu-west-1a"), Size: sdkaws.Int32(10),
		TagSpecifications: []ec2types.TagSpecification{{ResourceType: ec2types.ResourceTypeVolume,
			Tags: []ec2types.Tag{{Key: sdkaws.String("team"), Value: sdkaws.String("design")}}}},
	})
	if err != nil {
		t.Fatalf("create volume: %v", err)
	}
	if _, err := ec2IE.CreateSnapshot(ctx, &ec2.CreateSnapshotInput{VolumeId: vol.VolumeId}); err != nil {
		t.Fatalf("create snapshot: %v", err)
	}
	if _, err := glacier.NewFromConfig(cfg("eu-central-1")).CreateVault(ctx, &glacier.CreateVaultInput{
		AccountId: sdkaws.String("-"), VaultName: sdkaws.String("tax-archive"),
	}); err != nil {
		t.Fatalf("create vault: %v", err)
	}
	if _, err := backup.NewFromConfig(cfg("eu-west-1")).CreateBackupVault(ctx, &backup.CreateBackupVaultInput{
		BackupVaultName: sdkaws.String("nightly"),
	}); err != nil {
		t.Fatalf("create backup vault: %v", err)
	}
	sesIE := ses.NewFromConfig(cfg("eu-west-1"))
	if _, err := sesIE.CreateReceiptRuleSet(ctx, &ses.CreateReceiptRuleSetInput{RuleSetName: sdkaws.String("inbound-mail")}); err != nil {
		t.Fatalf("create rule set: %v", err)
	}
	if _, err := sesIE.SetActiveReceiptRuleSet(ctx, &ses.SetActiveReceiptRuleSetInput{RuleSetName: sdkaws.String("inbound-mail")}); err != nil {
		t.Fatalf("activate rule set: %v", err)
	}
	// An inactive rule set elsewhere receives nothing and must not appear.
	if _, err := ses.NewFromConfig(cfg("us-east-1")).CreateReceiptRuleSet(ctx, &ses.CreateReceiptRuleSetInput{RuleSetName: sdkaws.String("draft")}); err != nil {
		t.Fatalf("create rule set: %v", err)
	}
}

// matchEstate checks that got holds exactly the estate, with generated ids
// matched by their prefix.
func matchEstate(t *testing.T, sink *recSink) {
	t.Helper()
	got := sink.byKey(t)
	want := map[string]bool{}
	for _, k := range estate {
		want[k] = true
	}
	matched := map[string]bool{}
	for k, a := range got {
		kind, rest, _ := strings.Cut(k, "/")
		region, name, _ := strings.Cut(rest, "/")
		key := k
		switch {
		case kind == "filesystem" && strings.HasPrefix(name, "fs-"):
			key = kind + "/" + region + "/EFS"
		case kind == "volume" && strings.HasPrefix(name, "vol-"):
			key = kind + "/" + region + "/VOL"
		case kind == "snapshot" && strings.HasPrefix(name, "snap-"):
			key = kind + "/" + region + "/SNAP"
		}
		if !want[key] {
			t.Errorf("unexpected asset %s (tags %v)", k, a.Tags)
			continue
		}
		if matched[key] {
			t.Errorf("asset %s matched twice", key)
		}
		matched[key] = true
		if a.Provider != "aws" || a.Account == "" || a.Evidence != geo.EvidenceAPI {
			t.Errorf("asset %s: provider %q account %q evidence %q", k, a.Provider, a.Account, a.Evidence)
		}
		if len(a.Gaps) != 0 {
			t.Errorf("asset %s has gaps %v", k, a.Gaps)
		}
	}
	for _, k := range estate {
		if !matched[k] {
			t.Errorf("missing asset %s; got %v", k, sortedKeys(got))
		}
	}
}

func TestScanFindsTheWholeEstate(t *testing.T) {
	f, files := motoEstate(t)
	sink, err := scan(t, testProvider("acme", testOptions(files)))
	if err != nil {
		t.Fatalf("scan: %v\ngaps:\n%s", err, sink.gapText())
	}
	matchEstate(t, sink)
	t.Logf("gaps:\n%s", sink.gapText())

	// Tags that say which service holds the data, and the user's own tags.
	for _, a := range sink.Assets {
		if a.Tags["aws:service"] == "" {
			t.Errorf("asset %s has no aws:service tag", a.Name)
		}
		if a.Kind == providers.KindVolume && a.Tags["team"] != "design" {
			t.Errorf("volume tags = %v, want the user's team tag", a.Tags)
		}
	}
	// A WorkMail organization is reported while it is active, named by its
	// alias or else its id, and tagged with its mail domain if it has one.
	got := sink.byKey(t)
	for region, orgs := range estateMail {
		for _, o := range orgs {
			a, ok := got[fmt.Sprintf("%s/%s/%s", providers.KindMailbox, region, cmp.Or(o.Alias, o.OrganizationId))]
			if ok != (o.State == "Active") {
				t.Errorf("organization %s (%s) in %s: reported %v", o.OrganizationId, o.State, region, ok)
			}
			if !ok {
				continue
			}
			want := map[string]string{"aws:service": "workmail"}
			if o.DefaultMailDomain != "" {
				want["aws:mail-domain"] = o.DefaultMailDomain
			}
			if !maps.Equal(a.Tags, want) {
				t.Errorf("organization %s tags = %v, want %v", o.OrganizationId, a.Tags, want)
			}
		}
	}

	// WorkMail's pages were all read, in its regions only, and once.
	if got, want := f.workMail.pagesIn(), map[string]int{"eu-west-1": 1, "us-east-1": 1, "us-west-2": 3}; !maps.Equal(got, want) {
		t.Errorf("WorkMail pages answered = %v, want %v", got, want)
	}
	if n := f.count("workmail.ListOrganizations"); n != 5 {
		t.Errorf("%d WorkMail requests, want one a page", n)
	}

	// Opt-in regions the account has not enabled are one gap. Nothing else
	// may fail.
	for _, g := range sink.Gaps {
		if !strings.Contains(g.Error, "opt-in regions are not enabled") {
			t.Errorf("unexpected gap: %+v", g)
		}
		if g.Provider != "aws" || g.Account != "acme" {
			t.Errorf("gap not attributed: %+v", g)
		}
	}
	if len(sink.gapsMatching("opt-in regions are not enabled")) != 1 {
		t.Errorf("want one gap for the regions not enabled, got:\n%s", sink.gapText())
	}

	last := sink.lastProgress()
	if last.Total == 0 || last.Done != last.Total {
		t.Errorf("final progress = %+v, want done == total", last)
	}
	prev := 0
	for _, p := range sink.Steps {
		if p.Done < prev || (p.Total > 0 && p.Done > p.Total) || p.Provider != "aws" || p.Account != "acme" || p.Stage == "" {
			t.Errorf("progress out of order or unattributed: %+v after done=%d", p, prev)
		}
		prev = p.Done
	}
}

// TestMotoTruncationWithoutToken: moto cuts ListBuckets at MaxBuckets with
// no continuation token and no BucketRegion. The scan must notice the full
// page, read the list again without pagination, and find every region with
// HEAD requests.
func TestMotoTruncationWithoutToken(t *testing.T) {
	endpoint := freshMoto(t)
	c := rawS3(endpoint, "us-east-1", motoAccess, motoSecret)
	want := map[string]string{}
	for _, region := range []string{"eu-west-3", "us-east-1", "ap-southeast-2"} {
		names := bucketNames("multi-"+region, 10)
		createBuckets(t, c, region, names)
		for _, n := range names {
			want[n] = region
		}
	}
	f := newFront(t, endpoint)
	files := writeFiles(t, testProfile{name: "acme", region: "eu-west-3", s3: f.URL(), access: motoAccess, secret: motoSecret})
	o := testOptions(files)
	o.pageSize = 7
	sink, err := scanS3(t, "acme", o)
	if err != nil {
		t.Fatal(err)
	}
	if len(sink.Gaps) != 0 {
		t.Errorf("gaps:\n%s", sink.gapText())
	}
	got := map[string]string{}
	for _, a := range sink.Assets {
		got[a.Name] = a.Region
		if a.Evidence != geo.EvidenceAPI || len(a.Gaps) != 0 {
			t.Errorf("bucket %+v", a)
		}
	}
	if len(got) != len(want) {
		t.Errorf("found %d buckets, want %d", len(got), len(want))
	}
	for n, r := range want {
		if got[n] != r {
			t.Errorf("bucket %s in %q, want %q", n, got[n], r)
		}
	}
	if l, h := f.count("S3.ListBuckets"), f.count("S3.HeadBucket"); l != 2 || h != len(want) {
		t.Errorf("%d ListBuckets and %d HeadBucket requests, want 2 and %d", l, h, len(want))
	}
}
