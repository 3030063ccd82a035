package aws

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
)

// Whose an endpoint is and where: the user's choice, else the host name.
func TestCompatPlace(t *testing.T) {
	tests := []struct {
		name     string
		ep       providers.S3Endpoint
		provider string
		region   string
		evidence geo.Evidence
		unknown  string // part of the reason it cannot be placed, if any
	}{
		{"host names the provider and region", providers.S3Endpoint{URL: "https://fsn1.your-objectstorage.com"}, "hetzner", "fsn1", geo.EvidenceDNS, ""},
		{"the user's region wins", providers.S3Endpoint{URL: "https://s3.gra.io.cloud.ovh.net", Region: "sbg"}, "ovh", "sbg", geo.EvidenceCatalog, ""},
		{"the user's provider and region", providers.S3Endpoint{URL: "http://10.0.0.5:9000", Provider: "Hetzner", Region: "nbg1"}, "hetzner", "nbg1", geo.EvidenceCatalog, ""},
		{"a provider the host confirms", providers.S3Endpoint{URL: "https://s3.fr-par.scw.cloud", Provider: "scaleway"}, "scaleway", "fr-par", geo.EvidenceDNS, ""},
		{"self-hosted", providers.S3Endpoint{URL: "https://minio.office.example:9000"}, "self-hosted", "", geo.EvidenceCatalog, "does not recognise"},
		{"a provider without region", providers.S3Endpoint{URL: "http://10.0.0.5", Provider: "ovh"}, "ovh", "", geo.EvidenceCatalog, "set the region"},
		{"self-hosted, the region a country", providers.S3Endpoint{URL: "https://s3.office.example", Provider: "self-hosted", Region: "de"}, "self-hosted", "", geo.EvidenceCatalog, ""},
		{"self-hosted, a region that is no country", providers.S3Endpoint{URL: "https://s3.office.example", Provider: "self-hosted", Region: "fsn1"}, "self-hosted", "", geo.EvidenceCatalog, "for your own server, its country"},
		{"AWS itself", providers.S3Endpoint{URL: "https://s3.eu-west-1.amazonaws.com"}, "aws", "", geo.EvidenceDNS, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, p, err := compatPlace(tc.ep)
			if err != nil {
				t.Fatal(err)
			}
			if p.provider != tc.provider || p.region != tc.region || (p.region != "" && p.evidence != tc.evidence) {
				t.Errorf("place = %+v, want %s/%s by %s", p, tc.provider, tc.region, tc.evidence)
			}
			if (tc.unknown == "") != (p.unknown == "") || !strings.Contains(p.unknown, tc.unknown) {
				t.Errorf("unknown = %q, want %q", p.unknown, tc.unknown)
			}
		})
	}
	for _, bad := range []string{"", "fsn1.your-objectstorage.com", "ftp://host", "https://", "://x"} {
		if _, _, err := compatPlace(providers.S3Endpoint{URL: bad}); err == nil {
			t.Errorf("URL %q accepted", bad)
		}
	}
}

// compatScan lists one endpoint with the test options.
func compatScan(t *testing.T, ep providers.S3Endpoint, o options) (*recSink, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	sink := &recSink{}
	err := (&CompatProvider{ep: ep, opts: o}).Scan(ctx, sink)
	return sink, err
}

// An endpoint from the Accounts screen, listed through versitygw: each
// bucket is the named company's, in its region, learned from the user.
func TestCompatEndpointScan(t *testing.T) {
	s, names := versityBuckets(t, 3)
	ep := providers.S3Endpoint{URL: s.url, Provider: "wasabi", Region: versityRegion, AccessKeyID: versityAccess, SecretAccessKey: versitySecret}
	sink, err := compatScan(t, ep, testOptions(nil))
	if err != nil {
		t.Fatalf("scan: %v\n%s", err, sink.gapText())
	}
	if len(sink.Gaps) != 0 {
		t.Errorf("gaps:\n%s", sink.gapText())
	}
	got := sink.byKey(t)
	for _, n := range names {
		a, ok := got["bucket/"+versityRegion+"/"+n]
		if !ok {
			t.Errorf("bucket %s missing; got %v", n, sortedKeys(got))
			continue
		}
		host := strings.TrimPrefix(s.url, "http://")
		if a.Provider != "wasabi" || a.Account != strings.Split(host, ":")[0] || a.Tags["s3:endpoint"] != s.url {
			t.Errorf("bucket %s: provider %q account %q tags %v", n, a.Provider, a.Account, a.Tags)
		}
	}
	if last := sink.lastProgress(); last.Done != 1 || last.Total != 1 {
		t.Errorf("progress ended at %+v", last)
	}

	t.Run("wrong secret", func(t *testing.T) {
		bad := ep
		bad.SecretAccessKey = "not-the-secret"
		sink, err := compatScan(t, bad, testOptions(nil))
		if err == nil {
			t.Fatal("a refused key must fail the scan")
		}
		if len(sink.Gaps) != 1 || !strings.Contains(sink.Gaps[0].Hint, "check the key id and secret in Accounts") ||
			sink.Gaps[0].Provider != "wasabi" || strings.Contains(sink.gapText(), "not-the-secret") {
			t.Errorf("gaps:\n%s", sink.gapText())
		}
	})
	t.Run("no secret", func(t *testing.T) {
		bad := ep
		bad.SecretAccessKey = ""
		sink, err := compatScan(t, bad, testOptions(nil))
		if err == nil || len(sink.Gaps) != 1 || !strings.Contains(sink.Gaps[0].Hint, "keyring") {
			t.Errorf("err %v, gaps:\n%s", err, sink.gapText())
		}
	})
	t.Run("a server nobody placed", func(t *testing.T) {
		anon := ep
		anon.Provider, anon.Region = "", ""
		sink, err := compatScan(t, anon, testOptions(nil))
		if err != nil {
			t.Fatalf("scan: %v\n%s", err, sink.gapText())
		}
		if len(sink.Assets) != len(names) || len(sink.Gaps) != 1 || !strings.Contains(sink.Gaps[0].Error, "does not recognise") {
			t.Fatalf("%d assets, gaps:\n%s", len(sink.Assets), sink.gapText())
		}
		for _, a := range sink.Assets {
			if a.Provider != "self-hosted" || a.Region != "" || a.Location == nil || a.Location.Known() ||
				a.Evidence != geo.EvidenceUnknown || a.Tags["s3:reported-region"] != versityRegion {
				t.Errorf("asset %+v, location %+v", a, a.Location)
			}
		}
	})
	t.Run("a server of one's own, in Germany", func(t *testing.T) {
		own := ep
		own.Provider, own.Region = "self-hosted", "DE"
		sink, err := compatScan(t, own, testOptions(nil))
		if err != nil || len(sink.Gaps) != 0 || len(sink.Assets) != len(names) {
			t.Fatalf("err %v, %d assets, gaps:\n%s", err, len(sink.Assets), sink.gapText())
		}
		for _, a := range sink.Assets {
			if a.Provider != "self-hosted" || a.Location == nil || a.Location.Country != "DE" || a.Location.Lat == 0 {
				t.Errorf("asset %+v, location %+v", a, a.Location)
			}
		}
	})
	t.Run("dead endpoint", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		dead := "http://" + l.Addr().String()
		l.Close()
		sink, err := compatScan(t, providers.S3Endpoint{URL: dead, Provider: "hetzner", Region: "fsn1", AccessKeyID: "k", SecretAccessKey: "s"}, testOptions(nil))
		if err == nil || len(sink.Gaps) != 1 || !strings.Contains(sink.Gaps[0].Hint, "Could not reach 127.0.0.1") {
			t.Errorf("err %v, gaps:\n%s", err, sink.gapText())
		}
	})
}

// A service that takes only "us-east-1" signatures: the endpoint's own
// region is refused, and the scan signs again with us-east-1.
func TestCompatSigningRegionFallback(t *testing.T) {
	s := need(t, usVersity)
	names := bucketNames("usv", 2)
	createBuckets(t, rawS3(s.url, "us-east-1", versityAccess, versitySecret), "us-east-1", names)
	ep := providers.S3Endpoint{URL: s.url, Provider: "hetzner", Region: "fsn1", AccessKeyID: versityAccess, SecretAccessKey: versitySecret}
	f := newFront(t, s.url)
	ep.URL = f.URL()
	sink, err := compatScan(t, ep, testOptions(nil))
	if err != nil {
		t.Fatalf("scan: %v\n%s", err, sink.gapText())
	}
	got := sink.byKey(t)
	for _, n := range names {
		// versitygw reports its own region for every bucket; Hetzner has no
		// us-east-1, so the endpoint's region stands.
		a, ok := got["bucket/fsn1/"+n]
		if !ok || a.Provider != "hetzner" || a.Evidence != geo.EvidenceCatalog || a.Tags["s3:reported-region"] != "us-east-1" {
			t.Errorf("bucket %s: %+v (got %v)", n, a, sortedKeys(got))
		}
	}
	if n := f.count("S3.ListBuckets"); n != 2 {
		t.Errorf("%d ListBuckets, want one refused for fsn1 and one accepted for us-east-1", n)
	}

	// An endpoint that lists the buckets of several regions (Wasabi's):
	// a bucket the server places in another of the company's regions is
	// there, whether the listing says so or, without BucketRegion, a
	// HeadBucket does.
	for _, strip := range []bool{false, true} {
		f := newFront(t, s.url)
		f.stripBucketRegion = strip
		ep.URL, ep.Provider, ep.Region = f.URL(), "wasabi", "eu-central-1"
		sink, err := compatScan(t, ep, testOptions(nil))
		if err != nil {
			t.Fatalf("scan: %v\n%s", err, sink.gapText())
		}
		got := sink.byKey(t)
		for _, n := range names {
			if a, ok := got["bucket/us-east-1/"+n]; !ok || a.Provider != "wasabi" || a.Evidence != geo.EvidenceAPI {
				t.Errorf("without BucketRegion %v: bucket %s: %+v (got %v)", strip, n, a, sortedKeys(got))
			}
		}
		if heads := f.count("S3.HeadBucket"); (heads == len(names)) != strip {
			t.Errorf("without BucketRegion %v: %d HeadBucket", strip, heads)
		}
	}
}

// A profile whose endpoint_url is another company's S3 host: the buckets
// are that company's, in the host's region, and no AWS region is scanned.
func TestProfileWithAnotherCompanysEndpoint(t *testing.T) {
	s, names := versityBuckets(t, 2)
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(s.url, "http://"))
	f := newFront(t, s.url)
	_, frontPort, _ := net.SplitHostPort(strings.TrimPrefix(f.URL(), "http://"))
	files := writeFiles(t, testProfile{name: "hz", region: versityRegion,
		endpoint: "http://fsn1.your-objectstorage.com:" + port, access: versityAccess, secret: versitySecret})
	o := testOptions(files)
	// The host name is Hetzner's; the connection goes to the front.
	var d net.Dialer
	o.dial = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return d.DialContext(ctx, network, "127.0.0.1:"+frontPort)
	}
	sink, err := scan(t, testProvider("hz", o))
	if err != nil {
		t.Fatalf("scan: %v\n%s", err, sink.gapText())
	}
	if len(sink.Gaps) != 0 {
		t.Errorf("gaps:\n%s", sink.gapText())
	}
	got := sink.byKey(t)
	if len(got) != len(names) {
		t.Errorf("assets %v", sortedKeys(got))
	}
	for _, n := range names {
		a, ok := got["bucket/fsn1/"+n]
		if !ok || a.Provider != "hetzner" || a.Account != "hz" || a.Evidence != geo.EvidenceDNS {
			t.Errorf("bucket %s: %+v", n, a)
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for op := range f.ops {
		if !strings.HasPrefix(op, "S3.") {
			t.Errorf("%s was called on Hetzner's endpoint", op)
		}
	}
}

// A profile's S3 endpoint goes through the same decision, with nobody's
// choice: the host name alone names the company, and a host it does not
// know is left to the caller (named false), which keeps AWS.
func TestPlaceEndpointForAProfile(t *testing.T) {
	tests := []struct {
		host, provider, region string
		named                  bool
		unknown                string
	}{
		{"fsn1.your-objectstorage.com", "hetzner", "fsn1", true, ""},
		{"s3.eu-west-1.amazonaws.com", "aws", "", true, ""},
		{"minio.office.example", "self-hosted", "", false, "does not recognise"},
	}
	for _, tc := range tests {
		p, named := placeEndpoint(tc.host, nil)
		if p.provider != tc.provider || p.region != tc.region || named != tc.named ||
			(tc.unknown == "") != (p.unknown == "") || !strings.Contains(p.unknown, tc.unknown) {
			t.Errorf("%s: place %+v, named %v; want %s/%s, named %v", tc.host, p, named, tc.provider, tc.region, tc.named)
		}
		if strings.Contains(p.unknown, "set the region in Accounts") {
			t.Errorf("%s: a profile's endpoint is told to set its region in Accounts: %q", tc.host, p.unknown)
		}
	}
}
