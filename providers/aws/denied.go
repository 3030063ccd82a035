package aws

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/aws/smithy-go"

	"github.com/reachmap/reachmap/providers"
)

// deniedLedger holds the AccessDenied answers of regional calls until every
// region is done, so that a pattern becomes one gap instead of dozens: an
// SCP closing a region denies every call there; a permission missing from
// the policy denies one operation in every region. Safe for concurrent use.
type deniedLedger struct {
	mu       sync.Mutex
	tasks    map[string]int       // region → calls planned there
	runsIn   map[string][]string  // lister → regions it was planned in
	answered map[string]int       // region → calls that succeeded
	byRegion map[string][]refusal // region → denied answers
	order    []string             // regions in scan order
}

// refusal is one lister's AccessDenied answer.
type refusal struct {
	lister, region string
	err            error
}

func newDeniedLedger() *deniedLedger {
	return &deniedLedger{tasks: map[string]int{}, runsIn: map[string][]string{}, answered: map[string]int{}, byRegion: map[string][]refusal{}}
}

// expect counts one planned call of lister in region.
func (d *deniedLedger) expect(region, lister string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.tasks[region] == 0 {
		d.order = append(d.order, region)
	}
	d.tasks[region]++
	d.runsIn[lister] = append(d.runsIn[lister], region)
}

// ok counts a call that succeeded in region.
func (d *deniedLedger) ok(region string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.answered[region]++
}

func (d *deniedLedger) add(region, lister string, err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.byRegion[region] = append(d.byRegion[region], refusal{lister, region, err})
}

func opKey(err error) (key, action string) {
	var op *smithy.OperationError
	if !errors.As(err, &op) {
		return "", ""
	}
	return op.Service() + " " + op.Operation(), actionFor(op.Service(), op.Operation())
}

// gaps turns the ledger into gaps, once the regional scan is over.
func (d *deniedLedger) gaps(profile string) []providers.Gap {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []providers.Gap
	gap := func(region, msg, hint string) {
		out = append(out, providers.Gap{Provider: providerID, Account: profile, Region: region, Error: msg, Hint: hint})
	}

	// Regions where nothing was allowed: calls were denied and none
	// succeeded (a call may also have failed another way, a service the
	// region lacks, an endpoint that did not answer).
	var closed []string
	isClosed := map[string]bool{}
	for _, r := range d.order {
		if n := len(d.byRegion[r]); n > 1 && d.answered[r] == 0 {
			closed = append(closed, r)
			isClosed[r] = true
		}
	}
	if len(closed) > 1 && len(closed) == len(d.order) {
		gap("", fmt.Sprintf("every call in all %d regions was refused (%s)", len(closed), describe(d.byRegion[closed[0]][0].err)),
			fmt.Sprintf("Profile %q has none of the read-only permissions Reachmap needs: attach the policy printed by reachmap aws-policy.", profile))
		return out
	}
	for _, r := range closed {
		errs := d.byRegion[r]
		var actions []string
		for _, e := range errs {
			if _, a := opKey(e.err); a != "" {
				actions = append(actions, a)
			}
		}
		sort.Strings(actions)
		gap(r, fmt.Sprintf("every call in %s was refused (%s)", r, describe(errs[0].err)),
			fmt.Sprintf("An organization SCP or a region condition probably closes %s to profile %q; if the account keeps data there, allow %s in it.", r, profile, strings.Join(actions, ", ")))
	}

	// The rest, grouped by lister: denied in every open region where the
	// lister ran is a missing permission, said once. WorkMail runs in three
	// regions, so three refusals there are the whole pattern.
	groups := map[string][]refusal{}
	var listers []string
	for _, r := range d.order {
		if isClosed[r] {
			continue
		}
		for _, e := range d.byRegion[r] {
			if _, seen := groups[e.lister]; !seen {
				listers = append(listers, e.lister)
			}
			groups[e.lister] = append(groups[e.lister], e)
		}
	}
	for _, l := range listers {
		es := groups[l]
		open := 0
		for _, r := range d.runsIn[l] {
			if !isClosed[r] {
				open++
			}
		}
		if len(es) > 1 && len(es) == open {
			name, _ := opKey(es[0].err)
			if name == "" {
				name = l
			}
			gap("", fmt.Sprintf("%s was denied in all %d regions where it runs (%s)", name, len(es), describe(es[0].err)),
				hintFor(classDenied, es[0].err, profile))
			continue
		}
		for _, e := range es {
			gap(e.region, describe(e.err), hintFor(classDenied, e.err, profile))
		}
	}
	return out
}
