// Package demo is a provider that needs no account: an embedded, realistic
// estate of a small European business (an architecture practice in Lyon)
// spread over AWS, Azure, Google Cloud, European hosts and mail services.
// It lets a person see everything Reachmap does before connecting anything,
// and it gives the tests and the screenshots a stable, rich picture.
package demo

import (
	"context"
	"time"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
)

// Provider streams the demo estate.
type Provider struct {
	// Pace, when set, waits between items so a person sees the progress
	// of a scan; tests and the CLI leave it at zero.
	Pace time.Duration
}

// Name implements providers.Provider.
func (p *Provider) Name() string { return "demo" }

// Scan implements providers.Provider.
func (p *Provider) Scan(ctx context.Context, sink providers.Sink) error {
	total := len(estate) + len(scanGaps)
	done := 0
	for _, e := range estate {
		if err := p.wait(ctx); err != nil {
			return err
		}
		sink.Asset(e.asset())
		done++
		sink.Progress(providers.Progress{Provider: e.Provider, Account: e.Account, Stage: "listing " + string(e.Kind) + "s", Done: done, Total: total})
	}
	for _, g := range scanGaps {
		sink.Gap(g)
		done++
		sink.Progress(providers.Progress{Provider: g.Provider, Account: g.Account, Stage: "checking regions", Done: done, Total: total})
	}
	return nil
}

func (p *Provider) wait(ctx context.Context) error {
	if p.Pace <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(p.Pace)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// entry is one row of the estate table.
type entry struct {
	Provider string
	Account  string
	Kind     providers.Kind
	Name     string
	Region   string
	Host     string
	Evidence geo.Evidence
	Location *geo.Location
	Tags     map[string]string
	Gap      string // an item-level gap, if any
	Hint     string
	// Copies are the other places the entry's bytes live, so that the map
	// draws arcs and the detail lists them.
	Copies []providers.Copy
}

// accountIDs are the demo's AWS account ids, by account label.
var accountIDs = map[string]string{
	"lumen-prod": "111122223333", "lumen-sovereign": "444455556666", "lumen-china": "777788889999",
}

func (e entry) asset() providers.Asset {
	a := providers.Asset{
		Provider: e.Provider, Account: e.Account, Kind: e.Kind, Name: e.Name,
		Region: e.Region, Host: e.Host, Evidence: e.Evidence, Tags: e.Tags,
		AccountID: accountIDs[e.Account], Copies: append([]providers.Copy(nil), e.Copies...),
	}
	if e.Location != nil {
		loc := *e.Location
		a.Location = &loc
	}
	if e.Gap != "" {
		a.Gaps = []providers.Gap{{Provider: e.Provider, Account: e.Account, Region: e.Region, Item: e.Name, Error: e.Gap, Hint: e.Hint}}
	}
	return a
}

// Estate returns a copy of the demo's assets, for tests.
func Estate() []providers.Asset {
	out := make([]providers.Asset, len(estate))
	for i, e := range estate {
		out[i] = e.asset()
	}
	return out
}

// Gaps returns the demo's scan-level gaps, for tests.
func Gaps() []providers.Gap { return append([]providers.Gap(nil), scanGaps...) }
