package aws

import (
	"context"
	"errors"
	"fmt"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/s3/manager"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/reachmap/reachmap/internal/bounded"
)

// bucket is one listed bucket and the region S3 reported for it, if any.
type bucket struct {
	name   string
	region string
}

// listBucketsAPI is the part of the S3 client listBuckets needs.
type listBucketsAPI interface {
	ListBuckets(context.Context, *s3.ListBucketsInput, ...func(*s3.Options)) (*s3.ListBucketsOutput, error)
}

// maxListPages stops a server that keeps handing out continuation tokens:
// 10,000 pages of 10,000 is far beyond S3's bucket quota.
const maxListPages = 10000

// listStats says how a listing went, for benchmarks and tests.
type listStats struct {
	pages int
	// unpaginated is true when the server ignored pagination (a full page
	// and no continuation token) and the list was read again without it.
	unpaginated bool
}

// listBuckets returns every bucket of the account. Setting MaxBuckets makes
// S3 paginate and report each bucket's BucketRegion, so a whole account
// comes back in pages×RTT with its regions. Some servers (moto) cut the
// list at MaxBuckets without a continuation token; a full page with no
// token is therefore read again without MaxBuckets, and the two lists are
// merged (the first one's regions win). A page that carries BucketRegion
// comes from a server that knows the paginated API, so for it a full page
// without a token really is the last one, and costs no second read.
func listBuckets(ctx context.Context, c listBucketsAPI, pageSize int32) ([]bucket, listStats, error) {
	var (
		out   []bucket
		seen  = map[string]int{}
		stats listStats
		token *string
	)
	add := func(bs []bucket) {
		for _, b := range bs {
			if i, dup := seen[b.name]; dup {
				if out[i].region == "" {
					out[i].region = b.region
				}
				continue
			}
			seen[b.name] = len(out)
			out = append(out, b)
		}
	}
	for {
		page, err := c.ListBuckets(ctx, &s3.ListBucketsInput{MaxBuckets: sdkaws.Int32(pageSize), ContinuationToken: token}, withFastListBuckets)
		stats.pages++
		if err != nil {
			return out, stats, fmt.Errorf("list buckets (page %d): %w", stats.pages, err)
		}
		add(fromSDK(page.Buckets))
		next := sdkaws.ToString(page.ContinuationToken)
		if next == "" {
			if len(page.Buckets) >= int(pageSize) && !reportsRegions(page.Buckets) {
				all, err := c.ListBuckets(ctx, &s3.ListBucketsInput{}, withFastListBuckets)
				stats.pages++
				stats.unpaginated = true
				if err != nil {
					return out, stats, fmt.Errorf("list buckets without pagination: %w", err)
				}
				add(fromSDK(all.Buckets))
			}
			return out, stats, nil
		}
		if token != nil && next == *token {
			return out, stats, fmt.Errorf("list buckets: the server repeated continuation token %q", next)
		}
		if stats.pages >= maxListPages {
			return out, stats, fmt.Errorf("list buckets: gave up after %d pages", stats.pages)
		}
		token = &next
	}
}

// reportsRegions reports whether a page came with BucketRegion, the mark
// of a server that implements ListBuckets pagination.
func reportsRegions(bs []s3types.Bucket) bool {
	for _, b := range bs {
		if sdkaws.ToString(b.BucketRegion) != "" {
			return true
		}
	}
	return false
}

// fromSDK keeps the named buckets of a page, with the region S3 gave.
func fromSDK(bs []s3types.Bucket) []bucket {
	out := make([]bucket, 0, len(bs))
	for _, b := range bs {
		name := sdkaws.ToString(b.Name)
		if name == "" {
			continue
		}
		out = append(out, bucket{name: name, region: sdkaws.ToString(b.BucketRegion)})
	}
	return out
}

// headBucketAPI is the part of the S3 client the region lookup needs.
type headBucketAPI = manager.HeadBucketAPIClient

// regionResult is the outcome of one bucket's region lookup.
type regionResult struct {
	bucket string
	region string
	err    error
}

// resolveRegions finds the region of each bucket with HeadBucket (the
// x-amz-bucket-region header, which S3 sends even with a 301 or a 403),
// at most concurrency at a time, answering from the cache where it can.
// Results are delivered to found as they arrive, from several goroutines.
//
// The HEAD is signed with the profile's credentials: S3-compatible servers
// refuse anonymous requests outright, and AWS answers a signed request for
// a bucket in another region with a redirect that still carries the header.
func resolveRegions(ctx context.Context, c headBucketAPI, creds sdkaws.CredentialsProvider, names []string, concurrency int, cache *regionCache, keyPrefix func(string) string, found func(regionResult)) {
	bounded.Each(ctx, concurrency, names, func(name string) {
		key := keyPrefix(name)
		if r, ok := cache.get(key); ok {
			found(regionResult{bucket: name, region: r})
			return
		}
		region, err := manager.GetBucketRegion(ctx, c, name, func(o *s3.Options) { o.Credentials = creds })
		if err == nil && region == "" {
			err = errors.New("the server did not report the bucket's region (no x-amz-bucket-region header)")
		}
		if err == nil {
			cache.put(key, region)
		}
		found(regionResult{bucket: name, region: region, err: err})
	})
}
