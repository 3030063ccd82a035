package aws

import (
	"context"
	"fmt"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
)

// scanBuckets lists the buckets and reports each with its region: from
// ListBuckets' BucketRegion where S3 gave it, else from a bounded,
// concurrent HeadBucket.
func (sc *scanner) scanBuckets(ctx context.Context) {
	sc.progress("listing S3 buckets", -1, -1)
	lctx, cancel := context.WithTimeout(ctx, sc.s.opts.callTimeout)
	buckets, _, err := listBuckets(lctx, sc.s3, sc.s.opts.pageSize)
	cancel()
	if err != nil {
		sc.fail("", "", err)
		if len(buckets) == 0 {
			return
		}
	} else {
		sc.ok()
	}
	sc.reportBuckets(ctx, buckets)
}

// reportBuckets places each listed bucket and reports it. Buckets whose
// place the listing did not settle get a HeadBucket each.
func (sc *scanner) reportBuckets(ctx context.Context, buckets []bucket) {
	var missing []string
	for _, b := range buckets {
		a, settled := sc.bucketAsset(b.name, b.region, false)
		if !settled {
			missing = append(missing, b.name)
			continue
		}
		sc.emit(a)
	}
	if len(missing) == 0 {
		return
	}
	sc.progress(fmt.Sprintf("finding the region of %d buckets", len(missing)), -1, -1)
	endpoint := sdkaws.ToString(sc.s3.Options().BaseEndpoint)
	key := func(name string) string { return cacheKey(sc.s.partition.id, endpoint, name) }
	hctx, hcancel := context.WithTimeout(ctx, sc.s.opts.callTimeout)
	defer hcancel()
	resolveRegions(hctx, sc.s3, sc.s.cfg.Credentials, missing, sc.s.opts.headConcurrency, sc.s.opts.cache, key, func(r regionResult) {
		if r.err == nil {
			sc.ok()
		} else if classify(r.err) == classCanceled {
			return
		}
		sc.emit(sc.headedBucket(r, classify(r.err)))
	})
}
