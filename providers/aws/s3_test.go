package aws

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
)

// scanS3 runs only the bucket part of a scan, for tests about S3.
func scanS3(t testing.TB, profile string, o options) (*recSink, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	sink := &recSink{}
	s, err := openSession(ctx, profile, o)
	if err != nil {
		return sink, err
	}
	sc := newScanner(profile, sink)
	sc.s, sc.s3 = s, s.s3()
	sc.scanBuckets(ctx)
	return sink, nil
}

// versityBuckets gives versitygw exactly n buckets "rm-00000"…, created
// through its S3 API, and returns their names.
func versityBuckets(t testing.TB, n int) (*server, []string) {
	t.Helper()
	s := freshVersity(t)
	names := bucketNames("rm", n)
	createBuckets(t, rawS3(s.url, versityRegion, versityAccess, versitySecret), versityRegion, names)
	return s, names
}

// versityProfile points S3 at url (versitygw or a front) with the
// gateway's keys. The region is the gateway's: like a regional S3
// endpoint, versitygw refuses requests signed for another region.
func versityProfile(t testing.TB, url string) *sharedFiles {
	return writeFiles(t, testProfile{name: "vgw", region: versityRegion, s3: url, access: versityAccess, secret: versitySecret})
}

// checkBuckets asserts every name came back once, placed by the API in
// versitygw's region.
func checkBuckets(t *testing.T, sink *recSink, names []string) {
	t.Helper()
	got := map[string]providers.Asset{}
	for _, a := range sink.Assets {
		if _, dup := got[a.Name]; dup {
			t.Errorf("bucket %s reported twice", a.Name)
		}
		got[a.Name] = a
	}
	if len(got) != len(names) {
		t.Errorf("got %d buckets, want %d", len(got), len(names))
	}
	for _, n := range names {
		a, ok := got[n]
		switch {
		case !ok:
			t.Errorf("bucket %s missing", n)
		case a.Kind != providers.KindBucket || a.Region != versityRegion || a.Evidence != geo.EvidenceAPI || a.Account != "vgw":
			t.Errorf("bucket %s = %+v, want a bucket in %s by the API", n, a, versityRegion)
		}
	}
}

func TestThousandsOfBucketsArePaginated(t *testing.T) {
	vgw, names := versityBuckets(t, 2000)
	f := newFront(t, vgw.url)
	tests := []struct {
		pageSize int32
		// lists is how many ListBuckets requests the scan may make: the
		// pages and nothing more, an exactly full last page included.
		lists int
	}{
		{10000, 1},
		{300, 7},
		{500, 4},
		{2000, 1},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("page %d", tc.pageSize), func(t *testing.T) {
			f.reset()
			o := testOptions(versityProfile(t, f.URL()))
			o.pageSize = tc.pageSize
			sink, err := scanS3(t, "vgw", o)
			if err != nil {
				t.Fatal(err)
			}
			checkBuckets(t, sink, names)
			if len(sink.Gaps) != 0 {
				t.Errorf("gaps:\n%s", sink.gapText())
			}
			if got := f.count("S3.ListBuckets"); got != tc.lists {
				t.Errorf("%d ListBuckets requests, want %d", got, tc.lists)
			}
			if got := f.count("S3.HeadBucket"); got != 0 {
				t.Errorf("%d HeadBucket requests; BucketRegion was in every page", got)
			}
		})
	}
}

// TestHeadFallbackRunsInParallel strips BucketRegion, as older
// S3-compatible servers do, so every bucket needs a HEAD. They must run at
// least 32 at a time, and a second scan must answer from the cache.
func TestHeadFallbackRunsInParallel(t *testing.T) {
	vgw, names := versityBuckets(t, 400)
	f := newFront(t, vgw.url)
	f.stripBucketRegion = true
	f.delay = 40 * time.Millisecond // a far server, so requests overlap
	o := testOptions(versityProfile(t, f.URL()))
	begin := time.Now()
	sink, err := scanS3(t, "vgw", o)
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(begin)
	checkBuckets(t, sink, names)
	if len(sink.Gaps) != 0 {
		t.Errorf("gaps:\n%s", sink.gapText())
	}
	if got := f.count("S3.HeadBucket"); got != len(names) {
		t.Errorf("%d HEADs, want one per bucket (%d)", got, len(names))
	}
	if m := f.maxInFlight.Load(); m < 32 {
		t.Errorf("at most %d requests were in flight, want ≥ 32", m)
	}
	// No timed assertion here: 400 HEADs of 40 ms one after another would
	// take 16 s; the figure is logged, and BenchmarkBucketRegions measures it.
	t.Logf("%d HEADs, max %d in flight, %v", f.count("S3.HeadBucket"), f.maxInFlight.Load(), elapsed)

	f.reset()
	sink, err = scanS3(t, "vgw", o) // same options, same cache
	if err != nil {
		t.Fatal(err)
	}
	checkBuckets(t, sink, names)
	if got := f.count("S3.HeadBucket"); got != 0 {
		t.Errorf("second scan sent %d HEADs; regions should come from the cache", got)
	}
}

func TestS3Faults(t *testing.T) {
	vgw, names := versityBuckets(t, 20)
	tests := []struct {
		name string
		// strip makes every bucket go through HEAD.
		strip    bool
		faultFor func(op string, n int, r *http.Request) *fault
		// wantBuckets is how many buckets must be reported, wantLists the
		// ListBuckets requests the front must see (-1: any).
		wantBuckets int
		wantLists   int
		gapHas      string
		hintHas     string
		itemGap     string // the bucket whose asset must carry the gap
		maxDuration time.Duration
	}{
		{
			name: "throttled twice, then served",
			faultFor: func(op string, n int, _ *http.Request) *fault {
				if op == "S3.ListBuckets" && n <= 2 {
					return &fault{status: 503, code: "SlowDown", message: "Please reduce your request rate."}
				}
				return nil
			},
			wantBuckets: 20, wantLists: 3,
		},
		{
			name: "throttled for good",
			faultFor: func(op string, _ int, _ *http.Request) *fault {
				if op == "S3.ListBuckets" {
					return &fault{status: 503, code: "SlowDown", message: "Please reduce your request rate."}
				}
				return nil
			},
			wantBuckets: 0, wantLists: 5, // the retryer's bound
			gapHas: "S3 ListBuckets: SlowDown", hintHas: "throttling", maxDuration: 5 * time.Second,
		},
		{
			name: "expired session token",
			faultFor: func(op string, _ int, _ *http.Request) *fault {
				if op == "S3.ListBuckets" {
					return &fault{status: 400, code: "ExpiredToken", message: "The provided token has expired."}
				}
				return nil
			},
			wantBuckets: 0, wantLists: 1,
			gapHas: "ExpiredToken", hintHas: "aws sso login --profile vgw",
		},
		{
			name:  "bucket deleted during the scan",
			strip: true,
			faultFor: func(op string, _ int, r *http.Request) *fault {
				if op == "S3.HeadBucket" && strings.Contains(r.URL.Path, "rm-00007") {
					return &fault{status: 404, code: "NotFound", message: ""}
				}
				return nil
			},
			wantBuckets: 20, wantLists: -1,
			gapHas: "S3 HeadBucket: NoSuchBucket", hintHas: "deleted", itemGap: "rm-00007",
		},
		{
			// What S3 does when the policy lacks s3:ListBucket, as the one
			// Reachmap ships does: 403, and the region in a header anyway.
			name:  "HEAD denied with the region header",
			strip: true,
			faultFor: func(op string, _ int, r *http.Request) *fault {
				if op == "S3.HeadBucket" {
					return &fault{status: 403, code: "Forbidden", header: map[string]string{"X-Amz-Bucket-Region": versityRegion}}
				}
				return nil
			},
			wantBuckets: 20, wantLists: -1,
		},
		{
			name:  "HEAD denied without a region header",
			strip: true,
			faultFor: func(op string, _ int, r *http.Request) *fault {
				if op == "S3.HeadBucket" && strings.Contains(r.URL.Path, "rm-00003") {
					return &fault{status: 403, code: "Forbidden", message: ""}
				}
				return nil
			},
			wantBuckets: 20, wantLists: -1,
			gapHas: "S3 HeadBucket: Forbidden", hintHas: "s3:ListBucket", itemGap: "rm-00003",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFront(t, vgw.url)
			f.stripBucketRegion = tc.strip
			var n int
			f.faultFor = func(r *http.Request, op, _ string) *fault {
				if op == "S3.ListBuckets" {
					n++ // ListBuckets are sequential, no lock needed
				}
				return tc.faultFor(op, n, r)
			}
			begin := time.Now()
			sink, err := scanS3(t, "vgw", testOptions(versityProfile(t, f.URL())))
			if err != nil {
				t.Fatal(err)
			}
			if tc.maxDuration > 0 && time.Since(begin) > tc.maxDuration {
				t.Errorf("took %v, want under %v", time.Since(begin), tc.maxDuration)
			}
			if len(sink.Assets) != tc.wantBuckets {
				t.Errorf("%d buckets reported, want %d", len(sink.Assets), tc.wantBuckets)
			}
			if tc.wantLists >= 0 && f.count("S3.ListBuckets") != tc.wantLists {
				t.Errorf("%d ListBuckets requests, want %d", f.count("S3.ListBuckets"), tc.wantLists)
			}
			var gaps []providers.Gap
			if tc.itemGap != "" {
				for _, a := range sink.Assets {
					if a.Name == tc.itemGap {
						gaps = a.Gaps
						if a.Region != "" || a.Evidence != geo.EvidenceUnknown || a.Location == nil || a.Location.Known() {
							t.Errorf("asset with an unknown region = %+v", a)
						}
					} else if len(a.Gaps) != 0 {
						t.Errorf("bucket %s has gaps %v", a.Name, a.Gaps)
					}
				}
				if len(sink.Gaps) != 0 {
					t.Errorf("an item problem became an account gap:\n%s", sink.gapText())
				}
			} else {
				gaps = sink.Gaps
			}
			if tc.gapHas == "" {
				if len(gaps) != 0 {
					t.Errorf("unexpected gaps:\n%s", sink.gapText())
				}
				return
			}
			if len(gaps) != 1 {
				t.Fatalf("want one gap, got %+v", gaps)
			}
			g := gaps[0]
			if !strings.Contains(g.Error, tc.gapHas) || !strings.Contains(g.Hint, tc.hintHas) {
				t.Errorf("gap = %+v\nwant error ~ %q, hint ~ %q", g, tc.gapHas, tc.hintHas)
			}
			if tc.itemGap != "" && g.Item != tc.itemGap {
				t.Errorf("gap item = %q, want %q", g.Item, tc.itemGap)
			}
		})
	}
	_ = names
}

// TestWrongSecretIsRejectedBySigV4 relies on versitygw checking signatures
// the way S3 does.
func TestWrongSecretIsRejectedBySigV4(t *testing.T) {
	vgw, _ := versityBuckets(t, 3)
	files := writeFiles(t, testProfile{name: "vgw", region: versityRegion, s3: vgw.url, access: versityAccess, secret: "wrong"})
	sink, err := scanS3(t, "vgw", testOptions(files))
	if err != nil {
		t.Fatal(err)
	}
	if len(sink.Assets) != 0 || len(sink.Gaps) != 1 {
		t.Fatalf("assets %d, gaps:\n%s", len(sink.Assets), sink.gapText())
	}
	g := sink.Gaps[0]
	if !strings.Contains(g.Error, "SignatureDoesNotMatch") || !strings.Contains(g.Hint, "rejected") {
		t.Errorf("gap = %+v", g)
	}
}

// TestEndpointOverridesFromEnvironment builds the provider through the
// Factory, with the user's files and AWS_ENDPOINT_URL / _S3 as the only
// pointers to the servers: S3 goes to versitygw, every other client to moto.
func TestEndpointOverridesFromEnvironment(t *testing.T) {
	vgw, names := versityBuckets(t, 5)
	moto := freshMoto(t)
	seedMoto(t, moto)
	dir := t.TempDir()
	cfgFile := filepath.Join(dir, "config")
	credFile := filepath.Join(dir, "credentials")
	os.WriteFile(cfgFile, []byte("[profile office]\nregion = "+versityRegion+"\n"), 0o600)
	os.WriteFile(credFile, []byte(fmt.Sprintf("[office]\naws_access_key_id = %s\naws_secret_access_key = %s\n", versityAccess, versitySecret)), 0o600)
	t.Setenv("AWS_CONFIG_FILE", cfgFile)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", credFile)
	f := newFront(t, moto)
	f.workMail = newWorkMail(versityAccess, estateMail)
	t.Setenv("AWS_ENDPOINT_URL", f.URL())
	t.Setenv("AWS_ENDPOINT_URL_S3", vgw.url)

	ps, err := Factory.New(Options{Profiles: []string{"office"}}, providers.Shared{})
	if err != nil || len(ps) != 1 {
		t.Fatalf("factory: %v %v", ps, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	sink := &recSink{}
	if err := ps[0].Scan(ctx, sink); err != nil {
		t.Fatalf("scan: %v\n%s", err, sink.gapText())
	}
	got := sink.byKey(t)
	for _, n := range names {
		if _, ok := got["bucket/"+versityRegion+"/"+n]; !ok {
			t.Errorf("versitygw bucket %s missing", n)
		}
	}
	for _, k := range []string{"database/eu-west-1/orders", "archive/eu-central-1/tax-archive", "mail-inbound/eu-west-1/inbound-mail", "mailbox/eu-west-1/acme-mail"} {
		if _, ok := got[k]; !ok {
			t.Errorf("asset %s missing from AWS_ENDPOINT_URL", k)
		}
	}
	for k := range got {
		if strings.HasPrefix(k, "bucket/") && strings.Contains(k, "acme-") {
			t.Errorf("bucket %s came from moto: AWS_ENDPOINT_URL_S3 was not honoured", k)
		}
	}
}
