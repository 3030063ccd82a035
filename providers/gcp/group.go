package gcp

import (
	"context"
	"sync"

	"github.com/reachmap/reachmap/providers"
)

// group scans with several credentials at once, the keys added in Accounts
// and the sign-in's Application Default Credentials, and scans each
// project once: a project both can see would otherwise be listed twice,
// every bucket and database in it a duplicate. Members come in priority
// order, keys first (a key is added for the projects the sign-in cannot
// read fully), and a project goes to the first member that lists it.
type group struct{ members []*Provider }

// Name implements providers.Provider.
func (group) Name() string { return "gcp" }

// Scan implements providers.Provider: every member signs in and lists its
// projects, then each scans the projects no member before it took.
func (g group) Scan(ctx context.Context, sink providers.Sink) error {
	type plan struct {
		s        *session
		projects []string
		err      error
	}
	plans := make([]plan, len(g.members))
	var wg sync.WaitGroup
	for i, p := range g.members {
		wg.Go(func() { plans[i].s, plans[i].projects, plans[i].err = p.plan(ctx, sink) })
	}
	wg.Wait()
	taken := map[string]bool{}
	for i := range plans {
		var mine []string
		for _, pr := range plans[i].projects {
			if !taken[pr] {
				taken[pr] = true
				mine = append(mine, pr)
			}
		}
		plans[i].projects = mine
	}
	errs := make([]error, len(g.members))
	for i, p := range g.members {
		if plans[i].s == nil || plans[i].err != nil {
			errs[i] = plans[i].err
			continue
		}
		wg.Go(func() { errs[i] = p.scanProjects(ctx, sink, plans[i].s, plans[i].projects) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
