package mail

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"

	"github.com/reachmap/reachmap/internal/bounded"
)

// resolver asks one or more recursive DNS servers, and only those: with a
// server given (--dns) no query goes anywhere else, not even for the
// Microsoft login host (see tenant.go, which dials through it).
type resolver struct {
	servers  []string
	timeout  time.Duration // per exchange with one server
	attempts int           // rounds over all servers
	udp, tcp *dns.Client
	// inFlight bounds the exchanges waiting on the servers at once: a
	// domain asks its probes together, and a resolver drops what its
	// socket cannot queue.
	inFlight *bounded.Limit
}

const (
	defaultDNSTimeout = 2 * time.Second
	maxCNAMEHops      = 8
	// ednsSize is the EDNS buffer of DNS Flag Day 2020: large enough for
	// most MX and TXT answers, small enough to avoid IP fragmentation.
	// Larger answers come back truncated and are asked again over TCP.
	ednsSize = 1232
	// maxInFlight is how many UDP questions wait on the resolver at once,
	// across all domains (a domain asks ProbesPerDomain at once).
	maxInFlight = 256
)

// errNXDomain marks a name that does not exist.
var errNXDomain = errors.New("no such domain (NXDOMAIN)")

// parseServer reads providers.Shared.DNS: "IP", "IP:PORT", "[IPv6]:PORT" or
// "localhost:PORT". A host name other than localhost is refused, because
// resolving it would send a query to some other resolver first.
func parseServer(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", errors.New("empty resolver address")
	}
	if a, err := netip.ParseAddr(strings.Trim(s, "[]")); err == nil {
		return net.JoinHostPort(a.String(), "53"), nil
	}
	host, port, err := net.SplitHostPort(s)
	if err != nil {
		return "", fmt.Errorf("resolver %q: want HOST:PORT: %w", s, err)
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 {
		return "", fmt.Errorf("resolver %q: bad port %q", s, port)
	}
	if strings.EqualFold(host, "localhost") {
		host = "127.0.0.1"
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return "", fmt.Errorf("resolver %q: the host must be an IP address (or localhost), so that no other resolver is asked for it", s)
	}
	return net.JoinHostPort(a.String(), port), nil
}

// newResolver returns a resolver for server ("HOST:PORT"), or for the
// servers of resolvConf when server is empty.
func newResolver(server, resolvConf string, timeout time.Duration) (*resolver, error) {
	r := &resolver{timeout: timeout, attempts: 2}
	if r.timeout <= 0 {
		r.timeout = defaultDNSTimeout
	}
	if server != "" {
		addr, err := parseServer(server)
		if err != nil {
			return nil, err
		}
		r.servers = []string{addr}
	} else {
		conf, err := dns.ClientConfigFromFile(resolvConf)
		if err != nil {
			return nil, fmt.Errorf("read system resolver config %s: %w", resolvConf, err)
		}
		for _, s := range conf.Servers {
			r.servers = append(r.servers, net.JoinHostPort(s, conf.Port))
		}
		if len(r.servers) == 0 {
			return nil, fmt.Errorf("system resolver config %s names no nameserver; give one with --dns HOST:PORT", resolvConf)
		}
		// Honour resolv.conf, but never wait longer than the default: a
		// scan of many domains should not stall on a dead server.
		if t := time.Duration(conf.Timeout) * time.Second; t > 0 && t < r.timeout && timeout <= 0 {
			r.timeout = t
		}
		if conf.Attempts > 0 && conf.Attempts < r.attempts {
			r.attempts = conf.Attempts
		}
	}
	r.inFlight = bounded.NewLimit(maxInFlight)
	r.udp = &dns.Client{Net: "udp", Timeout: r.timeout}
	r.tcp = &dns.Client{Net: "tcp", Timeout: r.timeout}
	return r, nil
}

// answer is the outcome of one lookup after following CNAMEs.
type answer struct {
	// name is the owner of the records: the queried name, or the end of
	// its CNAME chain.
	name string
	rrs  []dns.RR
}

// lookup asks for qtype records of name, following a CNAME chain through
// the answer section and, when a server returns only part of a chain, with
// further queries. A name that does not exist gives errNXDomain; one that
// exists without such records gives an empty answer.
func (r *resolver) lookup(ctx context.Context, name string, qtype uint16) (answer, error) {
	target := dns.Fqdn(strings.ToLower(name))
	seen := map[string]bool{target: true}
	for hop := 0; hop <= maxCNAMEHops; hop++ {
		msg, err := r.exchange(ctx, target, qtype)
		if err != nil {
			return answer{}, err
		}
		if msg.Rcode == dns.RcodeNameError {
			if hop > 0 {
				return answer{}, fmt.Errorf("%s is an alias of %s, which does not exist: %w", name, strings.TrimSuffix(target, "."), errNXDomain)
			}
			return answer{}, errNXDomain
		}
		cur := target
		for range maxCNAMEHops + 1 {
			next := ""
			for _, rr := range msg.Answer {
				if c, ok := rr.(*dns.CNAME); ok && strings.EqualFold(c.Hdr.Name, cur) {
					next = strings.ToLower(c.Target)
					break
				}
			}
			if next == "" || qtype == dns.TypeCNAME {
				break
			}
			if seen[next] {
				return answer{}, fmt.Errorf("%s: CNAME loop at %s", name, strings.TrimSuffix(next, "."))
			}
			seen[next] = true
			cur = next
		}
		var rrs []dns.RR
		for _, rr := range msg.Answer {
			if rr.Header().Rrtype == qtype && strings.EqualFold(rr.Header().Name, cur) {
				rrs = append(rrs, rr)
			}
		}
		if len(rrs) > 0 || cur == target {
			return answer{name: strings.TrimSuffix(cur, "."), rrs: rrs}, nil
		}
		// The chain went on but this answer stops at an alias: ask for
		// the alias's target.
		target = cur
	}
	return answer{}, fmt.Errorf("%s: CNAME chain longer than %d", name, maxCNAMEHops)
}

// exchange sends one question to the servers in turn, over UDP and again
// over TCP when the answer comes back truncated.
func (r *resolver) exchange(ctx context.Context, name string, qtype uint16) (*dns.Msg, error) {
	m := new(dns.Msg)
	m.SetQuestion(name, qtype)
	m.RecursionDesired = true
	m.SetEdns0(ednsSize, false)
	var errs []error
	for range r.attempts {
		for _, srv := range r.servers {
			if err := ctxErr(ctx); err != nil {
				return nil, err
			}
			in, err := r.exchangeOne(ctx, m, srv)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if in.Rcode != dns.RcodeSuccess && in.Rcode != dns.RcodeNameError {
				errs = append(errs, fmt.Errorf("%s answered %s", srv, dns.RcodeToString[in.Rcode]))
				continue
			}
			return in, nil
		}
	}
	if err := ctxErr(ctx); err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("%s %s: %w", dns.TypeToString[qtype], strings.TrimSuffix(name, "."), firstDistinct(errs))
}

func (r *resolver) exchangeOne(ctx context.Context, m *dns.Msg, srv string) (*dns.Msg, error) {
	var (
		in  *dns.Msg
		err error
	)
	if lerr := r.inFlight.Do(ctx, func() { in, err = r.send(ctx, r.udp, m, srv) }); lerr != nil {
		return nil, lerr
	}
	if err == nil && in.Truncated {
		// RFC 7766: a truncated UDP answer is retried over TCP.
		in, err = r.send(ctx, r.tcp, m, srv)
		if err != nil {
			return nil, fmt.Errorf("truncated answer, then over TCP: %w", err)
		}
	}
	if err != nil {
		return nil, err
	}
	q := m.Question[0]
	if len(in.Question) != 1 || !strings.EqualFold(in.Question[0].Name, q.Name) || in.Question[0].Qtype != q.Qtype {
		return nil, fmt.Errorf("%s answered a different question", srv)
	}
	return in, nil
}

// send performs one exchange bounded by the resolver's timeout and closed
// at once if ctx is cancelled, so a cancelled scan does not wait for it.
func (r *resolver) send(ctx context.Context, c *dns.Client, m *dns.Msg, srv string) (*dns.Msg, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	conn, err := c.DialContext(ctx, srv)
	if err != nil {
		return nil, fmt.Errorf("connect to %s over %s: %w", srv, c.Net, err)
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	defer conn.Close()
	in, _, err := c.ExchangeWithConnContext(ctx, m, conn)
	if err != nil {
		if isTimeout(err) || ctx.Err() != nil {
			if cerr := context.Cause(ctx); cerr != nil && !errors.Is(cerr, context.DeadlineExceeded) {
				return nil, cerr
			}
			return nil, fmt.Errorf("no answer from %s over %s within %v", srv, c.Net, r.timeout)
		}
		return nil, fmt.Errorf("ask %s over %s: %w", srv, c.Net, err)
	}
	return in, nil
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, os.ErrDeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}

// firstDistinct keeps an error list short: each server usually fails the
// same way on every attempt.
func firstDistinct(errs []error) error {
	var out []error
	seen := map[string]bool{}
	for _, e := range errs {
		if !seen[e.Error()] {
			seen[e.Error()] = true
			out = append(out, e)
		}
	}
	switch len(out) {
	case 0:
		return errors.New("no server to ask")
	case 1:
		return out[0]
	}
	return errors.Join(out...)
}

// addrs returns the IPv4 and then IPv6 addresses of host.
func (r *resolver) addrs(ctx context.Context, host string) ([]netip.Addr, error) {
	// An MX that names an address (against RFC 5321, but seen) needs no
	// lookup.
	if a, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		return []netip.Addr{a.Unmap()}, nil
	}
	// A and AAAA are asked at once: one round trip, not two.
	types := []uint16{dns.TypeA, dns.TypeAAAA}
	answers := make([]answer, len(types))
	errs := make([]error, len(types))
	var wg sync.WaitGroup
	for i, t := range types {
		wg.Go(func() { answers[i], errs[i] = r.lookup(ctx, host, t) })
	}
	wg.Wait()
	var out []netip.Addr
	var failed []error
	for i, ans := range answers {
		if errs[i] != nil {
			failed = append(failed, errs[i])
			continue
		}
		for _, rr := range ans.rrs {
			var ip net.IP
			switch v := rr.(type) {
			case *dns.A:
				ip = v.A
			case *dns.AAAA:
				ip = v.AAAA
			}
			if a, ok := netip.AddrFromSlice(ip); ok {
				out = append(out, a.Unmap())
			}
		}
	}
	if len(out) == 0 && len(failed) > 0 {
		return nil, errors.Join(failed...)
	}
	return out, nil
}
