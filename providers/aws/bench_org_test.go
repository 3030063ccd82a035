package aws

import (
	"context"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/organizations"

	"github.com/reachmap/reachmap/internal/bounded"
	"github.com/reachmap/reachmap/internal/delayproxy"
)

// orgRegions are the regions the benchmark's accounts have enabled (the
// front answers DescribeRegions with them): one European, one American.
var orgRegions = []string{"eu-west-1", "us-east-1"}

// orgRoundsPerAccount is the critical path of one member's scan, in round
// trips: AssumeRole; ListBuckets and DescribeRegions side by side; the
// regional listers (2 regions × 13 listers, Lightsail and WorkMail left out as
// moto has neither), at most callConcurrency (24) at once, so two rounds; each bucket's
// GetBucketReplication.
const orgRoundsPerAccount = 5

// BenchmarkOrganization scans an organization of 10 and of 100 member
// accounts in moto, each with a bucket, through a link adding 50 ms per
// round trip. The floor is what the round trips cost when every account's
// are done concurrently within the bound: GetCallerIdentity, the
// ListAccounts pages, then ceil((members+1)/orgConcurrency) waves of
// orgRoundsPerAccount rounds. It reports the wall time, the floor, their
// ratio and the requests per account.
func BenchmarkOrganization(b *testing.B) {
	if testing.Short() {
		b.Skip("talks to moto through a 50 ms link")
	}
	for _, n := range []int{10, 100} {
		b.Run(fmt.Sprintf("accounts-%d", n), func(b *testing.B) {
			endpoint := freshMoto(b)
			ids := seedBenchOrg(b, endpoint, n)
			f := newFront(b, endpoint)
			f.regions = orgRegions
			p, err := delayproxy.Start(delayproxy.Config{Target: strings.TrimPrefix(f.URL(), "http://"), RTT: benchRTT})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { p.Close() })
			files := writeFiles(b, testProfile{name: "mgmt", region: "eu-west-1", endpoint: "http://" + p.Addr(), access: motoAccess, secret: motoSecret})
			o := testOptions(files)
			// moto has no WorkMail either; its lister is left out with Lightsail's.
			o.skip["workmail"] = true
			var wall time.Duration
			var requests int
			// moto builds each account's backends on first use, seconds of
			// Python for 100 accounts: one scan first, untimed, warms them,
			// as a real AWS has no such cost.
			for i := -1; i < b.N; i++ {
				if i == 0 {
					wall, requests = 0, 0
					b.ResetTimer()
				}
				f.reset()
				wall += orgScan(b, o, len(ids))
				requests += f.total()
			}
			b.StopTimer()
			// The same scan with no link in between: moto's own time, which
			// no client can save.
			near := testOptions(writeFiles(b, testProfile{name: "mgmt", region: "eu-west-1", endpoint: f.URL(), access: motoAccess, secret: motoSecret}))
			near.skip["workmail"] = true
			server := orgScan(b, near, len(ids))
			pages := int(math.Ceil(float64(n+1) / 20)) // ListAccounts' page is 20 accounts
			waves := int(math.Ceil(float64(n+1) / float64(o.orgConcurrency)))
			floor := benchRTT * time.Duration(1+pages+waves*orgRoundsPerAccount)
			per := wall / time.Duration(b.N)
			b.ReportMetric(per.Seconds(), "wall-s")
			b.ReportMetric(floor.Seconds(), "floor-s")
			b.ReportMetric(per.Seconds()/floor.Seconds(), "x-floor")
			b.ReportMetric(server.Seconds(), "server-s")
			// Against the larger of the two bounds: the link's, and moto's.
			b.ReportMetric(per.Seconds()/max(floor, server).Seconds(), "x-bound")
			b.ReportMetric(float64(requests)/float64(b.N)/float64(n+1), "requests/account")
			b.ReportMetric(float64(o.orgConcurrency), "accounts-at-once")
		})
	}
}

// seedBenchOrg makes an organization of n members, each with one bucket
// in eu-west-1, and returns the members' ids.
func seedBenchOrg(b *testing.B, endpoint string, n int) []string {
	b.Helper()
	ctx := context.Background()
	org := organizations.NewFromConfig(rawConfig(endpoint, "eu-west-1", motoAccess, motoSecret))
	if _, err := org.CreateOrganization(ctx, &organizations.CreateOrganizationInput{FeatureSet: "ALL"}); err != nil {
		b.Fatal(err)
	}
	ids := make([]string, n)
	for i := range n {
		out, err := org.CreateAccount(ctx, &organizations.CreateAccountInput{
			AccountName: sdkaws.String(fmt.Sprintf("client-%03d", i)), Email: sdkaws.String(fmt.Sprintf("c%03d@example.com", i))})
		if err != nil {
			b.Fatal(err)
		}
		ids[i] = sdkaws.ToString(out.CreateAccountStatus.AccountId)
	}
	var mu sync.Mutex
	var failed error
	bounded.Each(ctx, 8, ids, func(id string) {
		cfg, err := assumeRaw(endpoint, id, "eu-west-1")
		if err == nil {
			err = createBucketRaw(cfg, "bucket-"+id)
		}
		if err != nil {
			mu.Lock()
			failed = err
			mu.Unlock()
		}
	})
	if failed != nil {
		b.Fatal(failed)
	}
	// The management account's own bucket.
	if err := createBucketRaw(rawConfig(endpoint, "eu-west-1", motoAccess, motoSecret), "bucket-mgmt"); err != nil {
		b.Fatal(err)
	}
	return append(ids, motoAccount)
}

// orgScan scans the organization once and checks it found every bucket.
func orgScan(b *testing.B, o options, buckets int) time.Duration {
	b.Helper()
	sink := &recSink{}
	prov := &Provider{profile: "mgmt", opts: o, orgRole: "R", claims: newAccountClaims()}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	begin := time.Now()
	err := prov.Scan(ctx, sink)
	d := time.Since(begin)
	if err != nil || len(sink.Gaps) != 0 {
		b.Fatalf("scan: %v\n%s", err, sink.gapText())
	}
	n := 0
	for _, a := range sink.Assets {
		if a.Kind == "bucket" {
			n++
		}
	}
	if n != buckets {
		b.Fatalf("%d buckets, want one per account (%d)", n, buckets)
	}
	return d
}
