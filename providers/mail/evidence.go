package mail

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
)

// Confidence that a mailbox is where its provider says, from how its
// signals agree: high when the MX names the service, medium when
// autodiscover or DKIM name it behind a gateway or relay, low when only SPF
// or a TXT verification does, unknown otherwise.
const (
	confidenceHigh    = geo.ConfidenceHigh
	confidenceMedium  = geo.ConfidenceMedium
	confidenceLow     = geo.ConfidenceLow
	confidenceUnknown = geo.Confidence("unknown")
)

// evidence is what one domain's probes gave.
type evidence struct {
	ascii, display string
	probes         []probed
	apex           answer
	apexErr        error
	mx             []providers.Signal
}

func mxRecord(domain string, m mx) string {
	return fmt.Sprintf("%s MX %d %s", domain, m.pref, m.host)
}

// mxSignal says what one MX record names.
func mxSignal(domain string, m mx) providers.Signal {
	sig := providers.Signal{Probe: "mx", Record: mxRecord(domain, m)}
	if m.host == domain {
		sig.Record = domain + " (no MX: its own address)"
	}
	mm, ok := ClassifyMX(m.host)
	switch {
	case !ok:
		sig.Says = "a server no mail service Reachmap knows runs"
	case mm.Kind == providers.KindMailGateway:
		sig.Provider, sig.Says = mm.Provider, "the filtering gateway "+mm.Service+" receives the mail and passes it on"
	default:
		sig.Provider, sig.Says = mm.Provider, "the mailboxes are at "+mm.Service
	}
	return sig
}

func (c claim) signal() providers.Signal {
	return providers.Signal{Probe: c.probe, Record: c.record, Provider: c.match.Provider, Says: c.says}
}

func spfSignal(domain string, h spfHit) providers.Signal {
	return providers.Signal{Probe: "spf", Record: domain + " SPF include:" + h.include, Provider: h.match.Provider,
		Says: h.match.Service + " may send the domain's mail (SPF lists senders, not where mailboxes are)"}
}

func signalsOf(cs []claim) []providers.Signal {
	var out []providers.Signal
	for _, c := range cs {
		out = append(out, c.signal())
	}
	return out
}

// attribute turns a domain's MX records and probes into its items: the
// mailbox, and the gateway or relay in front of it when there is one.
func (s *scanner) attribute(ctx context.Context, ev *evidence, kept []mx, tags map[string]string) []providers.Asset {
	primary := kept[0]
	pm, known := ClassifyMX(primary.host)
	strong := strongClaims(ev.probes)
	var second sync.WaitGroup
	if _, named := bestStrong(strong); !named && (!known || pm.Kind == providers.KindMailGateway) {
		// Behind a gateway or an unknown host with nothing named yet:
		// the second round may settle it. It goes out while the gateway
		// is placed.
		second.Go(func() { s.probeAll(ctx, ev.ascii, ev.probes, firstRound, len(probeList)) })
	}
	round2 := func() {
		second.Wait()
		strong = strongClaims(ev.probes)
	}
	weakTXT := txtClaims(ev.ascii, ev.apex)
	switch {
	case known && pm.Kind == providers.KindMailGateway:
		g := s.gatewayAsset(ctx, ev.display, primary.host, pm, tags)
		round2()
		g.Signals, g.Confidence = ev.mx, confidenceHigh
		return []providers.Asset{g, s.behind(ctx, ev, g, pm.Service, kept[1:], strong, weakTXT, tags)}
	case known:
		round2()
		a := s.mailbox(ctx, ev.ascii, ev.display, primary.host, pm, tags)
		a.Signals = append(append(append(a.Signals, ev.mx...), signalsOf(strong)...), signalsOf(weakTXT)...)
		a.Confidence = confidenceHigh
		for _, c := range strong {
			if c.match.Provider != "" && c.match.Provider != pm.Provider {
				a.Gaps = append(a.Gaps, s.gapOf(ev, fmt.Sprintf("the MX names %s, but %s names %s (%s): a migration, or a second service",
					pm.Service, c.probe, c.match.Service, c.record), "confirm the mailbox service with the domain's administrator"))
				break
			}
		}
		s.backupMX(ev, &a, pm, kept[1:])
		return []providers.Asset{a}
	}
	// An MX no pattern names is a relay when autodiscover or DKIM name
	// a mailbox service behind it; otherwise it is the mailbox.
	round2()
	if _, ok := bestStrong(strong); ok {
		g := s.selfHosted(ctx, ev.display, primary.host, tags)
		g.Kind, g.Name = providers.KindMailGateway, primary.host
		g.Signals, g.Confidence = ev.mx, confidenceHigh
		return []providers.Asset{g, s.behind(ctx, ev, g, "the relay", kept[1:], strong, weakTXT, tags)}
	}
	a := s.selfHosted(ctx, ev.display, primary.host, tags)
	a.Signals = append(append(append(a.Signals, ev.mx...), signalsOf(strong)...), signalsOf(weakTXT)...)
	a.Confidence = confidenceHigh
	s.backupMX(ev, &a, Match{Provider: "self-hosted"}, kept[1:])
	return []providers.Asset{a}
}

func (s *scanner) gapOf(ev *evidence, msg, hint string) providers.Gap {
	return providers.Gap{Provider: providerName, Account: ev.display, Item: ev.display, Error: msg, Hint: hint}
}

// backupMX reports the lower-priority MX hosts run by another service than
// the primary's: mail may be received there too.
func (s *scanner) backupMX(ev *evidence, a *providers.Asset, primary Match, rest []mx) {
	var others []string
	for _, m := range rest {
		mm, ok := ClassifyMX(m.host)
		if ok && mm.Provider != primary.Provider {
			others = append(others, m.host+" ("+mm.Service+")")
		}
	}
	if len(others) == 0 {
		return
	}
	a.Tags["backup_mx"] = strings.Join(others, ",")
	a.Gaps = append(a.Gaps, s.gapOf(ev, "a backup MX is run by another service: "+strings.Join(others, ", ")+"; mail may be received there when the primary is away",
		"it is shown as a signal of this item, not as an item of its own"))
}

// bestStrong picks the mailbox service the autodiscover and DKIM claims
// name most often (the first on a tie).
func bestStrong(cs []claim) (claim, bool) {
	count := map[string]int{}
	first := map[string]claim{}
	var best claim
	n := 0
	for _, c := range cs {
		if c.match.Provider == "" {
			continue
		}
		key := c.match.Provider + "/" + c.match.Region
		if count[key] == 0 {
			first[key] = c
		}
		count[key]++
		if count[key] > n {
			best, n = first[key], count[key]
		}
	}
	return best, n > 0
}

// behind finds the mailbox a gateway or relay passes mail to, from the
// strongest evidence there is: a lower-priority MX of a mailbox service
// (high), autodiscover or DKIM (medium), SPF or a TXT verification (low).
// SPF alone loses to autodiscover and DKIM: a big provider's include is
// often only an outbound sender.
func (s *scanner) behind(ctx context.Context, ev *evidence, g providers.Asset, gwService string, rest []mx, strong, weakTXT []claim, tags map[string]string) providers.Asset {
	gwHost := g.Host
	spf, spfErr := s.spfServices(ctx, ev.ascii, ev.apex, ev.apexErr)
	var spfSigs []providers.Signal
	for _, h := range spf {
		spfSigs = append(spfSigs, spfSignal(ev.ascii, h))
	}
	sigs := append(append(append(append([]providers.Signal{}, ev.mx...), signalsOf(strong)...), spfSigs...), signalsOf(weakTXT)...)
	finish := func(a providers.Asset, conf geo.Confidence) providers.Asset {
		a.Signals, a.Confidence = sigs, conf
		// The gateway receives and holds each message before the mailbox
		// does: it is a copy of the mail, and its reach joins the
		// mailbox's. A relay found by its network's ASN is that
		// network's operator's.
		prov := g.Provider
		if g.Operator != "" {
			prov = g.Operator
		}
		a.Copies = append(a.Copies, providers.Copy{Provider: prov, Region: g.Region, Location: g.Location,
			Why: "the mail passes through " + gwService + " (" + gwHost + ") before it reaches the mailbox"})
		return a
	}
	hidden := fmt.Sprintf("mailbox host hidden behind %s (%s)", gwService, gwHost)

	for _, m := range rest {
		if mm, ok := ClassifyMX(m.host); ok && mm.Kind == providers.KindMailbox {
			return finish(s.mailbox(ctx, ev.ascii, ev.display, m.host, mm, cloneTags(tags, "inferred", "backup-mx", "gateway", gwHost)), confidenceHigh)
		}
	}
	if c, ok := bestStrong(strong); ok {
		a := s.mailbox(ctx, ev.ascii, ev.display, targetOf(c), c.match, cloneTags(tags, "inferred", c.probe, "gateway", gwHost))
		msg := fmt.Sprintf("%s; %s is read from the %s record %s", hidden, c.match.Service, c.probe, c.record)
		if lost := disagreeing(spf, c.match.Provider); lost != "" {
			msg += "; SPF also names " + lost + ", which loses: SPF lists senders"
		}
		a.Gaps = append(a.Gaps, s.gapOf(ev, msg, "confirm the mailbox service with the domain's administrator"))
		return finish(a, confidenceMedium)
	}
	for _, c := range strong {
		if c.host == "" {
			continue
		}
		// Autodiscover names the organisation's own server: the mailbox
		// is there, whatever SPF says about outbound mail.
		a := s.selfHosted(ctx, ev.display, c.host, cloneTags(tags, "inferred", "autodiscover", "gateway", gwHost))
		msg := fmt.Sprintf("%s; the mailboxes are read from the autodiscover record %s", hidden, c.record)
		if lost := disagreeing(spf, ""); lost != "" {
			msg += "; SPF names " + lost + ", which loses: SPF lists senders, not mailboxes"
		}
		a.Gaps = append(a.Gaps, s.gapOf(ev, msg, "confirm the mailbox service with the domain's administrator"))
		return finish(a, confidenceMedium)
	}
	if len(spf) > 0 {
		first := spf[0]
		a := s.mailbox(ctx, ev.ascii, ev.display, first.include, first.match, cloneTags(tags, "inferred", "spf", "gateway", gwHost))
		msg := fmt.Sprintf("%s; %s is inferred from the SPF include %s, which lists who may send for the domain, not where its mailboxes are",
			hidden, first.match.Service, first.include)
		if len(spf) > 1 {
			var others []string
			for _, o := range spf[1:] {
				others = append(others, o.match.Service+" ("+o.include+")")
			}
			msg += "; SPF also names " + strings.Join(others, ", ")
		}
		a.Gaps = append(a.Gaps, s.gapOf(ev, msg, "confirm the mailbox service with the domain's administrator"))
		return finish(a, confidenceLow)
	}
	if len(weakTXT) > 0 {
		c := weakTXT[0]
		a := s.mailbox(ctx, ev.ascii, ev.display, "", c.match, cloneTags(tags, "inferred", "txt", "gateway", gwHost))
		a.Gaps = append(a.Gaps, s.gapOf(ev, fmt.Sprintf("%s; %s is inferred from the verification record %s: %s",
			hidden, c.match.Service, c.record, c.says), "confirm the mailbox service with the domain's administrator"))
		return finish(a, confidenceLow)
	}
	why := fmt.Sprintf("%s, and the domain's MX, autodiscover, DKIM, SPF and TXT records name no mailbox service Reachmap knows", hidden)
	if spfErr != nil {
		why = fmt.Sprintf("%s; the SPF record could not be read: %v", hidden, spfErr)
	}
	loc := geo.Unknown(why)
	return finish(providers.Asset{
		Provider: "unknown",
		Account:  ev.display,
		Kind:     providers.KindMailbox,
		Name:     ev.display,
		Evidence: geo.EvidenceUnknown,
		Location: &loc,
		Tags:     cloneTags(tags, "gateway", gwHost),
	}, confidenceUnknown)
}

// targetOf is the host a claim's record points to (its last field).
func targetOf(c claim) string {
	f := strings.Fields(c.record)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// disagreeing lists the SPF services other than provider.
func disagreeing(spf []spfHit, provider string) string {
	var out []string
	for _, h := range spf {
		if h.match.Provider != provider {
			out = append(out, h.match.Service+" ("+h.include+")")
		}
	}
	return strings.Join(out, ", ")
}
