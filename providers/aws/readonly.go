package aws

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/smithy-go/middleware"
)

// readOnlyPrefixes are the operation-name prefixes that only read. AWS names
// its read operations this way across services; anything else (Put, Create,
// Delete, Update, Tag, Copy, Restore, …) could change the account.
var readOnlyPrefixes = []string{"List", "Get", "Describe", "Head"}

// stsCalls are the only other operations allowed, and only to STS: who
// these credentials are (GetCallerIdentity), and the role an organization
// scan takes in each member account (AssumeRole), which changes nothing in
// either account.
var stsCalls = map[string]bool{"AssumeRole": true, "GetCallerIdentity": true}

// NotReadOnlyError is returned, before anything is sent, for an operation
// outside the read-only allowlist.
type NotReadOnlyError struct {
	Service, Operation string
}

func (e *NotReadOnlyError) Error() string {
	return fmt.Sprintf("reachmap refused %s %s: only List*, Get*, Describe* and Head* operations, and STS AssumeRole and GetCallerIdentity, may leave the process", e.Service, e.Operation)
}

// isReadOnlyOperation reports whether an operation name passes the
// allowlist. An empty name fails: if we cannot tell what a call is, it does
// not go out.
func isReadOnlyOperation(op string) bool {
	for _, p := range readOnlyPrefixes {
		// "Get" alone is a prefix of "GetX"; require the next rune to start a
		// new word so a hypothetical "Getaway" or "Listen" does not pass.
		if rest, ok := strings.CutPrefix(op, p); ok && rest != "" && rest[0] >= 'A' && rest[0] <= 'Z' {
			return true
		}
	}
	return false
}

// readOnlyGuard is an Initialize-step middleware: it runs before the request
// is serialised, signed or sent, so a refused operation never reaches the
// network. It is installed on every client this package builds, through
// aws.Config.APIOptions.
type readOnlyGuard struct{}

func (readOnlyGuard) ID() string { return "ReachmapReadOnlyGuard" }

func (readOnlyGuard) HandleInitialize(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
	op, service := middleware.GetOperationName(ctx), middleware.GetServiceID(ctx)
	if !isReadOnlyOperation(op) && !(service == "STS" && stsCalls[op]) {
		return middleware.InitializeOutput{}, middleware.Metadata{}, &NotReadOnlyError{Service: service, Operation: op}
	}
	return next.HandleInitialize(ctx, in)
}

// addReadOnlyGuard puts the guard first in the Initialize step.
func addReadOnlyGuard(stack *middleware.Stack) error {
	return stack.Initialize.Add(readOnlyGuard{}, middleware.Before)
}

// operationActions maps every operation Reachmap calls ("Service/Operation",
// with the SDK's service ID) to the IAM action that authorises it. The
// shipped IAM policy must grant exactly these actions (a test checks), and
// an AccessDenied gap names the action to grant.
var operationActions = map[string]string{
	"S3/ListBuckets":                   "s3:ListAllMyBuckets",
	"S3/HeadBucket":                    "s3:ListBucket",
	"EC2/DescribeRegions":              "ec2:DescribeRegions",
	"EC2/DescribeVolumes":              "ec2:DescribeVolumes",
	"EC2/DescribeSnapshots":            "ec2:DescribeSnapshots",
	"DynamoDB/ListTables":              "dynamodb:ListTables",
	"RDS/DescribeDBInstances":          "rds:DescribeDBInstances",
	"RDS/DescribeDBClusters":           "rds:DescribeDBClusters",
	"EFS/DescribeFileSystems":          "elasticfilesystem:DescribeFileSystems",
	"Glacier/ListVaults":               "glacier:ListVaults",
	"Backup/ListBackupVaults":          "backup:ListBackupVaults",
	"WorkMail/ListOrganizations":       "workmail:ListOrganizations",
	"SES/DescribeActiveReceiptRuleSet": "ses:DescribeActiveReceiptRuleSet",
	// Identity, organizations and tags.
	"STS/GetCallerIdentity":                    "sts:GetCallerIdentity",
	"STS/AssumeRole":                           "sts:AssumeRole",
	"Organizations/ListAccounts":               "organizations:ListAccounts",
	"Resource Groups Tagging API/GetResources": "tag:GetResources",
	"S3/GetBucketTagging":                      "s3:GetBucketTagging",
	// Copies.
	"S3/GetBucketReplication":    "s3:GetReplicationConfiguration",
	"DynamoDB/DescribeTable":     "dynamodb:DescribeTable",
	"RDS/DescribeGlobalClusters": "rds:DescribeGlobalClusters",
	"Backup/ListBackupPlans":     "backup:ListBackupPlans",
	"Backup/GetBackupPlan":       "backup:GetBackupPlan",
	// More stores.
	"Redshift/DescribeClusters":        "redshift:DescribeClusters",
	"OpenSearch/ListDomainNames":       "es:ListDomainNames",
	"FSx/DescribeFileSystems":          "fsx:DescribeFileSystems",
	"Lightsail/GetBuckets":             "lightsail:GetBuckets",
	"Lightsail/GetRelationalDatabases": "lightsail:GetRelationalDatabases",
}

// actionFor returns the IAM action behind an SDK operation, or "".
func actionFor(service, operation string) string {
	return operationActions[service+"/"+operation]
}
