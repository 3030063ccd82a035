package azure

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
	armruntime "github.com/Azure/azure-sdk-for-go/sdk/azcore/arm/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// The read-only guard, the transport and the pipelines every ARM and Graph
// request goes through.

// ErrWrite is what the guard answers a request that is not a GET or HEAD.
var ErrWrite = errors.New("azure: refused: Reachmap is read-only and sends only GET and HEAD requests")

// readOnly refuses any method but GET and HEAD before the request leaves
// the process. It sits first in every ARM and Graph pipeline; token
// requests (a POST to the authority) go through azidentity's own client,
// the one exception.
type readOnly struct{}

func (readOnly) Do(req *policy.Request) (*http.Response, error) {
	switch req.Raw().Method {
	case http.MethodGet, http.MethodHead:
		return req.Next()
	}
	return nil, fmt.Errorf("%w (%s %s)", ErrWrite, req.Raw().Method, req.Raw().URL.Path)
}

// httpClient trusts the system's roots plus SSL_CERT_FILE's, read each
// time a scan starts (Go caches the system pool for the process, and
// reads SSL_CERT_FILE only on some systems).
func httpClient() *http.Client {
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if f := os.Getenv("SSL_CERT_FILE"); f != "" {
		if pem, err := os.ReadFile(f); err == nil {
			pool.AppendCertsFromPEM(pem)
		}
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	return &http.Client{Transport: tr, Timeout: 2 * time.Minute}
}

// retries bounds the SDK's retries of 429, 503 and the like; it honours
// Retry-After up to MaxRetryDelay.
var retries = policy.RetryOptions{MaxRetries: 3, RetryDelay: time.Second, MaxRetryDelay: 30 * time.Second}

// clientOptions are the azcore options of every client: the guard, the
// transport, the bounded retries, and logging that shows no header (the
// SDK redacts Authorization anyway) and no body.
func clientOptions(c Cloud, hc policy.Transporter) azcore.ClientOptions {
	return azcore.ClientOptions{
		Cloud:           c.config(),
		Transport:       hc,
		Retry:           retries,
		PerCallPolicies: []policy.Policy{readOnly{}},
		Logging:         policy.LogOptions{IncludeBody: false},
		Telemetry:       policy.TelemetryOptions{ApplicationID: "reachmap"},
	}
}

// armOptions turn off the SDK's resource-provider registration, which on
// a MissingSubscriptionRegistration answer would POST a registration: a
// write (the guard would refuse it anyway).
func armOptions(c Cloud, hc policy.Transporter) *arm.ClientOptions {
	return &arm.ClientOptions{ClientOptions: clientOptions(c, hc), DisableRPRegistration: true}
}

// session is one sign-in's pipelines.
type session struct {
	cloud Cloud
	arm   runtime.Pipeline
	graph runtime.Pipeline
	plain runtime.Pipeline // no token: the OpenID configuration
	cred  azcore.TokenCredential
	hc    policy.Transporter
}

func newSession(c Cloud, cred azcore.TokenCredential, hc policy.Transporter) (*session, error) {
	armPl, err := armruntime.NewPipeline("reachmap", "1", cred, runtime.PipelineOptions{}, armOptions(c, hc))
	if err != nil {
		return nil, err
	}
	co := clientOptions(c, hc)
	graphPl := runtime.NewPipeline("reachmap", "1", runtime.PipelineOptions{
		PerRetry: []policy.Policy{runtime.NewBearerTokenPolicy(cred, []string{c.graphScope()}, nil)},
	}, &co)
	plain := runtime.NewPipeline("reachmap", "1", runtime.PipelineOptions{}, &co)
	return &session{cloud: c, arm: armPl, graph: graphPl, plain: plain, cred: cred, hc: hc}, nil
}

// get fetches one JSON document into v. A status other than 200 is an
// *azcore.ResponseError, as the SDK clients return.
func get(ctx context.Context, pl runtime.Pipeline, u string, v any) error {
	req, err := runtime.NewRequest(ctx, http.MethodGet, u)
	if err != nil {
		return err
	}
	req.Raw().Header.Set("Accept", "application/json")
	resp, err := pl.Do(req)
	if err != nil {
		return err
	}
	if !runtime.HasStatusCode(resp, http.StatusOK) {
		return runtime.NewResponseError(resp)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("%s: not the JSON Microsoft documents: %w", redactURL(u), err)
	}
	return nil
}

// page is the envelope of a list: ARM's value and nextLink, Graph's
// value and @odata.nextLink.
type page[T any] struct {
	Value     []T    `json:"value"`
	NextLink  string `json:"nextLink"`
	ODataNext string `json:"@odata.nextLink"`
}

// maxPages bounds a list that never ends (a server that links a page to
// itself).
const maxPages = 10000

// list follows a list's pages and calls each with its items. A next link
// on another host than the first page's is not followed: the token would
// go there.
func list[T any](ctx context.Context, pl runtime.Pipeline, u string, each func([]T)) error {
	first, err := url.Parse(u)
	if err != nil {
		return err
	}
	for range maxPages {
		var p page[T]
		if err := get(ctx, pl, u, &p); err != nil {
			return err
		}
		each(p.Value)
		next := p.NextLink
		if next == "" {
			next = p.ODataNext
		}
		if next == "" {
			return nil
		}
		nu, err := url.Parse(next)
		if err != nil || nu.Host != first.Host || nu.Scheme != "https" {
			return fmt.Errorf("a next page on another host (%s) was not followed", redactURL(next))
		}
		u = next
	}
	return fmt.Errorf("%s: more than %d pages", redactURL(u), maxPages)
}

// redactURL drops the query, where a skip token may stand.
func redactURL(u string) string {
	if p, err := url.Parse(u); err == nil {
		p.RawQuery = ""
		return p.String()
	}
	return "the next page"
}
