package aws

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/reachmap/reachmap/internal/bounded"
	"github.com/reachmap/reachmap/providers"
)

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
			if l.runsIn(r) && !sc.s.opts.skip[l.service] {
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
	// A done context stops the hand-out; the regions whose listers were
	// not handed out are never counted done, as a cancelled scan's
	// progress has no end to reach.
	bounded.Each(ctx, sc.s.opts.callConcurrency, tasks, func(t regionTask) {
		st := states[t.region]
		if !st.disabled.Load() && ctx.Err() == nil {
			sc.runTask(ctx, t, st)
		}
		if st.remaining.Add(-1) == 0 {
			sc.step(t.region)
		}
	})
	for _, g := range sc.denied.gaps(sc.profile) {
		sc.record(g)
	}
}

func (sc *scanner) runTask(ctx context.Context, t regionTask, st *regionState) {
	cctx, cancel := context.WithTimeout(ctx, sc.s.opts.callTimeout)
	defer cancel()
	err := t.l.list(cctx, sc.s, t.region, func(f found) {
		if f.err != nil {
			// A side call failed (a table's replicas, a vault's backup
			// plans): the store is still reported, the gap says what is
			// missing about it.
			if c := classify(f.err); c != classCanceled {
				sc.record(sc.gap(t.region, f.name, c, f.err))
			}
			if f.kind == "" {
				return
			}
		}
		a := sc.asset(f.kind, f.name, t.region, f.tags)
		a.Copies = f.copies
		sc.emit(a)
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
