package gcp

// The servers the tests talk to, on loopback: fake-gcs-server, a real
// emulator of the Cloud Storage JSON API (one instance per bucket
// location, since it serves one location for all its buckets), and a
// stand-in for the other APIs serving Google's documented JSON.
// Without fake-gcs-server a test skips, except under CI=true, where it
// fails: `make test-deps` installs it (scripts/gcs-server.sh).

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func findFakeGCS() (string, error) {
	if p, err := exec.LookPath("fake-gcs-server"); err == nil {
		return p, nil
	}
	gopath, err := exec.Command("go", "env", "GOPATH").Output()
	if err == nil {
		p := filepath.Join(strings.TrimSpace(string(gopath)), "bin", "fake-gcs-server")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", errors.New("fake-gcs-server not found on PATH or in $(go env GOPATH)/bin; run scripts/gcs-server.sh install")
}

var (
	gcsMu      sync.Mutex
	gcsServers = map[string]string{} // location → http://127.0.0.1:port
)

// fakeGCS returns the URL of a fake-gcs-server serving buckets in
// location, started once per test binary.
func fakeGCS(t testing.TB, location string) string {
	t.Helper()
	gcsMu.Lock()
	defer gcsMu.Unlock()
	if u, ok := gcsServers[location]; ok {
		return u
	}
	bin, err := findFakeGCS()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("fake-gcs-server is required under CI: %v", err)
		}
		t.Skip(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	var logs bytes.Buffer
	cmd := exec.Command(bin, "-scheme", "http", "-host", "127.0.0.1", "-port", fmt.Sprint(port),
		"-backend", "memory", "-location", location, "-log-level", "warn")
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	servers = append(servers, cmd)
	u := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(u + "/storage/v1/b?project=probe")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("fake-gcs-server (%s) did not start: %v\n%s", location, err, logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	gcsServers[location] = u
	return u
}

// servers are the processes to stop when the tests end.
var servers []*exec.Cmd

func TestMain(m *testing.M) {
	code := m.Run()
	for _, c := range servers {
		c.Process.Kill()
		c.Wait()
	}
	os.Exit(code)
}

// createBucket makes a bucket on the emulator directly, not through the
// provider's clients (which refuse writes).
func createBucket(t testing.TB, base, name string) {
	t.Helper()
	body := fmt.Sprintf(`{"name":%q}`, name)
	resp, err := http.Post(base+"/storage/v1/b?project=p", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusConflict {
		t.Fatalf("create bucket %s: %s", name, resp.Status)
	}
}

// testProvider is a provider pointed at the given servers, with short
// waits so that retries do not slow the tests.
func testProvider(gcs, api string, projects ...string) *Provider {
	return &Provider{name: "gcp", label: "test", projects: projects, cfg: config{
		storageEmulator: gcs, apiBase: api, retries: 3, backoff: 10 * time.Millisecond,
		timeout: 10 * time.Second, parallel: 4,
	}}
}

// sleepCtx waits d or until the request is cancelled.
func sleepCtx(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}
