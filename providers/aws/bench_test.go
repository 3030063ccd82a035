package aws

// BenchmarkBucketRegions measures how long it takes to learn where every
// bucket of an account is, over a link with a 50 ms round trip (a European
// laptop talking to us-east-1), against versitygw behind
// internal/delayproxy. Run it with:
//
//	go test -run '^$' -bench BucketRegions ./providers/aws
//
// It skips only under -short; missing servers or a missing AWS CLI fail it.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/reachmap/reachmap/internal/delayproxy"
	"github.com/reachmap/reachmap/providers"
)

const benchRTT = 50 * time.Millisecond

var (
	cliOnce   sync.Once
	cliMillis float64
)

// needForBench is need without the skip: a benchmark that cannot run fails.
func needForBench(b *testing.B, s *server) *server {
	b.Helper()
	s.once.Do(func() { s.err = s.start() })
	if s.err != nil {
		b.Fatalf("%s is required by the benchmark: %v (run scripts/s3-servers.sh install)", s.name, s.err)
	}
	return s
}

// mkdirBuckets makes the gateway hold exactly n buckets "bench-00000"….
// versitygw's posix backend serves each top-level directory as a bucket, so
// a fixture of 10,000 takes milliseconds instead of 10,000 CreateBucket
// calls; everything the benchmark measures still goes through the S3 API.
func mkdirBuckets(b *testing.B, s *server, n int) []string {
	b.Helper()
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			os.RemoveAll(filepath.Join(s.dir, e.Name()))
		}
	}
	names := bucketNames("bench", n)
	for _, name := range names {
		if err := os.Mkdir(filepath.Join(s.dir, name), 0o755); err != nil {
			b.Fatal(err)
		}
	}
	return names
}

// benchChain is scanner → delay proxy (rtt) → counting front → versitygw.
func benchChain(b *testing.B, s *server, strip bool, rtt time.Duration) (*front, *delayproxy.Proxy) {
	b.Helper()
	f := newFront(b, s.url)
	f.stripBucketRegion = strip
	p, err := delayproxy.Start(delayproxy.Config{Target: strings.TrimPrefix(f.URL(), "http://"), RTT: rtt})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { p.Close() })
	return f, p
}

// timeScan runs the bucket part of a scan once, with a cold region cache,
// and checks it found every bucket with its region.
func timeScan(b *testing.B, files *sharedFiles, want int) time.Duration {
	b.Helper()
	return timeScanOpts(b, testOptions(files), want)
}

// countSink checks what a benchmark scan reports without keeping it: the
// buckets are the caller's to store, and how a caller stores 10,000 of
// them is not what the benchmark measures.
type countSink struct {
	mu        sync.Mutex
	assets    int
	misplaced []string
	gaps      []providers.Gap
}

func (s *countSink) Asset(a providers.Asset) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.assets++
	if a.Region != versityRegion {
		s.misplaced = append(s.misplaced, a.Name+" in "+a.Region)
	}
}

func (s *countSink) Gap(g providers.Gap) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gaps = append(s.gaps, g)
}

func (*countSink) Progress(providers.Progress) {}

func timeScanOpts(b *testing.B, o options, want int) time.Duration {
	b.Helper()
	o.cache = newRegionCache()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	sink := &countSink{}
	begin := time.Now()
	s, err := openSession(ctx, "vgw", o)
	if err != nil {
		b.Fatal(err)
	}
	sc := newScanner("vgw", sink)
	sc.s, sc.s3 = s, s.s3()
	sc.scanBuckets(ctx)
	d := time.Since(begin)
	if sink.assets != want || len(sink.gaps) != 0 || len(sink.misplaced) != 0 {
		b.Fatalf("found %d buckets of %d; gaps %+v; misplaced %v", sink.assets, want, sink.gaps, sink.misplaced)
	}
	return d
}

// inFlight counts the requests a client has sent and not yet had answered.
type inFlight struct{ now, max atomic.Int64 }

func (c *inFlight) wrap(next sdkaws.HTTPClient) sdkaws.HTTPClient {
	return doFunc(func(r *http.Request) (*http.Response, error) {
		n := c.now.Add(1)
		defer c.now.Add(-1)
		for m := c.max.Load(); n > m && !c.max.CompareAndSwap(m, n); m = c.max.Load() {
		}
		return next.Do(r)
	})
}

// serverTime is how long the server takes to answer the listing when the
// link adds nothing and the body is read but not decoded: the part of the
// wall time that belongs to the server, not to the link or to Reachmap.
func serverTime(b *testing.B, files *sharedFiles, pageSize int32) time.Duration {
	b.Helper()
	ctx := context.Background()
	s, err := openSession(ctx, "vgw", testOptions(files))
	if err != nil {
		b.Fatal(err)
	}
	c := s.s3()
	begin := time.Now()
	var token *string
	for {
		var next string
		_, err := c.ListBuckets(ctx, &s3.ListBucketsInput{MaxBuckets: sdkaws.Int32(pageSize), ContinuationToken: token},
			func(o *s3.Options) {
				o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
					_, err := st.Deserialize.Swap(listDecoderID, tokenOnly{&next})
					return err
				})
			})
		if err != nil {
			b.Fatal(err)
		}
		if next == "" {
			return time.Since(begin)
		}
		token = &next
	}
}

// tokenOnly reads a ListBuckets body and keeps only the continuation token,
// found with a byte search; it decodes nothing else.
type tokenOnly struct{ token *string }

func (tokenOnly) ID() string { return listDecoderID }

func (t tokenOnly) HandleDeserialize(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
	out, md, err := next.HandleDeserialize(ctx, in)
	if err != nil {
		return out, md, err
	}
	resp := out.RawResponse.(*smithyhttp.Response)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return out, md, fmt.Errorf("ListBuckets: HTTP %d: %s", resp.StatusCode, body)
	}
	if _, rest, ok := bytes.Cut(body, []byte("<ContinuationToken>")); ok {
		tok, _, _ := bytes.Cut(rest, []byte("<"))
		*t.token = string(tok)
	}
	out.Result = &s3.ListBucketsOutput{}
	return out, md, err
}

func BenchmarkBucketRegions(b *testing.B) {
	if testing.Short() {
		b.Skip("talks to real servers through a 50 ms link")
	}

	// BucketRegion path: one paginated ListBuckets carries every region.
	// The floor is pages × RTT. No client can beat floor + the server's own
	// time to build the pages, so that time is measured apart (server-ms,
	// the same listing over a 0 ms link with the bodies left undecoded),
	// and what Reachmap adds is the rest (ours-ms). Pages of 10,000 (what
	// Reachmap sends) are compared with pages of 1,000.
	for _, pageSize := range []int32{10000, 1000} {
		b.Run(fmt.Sprintf("list-10000/page-%d", pageSize), func(b *testing.B) {
			s := needForBench(b, benchVersity)
			const n = 10000
			mkdirBuckets(b, s, n)
			f, far := benchChain(b, s, false, benchRTT)
			_, near := benchChain(b, s, false, 0)
			farFiles, nearFiles := versityProfile(b, far.URL()), versityProfile(b, near.URL())
			o := testOptions(farFiles)
			o.pageSize = pageSize
			timeScanOpts(b, o, n) // warm the server's directory cache
			serverTime(b, nearFiles, pageSize)
			var wallSum, serverSum time.Duration
			minWall, minServer := time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
			f.reset()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				w := timeScanOpts(b, o, n)
				b.StopTimer()
				sv := serverTime(b, nearFiles, pageSize)
				b.StartTimer()
				wallSum, serverSum = wallSum+w, serverSum+sv
				minWall, minServer = min(minWall, w), min(minServer, sv)
			}
			b.StopTimer()
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			reqs := float64(f.total()) / float64(b.N)
			pages := float64(f.count("S3.ListBuckets")) / float64(b.N)
			floor := pages * ms(benchRTT)
			wall := ms(wallSum) / float64(b.N)
			server := ms(serverSum) / float64(b.N)
			b.ReportMetric(wall, "wall-ms/op")
			b.ReportMetric(reqs, "s3-requests/op")
			b.ReportMetric(floor, "floor-ms/op")
			b.ReportMetric(wall/floor, "x-floor")
			b.ReportMetric(server, "server-ms/op")
			b.ReportMetric((floor+server)/floor, "best-x-floor")
			// What the link and Reachmap add on top of the server, from the
			// fastest run of each kind: on a shared machine the means carry
			// other processes' noise.
			ours := ms(minWall) - ms(minServer) - floor
			b.ReportMetric(ours, "ours-ms/op")
			b.ReportMetric((floor+ours)/floor, "x-floor-without-server")
			if pageSize == defaultOptions().pageSize && floor+ours > 2*floor {
				b.Errorf("the link and Reachmap took %.0f ms besides the server, more than twice the floor of %.0f ms (%.0f pages × %v)", floor+ours, floor, pages, benchRTT)
			}
		})
	}

	// HEAD fallback: a server that does not send BucketRegion, so each
	// bucket costs a HeadBucket; they must overlap (≥ 32 in flight).
	b.Run("head-1000", func(b *testing.B) {
		s := needForBench(b, versitySrv)
		const n = 1000
		mkdirBuckets(b, s, n)
		f, p := benchChain(b, s, true, benchRTT)
		o := testOptions(versityProfile(b, p.URL()))
		// Counted where the requests leave Reachmap: past the delay proxy,
		// a request spends only the server's millisecond in flight.
		var client inFlight
		o.wrapHTTP = client.wrap
		var total time.Duration
		f.reset()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			total += timeScanOpts(b, o, n)
		}
		b.StopTimer()
		heads := float64(f.count("S3.HeadBucket")) / float64(b.N)
		pages := float64(f.count("S3.ListBuckets")) / float64(b.N)
		conc := float64(defaultOptions().headConcurrency)
		floor := (pages + math.Ceil(heads/conc)) * float64(benchRTT.Milliseconds())
		wall := float64(total.Milliseconds()) / float64(b.N)
		b.ReportMetric(wall, "wall-ms/op")
		b.ReportMetric(float64(f.total())/float64(b.N), "s3-requests/op")
		b.ReportMetric(float64(client.max.Load()), "max-in-flight")
		b.ReportMetric(floor, "floor-ms/op")
		b.ReportMetric(wall/floor, "x-floor")
		if m := client.max.Load(); m < 32 {
			b.Errorf("only %d HEADs in flight at once, want ≥ 32", m)
		}
	})

	// Against what a user would otherwise script with the AWS CLI:
	// list-buckets, then get-bucket-location for each bucket.
	b.Run("vs-aws-cli-200", func(b *testing.B) {
		s := needForBench(b, versitySrv)
		const n = 200
		names := mkdirBuckets(b, s, n)
		_, p := benchChain(b, s, false, benchRTT)
		url := p.URL()
		files := versityProfile(b, url)
		var total time.Duration
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			total += timeScan(b, files, n)
		}
		b.StopTimer()
		ours := float64(total.Milliseconds()) / float64(b.N)

		// The benchmark function runs more than once (b.N = 1, then more);
		// the CLI script's figure does not depend on b.N, so time it once.
		cliOnce.Do(func() { cliMillis = cliScript(b, url, names) })
		cli := cliMillis
		if cli == 0 {
			b.Fatal("the AWS CLI script could not be timed")
		}
		b.ReportMetric(ours, "reachmap-ms/op")
		b.ReportMetric(cli, "aws-cli-ms")
		b.ReportMetric(cli/ours, "speedup")
		if cli/ours < 50 {
			b.Errorf("only %.0f× faster than the AWS CLI script, want ≥ 50×", cli/ours)
		}
	})
}

// cliScript runs the AWS CLI the way a user's shell script would, through
// the same delay proxy, and returns its wall time in ms for all buckets.
// Each aws invocation starts a Python interpreter (about a second here),
// so by default a sample of get-bucket-location calls is timed and the
// rest extrapolated linearly; REACHMAP_BENCH_CLI_SAMPLE=N times N of them
// (set it to the bucket count to run the whole script).
func cliScript(b *testing.B, endpoint string, names []string) float64 {
	b.Helper()
	awsBin, err := exec.LookPath("aws")
	if err != nil {
		b.Fatalf("the AWS CLI is required for the comparison: %v", err)
	}
	sample := 10
	if v, err := strconv.Atoi(os.Getenv("REACHMAP_BENCH_CLI_SAMPLE")); err == nil && v > 0 {
		sample = min(v, len(names))
	}
	env := append(os.Environ(),
		"AWS_ACCESS_KEY_ID="+versityAccess, "AWS_SECRET_ACCESS_KEY="+versitySecret,
		"AWS_DEFAULT_REGION="+versityRegion, "AWS_CONFIG_FILE=/dev/null",
		"AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_EC2_METADATA_DISABLED=true",
		"AWS_PAGER=")
	run := func(args ...string) (string, time.Duration) {
		cmd := exec.CommandContext(context.Background(), awsBin, append([]string{"--endpoint-url", endpoint}, args...)...)
		cmd.Env = env
		begin := time.Now()
		out, err := cmd.CombinedOutput()
		d := time.Since(begin)
		if err != nil {
			b.Fatalf("aws %s: %v: %s", strings.Join(args, " "), err, out)
		}
		return string(out), d
	}
	out, listTime := run("s3api", "list-buckets", "--query", "Buckets[].Name", "--output", "text")
	if got := len(strings.Fields(out)); got != len(names) {
		b.Fatalf("aws s3api list-buckets listed %d buckets, want %d", got, len(names))
	}
	var locTime time.Duration
	for _, name := range names[:sample] {
		out, d := run("s3api", "get-bucket-location", "--bucket", name, "--output", "text")
		if strings.TrimSpace(out) != versityRegion {
			b.Fatalf("get-bucket-location %s = %q", name, out)
		}
		locTime += d
	}
	perCall := locTime / time.Duration(sample)
	total := listTime + perCall*time.Duration(len(names))
	b.Logf("aws cli: list-buckets %v, get-bucket-location %v each (%d timed), %v for %d buckets",
		listTime.Round(time.Millisecond), perCall.Round(time.Millisecond), sample, total.Round(time.Millisecond), len(names))
	return float64(total.Milliseconds())
}
