package aws

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/lightsail"
)

// lightsailStandIn serves the two Lightsail operations Reachmap calls as
// AWS documents them (JSON 1.1, X-Amz-Target Lightsail_20161128.OP, the
// model's lowerCamel members): GetBuckets over two pages, the first
// answer throttled, and GetRelationalDatabases; with deny set, both
// refuse as an unpermitted caller. moto has no Lightsail, hence this.
type lightsailStandIn struct {
	mu      sync.Mutex
	targets []string
	tokens  []string
	calls   int
	deny    bool
}

func (s *lightsailStandIn) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var in struct {
		PageToken string `json:"pageToken"`
	}
	json.Unmarshal(body, &in)
	s.mu.Lock()
	s.calls++
	first := s.calls == 1
	target := r.Header.Get("X-Amz-Target")
	s.targets = append(s.targets, target)
	s.tokens = append(s.tokens, in.PageToken)
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	switch {
	case r.Method != http.MethodPost || !strings.HasPrefix(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256 "):
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"__type":"ValidationException","message":"unsigned or not a POST"}`)
	case s.deny:
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"__type":"AccessDeniedException","message":"User: arn:aws:iam::111111111111:user/ro is not authorized to perform: lightsail:GetBuckets"}`)
	case first:
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"__type":"ThrottlingException","message":"Rate exceeded"}`)
	case target == "Lightsail_20161128.GetBuckets" && in.PageToken == "":
		io.WriteString(w, `{"buckets":[{"name":"lumen-site","location":{"regionName":"eu-central-1"},"tags":[{"key":"team","value":"web"}]}],"nextPageToken":"p2"}`)
	case target == "Lightsail_20161128.GetBuckets" && in.PageToken == "p2":
		io.WriteString(w, `{"buckets":[{"name":"lumen-media","tags":[]}]}`)
	case target == "Lightsail_20161128.GetRelationalDatabases":
		io.WriteString(w, `{"relationalDatabases":[{"name":"lumen-wp","engine":"mysql","tags":[{"key":"env","value":"prod"}]}]}`)
	default:
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"__type":"InvalidInputException","message":"unexpected call"}`)
	}
}

// lightsailSession is a session whose every call goes to the stand-in,
// through the read-only guard, with the SDK's retryer.
func lightsailSession(t *testing.T, h http.Handler) *session {
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)
	cfg := sdkaws.Config{
		Region:       "eu-central-1",
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDLIGHTSAIL", "secret", ""),
		BaseEndpoint: sdkaws.String(srv.URL),
		HTTPClient:   srv.Client(),
		Retryer: func() sdkaws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) { o.MaxBackoff = 10 * time.Millisecond })
		},
	}
	guard(&cfg, options{})
	return &session{profile: "lumen", cfg: cfg, home: "eu-central-1"}
}

// TestLightsailAgainstStandIn lists a region's Lightsail buckets over two
// pages, after a throttled first answer, and its databases, with their
// tags and engine; a refusal comes back as an error the scan turns into a
// gap; and a write is refused before it leaves the process.
func TestLightsailAgainstStandIn(t *testing.T) {
	si := &lightsailStandIn{}
	s := lightsailSession(t, si)
	var got []found
	if err := listLightsail(context.Background(), s, "eu-central-1", func(f found) { got = append(got, f) }); err != nil {
		t.Fatal(err)
	}
	names := []string{}
	for _, f := range got {
		names = append(names, string(f.kind)+":"+f.name)
	}
	if want := []string{"bucket:lumen-site", "bucket:lumen-media", "database:lumen-wp"}; !slices.Equal(names, want) {
		t.Fatalf("found %v, want %v", names, want)
	}
	if got[0].tags["team"] != "web" || got[0].tags["aws:service"] != "lightsail" || got[2].tags["aws:engine"] != "mysql" || got[2].tags["env"] != "prod" {
		t.Errorf("tags %v, %v", got[0].tags, got[2].tags)
	}
	if si.calls != 4 || !slices.Contains(si.tokens, "p2") {
		t.Errorf("%d calls with tokens %v: want the throttled one retried and the second page asked for", si.calls, si.tokens)
	}

	denied := lightsailSession(t, &lightsailStandIn{deny: true})
	err := listLightsail(context.Background(), denied, "eu-central-1", func(found) {})
	if err == nil || !strings.Contains(err.Error(), "AccessDenied") {
		t.Fatalf("a refusal: %v", err)
	}

	// CreateBucket never reaches the stand-in.
	before := si.calls
	c := lightsail.NewFromConfig(s.cfg)
	_, err = c.CreateBucket(context.Background(), &lightsail.CreateBucketInput{BucketName: sdkaws.String("x"), BundleId: sdkaws.String("small_1_0")})
	var ro *NotReadOnlyError
	if !errors.As(err, &ro) || si.calls != before {
		t.Fatalf("CreateBucket: %v (%d calls reached the stand-in)", err, si.calls-before)
	}
}
