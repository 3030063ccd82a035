package aws

// moto 5.2 has no WorkMail: it answers every WorkMail call with HTTP 500.
// workMail answers ListOrganizations in its place, on a front, in the real
// service's wire format (the awsJson1_1 protocol), so that listWorkMail
// runs against answers: pages, states, aliases and errors.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/workmail"
	"github.com/aws/smithy-go"

	"github.com/reachmap/reachmap/providers"
)

// workMailOrg is an OrganizationSummary as WorkMail sends it.
type workMailOrg struct {
	OrganizationId    string
	Alias             string `json:",omitempty"`
	DefaultMailDomain string `json:",omitempty"`
	State             string
}

// workMail answers WorkMail's ListOrganizations for a front.
type workMail struct {
	// access is the access key requests must be signed with; empty accepts
	// any key, for credentials that STS mints during the test.
	access string
	// orgs are each region's organizations, in listing order.
	orgs map[string][]workMailOrg
	// pageSize is the page when a request sends no MaxResults: small, so a
	// few organizations already take several pages.
	pageSize int

	mu    sync.Mutex
	pages map[string]int // region → pages answered
}

func newWorkMail(access string, orgs map[string][]workMailOrg) *workMail {
	return &workMail{access: access, orgs: orgs, pageSize: 2, pages: map[string]int{}}
}

// handles reports whether a request is WorkMail's: awsJson1_1 names the
// operation in X-Amz-Target, not in the path.
func (wm *workMail) handles(r *http.Request) bool {
	return strings.HasPrefix(r.Header.Get("X-Amz-Target"), "WorkMailService.")
}

func (wm *workMail) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	region, err := wm.signedFor(r)
	if err != nil {
		writeWorkMailError(w, http.StatusBadRequest, "UnrecognizedClientException", err.Error())
		return
	}
	if r.Method != http.MethodPost || r.Header.Get("X-Amz-Target") != "WorkMailService.ListOrganizations" {
		writeWorkMailError(w, http.StatusBadRequest, "UnknownOperationException", "this test server answers POST ListOrganizations only")
		return
	}
	var in struct {
		MaxResults *int
		NextToken  *string
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeWorkMailError(w, http.StatusBadRequest, "SerializationException", "the body is not a JSON object")
		return
	}
	orgs := wm.orgs[region]
	size := wm.pageSize
	if in.MaxResults != nil {
		if *in.MaxResults < 1 || *in.MaxResults > 100 {
			writeWorkMailError(w, http.StatusBadRequest, "InvalidParameterException", "MaxResults must be between 1 and 100")
			return
		}
		size = *in.MaxResults
	}
	start := 0
	if in.NextToken != nil {
		// A token is good only in the region that issued it, and only for
		// a page that exists.
		rest, ok := strings.CutPrefix(*in.NextToken, region+"/")
		n, err := strconv.Atoi(rest)
		if !ok || err != nil || n <= 0 || n >= len(orgs) {
			writeWorkMailError(w, http.StatusBadRequest, "InvalidParameterException", "the NextToken is not valid")
			return
		}
		start = n
	}
	end := min(start+size, len(orgs))
	out := struct {
		OrganizationSummaries []workMailOrg
		NextToken             string `json:",omitempty"`
	}{OrganizationSummaries: append([]workMailOrg{}, orgs[start:end]...)}
	if end < len(orgs) {
		out.NextToken = fmt.Sprintf("%s/%d", region, end)
	}
	wm.mu.Lock()
	wm.pages[region]++
	wm.mu.Unlock()
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	json.NewEncoder(w).Encode(out)
}

// signedFor checks that the request carries a SigV4 signature for WorkMail
// by the expected key, covering the operation, and returns the region it
// was signed for. The signature's arithmetic is the SDK's; what matters
// here is which key, service and region the scan signs with.
func (wm *workMail) signedFor(r *http.Request) (region string, err error) {
	auth := r.Header.Get("Authorization")
	if auth == "" {
		return "", errors.New("the request is not signed")
	}
	alg, rest, _ := strings.Cut(auth, " ")
	fields := map[string]string{}
	for _, f := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(f), "=")
		fields[k] = v
	}
	scope := strings.Split(fields["Credential"], "/") // key/date/region/service/aws4_request
	signed := strings.Split(fields["SignedHeaders"], ";")
	switch {
	case alg != "AWS4-HMAC-SHA256" || len(scope) != 5 || scope[4] != "aws4_request" || fields["Signature"] == "":
		return "", errors.New("the Authorization header is not a SigV4 signature")
	case scope[3] != "workmail":
		return "", fmt.Errorf("the request is signed for %s, not workmail", scope[3])
	case wm.access != "" && scope[0] != wm.access:
		return "", errors.New("The security token included in the request is invalid.")
	case !slices.Contains(signed, "x-amz-target") || !slices.Contains(signed, "x-amz-date"):
		return "", errors.New("the signature does not cover X-Amz-Target and X-Amz-Date")
	}
	return scope[2], nil
}

// pagesIn is how many pages the responder answered, by region.
func (wm *workMail) pagesIn() map[string]int {
	wm.mu.Lock()
	defer wm.mu.Unlock()
	out := map[string]int{}
	for r, n := range wm.pages {
		out[r] = n
	}
	return out
}

// writeWorkMailError answers with an error the way awsJson1_1 services do.
func writeWorkMailError(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"__type": code, "message": message})
}

// TestWorkMailResponder checks the stand-in itself through the SDK's own
// WorkMail client, so the scan tests rest on a server that speaks the
// protocol: pages by token, per region, and refuses what AWS refuses.
func TestWorkMailResponder(t *testing.T) {
	// Nothing here may reach the server behind the front.
	behind := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("forwarded: %s %s %s", r.Method, r.URL, r.Header.Get("X-Amz-Target"))
		w.WriteHeader(http.StatusInternalServerError)
	}))
	defer behind.Close()
	orgs := map[string][]workMailOrg{
		"us-west-2": {{OrganizationId: "m-1", Alias: "one", State: "Active"}, {OrganizationId: "m-2", State: "Active"}, {OrganizationId: "m-3", Alias: "three", DefaultMailDomain: "three.example", State: "Deleted"}},
		"eu-west-1": {{OrganizationId: "m-4", Alias: "four", State: "Active"}},
	}
	f := newFront(t, behind.URL)
	f.workMail = newWorkMail(motoAccess, orgs)
	client := func(region, access string) *workmail.Client {
		return workmail.NewFromConfig(rawConfig(f.URL(), region, access, motoSecret))
	}
	ctx := context.Background()

	t.Run("pages", func(t *testing.T) {
		for _, limit := range []int32{0, 1, 100} { // 0: the responder's own page size
			var got []workMailOrg
			p := workmail.NewListOrganizationsPaginator(client("us-west-2", motoAccess), &workmail.ListOrganizationsInput{}, func(o *workmail.ListOrganizationsPaginatorOptions) { o.Limit = limit })
			pages := 0
			for p.HasMorePages() {
				page, err := p.NextPage(ctx)
				if err != nil {
					t.Fatalf("limit %d: %v", limit, err)
				}
				pages++
				for _, o := range page.OrganizationSummaries {
					got = append(got, workMailOrg{sdkaws.ToString(o.OrganizationId), sdkaws.ToString(o.Alias), sdkaws.ToString(o.DefaultMailDomain), sdkaws.ToString(o.State)})
				}
			}
			want := map[int32]int{0: 2, 1: 3, 100: 1}[limit]
			if pages != want || !slices.Equal(got, orgs["us-west-2"]) {
				t.Errorf("limit %d: %d pages of %+v, want %d pages of the fixture", limit, pages, got, want)
			}
		}
		out, err := client("us-east-1", motoAccess).ListOrganizations(ctx, &workmail.ListOrganizationsInput{})
		if err != nil || len(out.OrganizationSummaries) != 0 || out.NextToken != nil {
			t.Errorf("a region without organizations: %+v, %v", out, err)
		}
	})

	t.Run("a token from another region", func(t *testing.T) {
		_, err := client("eu-west-1", motoAccess).ListOrganizations(ctx, &workmail.ListOrganizationsInput{NextToken: sdkaws.String("us-west-2/1")})
		var api smithy.APIError
		if !errors.As(err, &api) || api.ErrorCode() != "InvalidParameterException" {
			t.Errorf("err = %v, want InvalidParameterException", err)
		}
	})

	t.Run("another access key", func(t *testing.T) {
		_, err := client("us-west-2", "AKIAOTHERKEY00000001").ListOrganizations(ctx, &workmail.ListOrganizationsInput{})
		var api smithy.APIError
		if !errors.As(err, &api) || api.ErrorCode() != "UnrecognizedClientException" || classify(err) != classBadCredentials {
			t.Errorf("err = %v, want UnrecognizedClientException", err)
		}
	})

	t.Run("unsigned", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, f.URL(), strings.NewReader("{}"))
		req.Header.Set("Content-Type", "application/x-amz-json-1.1")
		req.Header.Set("X-Amz-Target", "WorkMailService.ListOrganizations")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body map[string]string
		json.NewDecoder(resp.Body).Decode(&body)
		if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Content-Type") != "application/x-amz-json-1.1" ||
			body["__type"] != "UnrecognizedClientException" || body["message"] == "" {
			t.Errorf("%s %v %v", resp.Status, resp.Header, body)
		}
	})

	if got := f.workMail.pagesIn(); got["us-west-2"] != 6 || got["us-east-1"] != 1 || len(got) != 2 {
		t.Errorf("pages answered = %v, want only the successful ones", got)
	}
}

// TestWorkMailFailures scans with WorkMail refusing or throttling: the
// failure is a gap on its region that says what to do, and the other
// regions' organizations are still reported.
func TestWorkMailFailures(t *testing.T) {
	endpoint := freshMoto(t)
	orgs := map[string][]workMailOrg{
		"us-east-1": {{OrganizationId: "m-east", Alias: "acme-east", State: "Active"}},
		"us-west-2": {{OrganizationId: "m-west", Alias: "acme-west", State: "Active"}},
		"eu-west-1": {{OrganizationId: "m-dublin", Alias: "acme-dublin", State: "Active"}},
	}
	// wantMailboxes checks the organizations a scan reported, as
	// "region/name" in order.
	wantMailboxes := func(t *testing.T, sink *recSink, want ...string) {
		t.Helper()
		var got []string
		for _, a := range sink.Assets {
			if a.Kind == providers.KindMailbox {
				got = append(got, a.Region+"/"+a.Name)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("mailboxes = %v, want %v", got, want)
		}
	}
	// otherGaps are the gaps besides the one for the opt-in regions moto
	// lists and does not enable.
	otherGaps := func(sink *recSink) []providers.Gap {
		var out []providers.Gap
		for _, g := range sink.Gaps {
			if !strings.Contains(g.Error, "opt-in regions are not enabled") {
				out = append(out, g)
			}
		}
		return out
	}
	theGap := func(t *testing.T, sink *recSink) providers.Gap {
		t.Helper()
		gs := otherGaps(sink)
		if len(gs) != 1 {
			t.Fatalf("want one gap, got:\n%s", sink.gapText())
		}
		return gs[0]
	}
	// throttle answers the first n WorkMail requests in each of regions
	// with ThrottlingException.
	throttle := func(n int, regions ...string) func(*http.Request, string, string) *fault {
		var mu sync.Mutex
		seen := map[string]int{}
		return func(_ *http.Request, op, region string) *fault {
			if op != "workmail.ListOrganizations" || !slices.Contains(regions, region) {
				return nil
			}
			mu.Lock()
			defer mu.Unlock()
			if seen[region]++; seen[region] > n {
				return nil
			}
			return &fault{status: 400, code: "ThrottlingException", message: "Rate exceeded"}
		}
	}
	const profile = "acme"
	scanVia := func(t *testing.T, o options) *recSink {
		t.Helper()
		sink, err := scan(t, testProvider(profile, o))
		if err != nil {
			t.Fatalf("scan: %v\n%s", err, sink.gapText())
		}
		return sink
	}
	setup := func(t *testing.T) (*front, options) {
		f := newFront(t, endpoint)
		f.workMail = newWorkMail(motoAccess, orgs)
		files := writeFiles(t, testProfile{name: profile, region: "eu-west-3", endpoint: f.URL(), access: motoAccess, secret: motoSecret})
		return f, testOptions(files)
	}
	faults := func(f *front) int {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.faults
	}

	t.Run("denied in one region", func(t *testing.T) {
		f, o := setup(t)
		f.faultFor = func(_ *http.Request, op, region string) *fault {
			if op == "workmail.ListOrganizations" && region == "eu-west-1" {
				return &fault{status: 400, code: "AccessDeniedException", message: "User is not authorized to perform workmail:ListOrganizations"}
			}
			return nil
		}
		sink := scanVia(t, o)
		wantMailboxes(t, sink, "us-east-1/acme-east", "us-west-2/acme-west")
		// One gap: a denial only WorkMail met neither closes the region
		// nor passes for a permission missing everywhere.
		g := theGap(t, sink)
		if g.Region != "eu-west-1" || g.Account != profile ||
			g.Error != "WorkMail ListOrganizations: AccessDeniedException: User is not authorized to perform workmail:ListOrganizations" ||
			!strings.Contains(g.Hint, "Allow workmail:ListOrganizations") || !strings.Contains(g.Hint, "aws-policy") {
			t.Errorf("gap = %+v", g)
		}
	})

	t.Run("denied wherever it runs", func(t *testing.T) {
		f, o := setup(t)
		f.faultFor = func(_ *http.Request, op, region string) *fault {
			if op == "workmail.ListOrganizations" {
				return &fault{status: 400, code: "AccessDeniedException", message: "User is not authorized to perform workmail:ListOrganizations"}
			}
			return nil
		}
		sink := scanVia(t, o)
		wantMailboxes(t, sink)
		// A permission missing from the policy: one gap for the account,
		// not one per WorkMail region.
		g := theGap(t, sink)
		if g.Region != "" || !strings.Contains(g.Error, "WorkMail ListOrganizations was denied in all 3 regions where it runs") ||
			!strings.Contains(g.Hint, "Allow workmail:ListOrganizations") {
			t.Errorf("gap = %+v", g)
		}
	})

	t.Run("throttled, then answered", func(t *testing.T) {
		f, o := setup(t)
		f.faultFor = throttle(2, workMailRegions...)
		sink := scanVia(t, o)
		wantMailboxes(t, sink, "eu-west-1/acme-dublin", "us-east-1/acme-east", "us-west-2/acme-west")
		if gs := otherGaps(sink); len(gs) != 0 {
			t.Errorf("throttling the retryer outlasted became gaps:\n%s", sink.gapText())
		}
		if n, th := f.count("workmail.ListOrganizations"), faults(f); n != 9 || th != 6 {
			t.Errorf("%d WorkMail requests, %d throttled; want 2 throttled and 1 answered in each of 3 regions", n, th)
		}
	})

	t.Run("throttled throughout", func(t *testing.T) {
		f, o := setup(t)
		f.faultFor = throttle(o.maxAttempts+1, "us-west-2")
		sink := scanVia(t, o)
		wantMailboxes(t, sink, "eu-west-1/acme-dublin", "us-east-1/acme-east")
		g := theGap(t, sink)
		if g.Region != "us-west-2" || g.Error != "WorkMail ListOrganizations: ThrottlingException: Rate exceeded" ||
			!strings.Contains(g.Hint, "kept throttling") {
			t.Errorf("gap = %+v", g)
		}
		if n := faults(f); n != o.maxAttempts {
			t.Errorf("%d throttled attempts in us-west-2, want the retryer's %d", n, o.maxAttempts)
		}
	})
}
