package aws

// This file starts the real servers the tests talk to, on loopback:
// moto_server (most AWS services, IAM policy evaluation on demand) and
// versitygw (an S3 gateway that checks SigV4 and reports BucketRegion).
// They start lazily, the first time a test needs them, and TestMain stops
// them; or, when scripts/s3-servers.sh start has exported their addresses
// (REACHMAP_MOTO_URL, REACHMAP_VERSITYGW_URL and _DIR), those are used. Without a binary a test skips, except under CI=true, where it fails:
// CI must never pass by skipping the real parts.

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"go/build"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// versityRegion is the region versitygw reports for every bucket; not the
// region the clients use, so tests see that the server's answer wins.
const versityRegion = "eu-central-1"

const (
	versityAccess = "AKIAVERSITYTEST00001"
	versitySecret = "versity-secret-key-for-tests-only"
	// motoAccess keys are accepted by moto while its IAM checks are off.
	motoAccess = "AKIAMOTOTEST00000001"
	motoSecret = "moto-secret"
)

type server struct {
	name string
	// region is versitygw's region, versityRegion when empty.
	region string
	url    string
	dir    string // versitygw's posix root
	log    string // the server's output, removed when it stops
	cmd    *exec.Cmd
	err    error
	once   sync.Once
}

var (
	motoSrv    = &server{name: "moto_server"}
	versitySrv = &server{name: "versitygw"}
	// benchVersity serves the benchmark's 10,000 buckets, apart from the
	// tests' server so neither disturbs the other.
	benchVersity = &server{name: "versitygw"}
	// usVersity takes only signatures for us-east-1, as some S3-compatible
	// services do whatever their own region is called.
	usVersity = &server{name: "versitygw", region: "us-east-1"}
)

func TestMain(m *testing.M) {
	// Tests must never reach a real AWS endpoint or the instance metadata
	// service, nor pick up the developer's own AWS setup.
	for _, k := range []string{
		"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
		"AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL",
		"AWS_ENDPOINT_URL_S3", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
		"AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_ENDPOINT_URL_STS",
	} {
		os.Unsetenv(k)
	}
	os.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	// No test resolves a name: every server is 127.0.0.1. Should a client
	// fall back to an AWS host name, it fails here instead of asking the
	// network's DNS.
	*net.DefaultResolver = net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
		return nil, errors.New("tests resolve no host names: use 127.0.0.1")
	}}
	// Point the default shared files at nothing, so a test that forgets to
	// set its own cannot read ~/.aws.
	os.Setenv("AWS_CONFIG_FILE", filepath.Join(os.TempDir(), "reachmap-no-such-aws-config"))
	os.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(os.TempDir(), "reachmap-no-such-aws-credentials"))

	code := m.Run()
	for _, s := range []*server{motoSrv, versitySrv, benchVersity, usVersity} {
		s.stop()
	}
	os.Exit(code)
}

// findBinary looks for a server binary on PATH, then where `go install` and
// pyenv put them.
func findBinary(name string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	home, _ := os.UserHomeDir()
	for _, dir := range []string{
		os.Getenv("GOBIN"),
		filepath.Join(build.Default.GOPATH, "bin"),
		filepath.Join(home, ".pyenv", "shims"),
	} {
		if dir == "" {
			continue
		}
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s not found on PATH or in GOBIN/GOPATH/bin (run scripts/s3-servers.sh install)", name)
}

// need returns a running server or ends the test: a skip normally, a
// failure under CI=true.
func need(t testing.TB, s *server) *server {
	t.Helper()
	s.once.Do(func() { s.err = s.start() })
	if s.err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required under CI but unavailable: %v", s.name, s.err)
		}
		t.Skipf("%s unavailable: %v", s.name, s.err)
	}
	return s
}

func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// external are servers started by scripts/s3-servers.sh start, shared
// between test runs; used when its variables are set.
func (s *server) external() bool {
	switch s {
	case motoSrv:
		s.url = os.Getenv("REACHMAP_MOTO_URL")
	case versitySrv:
		s.url, s.dir = os.Getenv("REACHMAP_VERSITYGW_URL"), os.Getenv("REACHMAP_VERSITYGW_DIR")
		if s.dir == "" {
			s.url = ""
		}
	}
	return s.url != ""
}

func (s *server) start() error {
	if s.external() {
		return waitHTTP(s.url, nil)
	}
	bin, err := findBinary(s.name)
	if err != nil {
		return err
	}
	var lastErr error
	// A free port can be taken between our probe and the server's bind;
	// try a few.
	for attempt := 0; attempt < 3; attempt++ {
		addr, err := freePort()
		if err != nil {
			return err
		}
		host, port, _ := net.SplitHostPort(addr)
		var cmd *exec.Cmd
		switch s.name {
		case "moto_server":
			cmd = exec.Command(bin, "-H", host, "-p", port)
			// Without this moto gives every region Amazon's public AMIs and
			// their snapshots, and ignores DescribeSnapshots' owner filter,
			// so "self" would list snapshots no account of ours made.
			cmd.Env = append(os.Environ(), "MOTO_EC2_LOAD_DEFAULT_AMIS=false")
		case "versitygw":
			if s.dir == "" {
				if s.dir, err = os.MkdirTemp("", "reachmap-versitygw-"); err != nil {
					return err
				}
			}
			cmd = exec.Command(bin, "--access", versityAccess, "--secret", versitySecret,
				"--region", cmp.Or(s.region, versityRegion), "--port", addr, "--quiet", "posix", s.dir)
		default:
			return fmt.Errorf("unknown server %s", s.name)
		}
		logf, err := os.CreateTemp("", "reachmap-"+s.name+"-*.log")
		if err != nil {
			return err
		}
		cmd.Stdout, cmd.Stderr = logf, logf
		// Own process group, so stop() ends the server and any child it
		// forked (pyenv shims exec python) by our own pid, nothing else.
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := cmd.Start(); err != nil {
			logf.Close()
			return fmt.Errorf("start %s: %w", s.name, err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); logf.Close(); close(exited) }()
		if err := waitHTTP("http://"+addr, exited); err != nil {
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
			logs, _ := os.ReadFile(logf.Name())
			os.Remove(logf.Name())
			lastErr = fmt.Errorf("%s did not come up on %s: %v; log: %s", s.name, addr, err, tail(string(logs), 800))
			continue
		}
		s.cmd, s.url, s.log = cmd, "http://"+addr, logf.Name()
		return nil
	}
	return lastErr
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

func waitHTTP(url string, exited <-chan struct{}) error {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return errors.New("process exited")
		default:
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		resp, err := http.DefaultClient.Do(req)
		cancel()
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.New("timed out")
}

func (s *server) stop() {
	if s.cmd == nil {
		return // not ours: an external server, or never started
	}
	syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
	if s.log != "" {
		os.Remove(s.log)
	}
}

// motoPost calls moto's own control API (reset, reset-auth).
func motoPost(t testing.TB, path, body string) {
	t.Helper()
	resp, err := http.Post(motoSrv.url+path, "text/plain", strings.NewReader(body))
	if err != nil {
		t.Fatalf("moto %s: %v", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("moto %s: %s: %s", path, resp.Status, b)
	}
}

// freshMoto starts moto if needed and empties it, with IAM checks off.
func freshMoto(t testing.TB) string {
	t.Helper()
	need(t, motoSrv)
	motoPost(t, "/moto-api/reset-auth", "inf")
	motoPost(t, "/moto-api/reset", "")
	return motoSrv.url
}

// freshVersity starts versitygw if needed and removes every bucket, which
// for its posix backend are the root's directories.
func freshVersity(t testing.TB) *server {
	t.Helper()
	s := need(t, versitySrv)
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue // the gateway's own working directories, never buckets
		}
		if err := os.RemoveAll(filepath.Join(s.dir, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	return s
}
