package aws

import (
	"context"
	"fmt"
	"sync"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/backup"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/reachmap/reachmap/internal/bounded"
	"github.com/reachmap/reachmap/providers"
)

// Copies the regional listers see: DynamoDB global tables' replicas, RDS
// cross-region read replicas, and AWS Backup copy actions to other regions
// or accounts. S3 replication and Aurora global databases are read by
// enrich. Each becomes a providers.Copy that inventory places and judges.

// tableConcurrency bounds DescribeTable calls of one region.
const tableConcurrency = 8

// tableReplicas asks DynamoDB for each table's replicas (global tables,
// version 2019.11.21) and returns the copies by table name; a table whose
// description failed is in failed.
func tableReplicas(ctx context.Context, c *dynamodb.Client, region string, tables []string) (copies map[string][]providers.Copy, failed map[string]error) {
	copies, failed = map[string][]providers.Copy{}, map[string]error{}
	var mu sync.Mutex
	bounded.Each(ctx, tableConcurrency, tables, func(t string) {
		out, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: sdkaws.String(t)})
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			failed[t] = err
			return
		}
		if out.Table == nil {
			return
		}
		for _, r := range out.Table.Replicas {
			if rr := sdkaws.ToString(r.RegionName); rr != "" && rr != region {
				copies[t] = append(copies[t], providers.Copy{Region: rr, Item: t, Why: "DynamoDB global table replica in " + rr})
			}
		}
	})
	return copies, failed
}

// replicaCopies turns RDS read replica identifiers into copies: a replica
// in another region is named by its ARN; one in the same region adds no
// place and is left out.
func replicaCopies(ids []string, region, self, what string) []providers.Copy {
	var cs []providers.Copy
	for _, id := range ids {
		_, r, acct, name, ok := arnParts(id)
		if !ok || r == "" || r == region {
			continue
		}
		c := providers.Copy{Region: r, Item: name, Why: fmt.Sprintf("%s read replica %s in %s", what, name, r)}
		if acct != "" && acct != self {
			c.AccountID = acct
		}
		cs = append(cs, c)
	}
	return cs
}

// backupCopies reads a region's backup plans and returns, by target vault,
// the copy actions that send its recovery points to another region or
// account.
func backupCopies(ctx context.Context, c *backup.Client, region string) (map[string][]providers.Copy, error) {
	var plans []string
	in := &backup.ListBackupPlansInput{}
	for more := true; more; {
		page, err := c.ListBackupPlans(ctx, in)
		if err != nil {
			return nil, err
		}
		for _, pl := range page.BackupPlansList {
			plans = append(plans, sdkaws.ToString(pl.BackupPlanId))
		}
		in.NextToken = page.NextToken
		more = sdkaws.ToString(page.NextToken) != ""
	}
	out := map[string][]providers.Copy{}
	for _, id := range plans {
		got, err := c.GetBackupPlan(ctx, &backup.GetBackupPlanInput{BackupPlanId: sdkaws.String(id)})
		if err != nil {
			return out, err
		}
		if got.BackupPlan == nil {
			continue
		}
		plan := sdkaws.ToString(got.BackupPlan.BackupPlanName)
		for _, r := range got.BackupPlan.Rules {
			vault := sdkaws.ToString(r.TargetBackupVaultName)
			for _, ca := range r.CopyActions {
				_, dr, acct, dv, ok := arnParts(sdkaws.ToString(ca.DestinationBackupVaultArn))
				if !ok {
					continue
				}
				c := providers.Copy{Region: dr, Item: dv, AccountID: acct,
					Why: fmt.Sprintf("AWS Backup plan %s, rule %s: copies to vault %s in %s", plan, sdkaws.ToString(r.RuleName), dv, dr)}
				out[vault] = append(out[vault], c)
			}
		}
	}
	return out, nil
}

// accountOf is an ARN's account, or "".
func accountOf(arn string) string {
	_, _, acct, _, _ := arnParts(arn)
	return acct
}
