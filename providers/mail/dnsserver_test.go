package mail

import (
	"fmt"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"
)

// testDNS is a real DNS server on 127.0.0.1 (UDP and TCP on one port) that
// answers like a recursive resolver from an in-memory zone: it follows
// CNAMEs, gives NXDOMAIN for names it has nothing for, and can be told to
// misbehave per name.
type testDNS struct {
	Addr string

	rrs   map[string][]dns.RR // lower-case FQDN + "/" + type
	names map[string]bool     // owners of any record

	// Per-name behaviour, keyed by lower-case FQDN.
	truncate    map[string]bool // answer UDP with TC set and no records
	silent      map[string]bool // never answer: the client times out
	servfail    map[string]bool
	partialCNAM map[string]bool // return only the first CNAME of the chain

	// delay is slept before every answer (the benchmark's slow resolver).
	delay time.Duration

	mu      sync.Mutex
	queries []testQuery
}

type testQuery struct {
	name  string
	qtype uint16
	net   string
}

// startDNS serves the zone, given as lines in master-file syntax with
// absolute names, until the test ends. The set-up functions run before the
// server starts, so the handler can read their settings without locks.
func startDNS(tb testing.TB, zone string, setup ...func(*testDNS)) *testDNS {
	tb.Helper()
	s := &testDNS{
		rrs: map[string][]dns.RR{}, names: map[string]bool{},
		truncate: map[string]bool{}, silent: map[string]bool{}, servfail: map[string]bool{}, partialCNAM: map[string]bool{},
	}
	for _, line := range strings.Split(zone, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, ";") {
			continue
		}
		rr, err := dns.NewRR(line)
		if err != nil {
			tb.Fatalf("zone line %q: %v", line, err)
		}
		s.add(rr)
	}
	for _, f := range setup {
		f(s)
	}

	var (
		pc  net.PacketConn
		ln  net.Listener
		err error
	)
	// UDP and TCP must share a port: retry if the TCP side is taken.
	for range 20 {
		pc, err = net.ListenPacket("udp", "127.0.0.1:0")
		if err != nil {
			tb.Fatal(err)
		}
		port := pc.LocalAddr().(*net.UDPAddr).Port
		ln, err = net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err == nil {
			break
		}
		pc.Close()
	}
	if err != nil {
		tb.Fatal(err)
	}
	s.Addr = pc.LocalAddr().String()
	udp := &dns.Server{PacketConn: pc, Handler: dns.HandlerFunc(s.serve)}
	tcp := &dns.Server{Listener: ln, Handler: dns.HandlerFunc(s.serve)}
	started := make(chan struct{}, 2)
	udp.NotifyStartedFunc = func() { started <- struct{}{} }
	tcp.NotifyStartedFunc = func() { started <- struct{}{} }
	go udp.ActivateAndServe()
	go tcp.ActivateAndServe()
	<-started
	<-started
	tb.Cleanup(func() {
		udp.Shutdown()
		tcp.Shutdown()
	})
	return s
}

func (s *testDNS) add(rr dns.RR) {
	name := strings.ToLower(rr.Header().Name)
	key := name + "/" + dns.TypeToString[rr.Header().Rrtype]
	s.rrs[key] = append(s.rrs[key], rr)
	s.names[name] = true
}

func (s *testDNS) get(name string, t uint16) []dns.RR {
	return s.rrs[strings.ToLower(name)+"/"+dns.TypeToString[t]]
}

func (s *testDNS) serve(w dns.ResponseWriter, r *dns.Msg) {
	if len(r.Question) != 1 {
		return
	}
	q := r.Question[0]
	name := strings.ToLower(q.Name)
	netw := "udp"
	if _, ok := w.RemoteAddr().(*net.TCPAddr); ok {
		netw = "tcp"
	}
	s.mu.Lock()
	s.queries = append(s.queries, testQuery{name, q.Qtype, netw})
	s.mu.Unlock()
	if s.delay > 0 {
		time.Sleep(s.delay)
	}
	if s.silent[name] {
		return
	}
	m := new(dns.Msg)
	m.SetReply(r)
	m.RecursionAvailable = true
	switch {
	case s.servfail[name]:
		m.Rcode = dns.RcodeServerFailure
	case s.truncate[name] && netw == "udp":
		m.Truncated = true
	default:
		cur := name
		for range 16 {
			c := s.get(cur, dns.TypeCNAME)
			if len(c) == 0 || q.Qtype == dns.TypeCNAME {
				break
			}
			m.Answer = append(m.Answer, c[0])
			cur = strings.ToLower(c[0].(*dns.CNAME).Target)
			if s.partialCNAM[name] {
				break
			}
		}
		if !s.partialCNAM[name] || cur == name {
			m.Answer = append(m.Answer, s.get(cur, q.Qtype)...)
			if !s.names[cur] {
				m.Rcode = dns.RcodeNameError
			}
		}
	}
	w.WriteMsg(m)
}

// count returns how many queries for name (any type) came over netw ("" =
// either).
func (s *testDNS) count(name, netw string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, q := range s.queries {
		if q.name == dns.Fqdn(strings.ToLower(name)) && (netw == "" || q.net == netw) {
			n++
		}
	}
	return n
}

// countType is count for one query type.
func (s *testDNS) countType(name string, qtype uint16, netw string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, q := range s.queries {
		if q.name == dns.Fqdn(strings.ToLower(name)) && q.qtype == qtype && (netw == "" || q.net == netw) {
			n++
		}
	}
	return n
}

func (s *testDNS) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queries)
}

// liar answers a query as if it had asked about other.test.
func liar(query []byte) []byte {
	var q dns.Msg
	if err := q.Unpack(query); err != nil || len(q.Question) != 1 {
		return nil
	}
	m := new(dns.Msg)
	m.SetReply(&q)
	m.Question[0].Name = "other.test."
	rr, _ := dns.NewRR("other.test. 60 IN MX 10 mail.attacker.test.")
	m.Answer = append(m.Answer, rr)
	b, err := m.Pack()
	if err != nil {
		return nil
	}
	return b
}

func writeFile(path, body string) error { return os.WriteFile(path, []byte(body), 0o644) }
