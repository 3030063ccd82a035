package aws

import (
	"context"
	"slices"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/backup"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	"github.com/aws/aws-sdk-go-v2/service/glacier"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/ses"
	"github.com/aws/aws-sdk-go-v2/service/workmail"

	"github.com/reachmap/reachmap/providers"
)

// found is one data store a lister saw in a region.
type found struct {
	kind providers.Kind
	name string
	tags map[string]string
	// copies are the other places the store's bytes live (copies.go).
	copies []providers.Copy
	// err, when set, is a side call about the store that failed; with no
	// kind, the found is only that gap.
	err error
}

// lister lists one kind of regional data store.
type lister struct {
	// service names the lister in progress messages.
	service string
	// regions, when set, are the only regions where the service exists;
	// elsewhere it has no endpoint and is not called.
	regions []string
	list    func(ctx context.Context, s *session, region string, emit func(found)) error
}

// workMailRegions are the regions Amazon WorkMail has ever run in. Its
// footprint is small and stable; calling it elsewhere would only fail.
var workMailRegions = []string{"us-east-1", "us-west-2", "eu-west-1"}

// regionalListers are the data stores scanned in every enabled region.
var regionalListers = []lister{
	{service: "dynamodb", list: listDynamoDB},
	{service: "rds instances", list: listRDSInstances},
	{service: "rds clusters", list: listRDSClusters},
	{service: "efs", list: listEFS},
	{service: "ebs volumes", list: listVolumes},
	{service: "ebs snapshots", list: listSnapshots},
	{service: "glacier", list: listGlacier},
	{service: "backup", list: listBackupVaults},
	{service: "workmail", regions: workMailRegions, list: listWorkMail},
	{service: "ses", list: listSESInbound},
	{service: "redshift", list: listRedshift},
	{service: "opensearch", list: listOpenSearch},
	{service: "fsx", list: listFSx},
	{service: "lightsail", regions: lightsailRegions, list: listLightsail},
	// Tags report no store: they are put on the stores found (enrich.go).
	{service: "tags", list: listTags},
}

// paginate calls page with each page's token, starting with none, until
// the next token is empty (or repeats, which would loop for ever).
//
// The listers call their SDK operation directly instead of through the
// SDK's paginators on purpose: a paginator holds the client as an
// interface, and a client that is ever held in an interface keeps every
// one of its SDK's operations in the binary, since text/template (the
// HTML report) makes the linker keep all exported methods of such types.
// For EC2 alone that is about 30 MB of the release binary.
func paginate(page func(token *string) (next *string, err error)) error {
	var token *string
	for {
		next, err := page(token)
		if err != nil {
			return err
		}
		if next == nil || *next == "" || (token != nil && *next == *token) {
			return nil
		}
		token = next
	}
}

func (l lister) runsIn(region string) bool {
	return l.regions == nil || slices.Contains(l.regions, region)
}

func listDynamoDB(ctx context.Context, s *session, region string, emit func(found)) error {
	c := s.dynamodb(region)
	var tables []string
	err := paginate(func(token *string) (*string, error) {
		page, err := c.ListTables(ctx, &dynamodb.ListTablesInput{ExclusiveStartTableName: token})
		if err != nil {
			return nil, err
		}
		tables = append(tables, page.TableNames...)
		return page.LastEvaluatedTableName, nil
	})
	if err != nil {
		return err
	}
	copies, failed := tableReplicas(ctx, c, region, tables)
	for _, t := range tables {
		emit(found{kind: providers.KindDatabase, name: t, tags: map[string]string{"aws:service": "dynamodb"}, copies: copies[t], err: failed[t]})
	}
	return nil
}

func listRDSInstances(ctx context.Context, s *session, region string, emit func(found)) error {
	c := s.rds(region)
	return paginate(func(token *string) (*string, error) {
		page, err := c.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{Marker: token})
		if err != nil {
			return nil, err
		}
		for _, db := range page.DBInstances {
			// An Aurora instance keeps no data of its own: its cluster's
			// volume does, and the cluster is reported by listRDSClusters.
			if sdkaws.ToString(db.DBClusterIdentifier) != "" {
				continue
			}
			tags := map[string]string{"aws:service": "rds", "aws:engine": sdkaws.ToString(db.Engine)}
			for _, t := range db.TagList {
				tags[sdkaws.ToString(t.Key)] = sdkaws.ToString(t.Value)
			}
			emit(found{kind: providers.KindDatabase, name: sdkaws.ToString(db.DBInstanceIdentifier), tags: tags,
				copies: replicaCopies(db.ReadReplicaDBInstanceIdentifiers, region, accountOf(sdkaws.ToString(db.DBInstanceArn)), "RDS")})
		}
		return page.Marker, nil
	})
}

func listRDSClusters(ctx context.Context, s *session, region string, emit func(found)) error {
	c := s.rds(region)
	return paginate(func(token *string) (*string, error) {
		page, err := c.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{Marker: token})
		if err != nil {
			return nil, err
		}
		for _, c := range page.DBClusters {
			tags := map[string]string{"aws:service": "rds", "aws:engine": sdkaws.ToString(c.Engine)}
			for _, t := range c.TagList {
				tags[sdkaws.ToString(t.Key)] = sdkaws.ToString(t.Value)
			}
			emit(found{kind: providers.KindDatabase, name: sdkaws.ToString(c.DBClusterIdentifier), tags: tags,
				copies: replicaCopies(c.ReadReplicaIdentifiers, region, accountOf(sdkaws.ToString(c.DBClusterArn)), "Aurora")})
		}
		return page.Marker, nil
	})
}

func listEFS(ctx context.Context, s *session, region string, emit func(found)) error {
	c := s.efs(region)
	return paginate(func(token *string) (*string, error) {
		page, err := c.DescribeFileSystems(ctx, &efs.DescribeFileSystemsInput{Marker: token})
		if err != nil {
			return nil, err
		}
		for _, fs := range page.FileSystems {
			tags := map[string]string{"aws:service": "efs"}
			for _, t := range fs.Tags {
				tags[sdkaws.ToString(t.Key)] = sdkaws.ToString(t.Value)
			}
			emit(found{kind: providers.KindFileSystem, name: sdkaws.ToString(fs.FileSystemId), tags: tags})
		}
		return page.NextMarker, nil
	})
}

func ec2Tags(service string, ts []ec2types.Tag) map[string]string {
	tags := map[string]string{"aws:service": service}
	for _, t := range ts {
		tags[sdkaws.ToString(t.Key)] = sdkaws.ToString(t.Value)
	}
	return tags
}

func listVolumes(ctx context.Context, s *session, region string, emit func(found)) error {
	c := s.ec2(region)
	return paginate(func(token *string) (*string, error) {
		page, err := c.DescribeVolumes(ctx, &ec2.DescribeVolumesInput{MaxResults: sdkaws.Int32(500), NextToken: token})
		if err != nil {
			return nil, err
		}
		for _, v := range page.Volumes {
			emit(found{kind: providers.KindVolume, name: sdkaws.ToString(v.VolumeId), tags: ec2Tags("ebs", v.Tags)})
		}
		return page.NextToken, nil
	})
}

func listSnapshots(ctx context.Context, s *session, region string, emit func(found)) error {
	// Owner "self": without it EC2 lists every public snapshot in the region.
	c := s.ec2(region)
	return paginate(func(token *string) (*string, error) {
		page, err := c.DescribeSnapshots(ctx, &ec2.DescribeSnapshotsInput{OwnerIds: []string{"self"}, MaxResults: sdkaws.Int32(1000), NextToken: token})
		if err != nil {
			return nil, err
		}
		for _, sn := range page.Snapshots {
			emit(found{kind: providers.KindSnapshot, name: sdkaws.ToString(sn.SnapshotId), tags: ec2Tags("ebs", sn.Tags)})
		}
		return page.NextToken, nil
	})
}

func listGlacier(ctx context.Context, s *session, region string, emit func(found)) error {
	// "-" is the account of the credentials, as Glacier's API defines it.
	c := s.glacier(region)
	return paginate(func(token *string) (*string, error) {
		page, err := c.ListVaults(ctx, &glacier.ListVaultsInput{AccountId: sdkaws.String("-"), Marker: token})
		if err != nil {
			return nil, err
		}
		for _, v := range page.VaultList {
			emit(found{kind: providers.KindArchive, name: sdkaws.ToString(v.VaultName), tags: map[string]string{"aws:service": "glacier"}})
		}
		return page.Marker, nil
	})
}

func listBackupVaults(ctx context.Context, s *session, region string, emit func(found)) error {
	c := s.backup(region)
	var vaults []string
	err := paginate(func(token *string) (*string, error) {
		page, err := c.ListBackupVaults(ctx, &backup.ListBackupVaultsInput{NextToken: token})
		if err != nil {
			return nil, err
		}
		for _, v := range page.BackupVaultList {
			vaults = append(vaults, sdkaws.ToString(v.BackupVaultName))
		}
		return page.NextToken, nil
	})
	if err != nil || len(vaults) == 0 {
		return err
	}
	// The plans say where each vault's recovery points are copied; without
	// them the vaults are still reported, with a gap.
	copies, err := backupCopies(ctx, c, region)
	if err != nil {
		emit(found{err: err})
	}
	for _, v := range vaults {
		emit(found{kind: providers.KindBackup, name: v, tags: map[string]string{"aws:service": "backup"}, copies: copies[v]})
	}
	return nil
}

func listWorkMail(ctx context.Context, s *session, region string, emit func(found)) error {
	c := s.workmail(region)
	return paginate(func(token *string) (*string, error) {
		page, err := c.ListOrganizations(ctx, &workmail.ListOrganizationsInput{NextToken: token})
		if err != nil {
			return nil, err
		}
		for _, o := range page.OrganizationSummaries {
			state := sdkaws.ToString(o.State)
			if state == "Deleted" || state == "Deleting" {
				continue
			}
			name := sdkaws.ToString(o.Alias)
			if name == "" {
				name = sdkaws.ToString(o.OrganizationId)
			}
			tags := map[string]string{"aws:service": "workmail"}
			if d := sdkaws.ToString(o.DefaultMailDomain); d != "" {
				tags["aws:mail-domain"] = d
			}
			emit(found{kind: providers.KindMailbox, name: name, tags: tags})
		}
		return page.NextToken, nil
	})
}

// listSESInbound reports the active receipt rule set of a region: SES
// receives mail only where a rule set is active, and that is the region
// the mail first lands in. Inactive rule sets receive nothing.
func listSESInbound(ctx context.Context, s *session, region string, emit func(found)) error {
	out, err := s.ses(region).DescribeActiveReceiptRuleSet(ctx, &ses.DescribeActiveReceiptRuleSetInput{})
	if err != nil {
		return err
	}
	if out.Metadata == nil || sdkaws.ToString(out.Metadata.Name) == "" {
		return nil
	}
	emit(found{kind: providers.KindMailInbound, name: sdkaws.ToString(out.Metadata.Name), tags: map[string]string{"aws:service": "ses"}})
	return nil
}
