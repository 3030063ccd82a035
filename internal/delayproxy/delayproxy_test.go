package delayproxy

import (
	"bufio"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// echoServer answers every line with the same line, on loopback.
func echoServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				io.Copy(c, c)
			}()
		}
	}()
	return ln.Addr().String()
}

func start(t *testing.T, cfg Config) *Proxy {
	t.Helper()
	p, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// roundTrip sends one line and waits for its echo, returning the elapsed time.
func roundTrip(t *testing.T, c net.Conn, r *bufio.Reader, msg string) time.Duration {
	t.Helper()
	begin := time.Now()
	if _, err := io.WriteString(c, msg+"\n"); err != nil {
		t.Fatal(err)
	}
	got, err := r.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(got) != msg {
		t.Fatalf("echo = %q, want %q", got, msg)
	}
	return time.Since(begin)
}

func TestRoundTripDelay(t *testing.T) {
	const rtt = 60 * time.Millisecond
	target := echoServer(t)
	tests := []struct {
		name      string
		handshake bool
		// first and later are how many RTTs the first and second exchange
		// on one connection must cost.
		first, later int
	}{
		{"plain", false, 1, 1},
		{"handshake", true, 2, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := start(t, Config{Target: target, RTT: rtt, Handshake: tc.handshake})
			// The handshake's RTT is part of connecting: it runs from the
			// moment the proxy accepts, so the first exchange is timed from
			// before the dial, not from after it returned.
			dialed := time.Now()
			c, err := net.Dial("tcp", p.Addr())
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			r := bufio.NewReader(c)
			for i, want := range []int{tc.first, tc.later, tc.later} {
				sinceDial := time.Since(dialed)
				d := roundTrip(t, c, r, "ping")
				if i == 0 {
					d += sinceDial
				}
				lo := time.Duration(want) * rtt
				// Generous upper bound: a loaded 2-core machine, not the proxy, is
				// what makes it slower.
				hi := lo + rtt
				if d < lo || d > hi {
					t.Errorf("exchange %d took %v, want in [%v, %v]", i, d, lo, hi)
				}
			}
		})
	}
}

func TestConnectionsRunInParallel(t *testing.T) {
	const rtt = 100 * time.Millisecond
	const n = 20
	p := start(t, Config{Target: echoServer(t), RTT: rtt})
	var wg sync.WaitGroup
	ready := make(chan struct{})
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := net.Dial("tcp", p.Addr())
			if err != nil {
				t.Error(err)
				return
			}
			defer c.Close()
			<-ready
			if _, err := io.WriteString(c, "x\n"); err != nil {
				t.Error(err)
				return
			}
			if _, err := bufio.NewReader(c).ReadString('\n'); err != nil {
				t.Error(err)
			}
		}()
	}
	// Wait until every connection is open, so MaxOpen measures them all.
	deadline := time.Now().Add(5 * time.Second)
	for p.open.Load() < n && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	begin := time.Now()
	close(ready)
	wg.Wait()
	elapsed := time.Since(begin)
	// Serialised, they would take n RTTs; in parallel, one (plus whatever
	// a loaded machine or the race detector adds).
	if elapsed > n*rtt/4 {
		t.Errorf("%d parallel exchanges took %v; they were serialised (RTT %v)", n, elapsed, rtt)
	}
	// The last echo can reach its reader a moment before the proxy counts
	// the bytes it wrote.
	deadline = time.Now().Add(time.Second)
	for p.Stats().BytesDown < 2*n && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	s := p.Stats()
	if s.Conns != n || s.MaxOpen != n {
		t.Errorf("stats = %+v, want %d connections all open at once", s, n)
	}
	if s.BytesUp != 2*n || s.BytesDown != 2*n {
		t.Errorf("bytes up/down = %d/%d, want %d each", s.BytesUp, s.BytesDown, 2*n)
	}
	p.ResetStats()
	if s := p.Stats(); s.Conns != 0 || s.BytesUp != 0 {
		t.Errorf("after reset: %+v", s)
	}
}

func TestLargeTransferIsNotThrottled(t *testing.T) {
	// 4 MiB through a 50 ms link must take about one RTT, not one per chunk.
	const rtt = 50 * time.Millisecond
	p := start(t, Config{Target: echoServer(t), RTT: rtt})
	c, err := net.Dial("tcp", p.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	payload := strings.Repeat("a", 4<<20)
	begin := time.Now()
	go io.WriteString(c, payload)
	if _, err := io.ReadFull(c, make([]byte, len(payload))); err != nil {
		t.Fatal(err)
	}
	// Chunk by chunk, 4 MiB in 32 KiB reads would wait 128 half-RTTs each
	// way (6.4 s here); pipelined, it takes about one RTT plus copying.
	if d := time.Since(begin); d > 32*rtt {
		t.Errorf("4 MiB took %v through a %v link; chunks were serialised", d, rtt)
	}
}

func TestDeadTargetClosesClient(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := ln.Addr().String()
	ln.Close() // nothing listens there any more
	p := start(t, Config{Target: dead, RTT: time.Millisecond})
	c, err := net.Dial("tcp", p.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.Read(make([]byte, 1)); err == nil {
		t.Fatal("read from a proxy to a dead target succeeded")
	} else if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatal("proxy kept the connection open to a dead target")
	}
}

func TestStartRejectsBadConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"no target", Config{RTT: time.Millisecond}},
		{"negative rtt", Config{Target: "127.0.0.1:1", RTT: -time.Second}},
		{"bad listen address", Config{Target: "127.0.0.1:1", Listen: "127.0.0.1:99999"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if p, err := Start(tc.cfg); err == nil {
				p.Close()
				t.Fatal("Start accepted a bad config")
			}
		})
	}
}

func TestCloseEndsOpenConnections(t *testing.T) {
	p, err := Start(Config{Target: echoServer(t), RTT: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	c, err := net.Dial("tcp", p.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	r := bufio.NewReader(c)
	roundTrip(t, c, r, "hello")
	done := make(chan error, 1)
	go func() { done <- p.Close() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close hung with a connection open")
	}
	c.SetReadDeadline(time.Now().Add(2 * time.Second))
	if _, err := r.ReadString('\n'); err == nil {
		t.Fatal("connection still usable after Close")
	}
}
