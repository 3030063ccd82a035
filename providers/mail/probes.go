package mail

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/miekg/dns"
)

// A probe is one DNS question about a domain beside its MX: where its
// Outlook clients find their mailbox (autodiscover), which keys sign its
// mail (DKIM), and the apex TXT records (SPF and tenant verifications). All
// go to the configured resolver only, at once, so a domain costs one round
// trip more than its MX at most; nothing connects to the domain's servers.
type probe struct {
	name  string // the label prefixed to the domain
	qtype uint16
}

// probeList is every question asked for a domain. The DKIM selectors are the
// defaults of the big mailbox services: Microsoft 365 (selector1/2, CNAMEs
// to the tenant's onmicrosoft.com zone), Google Workspace (google, a TXT
// key), Proton (protonmail, a CNAME to domains.proton.ch) and Fastmail (fm1,
// a CNAME to dkim.fmhosted.com). The first round goes out with the MX; the
// second only when the MX names no mailbox service and the first round
// named none either, so a domain costs firstRound queries, and two round
// trips at most.
var probeList = []probe{
	{"", dns.TypeMX},
	{"", dns.TypeTXT},
	{"autodiscover", dns.TypeCNAME},
	{"selector1._domainkey", dns.TypeCNAME},
	{"google._domainkey", dns.TypeTXT},
	// second round
	{"_autodiscover._tcp", dns.TypeSRV},
	{"selector2._domainkey", dns.TypeCNAME},
	{"protonmail._domainkey", dns.TypeCNAME},
	{"fm1._domainkey", dns.TypeCNAME},
}

// firstRound is how many probes of probeList go out with the MX.
const firstRound = 5

// ProbesPerDomain is how many DNS questions a domain costs at most before
// SPF includes and address lookups.
var ProbesPerDomain = len(probeList)

// errNotAsked marks a second-round probe that was not needed.
var errNotAsked = errors.New("not asked")

// probed is one probe's outcome.
type probed struct {
	owner string // the full name asked
	ans   answer
	err   error
}

// probeAll asks the probes of probeList[from:to] for domain at once and
// stores their outcomes in out, which has one entry per probe.
func (s *scanner) probeAll(ctx context.Context, domain string, out []probed, from, to int) {
	var wg sync.WaitGroup
	for i := from; i < to; i++ {
		p := probeList[i]
		owner := domain
		if p.name != "" {
			owner = p.name + "." + domain
		}
		wg.Go(func() {
			ans, err := s.res.lookup(ctx, owner, p.qtype)
			out[i] = probed{owner: owner, ans: ans, err: err}
		})
	}
	wg.Wait()
}

// newProbed is the outcome list of a domain before any probe is asked.
func newProbed() []probed {
	out := make([]probed, len(probeList))
	for i := range out {
		out[i].err = errNotAsked
	}
	return out
}

// claim is what one record says about who holds the domain's mailboxes.
type claim struct {
	probe  string // autodiscover, dkim, spf, txt
	record string
	match  Match  // the mailbox service named, Provider "" for none known
	host   string // the host an autodiscover record names
	says   string
}

func (c claim) strong() bool { return c.probe == "autodiscover" || c.probe == "dkim" }

// autodiscoverRules map autodiscover targets to the service behind them.
var autodiscoverRules = []rule{
	{zone: "outlook.com", match: mailbox("microsoft-365", "Microsoft 365")},
	{zone: "partner.outlook.cn", match: withRegion(mailbox("microsoft-365", "Microsoft 365 operated by 21Vianet"), "cn")},
	{zone: "office365.us", match: withRegion(mailbox("microsoft-365", "Microsoft 365 GCC High / DoD"), "USGov")},
}

// dkimRules map DKIM CNAME targets to the mailbox service that signs.
var dkimRules = []rule{
	{zone: "onmicrosoft.com", match: mailbox("microsoft-365", "Microsoft 365")},
	{zone: "dkim.mail.microsoft", match: mailbox("microsoft-365", "Microsoft 365")},
	{zone: "onmicrosoft.us", match: withRegion(mailbox("microsoft-365", "Microsoft 365 GCC High / DoD"), "USGov")},
	{zone: "domains.proton.ch", match: mailbox("proton", "Proton Mail")},
	{zone: "dkim.fmhosted.com", match: mailbox("fastmail", "Fastmail")},
}

// classifyBy names the service of the first rule a host matches, refined
// by the host name when the rule says how.
func classifyBy(rules []rule, host string) (Match, bool) {
	h := cleanHost(host)
	if h == "" {
		return Match{}, false
	}
	for _, r := range rules {
		if !r.matches(h) {
			continue
		}
		m := r.match
		if r.refine != nil {
			// A refinement that clears the provider refuses the host
			// (an amazonaws.com name that is no SES endpoint).
			if m = r.refine(h, m); m.Provider == "" {
				return Match{}, false
			}
		}
		return m, true
	}
	return Match{}, false
}

// txtRules are the verification records a mailbox service asks a domain to
// publish. They prove an account or a tenant exists, not that mail is
// there: weak evidence.
var txtRules = []struct {
	re    *regexp.Regexp
	match Match
	says  string
}{
	{regexp.MustCompile(`^MS=ms[0-9]+$`), mailbox("microsoft-365", "Microsoft 365"), "a Microsoft 365 tenant has verified the domain"},
	{regexp.MustCompile(`^google-site-verification=`), mailbox("google-workspace", "Google Workspace"), "a Google account has verified the domain (Workspace or only Search Console)"},
	{regexp.MustCompile(`^protonmail-verification=`), mailbox("proton", "Proton Mail"), "a Proton account has verified the domain"},
	{regexp.MustCompile(`^zoho-verification=`), mailbox("zoho", "Zoho Mail"), "a Zoho account has verified the domain"},
	{regexp.MustCompile(`^apple-domain-verification=`), mailbox("icloud", "iCloud Mail"), "an Apple account has verified the domain"},
}

// strongClaims reads the autodiscover and DKIM probes.
func strongClaims(ps []probed) []claim {
	var out []claim
	for i, p := range ps {
		if p.err != nil {
			continue
		}
		pr := probeList[i]
		for _, rr := range p.ans.rrs {
			switch v := rr.(type) {
			case *dns.CNAME:
				target := cleanHost(v.Target)
				rec := p.owner + " CNAME " + target
				if pr.name == "autodiscover" {
					out = append(out, autodiscoverClaim(rec, target))
				} else if m, ok := classifyBy(dkimRules, target); ok {
					out = append(out, claim{probe: "dkim", record: rec, match: m, says: m.Service + " signs the domain's mail"})
				}
			case *dns.SRV:
				target := cleanHost(v.Target)
				if target != "" {
					out = append(out, autodiscoverClaim(fmt.Sprintf("%s SRV %d %d %d %s", p.owner, v.Priority, v.Weight, v.Port, target), target))
				}
			case *dns.TXT:
				if pr.name == "google._domainkey" && isDKIMKey(strings.Join(v.Txt, "")) {
					m := mailbox("google-workspace", "Google Workspace")
					out = append(out, claim{probe: "dkim", record: p.owner + " TXT (DKIM key)", match: m, says: "Google Workspace signs the domain's mail (its default selector)"})
				}
			}
		}
	}
	return out
}

func autodiscoverClaim(rec, target string) claim {
	if m, ok := classifyBy(autodiscoverRules, target); ok {
		return claim{probe: "autodiscover", record: rec, match: m, says: "Outlook finds the mailboxes at " + m.Service}
	}
	return claim{probe: "autodiscover", record: rec, host: target,
		says: "Outlook finds the mailboxes at " + target + ", a server no mailbox service Reachmap knows runs"}
}

// isDKIMKey reports whether a TXT string is a DKIM key that is not revoked
// (a non-empty p= tag), so a wildcard TXT answering every name is not one.
func isDKIMKey(txt string) bool {
	for _, part := range strings.Split(txt, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if ok && strings.TrimSpace(k) == "p" && strings.TrimSpace(v) != "" {
			return true
		}
	}
	return false
}

// txtClaims reads the verification records of the apex TXT answer.
func txtClaims(domain string, ans answer) []claim {
	var out []claim
	seen := map[string]bool{}
	for _, rr := range ans.rrs {
		t, ok := rr.(*dns.TXT)
		if !ok {
			continue
		}
		s := strings.TrimSpace(strings.Join(t.Txt, ""))
		for _, r := range txtRules {
			if r.re.MatchString(s) && !seen[r.match.Provider] {
				seen[r.match.Provider] = true
				out = append(out, claim{probe: "txt", record: domain + " TXT " + truncate(s, 60), match: r.match, says: r.says + " (weak: a tenant exists, not that mail is there)"})
			}
		}
	}
	return out
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// apexTXT is the apex TXT probe's outcome, with NXDOMAIN read as "no
// records" (the MX answer already said whether the domain exists).
func apexTXT(ps []probed) (answer, error) {
	p := ps[1]
	if errors.Is(p.err, errNXDomain) {
		return answer{}, nil
	}
	return p.ans, p.err
}
