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
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"reachmap/internal/delayproxy"
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

func timeScanOpts(b *testing.B, o options, want int) time.Duration {
	b.Helper()
	o.cache = newRegionCache()
	begin := time.Now()
	sink, err := scanS3(b, "vgw", o)
	d := time.Since(begin)
	if err != nil {
		b.Fatal(err)
	}
	if len(sink.Assets) != want || len(sink.Gaps) != 0 {
		b.Fatalf("found %d buckets of %d, gaps:\n%s", len(sink.Assets), want, sink.gapText())
	}
	for _, a := range sink.Assets {
		if a.Region != versityRegion {
			b.Fatalf("bucket %s in %q", a.Name, a.Region)
		}
	}
	return d
}

func BenchmarkBucketRegions(b *testing.B) {
	if testing.Short() {
		b.Skip("talks to real servers through a 50 ms link")
	}

	// BucketRegion path: one paginated ListBuckets carries every region.
	// Each iteration also runs the same scan through a 0 ms link: that is
	// the time versitygw takes to build the page and the SDK to parse it,
	// which no latency figure includes. Pages of 10,000 (what Reachmap
	// sends) are compared with pages of 1,000.
	for _, pageSize := range []int32{10000, 1000} {
		b.Run(fmt.Sprintf("list-10000/page-%d", pageSize), func(b *testing.B) {
			s := needForBench(b, benchVersity)
			const n = 10000
			mkdirBuckets(b, s, n)
			f, far := benchChain(b, s, false, benchRTT)
			_, near := benchChain(b, s, false, 0)
			farFiles, nearFiles := versityProfile(b, far.URL()), versityProfile(b, near.URL())
			run := func(files *sharedFiles) time.Duration {
				o := testOptions(files)
				o.pageSize = pageSize
				return timeScanOpts(b, o, n)
			}
			run(nearFiles) // warm the server's directory cache
			var wallSum, localSum time.Duration
			minWall, minLocal := time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
			f.reset()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				w := run(farFiles)
				b.StopTimer()
				l := run(nearFiles)
				b.StartTimer()
				wallSum, localSum = wallSum+w, localSum+l
				minWall, minLocal = min(minWall, w), min(minLocal, l)
			}
			b.StopTimer()
			reqs := float64(f.total()) / float64(b.N)
			pages := float64(f.count("S3.ListBuckets")) / float64(b.N)
			floor := pages * float64(benchRTT.Milliseconds())
			wall := float64(wallSum.Microseconds()) / 1000 / float64(b.N)
			local := float64(localSum.Microseconds()) / 1000 / float64(b.N)
			b.ReportMetric(wall, "wall-ms/op")
			b.ReportMetric(local, "local-ms/op")
			b.ReportMetric(reqs, "s3-requests/op")
			b.ReportMetric(floor, "floor-ms/op")
			b.ReportMetric(wall/floor, "x-floor")
			// What the link added, from the fastest run of each kind: on a
			// shared machine the means carry other processes' noise.
			net := float64((minWall - minLocal).Microseconds()) / 1000
			b.ReportMetric(net, "link-ms/op")
			b.ReportMetric(net/floor, "net-x-floor")
			// The latency the scan adds must stay within twice the floor;
			// server and parsing time are measured apart (local-ms). The
			// 1,000-bucket pages are there for comparison only.
			if pageSize == defaultOptions().pageSize && net > 2*floor {
				b.Errorf("the link added %.0f ms, more than twice the floor of %.0f ms (%.0f pages × %v)", net, floor, pages, benchRTT)
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
		files := versityProfile(b, p.URL())
		var total time.Duration
		f.reset()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			total += timeScan(b, files, n)
		}
		b.StopTimer()
		heads := float64(f.count("S3.HeadBucket")) / float64(b.N)
		pages := float64(f.count("S3.ListBuckets")) / float64(b.N)
		conc := float64(defaultOptions().headConcurrency)
		floor := (pages + math.Ceil(heads/conc)) * float64(benchRTT.Milliseconds())
		wall := float64(total.Milliseconds()) / float64(b.N)
		b.ReportMetric(wall, "wall-ms/op")
		b.ReportMetric(float64(f.total())/float64(b.N), "s3-requests/op")
		b.ReportMetric(float64(f.maxInFlight.Load()), "max-in-flight")
		b.ReportMetric(floor, "floor-ms/op")
		b.ReportMetric(wall/floor, "x-floor")
		// The goal is ≥ 32 in flight; it is reported, not asserted, because
		// a loaded machine starts requests late. TestHeadFallbackRunsInParallel
		// checks the concurrency itself.
		if m := f.maxInFlight.Load(); m < 32 {
			b.Logf("only %d HEADs in flight at once (goal ≥ 32)", m)
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
