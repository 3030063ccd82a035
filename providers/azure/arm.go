package azure

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/resources/armsubscriptions"

	"github.com/reachmap/reachmap/internal/bounded"
	"github.com/reachmap/reachmap/providers"
)

// ARMProvider scans every subscription one sign-in can read.
type ARMProvider struct {
	signIn        SignIn
	cloud         Cloud
	cloudErr      string
	subscriptions []string
	// session, when set (tests), replaces the one a scan builds.
	session func() (*session, error)
}

// Name implements providers.Provider.
func (p *ARMProvider) Name() string { return "azure:" + p.signIn.String() }

type subscription struct {
	ID, Name, State string
}

// readerHint is what to grant when ARM refuses a read.
func readerHint(sub subscription) string {
	return fmt.Sprintf("the Reader role on subscription %s (%s); Reader is enough, Reachmap never writes", sub.Name, sub.ID)
}

// Scan implements providers.Provider.
func (p *ARMProvider) Scan(ctx context.Context, sink providers.Sink) error {
	s, g, err := start(ctx, sink, KindAzure, p.signIn, p.cloud, p.cloudErr, p.open)
	if s == nil {
		return err
	}
	sink.Progress(providers.Progress{Provider: KindAzure, Account: g.account, Stage: "subscriptions"})
	subs, err := listSubscriptions(ctx, s)
	if err != nil {
		g.err("", "", err, "the Reader role on the subscriptions to scan")
		return ctx.Err()
	}
	subs = p.pick(subs, g)
	var done atomic.Int32
	bounded.Each(ctx, 4, subs, func(sub subscription) {
		scanSubscription(ctx, s, sub, sink, g.forAccount(sub.Name))
		sink.Progress(providers.Progress{Provider: KindAzure, Account: g.account, Stage: "subscriptions", Done: int(done.Add(1)), Total: len(subs)})
	})
	return ctx.Err()
}

// start begins a scan of either kind: it reports a refused cloud or a
// failed sign-in as a gap, and returns a nil session with Scan's result
// then.
func start(ctx context.Context, sink providers.Sink, kind string, si SignIn, c Cloud, cloudErr string, open func() (*session, error)) (*session, gapper, error) {
	g := gapper{ctx: ctx, sink: sink, provider: kind, account: si.String(), auth: si.Auth, cloud: c}
	if err := ctx.Err(); err != nil {
		return nil, g, err
	}
	if cloudErr != "" {
		g.text("", "", cloudErr, "set "+EnvCloud+" to AzurePublic, AzureChina, AzureGovernment or a cloud file")
		return nil, g, nil
	}
	s, err := open()
	if err != nil {
		g.err("", "", err, "")
		return nil, g, ctx.Err()
	}
	return s, g, nil
}

func (p *ARMProvider) open() (*session, error) {
	if p.session != nil {
		return p.session()
	}
	hc := httpClient()
	cred, err := credential(p.signIn, p.cloud, hc)
	if err != nil {
		return nil, err
	}
	return newSession(p.cloud, cred, hc)
}

// listSubscriptions lists the subscriptions through armsubscriptions.
func listSubscriptions(ctx context.Context, s *session) ([]subscription, error) {
	c, err := armsubscriptions.NewClient(s.cred, armOptions(s.cloud, s.hc))
	if err != nil {
		return nil, err
	}
	var out []subscription
	pager := c.NewListPager(nil)
	for pager.More() {
		pg, err := pager.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, sub := range pg.Value {
			if sub == nil || sub.SubscriptionID == nil {
				continue
			}
			v := subscription{ID: *sub.SubscriptionID, Name: deref(sub.DisplayName)}
			if sub.State != nil {
				v.State = string(*sub.State)
			}
			if v.Name == "" {
				v.Name = v.ID
			}
			out = append(out, v)
		}
	}
	return out, nil
}

// pick keeps the subscriptions asked for (all when none were), reports
// the ones asked for that the identity cannot see, and the disabled ones,
// as gaps.
func (p *ARMProvider) pick(subs []subscription, g gapper) []subscription {
	var out []subscription
	for _, want := range p.subscriptions {
		if !slices.ContainsFunc(subs, func(s subscription) bool { return strings.EqualFold(s.ID, want) }) {
			g.text("", want, "subscription "+want+" is not among those this identity can read",
				"grant the Reader role on subscription "+want+" (Reader is enough), or check its id")
		}
	}
	for _, s := range subs {
		if len(p.subscriptions) > 0 && !slices.ContainsFunc(p.subscriptions, func(w string) bool { return strings.EqualFold(s.ID, w) }) {
			continue
		}
		switch s.State {
		case "Disabled", "Deleted":
			g.forAccount(s.Name).text("", "", "subscription "+s.ID+" is "+strings.ToLower(s.State)+": its resources cannot be listed",
				"re-enable the subscription in the Azure portal, or leave it out")
			continue
		}
		out = append(out, s)
	}
	return out
}

// gapper reports gaps, none once the scan is cancelled.
type gapper struct {
	ctx      context.Context
	sink     providers.Sink
	provider string
	account  string
	auth     string
	cloud    Cloud
}

func (g gapper) forAccount(a string) gapper { g.account = a; return g }

func (g gapper) text(region, item, msg, hint string) {
	if g.ctx.Err() != nil {
		return
	}
	g.sink.Gap(providers.Gap{Provider: g.provider, Account: g.account, Region: region, Item: item, Error: msg, Hint: hint})
}

// err reports err as a gap; role is what a 403 asks to grant.
func (g gapper) err(region, item string, err error, role string) {
	if g.ctx.Err() != nil {
		return
	}
	msg, hint := reason(err, role, g.auth, g.cloud)
	g.text(region, item, msg, hint)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
