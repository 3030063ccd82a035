package mail

import (
	"context"
	"errors"
	"strings"

	"github.com/miekg/dns"
)

// spfLookupLimit is RFC 7208's limit on DNS lookups while evaluating one
// SPF record (§4.6.4); following includes further would be pointless, as
// no receiver would.
const spfLookupLimit = 10

// spfTerms are the parts of an SPF record that name other domains.
type spfTerms struct {
	includes []string
	redirect string
}

// parseSPF reads one TXT string as an SPF record. It reports false for a
// TXT record that is not SPF. Terms with macros (%{d}) are skipped: their
// target depends on the sender, not on the domain.
func parseSPF(txt string) (spfTerms, bool) {
	fields := strings.Fields(txt)
	if len(fields) == 0 || !strings.EqualFold(fields[0], "v=spf1") {
		return spfTerms{}, false
	}
	var t spfTerms
	for _, f := range fields[1:] {
		f = strings.TrimLeft(f, "+-~?")
		lower := strings.ToLower(f)
		switch {
		case strings.HasPrefix(lower, "include:"):
			if d := cleanHost(f[len("include:"):]); spfTarget(d) {
				t.includes = append(t.includes, d)
			}
		case strings.HasPrefix(lower, "redirect="):
			if d := cleanHost(f[len("redirect="):]); spfTarget(d) {
				t.redirect = d
			}
		}
	}
	return t, true
}

// spfTarget reports whether d can be looked up as an SPF include: DNS
// labels of letters, digits, hyphens and underscores (_spf.google.com), so
// macros (%{i}) and malformed names never reach the resolver.
func spfTarget(d string) bool {
	if d == "" || len(d) > 253 {
		return false
	}
	for _, label := range strings.Split(d, ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

// spfHit is a mailbox service named by an SPF include.
type spfHit struct {
	include string
	match   Match
}

// spfServices walks the domain's SPF record and its includes, breadth
// first and within RFC 7208's lookup limit, and returns the mailbox
// services they name in the order they appear. Only a failure to read the
// domain's own record is an error; a broken include is skipped.
// The domain's own TXT answer was asked with the other probes (apex); only
// includes cost further queries.
func (s *scanner) spfServices(ctx context.Context, domain string, apex answer, apexErr error) ([]spfHit, error) {
	var hits []spfHit
	seenHit := map[string]bool{}
	visited := map[string]bool{domain: true}
	queue := []string{domain}
	for lookups := 0; len(queue) > 0 && lookups < spfLookupLimit; lookups++ {
		d := queue[0]
		queue = queue[1:]
		ans, err := apex, apexErr
		if d != domain {
			ans, err = s.res.lookup(ctx, d, dns.TypeTXT)
		}
		if err != nil {
			if d == domain && !errors.Is(err, errNXDomain) {
				return nil, err
			}
			continue
		}
		terms, ok := spfOf(ans)
		if !ok {
			continue
		}
		next := terms.includes
		if terms.redirect != "" {
			next = append(next, terms.redirect)
		}
		for _, inc := range next {
			if m, ok := ClassifySPFInclude(inc); ok {
				if key := m.Provider + "/" + m.Region; !seenHit[key] {
					seenHit[key] = true
					hits = append(hits, spfHit{include: inc, match: m})
				}
				continue
			}
			if !visited[inc] {
				visited[inc] = true
				queue = append(queue, inc)
			}
		}
	}
	return hits, nil
}

// spfOf finds the SPF record among a name's TXT records. A TXT record may
// be split into several strings, which SPF joins without spaces.
func spfOf(ans answer) (spfTerms, bool) {
	for _, rr := range ans.rrs {
		t, ok := rr.(*dns.TXT)
		if !ok {
			continue
		}
		if terms, ok := parseSPF(strings.Join(t.Txt, "")); ok {
			return terms, true
		}
	}
	return spfTerms{}, false
}
