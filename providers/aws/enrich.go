package aws

import (
	"context"
	"fmt"
	"sync"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/reachmap/reachmap/internal/bounded"
	"github.com/reachmap/reachmap/providers"
)

// enrich completes the assets an account scan held back, with what comes
// from calls about many of them at once: the tags the tagging API read
// (tags.go), each bucket's replication rules (and its tags from S3 when
// the tagging API failed), and Aurora global databases. The listers put
// the copies they see in their own answers (stores.go, copies.go).
func (sc *scanner) enrich(ctx context.Context) {
	if ctx.Err() != nil || sc.s == nil {
		return
	}
	sc.pendingMu.Lock()
	assets := sc.pending
	sc.pendingMu.Unlock()
	if sc.s.tags != nil {
		for i := range assets {
			if t, ok := sc.s.tags.lookup(assets[i]); ok {
				mergeTags(&assets[i], t)
			}
		}
	}
	if sc.provider != providerID || sc.s3Only {
		return
	}
	sc.progress("reading copies and tags", -1, -1)
	sc.bucketDetails(ctx, assets)
	sc.globalClusters(ctx, assets)
}

// bucketDetails reads each AWS bucket's replication rules, and its tags
// when the tagging API could not, at most headConcurrency at a time, from
// the bucket's own region.
func (sc *scanner) bucketDetails(ctx context.Context, assets []providers.Asset) {
	var idx []int
	regionOf := map[string]string{}
	for i, a := range assets {
		if a.Kind == providers.KindBucket && a.Provider == providerID && a.Region != "" {
			idx = append(idx, i)
			regionOf[a.Name] = a.Region
		}
	}
	if len(idx) == 0 {
		return
	}
	readTags := sc.s.tags == nil || sc.s.tags.failed
	clients := map[string]*s3.Client{}
	var cmu sync.Mutex
	client := func(region string) *s3.Client {
		cmu.Lock()
		defer cmu.Unlock()
		if c, ok := clients[region]; ok {
			return c
		}
		c := s3.NewFromConfig(sc.s.cfg, func(o *s3.Options) {
			o.Region = region
			o.BaseEndpoint = sc.s3.Options().BaseEndpoint
			o.UsePathStyle = sc.s3.Options().UsePathStyle
		})
		clients[region] = c
		return c
	}
	type rule struct {
		i    int
		dest string
		c    providers.Copy
	}
	var mu sync.Mutex
	var rules []rule
	cctx, cancel := context.WithTimeout(ctx, sc.s.opts.callTimeout)
	defer cancel()
	bounded.Each(cctx, sc.s.opts.headConcurrency, idx, func(i int) {
		a := &assets[i]
		c := client(a.Region)
		rs, err := bucketReplication(cctx, c, a.Name)
		if err != nil {
			sc.fail(a.Region, a.Name, err)
		}
		mu.Lock()
		for _, r := range rs {
			rules = append(rules, rule{i: i, dest: r.Item, c: r})
		}
		mu.Unlock()
		if readTags {
			t, err := bucketTagging(cctx, c, a.Name)
			if err != nil {
				sc.fail(a.Region, a.Name, err)
			}
			mu.Lock()
			mergeTags(a, t)
			mu.Unlock()
		}
	})
	// A destination in the scan has its region; another account's is
	// asked of S3 with a HEAD, which answers the region even with a 403.
	var unknown []string
	seen := map[string]bool{}
	for _, r := range rules {
		if _, ok := regionOf[r.dest]; !ok && !seen[r.dest] {
			seen[r.dest] = true
			unknown = append(unknown, r.dest)
		}
	}
	if len(unknown) > 0 {
		endpoint := sdkaws.ToString(sc.s3.Options().BaseEndpoint)
		var rmu sync.Mutex
		resolveRegions(cctx, sc.s3, sc.s.cfg.Credentials, unknown, sc.s.opts.headConcurrency, sc.s.opts.cache,
			func(name string) string { return cacheKey(sc.s.partition.id, endpoint, name) },
			func(r regionResult) {
				if r.err == nil {
					rmu.Lock()
					regionOf[r.bucket] = r.region
					rmu.Unlock()
				}
			})
	}
	for _, r := range rules {
		r.c.Region = regionOf[r.dest]
		if r.c.Region == "" {
			r.c.Why += " (its region could not be read)"
		}
		if r.c.Region == assets[r.i].Region && r.c.AccountID == "" {
			continue // a copy in the same region adds no place
		}
		assets[r.i].Copies = append(assets[r.i].Copies, r.c)
	}
}

// bucketReplication returns a bucket's enabled replication rules as
// copies with their destination bucket in Item and its account; the
// region is filled by the caller. No configuration is no copy.
func bucketReplication(ctx context.Context, c *s3.Client, bucket string) ([]providers.Copy, error) {
	out, err := c.GetBucketReplication(ctx, &s3.GetBucketReplicationInput{Bucket: sdkaws.String(bucket)})
	if err != nil {
		if errorCode(err) == "ReplicationConfigurationNotFoundError" {
			return nil, nil
		}
		return nil, err
	}
	if out.ReplicationConfiguration == nil {
		return nil, nil
	}
	var cs []providers.Copy
	for _, r := range out.ReplicationConfiguration.Rules {
		if r.Status != "Enabled" || r.Destination == nil {
			continue
		}
		dest := sdkaws.ToString(r.Destination.Bucket)
		if _, _, _, name, ok := arnParts(dest); ok {
			dest = name
		}
		why := fmt.Sprintf("S3 replication rule %q to bucket %s", sdkaws.ToString(r.ID), dest)
		if sdkaws.ToString(r.ID) == "" {
			why = "S3 replication rule to bucket " + dest
		}
		acct := sdkaws.ToString(r.Destination.Account)
		if acct != "" {
			why += " in account " + acct
		}
		cs = append(cs, providers.Copy{Why: why, Item: dest, AccountID: acct})
	}
	return cs, nil
}

// globalClusters reads the Aurora global databases: the writer cluster's
// data is also in each secondary cluster's region.
func (sc *scanner) globalClusters(ctx context.Context, assets []providers.Asset) {
	hasCluster := false
	for _, a := range assets {
		if a.Tags["aws:service"] == "rds" && a.Kind == providers.KindDatabase {
			hasCluster = true
			break
		}
	}
	if !hasCluster {
		return
	}
	cctx, cancel := context.WithTimeout(ctx, sc.s.opts.callTimeout)
	defer cancel()
	in := &rds.DescribeGlobalClustersInput{}
	for more := true; more; {
		page, err := sc.s.rds(sc.s.home).DescribeGlobalClusters(cctx, in)
		if err != nil {
			sc.fail(sc.s.home, "", err)
			return
		}
		for _, g := range page.GlobalClusters {
			var writer string
			var readers []string
			for _, m := range g.GlobalClusterMembers {
				if sdkaws.ToBool(m.IsWriter) {
					writer = sdkaws.ToString(m.DBClusterArn)
				} else {
					readers = append(readers, sdkaws.ToString(m.DBClusterArn))
				}
			}
			_, wRegion, _, wName, ok := arnParts(writer)
			if !ok {
				continue
			}
			for i := range assets {
				a := &assets[i]
				if a.Tags["aws:service"] != "rds" || a.Region != wRegion || a.Name != wName {
					continue
				}
				for _, r := range readers {
					if _, region, acct, name, ok := arnParts(r); ok && region != wRegion {
						c := providers.Copy{Region: region, Item: name,
							Why: fmt.Sprintf("Aurora global database %s, secondary cluster %s", sdkaws.ToString(g.GlobalClusterIdentifier), name)}
						if acct != sc.accountID {
							c.AccountID = acct
						}
						a.Copies = append(a.Copies, c)
					}
				}
			}
		}
		in.Marker = page.Marker
		more = sdkaws.ToString(page.Marker) != ""
	}
}
