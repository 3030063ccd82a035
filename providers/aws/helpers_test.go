package aws

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/providertest"
)

// testProfile is one profile of a generated shared config.
type testProfile struct {
	name   string
	region string
	// endpoint is the profile's endpoint_url, used by every service.
	endpoint string
	// s3 is an S3-only endpoint (a [services] section), as a user pointing
	// S3 at a compatible server would write it.
	s3             string
	access, secret string
	// extra is added verbatim to the profile's section.
	extra string
}

// writeFiles writes shared config and credentials files for the profiles.
func writeFiles(t testing.TB, profiles ...testProfile) *sharedFiles {
	t.Helper()
	dir := t.TempDir()
	var cfg, creds strings.Builder
	for _, p := range profiles {
		if p.name == "default" {
			cfg.WriteString("[default]\n")
		} else {
			fmt.Fprintf(&cfg, "[profile %s]\n", p.name)
		}
		if p.region != "" {
			fmt.Fprintf(&cfg, "region = %s\n", p.region)
		}
		if p.endpoint != "" {
			fmt.Fprintf(&cfg, "endpoint_url = %s\n", p.endpoint)
		}
		if p.s3 != "" {
			fmt.Fprintf(&cfg, "services = %s-services\n", p.name)
		}
		cfg.WriteString(p.extra)
		cfg.WriteString("\n")
		if p.s3 != "" {
			fmt.Fprintf(&cfg, "[services %s-services]\ns3 =\n  endpoint_url = %s\n\n", p.name, p.s3)
		}
		if p.access != "" {
			fmt.Fprintf(&creds, "[%s]\naws_access_key_id = %s\naws_secret_access_key = %s\n\n", p.name, p.access, p.secret)
		}
	}
	f := &sharedFiles{config: []string{filepath.Join(dir, "config")}, credentials: []string{filepath.Join(dir, "credentials")}}
	if err := os.WriteFile(f.config[0], []byte(cfg.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f.credentials[0], []byte(creds.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

// testOptions are defaultOptions with short waits and a private cache.
func testOptions(files *sharedFiles) options {
	o := defaultOptions()
	o.files = files
	o.cache = newRegionCache()
	o.maxBackoff = 20 * time.Millisecond
	o.dialTimeout = 2 * time.Second
	o.responseTimeout = 10 * time.Second
	o.callTimeout = 60 * time.Second
	o.credentialTimeout = 5 * time.Second
	// moto has no Lightsail: it answers 500. The front's stand-in serves
	// it where a test clears this (lightsail_test.go).
	o.skip = map[string]bool{"lightsail": true}
	return o
}

func testProvider(profile string, o options) *Provider {
	return &Provider{profile: profile, opts: o}
}

// recSink records everything a provider reports, with the aws tests'
// own ways of reading it.
type recSink struct{ providertest.Recorder }

func (r *recSink) byKey(t testing.TB) map[string]providers.Asset {
	t.Helper()
	r.Lock()
	defer r.Unlock()
	out := map[string]providers.Asset{}
	for _, a := range r.Assets {
		k := fmt.Sprintf("%s/%s/%s", a.Kind, a.Region, a.Name)
		if _, dup := out[k]; dup {
			t.Errorf("asset reported twice: %s", k)
		}
		out[k] = a
	}
	return out
}

func (r *recSink) gapText() string {
	r.Lock()
	defer r.Unlock()
	var b strings.Builder
	for _, g := range r.Gaps {
		fmt.Fprintf(&b, "  [%s/%s %s] %s | %s\n", g.Account, g.Region, g.Item, g.Error, g.Hint)
	}
	return b.String()
}

// gapsMatching returns the gaps whose Error contains s.
func (r *recSink) gapsMatching(s string) []providers.Gap {
	r.Lock()
	defer r.Unlock()
	var out []providers.Gap
	for _, g := range r.Gaps {
		if strings.Contains(g.Error, s) {
			out = append(out, g)
		}
	}
	return out
}

// lastProgress is the final progress report.
func (r *recSink) lastProgress() providers.Progress {
	r.Lock()
	defer r.Unlock()
	if len(r.Steps) == 0 {
		return providers.Progress{}
	}
	return r.Steps[len(r.Steps)-1]
}

func scan(t testing.TB, p *Provider) (*recSink, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	sink := &recSink{}
	err := p.Scan(ctx, sink)
	return sink, err
}

// rawConfig is an SDK config for seeding servers: no read-only guard, so
// tests can create what the scanner must then find.
func rawConfig(endpoint, region, access, secret string) sdkaws.Config {
	return sdkaws.Config{
		Region:       region,
		Credentials:  credentials.NewStaticCredentialsProvider(access, secret, ""),
		BaseEndpoint: sdkaws.String(endpoint),
	}
}

func rawS3(endpoint, region, access, secret string) *s3.Client {
	return s3.NewFromConfig(rawConfig(endpoint, region, access, secret), func(o *s3.Options) { o.UsePathStyle = true })
}

// createBuckets creates buckets in region, in parallel.
func createBuckets(t testing.TB, c *s3.Client, region string, names []string) {
	t.Helper()
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	errs := make(chan error, len(names))
	for _, n := range names {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			in := &s3.CreateBucketInput{Bucket: sdkaws.String(n)}
			if region != "us-east-1" {
				in.CreateBucketConfiguration = &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(region)}
			}
			if _, err := c.CreateBucket(context.Background(), in, func(o *s3.Options) { o.Region = region }); err != nil {
				errs <- fmt.Errorf("create bucket %s: %w", n, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

func bucketNames(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s-%05d", prefix, i)
	}
	return out
}

// fault is an error answer a front gives instead of forwarding.
type fault struct {
	status  int
	code    string
	message string
	// header is added to the answer (S3 sends x-amz-bucket-region with a 403).
	header map[string]string
}

// front is a loopback HTTP reverse proxy in front of a real server. It
// counts requests per operation and how many were in flight at once, and
// can inject faults, add latency, or strip BucketRegion from ListBuckets
// (as S3-compatible servers that predate it do). The Host header passes
// through unchanged, so SigV4 signatures stay valid.
type front struct {
	srv    *httptest.Server
	target *url.URL
	// faultFor, when set, is asked for every request; a non-nil fault is
	// answered instead of forwarding.
	faultFor func(r *http.Request, op, region string) *fault
	// delay is added before forwarding each request.
	delay time.Duration
	// stripBucketRegion removes <BucketRegion> from ListBuckets answers.
	stripBucketRegion bool
	// workMail, when set, answers WorkMail's requests, which moto cannot
	// (workmail_test.go); faults still come first.
	workMail *workMail
	// regions, when set, are what DescribeRegions answers: the regions an
	// account has enabled (moto answers every region).
	regions []string

	inFlight, maxInFlight atomic.Int64
	mu                    sync.Mutex
	ops                   map[string]int
	faults                int
}

func newFront(t testing.TB, target string) *front {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	f := &front{target: u, ops: map[string]int{}}
	rp := httputil.NewSingleHostReverseProxy(u)
	rp.ModifyResponse = f.modify
	rp.ErrorLog = log.New(io.Discard, "", 0) // a cancelled request is not news
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := f.inFlight.Add(1)
		defer f.inFlight.Add(-1)
		for {
			m := f.maxInFlight.Load()
			if n <= m || f.maxInFlight.CompareAndSwap(m, n) {
				break
			}
		}
		op, region := operation(r)
		f.mu.Lock()
		f.ops[op]++
		faultFor := f.faultFor
		f.mu.Unlock()
		if f.delay > 0 {
			time.Sleep(f.delay)
		}
		if faultFor != nil {
			if ft := faultFor(r, op, region); ft != nil {
				f.mu.Lock()
				f.faults++
				f.mu.Unlock()
				writeFault(w, r, ft)
				return
			}
		}
		if len(f.regions) > 0 && op == "ec2.DescribeRegions" {
			w.Header().Set("Content-Type", "text/xml")
			var items strings.Builder
			for _, rg := range f.regions {
				fmt.Fprintf(&items, "<item><regionName>%s</regionName><regionEndpoint>ec2.%s.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>", rg, rg)
			}
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>front</requestId><regionInfo>%s</regionInfo></DescribeRegionsResponse>`, items.String())
			return
		}
		if f.workMail != nil && f.workMail.handles(r) {
			f.workMail.ServeHTTP(w, r)
			return
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *front) URL() string { return f.srv.URL }

func (f *front) count(op string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.ops[op]
}

func (f *front) total() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.ops {
		n += c
	}
	return n
}

func (f *front) reset() {
	f.mu.Lock()
	f.ops = map[string]int{}
	f.faults = 0
	f.mu.Unlock()
	f.maxInFlight.Store(0)
}

var bucketRegionTag = regexp.MustCompile(`<BucketRegion>[^<]*</BucketRegion>`)

func (f *front) modify(resp *http.Response) error {
	if !f.stripBucketRegion {
		return nil
	}
	if op, _ := operation(resp.Request); op != "S3.ListBuckets" {
		return nil
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	body = bucketRegionTag.ReplaceAll(body, nil)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
	return nil
}

var credentialScope = regexp.MustCompile(`Credential=[^/]+/\d{8}/([^/]+)/([^/]+)/aws4_request`)

// operation names a request "Service.Operation" as well as a front can
// tell from the wire, and returns the region it was signed for.
func operation(r *http.Request) (op, region string) {
	service := "?"
	if m := credentialScope.FindStringSubmatch(r.Header.Get("Authorization")); m != nil {
		region, service = m[1], m[2]
	}
	switch service {
	case "s3":
		path := strings.Trim(r.URL.Path, "/")
		switch {
		case path == "" && r.Method == http.MethodGet:
			return "S3.ListBuckets", region
		case !strings.Contains(path, "/") && r.Method == http.MethodHead:
			return "S3.HeadBucket", region
		}
		return "S3." + r.Method + " " + r.URL.Path, region
	}
	if tgt := r.Header.Get("X-Amz-Target"); tgt != "" {
		_, name, _ := strings.Cut(tgt, ".")
		return service + "." + name, region
	}
	if r.Method == http.MethodPost && r.Body != nil {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if v, err := url.ParseQuery(string(body)); err == nil && v.Get("Action") != "" {
			return service + "." + v.Get("Action"), region
		}
	}
	return service + "." + r.Method + " " + r.URL.Path, region
}

// writeFault answers with an error in the shape the service's protocol
// uses, so the SDK parses the code the way it would from AWS.
func writeFault(w http.ResponseWriter, r *http.Request, f *fault) {
	service := ""
	if m := credentialScope.FindStringSubmatch(r.Header.Get("Authorization")); m != nil {
		service = m[2]
	}
	for k, v := range f.header {
		w.Header().Set(k, v)
	}
	switch service {
	case "s3":
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(f.status)
		if r.Method != http.MethodHead {
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>%s</Message><RequestId>front</RequestId></Error>`, f.code, f.message)
		}
	case "ec2":
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(f.status)
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>front</RequestID></Response>`, f.code, f.message)
	case "workmail":
		writeWorkMailError(w, f.status, f.code, f.message)
	case "rds", "ses", "email", "sts":
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(f.status)
		fmt.Fprintf(w, `<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>front</RequestId></ErrorResponse>`, f.code, f.message)
	default: // JSON and REST-JSON protocols
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		w.Header().Set("X-Amzn-Errortype", f.code)
		w.WriteHeader(f.status)
		fmt.Fprintf(w, `{"__type":"%s","message":"%s"}`, f.code, f.message)
	}
}

// sortedKeys is for readable failure messages.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
