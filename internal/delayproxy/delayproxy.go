// Package delayproxy is a loopback TCP proxy that adds a fixed latency to
// every round trip, so benchmarks can show how a scan behaves against a
// far-away cloud endpoint without leaving the machine.
//
// Each byte is held back RTT/2 on its way to the server and RTT/2 on its way
// back, so one request/response exchange costs one RTT on top of whatever the
// server takes. Delayed chunks are pipelined, not serialised: latency is
// added, bandwidth is not limited, and many connections proceed in parallel
// exactly as they would over a long link. Optionally a new connection also
// pays one RTT before its first byte is forwarded, the cost of a TCP
// handshake.
//
// The proxy counts connections and how many were open at once, which is how
// benchmarks prove that requests really ran in parallel.
package delayproxy

import (
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// Config describes one proxy.
type Config struct {
	// Listen is the address to listen on; "127.0.0.1:0" picks a free port.
	Listen string
	// Target is the HOST:PORT every connection is forwarded to.
	Target string
	// RTT is the delay added to each round trip (half in each direction).
	RTT time.Duration
	// Handshake, when true, makes a new connection wait one RTT before its
	// first byte is forwarded, as a TCP handshake over the same link would.
	Handshake bool
}

// Stats are counters since the proxy started.
type Stats struct {
	// Conns is the number of connections accepted.
	Conns int64
	// MaxOpen is the largest number of connections open at the same time.
	MaxOpen int64
	// BytesUp and BytesDown count bytes forwarded to and from the target.
	BytesUp, BytesDown int64
}

// Proxy is a running delay proxy. Its methods are safe for concurrent use.
type Proxy struct {
	cfg Config
	ln  net.Listener

	conns, open, maxOpen atomic.Int64
	up, down             atomic.Int64

	mu     sync.Mutex
	active map[net.Conn]struct{}
	closed bool
	wg     sync.WaitGroup
}

// Start listens on cfg.Listen and forwards connections to cfg.Target until
// Close is called.
func Start(cfg Config) (*Proxy, error) {
	if cfg.Target == "" {
		return nil, errors.New("delayproxy: no target address")
	}
	if cfg.RTT < 0 {
		return nil, fmt.Errorf("delayproxy: negative RTT %v", cfg.RTT)
	}
	if cfg.Listen == "" {
		cfg.Listen = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return nil, fmt.Errorf("delayproxy: listen on %s: %w", cfg.Listen, err)
	}
	p := &Proxy{cfg: cfg, ln: ln, active: map[net.Conn]struct{}{}}
	p.wg.Add(1)
	go p.acceptLoop()
	return p, nil
}

// Addr is the HOST:PORT the proxy listens on.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// URL is the proxy's address as an http:// base URL.
func (p *Proxy) URL() string { return "http://" + p.Addr() }

// Stats returns the counters so far.
func (p *Proxy) Stats() Stats {
	return Stats{
		Conns:     p.conns.Load(),
		MaxOpen:   p.maxOpen.Load(),
		BytesUp:   p.up.Load(),
		BytesDown: p.down.Load(),
	}
}

// ResetStats zeroes the counters, so one proxy can serve several
// measurements. Connections already open keep counting towards Open.
func (p *Proxy) ResetStats() {
	p.conns.Store(0)
	p.maxOpen.Store(p.open.Load())
	p.up.Store(0)
	p.down.Store(0)
}

// Close stops accepting, closes every open connection and waits for the
// forwarding goroutines to end.
func (p *Proxy) Close() error {
	p.mu.Lock()
	p.closed = true
	for c := range p.active {
		c.Close()
	}
	p.mu.Unlock()
	err := p.ln.Close()
	p.wg.Wait()
	return err
}

func (p *Proxy) track(c net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	p.active[c] = struct{}{}
	return true
}

func (p *Proxy) untrack(c net.Conn) {
	p.mu.Lock()
	delete(p.active, c)
	p.mu.Unlock()
}

func (p *Proxy) acceptLoop() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return // listener closed
		}
		p.wg.Add(1)
		go p.serve(c)
	}
}

func (p *Proxy) serve(client net.Conn) {
	defer p.wg.Done()
	accepted := time.Now()
	if !p.track(client) {
		client.Close()
		return
	}
	defer p.untrack(client)
	defer client.Close()

	p.conns.Add(1)
	n := p.open.Add(1)
	defer p.open.Add(-1)
	for {
		m := p.maxOpen.Load()
		if n <= m || p.maxOpen.CompareAndSwap(m, n) {
			break
		}
	}

	server, err := net.Dial("tcp", p.cfg.Target)
	if err != nil {
		return // the client sees its connection closed, as with a dead host
	}
	if !p.track(server) {
		server.Close()
		return
	}
	defer p.untrack(server)
	defer server.Close()

	half := p.cfg.RTT / 2
	var notBefore time.Time
	if p.cfg.Handshake {
		notBefore = accepted.Add(p.cfg.RTT)
	}
	done := make(chan struct{}, 2)
	go func() {
		pump(server, client, half, notBefore, &p.up)
		closeWrite(server)
		done <- struct{}{}
	}()
	go func() {
		pump(client, server, half, time.Time{}, &p.down)
		closeWrite(client)
		done <- struct{}{}
	}()
	<-done
	<-done
}

// closeWrite half-closes a TCP connection so the peer sees EOF while the
// other direction can still drain.
func closeWrite(c net.Conn) {
	if tc, ok := c.(*net.TCPConn); ok {
		tc.CloseWrite()
		return
	}
	c.Close()
}

type chunk struct {
	data []byte
	due  time.Time
}

// pump copies src to dst, holding every chunk until delay after it was read
// (and never before notBefore). Reading and writing run in separate
// goroutines so a slow write never delays the timestamp of later reads.
func pump(dst io.Writer, src io.Reader, delay time.Duration, notBefore time.Time, count *atomic.Int64) {
	// The queue is deep enough that a reader never waits on the writer over
	// the delay window at loopback speeds; if it does, TCP back-pressure on
	// the source is the right behaviour anyway.
	q := make(chan chunk, 1024)
	go func() {
		defer close(q)
		for {
			buf := make([]byte, 32<<10)
			n, err := src.Read(buf)
			if n > 0 {
				due := time.Now().Add(delay)
				if !notBefore.IsZero() && due.Before(notBefore.Add(delay)) {
					due = notBefore.Add(delay)
				}
				q <- chunk{data: buf[:n], due: due}
			}
			if err != nil {
				return
			}
		}
	}()
	failed := false
	for c := range q {
		if failed {
			continue // drain so the reader goroutine can finish
		}
		if d := time.Until(c.due); d > 0 {
			time.Sleep(d)
		}
		n, err := dst.Write(c.data)
		count.Add(int64(n))
		if err != nil {
			failed = true
			if rc, ok := src.(io.Closer); ok {
				rc.Close()
			}
		}
	}
}
