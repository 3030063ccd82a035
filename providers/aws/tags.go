package aws

import (
	"context"
	"strings"
	"sync"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/reachmap/reachmap/providers"
)

// Tags: the Resource Groups Tagging API answers for every tagged resource
// of a region in pages (tag:GetResources), so one lister per region reads
// them all; enrich puts them on the assets found. Where that API failed,
// buckets' tags are read from S3 itself (GetBucketTagging).

// tagIndex holds the tags of one account, by service, region and name.
type tagIndex struct {
	mu sync.Mutex
	m  map[string]map[string]string
	// failed is set when a region's tags could not be read.
	failed bool
}

func newTagIndex() *tagIndex { return &tagIndex{m: map[string]map[string]string{}} }

// arnServices are the ARN service names of the services' tags.
var arnServices = map[string]string{
	"s3": "s3", "dynamodb": "dynamodb", "rds": "rds", "efs": "elasticfilesystem",
	"ebs": "ec2", "glacier": "glacier", "backup": "backup", "redshift": "redshift",
	"opensearch": "es", "fsx": "fsx", "lightsail": "lightsail", "workmail": "workmail", "ses": "ses",
}

func tagKey(service, region, name string) string {
	if service == "s3" {
		region = "" // a bucket's ARN names no region
	}
	return service + "|" + region + "|" + name
}

// arnParts are an ARN's service, region, account and the resource's last
// name ("table/orders" → "orders", "db:crm-db" → "crm-db").
func arnParts(arn string) (service, region, account, name string, ok bool) {
	p := strings.SplitN(arn, ":", 6)
	if len(p) != 6 || p[0] != "arn" {
		return "", "", "", "", false
	}
	res := p[5]
	if i := strings.LastIndexAny(res, "/:"); i >= 0 {
		res = res[i+1:]
	}
	return p[2], p[3], p[4], res, true
}

func (x *tagIndex) add(arn string, tags map[string]string) {
	service, region, _, name, ok := arnParts(arn)
	if !ok || len(tags) == 0 {
		return
	}
	x.mu.Lock()
	x.m[tagKey(service, region, name)] = tags
	x.mu.Unlock()
}

func (x *tagIndex) fail() {
	x.mu.Lock()
	x.failed = true
	x.mu.Unlock()
}

// lookup returns the tags of an asset, by its service tag.
func (x *tagIndex) lookup(a providers.Asset) (map[string]string, bool) {
	service, ok := arnServices[a.Tags["aws:service"]]
	if !ok {
		return nil, false
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	t, ok := x.m[tagKey(service, a.Region, a.Name)]
	return t, ok
}

// mergeTags adds the tags people set to an asset's; the service's own
// (aws:…) stay as the lister gave them.
func mergeTags(a *providers.Asset, tags map[string]string) {
	if len(tags) == 0 {
		return
	}
	if a.Tags == nil {
		a.Tags = map[string]string{}
	}
	for k, v := range tags {
		if _, own := a.Tags[k]; own && strings.HasPrefix(k, "aws:") {
			continue
		}
		a.Tags[k] = v
	}
}

// The module is held at v1.41: from v1.42 the SDK speaks Smithy RPC v2
// CBOR to this API first, which AWS also serves but the tests' moto does
// not; AWS JSON 1.1 is what both answer.

// listTags reads a region's tagged resources, page by page, into the
// session's index. It reports no asset.
func listTags(ctx context.Context, s *session, region string, _ func(found)) error {
	c := resourcegroupstaggingapi.NewFromConfig(s.cfg, func(o *resourcegroupstaggingapi.Options) { o.Region = region })
	in := &resourcegroupstaggingapi.GetResourcesInput{ResourcesPerPage: sdkaws.Int32(100)}
	for more := true; more; {
		page, err := c.GetResources(ctx, in)
		if err != nil {
			s.tags.fail()
			return err
		}
		for _, m := range page.ResourceTagMappingList {
			tags := make(map[string]string, len(m.Tags))
			for _, t := range m.Tags {
				tags[sdkaws.ToString(t.Key)] = sdkaws.ToString(t.Value)
			}
			s.tags.add(sdkaws.ToString(m.ResourceARN), tags)
		}
		in.PaginationToken = page.PaginationToken
		more = sdkaws.ToString(page.PaginationToken) != ""
	}
	return nil
}

// bucketTagging reads a bucket's tags from S3; a bucket without tags is
// not an error.
func bucketTagging(ctx context.Context, c *s3.Client, bucket string) (map[string]string, error) {
	out, err := c.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: sdkaws.String(bucket)})
	if err != nil {
		if code := errorCode(err); code == "NoSuchTagSet" || code == "NoSuchTagSetError" {
			return nil, nil
		}
		return nil, err
	}
	tags := make(map[string]string, len(out.TagSet))
	for _, t := range out.TagSet {
		tags[sdkaws.ToString(t.Key)] = sdkaws.ToString(t.Value)
	}
	return tags, nil
}
