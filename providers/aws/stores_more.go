package aws

import (
	"context"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/fsx"
	"github.com/aws/aws-sdk-go-v2/service/lightsail"
	lstypes "github.com/aws/aws-sdk-go-v2/service/lightsail/types"
	"github.com/aws/aws-sdk-go-v2/service/opensearch"
	"github.com/aws/aws-sdk-go-v2/service/redshift"

	"github.com/reachmap/reachmap/providers"
)

// More stores where small businesses keep data: Redshift warehouses,
// OpenSearch domains, FSx file systems, and Lightsail's buckets and
// databases (Lightsail is AWS's simple hosting, with an API of its own).

// lightsailRegions are the regions Lightsail runs in
// (https://docs.aws.amazon.com/general/latest/gr/lightsail.html).
var lightsailRegions = []string{
	"us-east-1", "us-east-2", "us-west-2", "ca-central-1",
	"eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-north-1",
	"ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
}

func listRedshift(ctx context.Context, s *session, region string, emit func(found)) error {
	c := redshift.NewFromConfig(s.cfg, func(o *redshift.Options) { o.Region = region })
	in := &redshift.DescribeClustersInput{}
	for more := true; more; {
		page, err := c.DescribeClusters(ctx, in)
		if err != nil {
			return err
		}
		for _, cl := range page.Clusters {
			tags := map[string]string{"aws:service": "redshift"}
			for _, t := range cl.Tags {
				tags[sdkaws.ToString(t.Key)] = sdkaws.ToString(t.Value)
			}
			emit(found{kind: providers.KindDatabase, name: sdkaws.ToString(cl.ClusterIdentifier), tags: tags})
		}
		in.Marker = page.Marker
		more = sdkaws.ToString(page.Marker) != ""
	}
	return nil
}

func listOpenSearch(ctx context.Context, s *session, region string, emit func(found)) error {
	c := opensearch.NewFromConfig(s.cfg, func(o *opensearch.Options) { o.Region = region })
	out, err := c.ListDomainNames(ctx, &opensearch.ListDomainNamesInput{})
	if err != nil {
		return err
	}
	for _, d := range out.DomainNames {
		tags := map[string]string{"aws:service": "opensearch"}
		if e := string(d.EngineType); e != "" {
			tags["aws:engine"] = e
		}
		emit(found{kind: providers.KindDatabase, name: sdkaws.ToString(d.DomainName), tags: tags})
	}
	return nil
}

func listFSx(ctx context.Context, s *session, region string, emit func(found)) error {
	c := fsx.NewFromConfig(s.cfg, func(o *fsx.Options) { o.Region = region })
	in := &fsx.DescribeFileSystemsInput{}
	for more := true; more; {
		page, err := c.DescribeFileSystems(ctx, in)
		if err != nil {
			return err
		}
		for _, fs := range page.FileSystems {
			tags := map[string]string{"aws:service": "fsx"}
			if t := string(fs.FileSystemType); t != "" {
				tags["aws:engine"] = t
			}
			for _, t := range fs.Tags {
				tags[sdkaws.ToString(t.Key)] = sdkaws.ToString(t.Value)
			}
			emit(found{kind: providers.KindFileSystem, name: sdkaws.ToString(fs.FileSystemId), tags: tags})
		}
		in.NextToken = page.NextToken
		more = sdkaws.ToString(page.NextToken) != ""
	}
	return nil
}

func lightsailTags(ts []lstypes.Tag) map[string]string {
	tags := map[string]string{"aws:service": "lightsail"}
	for _, t := range ts {
		tags[sdkaws.ToString(t.Key)] = sdkaws.ToString(t.Value)
	}
	return tags
}

// listLightsail reports a region's Lightsail buckets and databases. Its
// API pages with a token and no paginator.
func listLightsail(ctx context.Context, s *session, region string, emit func(found)) error {
	c := lightsail.NewFromConfig(s.cfg, func(o *lightsail.Options) { o.Region = region })
	var token *string
	for {
		out, err := c.GetBuckets(ctx, &lightsail.GetBucketsInput{PageToken: token})
		if err != nil {
			return err
		}
		for _, b := range out.Buckets {
			emit(found{kind: providers.KindBucket, name: sdkaws.ToString(b.Name), tags: lightsailTags(b.Tags)})
		}
		if token = out.NextPageToken; sdkaws.ToString(token) == "" {
			break
		}
	}
	token = nil
	for {
		out, err := c.GetRelationalDatabases(ctx, &lightsail.GetRelationalDatabasesInput{PageToken: token})
		if err != nil {
			return err
		}
		for _, db := range out.RelationalDatabases {
			tags := lightsailTags(db.Tags)
			if e := sdkaws.ToString(db.Engine); e != "" {
				tags["aws:engine"] = e
			}
			emit(found{kind: providers.KindDatabase, name: sdkaws.ToString(db.Name), tags: tags})
		}
		if token = out.NextPageToken; sdkaws.ToString(token) == "" {
			break
		}
	}
	return nil
}
