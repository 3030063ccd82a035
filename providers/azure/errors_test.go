package azure

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

func responseError(status int, code string) error {
	req, _ := http.NewRequest(http.MethodGet, "https://management.azure.com/subscriptions", nil)
	body := fmt.Sprintf(`{"error":{"code":%q,"message":"m"}}`, code)
	return runtime.NewResponseError(&http.Response{StatusCode: status, Header: http.Header{}, Request: req,
		Body: io.NopCloser(strings.NewReader(body))})
}

// Each failure becomes a sentence and what to do.
func TestReason(t *testing.T) {
	cases := []struct {
		err             error
		auth            string
		msgHas, hintHas string
	}{
		{responseError(401, "InvalidAuthenticationToken"), AuthCLI, "401", "run az login"},
		{responseError(401, "InvalidAuthenticationToken"), AuthEnv, "token was refused", "AZURE_CLIENT_SECRET"},
		{responseError(403, "AuthorizationFailed"), AuthCLI, "access denied", "grant the role"},
		{responseError(429, "TooManyRequests"), AuthCLI, "Retry-After", "try again later"},
		{responseError(503, "ServiceUnavailable"), AuthCLI, "throttled", "try again later"},
		{responseError(409, "ReadOnlyDisabledSubscription"), AuthCLI, "disabled", "re-enable"},
		{fmt.Errorf("x: %w", context.DeadlineExceeded), AuthCLI, "timed out", "try again"},
	}
	for _, c := range cases {
		msg, hint := reason(c.err, "the role", c.auth, AzurePublic)
		if !strings.Contains(msg, c.msgHas) || !strings.Contains(hint, c.hintHas) {
			t.Errorf("%v: %q / %q, want %q / %q", c.err, msg, hint, c.msgHas, c.hintHas)
		}
	}
	// The Azure CLI signs in to its own cloud: for China or a cloud file the
	// hint says to switch it; a service principal's hint does not change.
	for _, c := range []struct {
		cloud   Cloud
		auth    string
		hintHas string
	}{
		{AzureChina, AuthCLI, "az cloud set --name AzureChinaCloud"},
		{AzureGovernment, AuthAuto, "az cloud set --name AzureUSGovernment"},
		{Cloud{Name: "Sovereign", Custom: true}, AuthCLI, "az cloud register"},
		{AzureChina, AuthServicePrincipal, "client id and secret"},
		{AzurePublic, AuthAuto, "run az login, or set AZURE_TENANT_ID"},
	} {
		if _, hint := reason(responseError(401, "InvalidAuthenticationToken"), "the role", c.auth, c.cloud); !strings.Contains(hint, c.hintHas) {
			t.Errorf("%s, %s: hint %q, want %q", c.cloud.Name, c.auth, hint, c.hintHas)
		}
	}
	if !notRegistered(responseError(409, "MissingSubscriptionRegistration")) || notRegistered(responseError(403, "AuthorizationFailed")) {
		t.Error("notRegistered")
	}
}

// pageTransport answers every request with one page linking to next.
type pageTransport struct {
	next string
	hits []string
}

func (p *pageTransport) Do(req *http.Request) (*http.Response, error) {
	p.hits = append(p.hits, req.URL.Host)
	body := fmt.Sprintf(`{"value":[{"name":"a"}],"@odata.nextLink":%q}`, p.next)
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Request: req, Body: io.NopCloser(strings.NewReader(body))}, nil
}

// A next link to another host is not followed: the token would go there.
func TestListFollowsNoLinkToAnotherHost(t *testing.T) {
	tr := &pageTransport{next: "https://elsewhere.example/v1.0/users?$skiptoken=x"}
	co := clientOptions(AzurePublic, tr)
	pl := runtime.NewPipeline("t", "1", runtime.PipelineOptions{}, &co)
	var names []string
	err := list(context.Background(), pl, "https://graph.microsoft.com/v1.0/users", func(v []resource) {
		for _, r := range v {
			names = append(names, r.Name)
		}
	})
	if err == nil || !strings.Contains(err.Error(), "not followed") || len(tr.hits) != 1 || len(names) != 1 {
		t.Errorf("err %v, hits %v, names %v", err, tr.hits, names)
	}
	if strings.Contains(err.Error(), "skiptoken") {
		t.Error("the error quotes the link's query")
	}
}
