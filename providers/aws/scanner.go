package aws

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
)

// The scanner is what one Scan shares between its parts: the S3 listing
// (buckets.go, placed by place.go), the regional listers (regions.go),
// and how both report progress, gaps and assets. A CompatProvider runs
// only the S3 part.

// scanner is the state of one running scan.
type scanner struct {
	profile string
	// accountID is the account's 12 digits, "" for an S3-compatible endpoint.
	accountID string
	s         *session
	s3        *s3.Client
	sink      providers.Sink
	// provider is the legal-model id the scan reports under: "aws", or the
	// company of an S3-compatible endpoint scanned on its own. place says
	// whose storage the buckets are, and where when the S3 endpoint decides
	// it (a profile's S3 may point at another company while its other
	// services are AWS's). hint says what to do about a failure.
	provider string
	place    s3Place
	hint     func(c class, err error) string
	// s3Only is set when every service of the profile goes to another
	// company's S3 endpoint: there are no AWS regions to scan.
	s3Only bool

	denied *deniedLedger

	succeeded atomic.Int64
	failedMu  sync.Mutex
	firstFail *providers.Gap

	progMu      sync.Mutex
	done, total int

	// collect holds the assets back until the account's tags and copies,
	// which come from calls about all of them, are known (enrich.go).
	collect   bool
	pendingMu sync.Mutex
	pending   []providers.Asset
}

// emit reports an asset, or holds it back for flush.
func (sc *scanner) emit(a providers.Asset) {
	if !sc.collect {
		sc.sink.Asset(a)
		return
	}
	sc.pendingMu.Lock()
	sc.pending = append(sc.pending, a)
	sc.pendingMu.Unlock()
}

// flush reports the assets held back.
func (sc *scanner) flush() {
	sc.pendingMu.Lock()
	pending := sc.pending
	sc.pending = nil
	sc.pendingMu.Unlock()
	for _, a := range pending {
		sc.sink.Asset(a)
	}
}

func newScanner(profile string, sink providers.Sink) *scanner {
	sc := &scanner{profile: profile, sink: sink, provider: providerID, place: s3Place{provider: providerID}}
	sc.hint = func(c class, err error) string { return hintFor(c, err, sc.profile) }
	return sc
}

func (sc *scanner) run(ctx context.Context) error {
	var wg sync.WaitGroup
	totalKnown := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		sc.scanBuckets(ctx)
		// Counting S3 as done before the total is known would show 1/1,
		// a finished scan, to whoever draws the progress.
		<-totalKnown
		sc.step("s3")
	}()

	var regions []string
	if !sc.s3Only {
		regions = sc.enabledRegions(ctx)
	}
	sc.progMu.Lock()
	sc.total = len(regions) + 1 // +1: S3, which is global
	sc.progMu.Unlock()
	close(totalKnown)
	sc.progress("scanning regions", -1, -1)
	sc.scanRegions(ctx, regions)
	wg.Wait()

	if err := ctx.Err(); err != nil {
		return err
	}
	if sc.succeeded.Load() == 0 && sc.firstFail != nil {
		return fmt.Errorf("aws profile %s: nothing could be scanned: %s", sc.profile, sc.firstFail.Error)
	}
	return nil
}

// progress reports a stage; done/total of -1 mean "unchanged".
func (sc *scanner) progress(stage string, done, total int) {
	sc.progMu.Lock()
	if done >= 0 {
		sc.done = done
	}
	if total >= 0 {
		sc.total = total
	}
	pr := providers.Progress{Provider: sc.provider, Account: sc.profile, Stage: stage, Done: sc.done, Total: sc.total}
	sc.progMu.Unlock()
	sc.sink.Progress(pr)
}

// step counts one finished unit (a region, or S3).
func (sc *scanner) step(what string) {
	sc.progMu.Lock()
	sc.done++
	pr := providers.Progress{Provider: sc.provider, Account: sc.profile, Stage: what + " done", Done: sc.done, Total: sc.total}
	sc.progMu.Unlock()
	sc.sink.Progress(pr)
}

func (sc *scanner) ok() { sc.succeeded.Add(1) }

// gap turns an error into a gap for the account, a region or an item.
func (sc *scanner) gap(region, item string, c class, err error) providers.Gap {
	g := providers.Gap{
		Provider: sc.provider,
		Account:  sc.profile,
		Region:   region,
		Item:     item,
		Error:    describe(err),
		Hint:     sc.hint(c, err),
	}
	if c == classNoProfile {
		g.Error = fmt.Sprintf("AWS profile %q was not found in the shared config or credentials files", sc.profile)
	}
	if c == classSSO {
		g.Error = fmt.Sprintf("the SSO session of profile %q has expired or was never started", sc.profile)
	}
	if c == classNoCredentials {
		g.Error = fmt.Sprintf("no AWS credentials found for profile %q", sc.profile)
	}
	return g
}

// fail reports a failed call as a gap, unless it is a cancellation.
func (sc *scanner) fail(region, item string, err error) {
	c := classify(err)
	if c == classCanceled {
		return
	}
	sc.record(sc.gap(region, item, c, err))
}

// record reports a gap that stands for a failed call.
func (sc *scanner) record(g providers.Gap) {
	sc.failedMu.Lock()
	if sc.firstFail == nil {
		sc.firstFail = &g
	}
	sc.failedMu.Unlock()
	sc.sink.Gap(g)
}

func (sc *scanner) asset(kind providers.Kind, name, region string, tags map[string]string) providers.Asset {
	return providers.Asset{
		Provider:  sc.provider,
		Account:   sc.profile,
		AccountID: sc.accountID,
		Kind:      kind,
		Name:      name,
		Region:    region,
		Evidence:  geo.EvidenceAPI,
		Tags:      tags,
	}
}

// customEndpoint reports whether the profile points at a custom endpoint,
// in which case an unknown host name is a configuration error to report,
// not a region without the service.
func (sc *scanner) customEndpoint() bool {
	return customEndpoint(sc.s.cfg.BaseEndpoint) || customEndpoint(sc.s3.Options().BaseEndpoint)
}
