package inventory

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

// Options says what to scan and how to judge it.
type Options struct {
	// Providers are what to scan, built by the caller (the command line
	// and the window build them from the kinds that providers/all lists,
	// so inventory depends on no cloud SDK).
	Providers []providers.Provider
	Home      reach.Home
	// Now defaults to time.Now; tests fix it.
	Now func() time.Time
}

// ErrNothingToScan is returned when the options name no account, domain
// or demo estate.
var ErrNothingToScan = errors.New("nothing to scan")

// Run scans every provider the options ask for, concurrently, and returns
// the judged result. Partial failures are gaps in the Scan. Run returns an
// error when no provider could scan anything, or when ctx was cancelled (the
// partial Scan is returned with it). progress, if not nil, is called from
// the providers' goroutines; it MUST be safe for concurrent use.
func Run(ctx context.Context, opts Options, progress func(providers.Progress)) (*Scan, error) {
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	ps := opts.Providers
	if len(ps) == 0 {
		return nil, ErrNothingToScan
	}

	c := &collector{progress: progress}
	errs := make([]error, len(ps))
	sinks := make([]*providerSink, len(ps))
	var wg sync.WaitGroup
	for i, p := range ps {
		sinks[i] = &providerSink{collector: c}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = p.Scan(ctx, sinks[i])
		}()
	}
	wg.Wait()

	scan := &Scan{
		ScannedAt: now().UTC().Truncate(time.Second),
		Home:      opts.Home,
		Reviewed:  reach.Reviewed(),
		Gaps:      c.gaps,
	}
	failed := 0
	for i, err := range errs {
		if err == nil {
			continue
		}
		failed++
		// A provider that explained its failure in a gap (an expired SSO
		// session, with the command that cures it) needs no second one.
		if ctx.Err() == nil && sinks[i].gaps.Load() == 0 {
			scan.Gaps = append(scan.Gaps, providers.Gap{Provider: ps[i].Name(), Error: err.Error()})
		}
	}
	for _, a := range c.assets {
		scan.Assets = append(scan.Assets, Judge(a, opts.Home))
	}
	linkCopies(scan.Assets)
	if scan.Assets == nil {
		scan.Assets = []Item{}
	}
	if scan.Gaps == nil {
		scan.Gaps = []providers.Gap{}
	}
	sortItems(scan.Assets)
	sortGaps(scan.Gaps)

	if err := ctx.Err(); err != nil {
		return scan, fmt.Errorf("scan cancelled: %w", err)
	}
	if failed == len(ps) && len(scan.Assets) == 0 {
		return scan, fmt.Errorf("scan failed: %w", errors.Join(errs...))
	}
	return scan, nil
}

// Judge places one asset and applies the legal model to it.
func Judge(a providers.Asset, home reach.Home) Item {
	loc, gap := Locate(a)
	gaps := a.Gaps
	if gap != nil {
		gaps = append(gaps, *gap)
	}
	if gaps == nil {
		gaps = []providers.Gap{}
	}
	as := reach.Assess(a.Provider, a.Region, loc, a.Operator)
	it := Item{
		Provider:  a.Provider,
		Account:   a.Account,
		AccountID: a.AccountID,
		Kind:      a.Kind,
		Name:      a.Name,
		Region:    a.Region,
		Host:      a.Host,
		Location:  loc,
		Operator:  as.Operator,
		Reach:     as.Reach,
		Gaps:      gaps,
		Tags:      a.Tags,
		Status:    as.Service.Status, From: as.Service.From, Until: as.Service.Until, Successor: as.Service.Successor,

		Signals:            a.Signals,
		ProviderConfidence: a.Confidence,
	}
	addCopies(&it, a)
	it.Category = categorize(it, home)
	return it
}

// Locate finds where an asset is: the provider's own answer first, then
// the region catalog and the knowledge base's places (reach.Locate), which
// also give the fixed location of a service with one site. A region code
// neither knows gives an unknown location and a gap that names it, never a
// guess.
func Locate(a providers.Asset) (geo.Location, *providers.Gap) {
	if a.Location != nil {
		return *a.Location, nil
	}
	if loc, ok := reach.Locate(a.Provider, a.Region); ok {
		if a.Evidence != "" && a.Evidence != geo.EvidenceUnknown {
			loc.Evidence = a.Evidence
		}
		return loc, nil
	}
	if a.Region == "" {
		return geo.Unknown("the provider reported no region"), nil
	}
	msg := fmt.Sprintf("region %q is not in the %s region catalog", a.Region, a.Provider)
	return geo.Unknown(msg), &providers.Gap{
		Provider: a.Provider, Account: a.Account, Region: a.Region, Item: a.Name,
		Error: msg, Hint: "the item is shown as unknown; report the region code so the catalog can learn it",
	}
}

// collector is the Sink the providers of one scan share.
type collector struct {
	mu       sync.Mutex
	assets   []providers.Asset
	gaps     []providers.Gap
	progress func(providers.Progress)
}

func (c *collector) Asset(a providers.Asset) {
	c.mu.Lock()
	c.assets = append(c.assets, a)
	c.mu.Unlock()
}

func (c *collector) Gap(g providers.Gap) {
	c.mu.Lock()
	c.gaps = append(c.gaps, g)
	c.mu.Unlock()
}

// providerSink counts the gaps one provider reported.
type providerSink struct {
	*collector
	gaps atomic.Int64
}

func (s *providerSink) Gap(g providers.Gap) {
	s.gaps.Add(1)
	s.collector.Gap(g)
}

func (c *collector) Progress(p providers.Progress) {
	if c.progress != nil {
		c.progress(p)
	}
}
