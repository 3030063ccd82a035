package gcp

import (
	"context"
	"flag"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/internal/memsettings"
	"github.com/reachmap/reachmap/providers/providertest"
)

// workspaceStandIn serves the Policy API and the Directory API's
// orgunits, as Google documents them. policies is the body of the first
// page; a second page holds one unrelated policy.
func workspaceStandIn(t *testing.T, code int, policies string, delay time.Duration) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sleepCtx(r.Context(), delay)
		switch {
		case r.Method != http.MethodGet:
			writeJSON(w, 405, `{}`)
		case r.URL.Path == "/v1/policies" && code != 200:
			writeJSON(w, code, denied)
		case r.URL.Path == "/v1/policies" && r.URL.Query().Get("pageToken") == "":
			writeJSON(w, 200, policies)
		case r.URL.Path == "/v1/policies":
			writeJSON(w, 200, `{"policies":[{"name":"policies/z","customer":"customers/C01abc","policyQuery":{"orgUnit":"orgUnits/root1"},
			 "setting":{"type":"settings/security.less_secure_apps","value":{"allowLessSecureApps":false}},"type":"ADMIN"}]}`)
		case r.URL.Path == "/admin/directory/v1/customer/my_customer/orgunits":
			writeJSON(w, 200, `{"kind":"admin#directory#orgUnits","organizationUnits":[
			 {"name":"Sales","orgUnitPath":"/Sales","orgUnitId":"id:sales2","parentOrgUnitId":"id:root1","parentOrgUnitPath":"/"}]}`)
		default:
			writeJSON(w, 404, `{"error":{"code":404,"message":"not found","status":"NOT_FOUND"}}`)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

const noRegionPolicies = `{"policies":[{"name":"policies/a","customer":"customers/C01abc","policyQuery":{"orgUnit":"orgUnits/root1"},
 "setting":{"type":"settings/gmail.mail_delegation","value":{"enableMailDelegation":true}},"type":"ADMIN"}],"nextPageToken":"n2"}`

const regionPolicies = `{"policies":[
 {"name":"policies/r","customer":"customers/C01abc","policyQuery":{"orgUnit":"orgUnits/root1"},"setting":{"type":"settings/data_regions.storage","value":{"region":"EUROPE"}},"type":"ADMIN"},
 {"name":"policies/s","customer":"customers/C01abc","policyQuery":{"orgUnit":"orgUnits/sales2"},"setting":{"type":"settings/data_regions.storage","value":{"region":"UNITED_STATES"}},"type":"ADMIN"}],"nextPageToken":"n2"}`

func testWorkspace(base string) *Workspace {
	return &Workspace{domain: "lumen.example", cfg: config{apiBase: base, retries: 1, backoff: time.Millisecond, timeout: 10 * time.Second}}
}

func TestWorkspaceWithoutPolicy(t *testing.T) {
	rec := scanOf(t, testWorkspace(workspaceStandIn(t, 200, noRegionPolicies, 0).URL))
	if len(rec.Assets) != 2 || len(rec.Gaps) != 0 {
		t.Fatalf("assets %+v gaps %+v", rec.Assets, rec.Gaps)
	}
	for _, a := range rec.Assets {
		if a.Provider != "google-workspace" || a.AccountID != "C01abc" || a.Location.Area != "Worldwide" || a.Location.Country != "" ||
			a.Location.Confidence != "low" || !strings.Contains(a.Location.Note, "any Google data centre") {
			t.Errorf("%s: %+v %+v", a.Name, a, a.Location)
		}
	}
	if rec.Assets[0].Kind != providers.KindMailbox || rec.Assets[1].Tags["service"] != "drive" {
		t.Errorf("want the tenant's mail and Drive: %+v", rec.Assets)
	}
}

func TestWorkspacePerUnitPolicies(t *testing.T) {
	rec := scanOf(t, testWorkspace(workspaceStandIn(t, 200, regionPolicies, 0).URL))
	got := map[string]string{}
	for _, a := range rec.Assets {
		got[a.Name] = a.Location.Country + a.Location.Area
	}
	want := map[string]string{
		"lumen.example Gmail": "EU", "lumen.example Drive": "EU",
		"lumen.example Gmail (/Sales)": "US", "lumen.example Drive (/Sales)": "US",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s placed at %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
	if len(got) != 4 {
		t.Errorf("items %v", got)
	}
}

func TestWorkspaceDenied(t *testing.T) {
	rec := scanOf(t, testWorkspace(workspaceStandIn(t, 403, "", 0).URL))
	if len(rec.Gaps) != 1 || !strings.Contains(rec.Gaps[0].Hint, "super administrator") {
		t.Errorf("gaps %+v", rec.Gaps)
	}
	if len(rec.Assets) != 2 || !strings.Contains(rec.Assets[0].Location.Note, "could not be read") {
		t.Errorf("assets %+v", rec.Assets)
	}
}

func TestWorkspaceContract(t *testing.T) {
	providertest.Run(t, providertest.Case{
		New: func(t *testing.T) providers.Provider {
			return testWorkspace(workspaceStandIn(t, 200, regionPolicies, 0).URL)
		},
		Slow: func(t *testing.T) providers.Provider {
			return testWorkspace(workspaceStandIn(t, 200, regionPolicies, 3*time.Second).URL)
		},
		Partial: func(t *testing.T) providers.Provider { return testWorkspace(workspaceStandIn(t, 403, "", 0).URL) },
		Guard: func(t *testing.T, endpoint string) providertest.Calls {
			a, err := testWorkspace(endpoint).connect(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			do := func(method, path string) func(context.Context) error {
				return send(a.client, method, a.url("cloudidentity", path))
			}
			return providertest.Calls{
				Writes: map[string]func(context.Context) error{
					"cloudidentity.policies.create": do(http.MethodPost, "/v1beta1/policies"),
					"cloudidentity.policies.patch":  do(http.MethodPatch, "/v1beta1/policies/r"),
					"cloudidentity.policies.delete": do(http.MethodDelete, "/v1beta1/policies/r"),
				},
				Read: func(ctx context.Context) error {
					var v any
					return a.get(ctx, a.url("cloudidentity", "/v1/policies"), &v)
				},
			}
		},
	})
}

func TestWorkspaceOptions(t *testing.T) {
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	read := WorkspaceFactory.Flags(fs)
	fs.Parse([]string{"--workspace-domain", "Lumen.Example.", "--workspace-admin", "admin@lumen.example"})
	o, err := read(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := WorkspaceFactory.New(o, providers.Shared{})
	if len(ps) != 1 || ps[0].Name() != "workspace:lumen.example" || ps[0].(*Workspace).admin != "admin@lumen.example" {
		t.Errorf("providers %+v", ps)
	}
	s := memsettings.New()
	f := workspaceForm()
	if err := f.Records.Add(s, map[string]string{"domain": "not a domain"}); err == nil {
		t.Error("a bad domain was accepted")
	}
	if err := f.Records.Add(s, map[string]string{"domain": "lumen.example", "admin": "admin@lumen.example"}); err != nil {
		t.Fatal(err)
	}
	if r := f.Records.List(s); len(r) != 1 || r[0].ID != "lumen.example" {
		t.Errorf("records %+v", r)
	}
	if WorkspaceFactory.Saved(s).Empty() {
		t.Error("the saved tenant is not scanned")
	}
	f.Records.Remove(s, "lumen.example")
	if !WorkspaceFactory.Saved(s).Empty() {
		t.Error("a removed tenant is still scanned")
	}
}
