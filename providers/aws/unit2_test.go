package aws

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
	"github.com/aws/aws-sdk-go-v2/service/backup"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	"github.com/aws/aws-sdk-go-v2/service/glacier"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/ses"
	"github.com/aws/aws-sdk-go-v2/service/workmail"
	"github.com/aws/smithy-go"
)

// mutatingCalls are calls that would change an account, made through a
// session's own clients, as a scan builds them.
func mutatingCalls(s *session) map[string]func(context.Context) error {
	b := sdkaws.String("acme-invoices")
	return map[string]func(context.Context) error{
		"s3 PutObject": func(ctx context.Context) error {
			_, err := s.s3().PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: sdkaws.String("x"), Body: strings.NewReader("data")})
			return err
		},
		"s3 DeleteBucket": func(ctx context.Context) error {
			_, err := s.s3().DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: b})
			return err
		},
		"s3 DeleteObjects": func(ctx context.Context) error {
			_, err := s.s3().DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: b, Delete: &s3types.Delete{Objects: []s3types.ObjectIdentifier{{Key: sdkaws.String("x")}}}})
			return err
		},
		"s3 PutBucketPolicy": func(ctx context.Context) error {
			_, err := s.s3().PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: b, Policy: sdkaws.String("{}")})
			return err
		},
		"ec2 TerminateInstances": func(ctx context.Context) error {
			_, err := s.ec2("eu-west-1").TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: []string{"i-1"}})
			return err
		},
		"ec2 DeleteVolume": func(ctx context.Context) error {
			_, err := s.ec2("eu-west-1").DeleteVolume(ctx, &ec2.DeleteVolumeInput{VolumeId: sdkaws.String("vol-1")})
			return err
		},
		"dynamodb DeleteTable": func(ctx context.Context) error {
			_, err := s.dynamodb("eu-west-1").DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: sdkaws.String("t")})
			return err
		},
		"rds DeleteDBInstance": func(ctx context.Context) error {
			_, err := s.rds("eu-west-1").DeleteDBInstance(ctx, &rds.DeleteDBInstanceInput{DBInstanceIdentifier: sdkaws.String("db")})
			return err
		},
		"efs DeleteFileSystem": func(ctx context.Context) error {
			_, err := s.efs("eu-west-1").DeleteFileSystem(ctx, &efs.DeleteFileSystemInput{FileSystemId: sdkaws.String("fs-1")})
			return err
		},
		"glacier DeleteVault": func(ctx context.Context) error {
			_, err := s.glacier("eu-west-1").DeleteVault(ctx, &glacier.DeleteVaultInput{AccountId: sdkaws.String("-"), VaultName: sdkaws.String("v")})
			return err
		},
		"backup DeleteBackupVault": func(ctx context.Context) error {
			_, err := s.backup("eu-west-1").DeleteBackupVault(ctx, &backup.DeleteBackupVaultInput{BackupVaultName: sdkaws.String("v")})
			return err
		},
		"workmail DeleteOrganization": func(ctx context.Context) error {
			_, err := s.workmail("eu-west-1").DeleteOrganization(ctx, &workmail.DeleteOrganizationInput{OrganizationId: sdkaws.String("m-1"), DeleteDirectory: true})
			return err
		},
		"ses SetActiveReceiptRuleSet": func(ctx context.Context) error {
			_, err := s.ses("eu-west-1").SetActiveReceiptRuleSet(ctx, &ses.SetActiveReceiptRuleSetInput{})
			return err
		},
	}
}

func TestPartitionOf(t *testing.T) {
	tests := []struct {
		region, want string
		known        bool
	}{
		{"eu-west-3", "aws", true},
		{"us-east-1", "aws", true},
		{"cn-north-1", "aws-cn", true},
		{"cn-northwest-1", "aws-cn", true},
		{"us-gov-west-1", "aws-us-gov", true},
		{"eusc-de-east-1", "aws-eusc", true},
		{"eusc-de-west-7", "aws-eusc", true}, // a future region, by pattern
		{"eu-north-9", "aws", true},          // same
		{"mars-base-1", "aws", false},
		{"", "aws", false},
	}
	for _, tc := range tests {
		p, known := partitionOf(tc.region)
		if p.id != tc.want || known != tc.known {
			t.Errorf("partitionOf(%q) = %s, %v; want %s, %v", tc.region, p.id, known, tc.want, tc.known)
		}
	}
	for _, id := range []string{"aws", "aws-cn", "aws-us-gov", "aws-eusc"} {
		found := false
		for _, p := range sdkPartitions {
			if p.id == id && len(p.regions) > 0 {
				found = true
			}
		}
		if !found {
			t.Errorf("partition %s missing or without regions", id)
		}
	}
}

func opErr(service, op string, err error) error {
	return &smithy.OperationError{ServiceID: service, OperationName: op, Err: err}
}

func apiErr(code, msg string) error {
	return &smithy.GenericAPIError{Code: code, Message: msg}
}

func TestClassifyAndExplain(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	tests := []struct {
		name      string
		err       error
		class     class
		errorHas  string
		hintHas   string
		noHintFor bool
	}{
		{"access denied names the action", opErr("RDS", "DescribeDBInstances", apiErr("AccessDenied", "User: arn:aws:iam::1:user/x is not authorized")),
			classDenied, "RDS DescribeDBInstances: AccessDenied: User", "rds:DescribeDBInstances", false},
		{"dynamodb denied", opErr("DynamoDB", "ListTables", apiErr("AccessDeniedException", "no")), classDenied, "AccessDeniedException", "dynamodb:ListTables", false},
		{"ec2 unauthorized", opErr("EC2", "DescribeRegions", apiErr("UnauthorizedOperation", "no")), classDenied, "UnauthorizedOperation", "ec2:DescribeRegions", false},
		{"expired token", opErr("S3", "ListBuckets", apiErr("ExpiredToken", "The provided token has expired.")), classExpired, "ExpiredToken", "aws sso login --profile client-a", false},
		{"sso token", fmt.Errorf("failed to refresh cached credentials, %w", &ssocreds.InvalidTokenError{}), classSSO, "SSO session", "aws sso login --profile client-a", false},
		{"sso refresh failed", errors.New("refresh cached SSO token failed, cached SSO token is expired, or not present"), classSSO, "SSO", "aws sso login --profile client-a", false},
		{"missing profile", config.SharedConfigProfileNotExistError{Profile: "client-a"}, classNoProfile, "", "aws configure --profile client-a", false},
		{"no credentials", errors.New("failed to refresh cached credentials, no EC2 IMDS role found"), classNoCredentials, "", "aws configure --profile client-a", false},
		{"bad key", opErr("S3", "ListBuckets", apiErr("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist")), classBadCredentials, "InvalidAccessKeyId", "rejected", false},
		{"opt-in region", opErr("EC2", "DescribeVolumes", apiErr("OptInRequired", "not subscribed")), classRegionDisabled, "OptInRequired", "not enabled", false},
		{"throttled", opErr("S3", "ListBuckets", &retry.MaxAttemptsError{Attempt: 5, Err: apiErr("SlowDown", "Please reduce your request rate.")}), classThrottled, "SlowDown", "throttling", false},
		{"no such bucket", opErr("S3", "HeadBucket", apiErr("NoSuchBucket", "gone")), classNoSuchBucket, "NoSuchBucket", "deleted", false},
		{"bare 404 on HEAD", opErr("S3", "HeadBucket", apiErr("NotFound", "")), classNoSuchBucket, "NotFound", "deleted", false},
		{"404 elsewhere is not a bucket", opErr("Backup", "ListBackupVaults", apiErr("NotFound", "")), classOther, "NotFound", "", true},
		{"connection refused", opErr("S3", "ListBuckets", &retry.MaxAttemptsError{Attempt: 5, Err: refused}), classUnreachable, "connection refused (after 5 attempts)", "network", false},
		{"deadline", opErr("EC2", "DescribeRegions", context.DeadlineExceeded), classTimeout, "timed out", "did not answer", false},
		{"cancelled", opErr("EC2", "DescribeRegions", context.Canceled), classCanceled, "", "", true},
		{"nxdomain", opErr("WorkMail", "ListOrganizations", &net.DNSError{Err: "no such host", Name: "workmail.ap-south-1.amazonaws.com", IsNotFound: true}), classNoService, "", "", true},
		{"guard", &NotReadOnlyError{Service: "S3", Operation: "PutObject"}, classRefused, "refused S3 PutObject", "bug", false},
		{"not an API answer", opErr("WorkMail", "ListOrganizations", &smithy.DeserializationError{Err: errors.New("invalid character '<'")}), classBadResponse, "not an AWS API response", "endpoint", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if c := classify(tc.err); c != tc.class {
				t.Fatalf("classify = %v, want %v", c, tc.class)
			}
			if d := describe(tc.err); !strings.Contains(d, tc.errorHas) {
				t.Errorf("describe = %q, want it to contain %q", d, tc.errorHas)
			}
			h := hintFor(tc.class, tc.err, "client-a")
			if tc.noHintFor {
				return
			}
			if !strings.Contains(h, tc.hintHas) {
				t.Errorf("hint = %q, want it to contain %q", h, tc.hintHas)
			}
		})
	}
}

// pages is a scripted ListBuckets for the listing logic's edge cases that
// no real server produces on demand.
type pages []struct {
	out *s3.ListBucketsOutput
	err error
}

type scripted struct {
	p     pages
	calls []*s3.ListBucketsInput
}

func (s *scripted) ListBuckets(_ context.Context, in *s3.ListBucketsInput, _ ...func(*s3.Options)) (*s3.ListBucketsOutput, error) {
	s.calls = append(s.calls, in)
	if len(s.calls) > len(s.p) {
		return nil, errors.New("unexpected call")
	}
	r := s.p[len(s.calls)-1]
	return r.out, r.err
}

func out(token string, names ...string) *s3.ListBucketsOutput {
	o := &s3.ListBucketsOutput{}
	if token != "" {
		o.ContinuationToken = sdkaws.String(token)
	}
	for _, n := range names {
		name, region, _ := strings.Cut(n, "@")
		b := s3types.Bucket{Name: sdkaws.String(name)}
		if region != "" {
			b.BucketRegion = sdkaws.String(region)
		}
		o.Buckets = append(o.Buckets, b)
	}
	return o
}

func TestListBucketsEdgeCases(t *testing.T) {
	tests := []struct {
		name      string
		pageSize  int32
		p         pages
		want      []bucket
		wantPages int
		wantErr   string
	}{
		{"single short page", 3, pages{{out: out("", "a@eu-west-1", "b@us-east-1")}},
			[]bucket{{"a", "eu-west-1"}, {"b", "us-east-1"}}, 1, ""},
		{"two pages", 2, pages{{out: out("b", "a@eu-west-1", "b@eu-west-1")}, {out: out("", "c@ap-south-1")}},
			[]bucket{{"a", "eu-west-1"}, {"b", "eu-west-1"}, {"c", "ap-south-1"}}, 2, ""},
		{"full page without regions or token: read again unpaginated", 2,
			pages{{out: out("", "a", "b")}, {out: out("", "a", "b@us-west-2", "c")}},
			[]bucket{{"a", ""}, {"b", "us-west-2"}, {"c", ""}}, 2, ""},
		{"full page with regions and no token is the last", 2,
			pages{{out: out("", "a@eu-west-1", "b@eu-west-1")}},
			[]bucket{{"a", "eu-west-1"}, {"b", "eu-west-1"}}, 1, ""},
		{"repeated token", 1, pages{{out: out("t", "a")}, {out: out("t", "b")}},
			[]bucket{{"a", ""}, {"b", ""}}, 2, "repeated continuation token"},
		{"error on page two keeps page one", 1, pages{{out: out("t", "a@eu-west-1")}, {err: apiErr("AccessDenied", "no")}},
			[]bucket{{"a", "eu-west-1"}}, 2, "AccessDenied"},
		{"nameless entries are dropped", 5, pages{{out: out("", "", "a@eu-west-1")}}, []bucket{{"a", "eu-west-1"}}, 1, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			api := &scripted{p: tc.p}
			got, stats, err := listBuckets(context.Background(), api, tc.pageSize)
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("err = %v, want %q", err, tc.wantErr)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("buckets = %v, want %v", got, tc.want)
			}
			if stats.pages != tc.wantPages {
				t.Errorf("pages = %d, want %d", stats.pages, tc.wantPages)
			}
			if sdkaws.ToInt32(api.calls[0].MaxBuckets) != tc.pageSize {
				t.Errorf("first call MaxBuckets = %v, want %d", api.calls[0].MaxBuckets, tc.pageSize)
			}
		})
	}
}

func TestRegionCache(t *testing.T) {
	c := newRegionCache()
	k1 := cacheKey("aws", "", "b")
	k2 := cacheKey("aws-cn", "", "b")
	k3 := cacheKey("aws", "http://127.0.0.1:1", "b")
	c.put(k1, "eu-west-1")
	if r, ok := c.get(k1); !ok || r != "eu-west-1" {
		t.Errorf("get = %q, %v", r, ok)
	}
	for _, k := range []string{k2, k3} {
		if _, ok := c.get(k); ok {
			t.Errorf("a bucket of another partition or endpoint hit the cache: %q", k)
		}
	}
}

func TestNewHTTPClientTimeouts(t *testing.T) {
	o := defaultOptions()
	c := newHTTPClient(o)
	if got := c.GetTransport().MaxIdleConnsPerHost; got < o.headConcurrency {
		t.Errorf("MaxIdleConnsPerHost = %d, want ≥ %d so parallel HEADs reuse connections", got, o.headConcurrency)
	}
	if c.GetTransport().ResponseHeaderTimeout != o.responseTimeout || c.GetDialer().Timeout != o.dialTimeout {
		t.Error("timeouts not applied")
	}
	if o.headConcurrency < 32 {
		t.Errorf("headConcurrency = %d, want at least 32 in flight", o.headConcurrency)
	}
	_ = time.Second
}
