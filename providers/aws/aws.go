// Package aws finds where an AWS account keeps data: S3 buckets with the
// region S3 itself reports, and the databases, file systems, volumes,
// snapshots, archives, backup vaults and mail services in every enabled
// region.
//
// Credentials come the AWS way (shared config and credentials files, named
// and SSO profiles, environment variables), and AWS_ENDPOINT_URL and
// AWS_ENDPOINT_URL_<SERVICE> are honoured by every client, which is how the
// tests point it at local servers. Every call passes a read-only allowlist
// before it leaves the process. Failures (a denied region, an expired SSO
// token, throttling, a dead endpoint) become gaps with a hint; the scan goes
// on and reports what it could see.
package aws

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/geo/geoip"
	"github.com/reachmap/reachmap/providers"
)

// providerID is the legal model's id for Amazon Web Services.
const providerID = "aws"

// Provider scans the account behind one AWS profile.
type Provider struct {
	profile string
	opts    options
}

// Name is "aws:PROFILE".
func (p *Provider) Name() string { return "aws:" + p.profile }

// Scan lists the account's data stores into sink. It returns an error only
// when nothing could be scanned (no credentials, every call refused) or the
// context was cancelled; everything else is reported as gaps.
func (p *Provider) Scan(ctx context.Context, sink providers.Sink) error {
	sc := newScanner(p.profile, sink)
	sc.progress("loading credentials", 0, 0)
	s, err := openSession(ctx, p.profile, p.opts)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		c := classify(err)
		switch c {
		case classNoService:
			// An unknown STS or SSO host name is a network problem here,
			// not a service missing from a region.
			c = classUnreachable
		case classOther, classNoCredentials, classExpired, classBadCredentials:
			if s != nil && s.sso {
				// An SSO profile's credentials fail this way when the session
				// is missing or stale; a login cures it. Network failures keep
				// their own hint.
				c = classSSO
			}
		}
		g := sc.gap("", "", c, err)
		sink.Gap(g)
		return fmt.Errorf("aws profile %s: %s", p.profile, g.Error)
	}
	sc.s = s
	sc.s3 = s.s3()
	sc.placeS3()
	return sc.run(ctx)
}

// placeS3 looks at where the profile sends its calls. AWS's own endpoints
// and servers on this computer (emulators, tests) keep AWS's meaning.
// Another company's S3-compatible endpoint makes the buckets that
// company's, in the region its host name gives; if every service goes
// there, there is no AWS region to scan. Any other server is scanned as if
// it were AWS, and a gap says that this is an assumption.
func (sc *scanner) placeS3() {
	host := endpointHost(sc.s3.Options().BaseEndpoint)
	if host == "" {
		return
	}
	if p, r, ok := geo.S3Endpoint(host); ok {
		if p != providerID {
			sc.place = s3Place{provider: p, region: r, evidence: geo.EvidenceDNS}
			if r == "" {
				sc.place.unknown = fmt.Sprintf("%s does not say which of its regions %s is", p, host)
			}
			sc.s3Only = endpointHost(sc.s.cfg.BaseEndpoint) == host
		}
		return
	}
	if !providers.IsLocalHost(host) {
		sc.sink.Gap(providers.Gap{Provider: providerID, Account: sc.profile,
			Error: fmt.Sprintf("profile %s sends S3 calls to %s, which is not an endpoint Reachmap knows: its buckets are placed where that server says, as if AWS ran it", sc.profile, host),
			Hint:  "If another company runs this server, add it under S3-compatible storage in Accounts with its provider and region instead."})
	}
}

// endpointHost is the host of an endpoint override, or "" for none.
func endpointHost(base *string) string {
	if !customEndpoint(base) {
		return ""
	}
	u, err := url.Parse(*base)
	if err != nil {
		return ""
	}
	return u.Hostname()
}

// scanner is the state of one running scan.
type scanner struct {
	profile string
	s       *session
	s3      *s3.Client
	sink    providers.Sink
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
}

// s3Place says whose storage a scan's buckets are. For AWS the region of
// each bucket is S3's answer. Another company's S3-compatible endpoint
// usually serves one region, which its host name or the user names.
type s3Place struct {
	provider string       // legal-model id of the company running the endpoint
	region   string       // the endpoint's region, when it pins one
	evidence geo.Evidence // how region was learned
	// country places a self-hosted server in the country its owner gave.
	country string
	// unknown, when set, says why the buckets cannot be placed at all (a
	// self-hosted server nobody said the location of).
	unknown string
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
		Provider: sc.provider,
		Account:  sc.profile,
		Kind:     kind,
		Name:     name,
		Region:   region,
		Evidence: geo.EvidenceAPI,
		Tags:     tags,
	}
}

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
		sc.sink.Asset(a)
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
			a, _ := sc.bucketAsset(r.bucket, r.region, true)
			sc.sink.Asset(a)
			return
		}
		c := classify(r.err)
		if c == classCanceled {
			return
		}
		if sc.place.region != "" {
			// The endpoint's own region stands; the HEAD only checked
			// whether the bucket lives in another of the company's regions.
			a, _ := sc.bucketAsset(r.bucket, "", true)
			sc.sink.Asset(a)
			return
		}
		a := sc.asset(providers.KindBucket, r.bucket, "", sc.bucketTags())
		a.Provider = sc.place.provider
		a.Evidence = geo.EvidenceUnknown
		g := sc.gap("", r.bucket, c, r.err)
		loc := geo.Unknown("S3 did not say where this bucket is: " + g.Error)
		a.Location = &loc
		a.Gaps = []providers.Gap{g}
		sc.sink.Asset(a)
	})
}

// bucketAsset places a bucket whose server reported a region (maybe
// none). settled is false when a HeadBucket should tell; final says the
// HeadBucket has been made. On AWS the reported region is the truth.
// Another company's endpoint pins its own region; a reported region is
// kept only when it is one of that company's (an endpoint that lists the
// buckets of several regions, as Wasabi's does), since compatible servers
// often answer "us-east-1" whatever they are.
func (sc *scanner) bucketAsset(name, reported string, final bool) (a providers.Asset, settled bool) {
	p := sc.place
	a = sc.asset(providers.KindBucket, name, reported, sc.bucketTags())
	a.Provider = p.provider
	switch {
	case p.unknown != "" || p.country != "":
		a.Region = ""
		loc := geo.Unknown(p.unknown)
		if p.country != "" {
			loc = geo.Location{Country: p.country, Evidence: geo.EvidenceCatalog, Confidence: geo.ConfidenceMedium,
				Note: "the country its owner gave for this server; the point is the country, not the building"}
			loc.Lat, loc.Lon, _ = geoip.CountryPoint(p.country)
		}
		a.Location, a.Evidence = &loc, loc.Evidence
		if reported != "" {
			a.Tags["s3:reported-region"] = reported
		}
		return a, true
	case p.region == "":
		return a, reported != ""
	case reported == p.region:
	case reported != "":
		if _, ok := geo.Lookup(p.provider, reported); ok {
			return a, true
		}
		if !final {
			return a, false
		}
		a.Tags["s3:reported-region"] = reported
	case !final:
		return a, false
	}
	a.Region, a.Evidence = p.region, p.evidence
	return a, true
}

// bucketTags are AWS's service tag, or for another company's endpoint the
// endpoint itself.
func (sc *scanner) bucketTags() map[string]string {
	if sc.place.provider == providerID {
		return map[string]string{"aws:service": "s3"}
	}
	return map[string]string{"s3:endpoint": sdkaws.ToString(sc.s3.Options().BaseEndpoint)}
}

// enabledRegions asks EC2 which regions the account has enabled. Regions
// of other partitions are dropped; opt-in regions not enabled are reported
// in one gap. If the call is refused, the partition's known regions are
// used and a gap says so; if the credentials or the network fail, no
// region is scanned.
func (sc *scanner) enabledRegions(ctx context.Context) []string {
	sc.progress("listing regions", -1, -1)
	cctx, cancel := context.WithTimeout(ctx, sc.s.opts.callTimeout)
	defer cancel()
	out, err := sc.s.ec2(sc.s.home).DescribeRegions(cctx, &ec2.DescribeRegionsInput{AllRegions: sdkaws.Bool(true)})
	if err != nil {
		sc.fail(sc.s.home, "", err)
		if ctx.Err() != nil {
			return nil
		}
		switch classify(err) {
		case classBadCredentials, classExpired, classSSO, classUnreachable, classTimeout, classNoService:
			// The keys do not work, or the network does not reach AWS: every
			// region would fail the same way, one gap says it.
			return nil
		}
		sc.sink.Gap(providers.Gap{
			Provider: providerID, Account: sc.profile,
			Error: fmt.Sprintf("could not list the account's enabled regions; scanning the %d regions of partition %s instead", len(sc.s.partition.regions), sc.s.partition.id),
			Hint:  "Allow ec2:DescribeRegions so Reachmap scans exactly the regions this account has enabled.",
		})
		return append([]string(nil), sc.s.partition.regions...)
	}
	sc.ok()
	var enabled, off []string
	for _, r := range out.Regions {
		name := sdkaws.ToString(r.RegionName)
		if p, _ := partitionOf(name); name == "" || p.id != sc.s.partition.id {
			continue
		}
		switch sdkaws.ToString(r.OptInStatus) {
		case "not-opted-in":
			off = append(off, name)
		default: // "opt-in-not-required", "opted-in", or not reported
			enabled = append(enabled, name)
		}
	}
	sort.Strings(enabled)
	if len(off) > 0 {
		sort.Strings(off)
		sc.sink.Gap(providers.Gap{
			Provider: providerID, Account: sc.profile,
			Error: fmt.Sprintf("%d opt-in regions are not enabled for this account and were not scanned: %s", len(off), strings.Join(off, ", ")),
			Hint:  "Nothing can be created there while a region is disabled; if one was enabled and used before, enable it again under Account → AWS Regions and scan again.",
		})
	}
	if len(enabled) == 0 {
		enabled = []string{sc.s.home}
	}
	return enabled
}

// regionTask is one lister in one region.
type regionTask struct {
	region string
	l      lister
}

// regionState tracks a region while its listers run.
type regionState struct {
	remaining atomic.Int32
	disabled  atomic.Bool
	once      sync.Once
}

// scanRegions runs every lister in every region with at most
// callConcurrency calls in flight. Tasks are queued region by region so
// regions finish, and progress advances, one after another.
func (sc *scanner) scanRegions(ctx context.Context, regions []string) {
	states := map[string]*regionState{}
	var tasks []regionTask
	sc.denied = newDeniedLedger()
	for _, r := range regions {
		st := &regionState{}
		for _, l := range regionalListers {
			if l.runsIn(r) {
				tasks = append(tasks, regionTask{region: r, l: l})
				st.remaining.Add(1)
				sc.denied.expect(r, l.service)
			}
		}
		states[r] = st
		if st.remaining.Load() == 0 {
			sc.step(r)
		}
	}
	work := make(chan regionTask)
	var wg sync.WaitGroup
	for i := 0; i < min(sc.s.opts.callConcurrency, len(tasks)); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range work {
				st := states[t.region]
				if !st.disabled.Load() && ctx.Err() == nil {
					sc.runTask(ctx, t, st)
				}
				if st.remaining.Add(-1) == 0 {
					sc.step(t.region)
				}
			}
		}()
	}
	for _, t := range tasks {
		select {
		case work <- t:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			// Count the rest as finished so progress ends consistently.
			break
		}
	}
	close(work)
	wg.Wait()
	for _, g := range sc.denied.gaps(sc.profile) {
		sc.record(g)
	}
}

func (sc *scanner) runTask(ctx context.Context, t regionTask, st *regionState) {
	cctx, cancel := context.WithTimeout(ctx, sc.s.opts.callTimeout)
	defer cancel()
	err := t.l.list(cctx, sc.s, t.region, func(f found) {
		sc.sink.Asset(sc.asset(f.kind, f.name, t.region, f.tags))
	})
	if err == nil {
		sc.ok()
		sc.denied.ok(t.region)
		return
	}
	switch c := classify(err); {
	case c == classCanceled:
	case c == classNoService && !sc.customEndpoint():
		// No endpoint for this service here (NXDOMAIN on AWS's own name):
		// the service does not run in this region, so nothing can be there.
	case c == classRegionDisabled || (c == classBadCredentials && t.region != sc.s.home):
		// The keys work at home but not here: an opt-in region that is not
		// enabled, or one an SCP closes. Say it once, skip its other calls.
		st.disabled.Store(true)
		st.once.Do(func() {
			g := sc.gap(t.region, "", classRegionDisabled, err)
			g.Error = "region not enabled for this account, or closed to these credentials: " + g.Error
			sc.sink.Gap(g)
		})
	case c == classDenied:
		sc.denied.add(t.region, t.l.service, err)
	default:
		sc.fail(t.region, "", err)
	}
}

// customEndpoint reports whether the profile points at a custom endpoint,
// in which case an unknown host name is a configuration error to report,
// not a region without the service.
func (sc *scanner) customEndpoint() bool {
	return customEndpoint(sc.s.cfg.BaseEndpoint) || customEndpoint(sc.s3.Options().BaseEndpoint)
}

// Interface guards.
var _ providers.Provider = (*Provider)(nil)
