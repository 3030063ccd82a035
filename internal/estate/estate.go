// Package estate makes synthetic estates for benchmarks and the smoke
// test: n buckets on a self-hosted S3-compatible server that nobody has
// placed, so that neither their territory nor their operator is known
// (Unplaced), or n AWS buckets over a dozen regions (Placed).
// They go through inventory.Run, so the reach and the categories are the
// classifier's, not made up here.
package estate

import (
	"context"
	"fmt"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

// Unplaced scans n buckets of an S3-compatible endpoint with no provider
// or region set, judged against home.
func Unplaced(ctx context.Context, n int, home reach.Home) (*inventory.Scan, error) {
	return inventory.Run(ctx, inventory.Options{Providers: []providers.Provider{unplaced{n}}, Home: home}, nil)
}

// unplaced is the endpoint: what providers/aws reports for a server whose
// company and region the user left empty.
type unplaced struct{ n int }

const endpoint = "s3.nas.example"

// why is what providers/aws says of a server it does not recognise.
const why = endpoint + " is an S3 server Reachmap does not recognise; set its provider and region (or, for your own server, its country) in Accounts to place it"

func (unplaced) Name() string { return "s3-compatible:" + endpoint }

func (u unplaced) Scan(ctx context.Context, sink providers.Sink) error {
	sink.Gap(providers.Gap{Provider: "s3-compatible", Account: endpoint,
		Error: why,
		Hint:  "Without a provider and region the buckets are listed as unknown: Reachmap cannot tell whose law reaches them."})
	for i := range u.n {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		loc := geo.Unknown(why)
		sink.Asset(providers.Asset{Provider: "s3-compatible", Account: endpoint, Kind: providers.KindBucket,
			Name: fmt.Sprintf("backup-%05d", i), Evidence: geo.EvidenceUnknown, Location: &loc,
			Tags: map[string]string{"endpoint": endpoint}})
	}
	return nil
}

// placedRegions are AWS regions on four continents, so that a placed
// estate spreads over the map and meets several countries' laws.
var placedRegions = []string{"eu-west-3", "eu-central-1", "eu-west-1", "eu-north-1", "us-east-1", "us-west-2",
	"ca-central-1", "sa-east-1", "ap-northeast-1", "ap-southeast-2", "ap-south-1", "me-central-1"}

// Placed scans n AWS buckets spread over placedRegions, judged against
// home: the estate of a company that uses the cloud everywhere, whose
// every item has a place, an operator and the laws that reach it.
func Placed(ctx context.Context, n int, home reach.Home) (*inventory.Scan, error) {
	return inventory.Run(ctx, inventory.Options{Providers: []providers.Provider{placed{n}}, Home: home}, nil)
}

// placed is what providers/aws reports for an account's buckets.
type placed struct{ n int }

func (placed) Name() string { return "aws:estate" }

func (p placed) Scan(ctx context.Context, sink providers.Sink) error {
	for i := range p.n {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		sink.Asset(providers.Asset{Provider: "aws", Account: "lumen-prod", AccountID: "111122223333", Kind: providers.KindBucket,
			Name: fmt.Sprintf("lumen-%05d", i), Region: placedRegions[i%len(placedRegions)], Evidence: geo.EvidenceAPI,
			Tags: map[string]string{"env": "prod", "team": fmt.Sprintf("team-%d", i%7)}})
	}
	return nil
}
