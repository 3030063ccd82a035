package azure

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	azfake "github.com/Azure/azure-sdk-for-go/sdk/azcore/fake"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/resources/armsubscriptions"
	subfake "github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/resources/armsubscriptions/fake"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/storage/armstorage"
	storagefake "github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/storage/armstorage/fake"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/providertest"
)

// Unit tests of the SDK-backed listers against the ARM modules' own fake
// servers.

func fakeSession(tr policy.Transporter) *session {
	return &session{cloud: AzurePublic, cred: &azfake.TokenCredential{}, hc: tr}
}

func testGapper(rec *providertest.Recorder) gapper {
	return gapper{ctx: context.Background(), sink: rec, provider: KindAzure, account: "Acme", auth: AuthCLI}
}

func TestStorageAccountsFromTheFakeServer(t *testing.T) {
	srv := storagefake.AccountsServer{
		NewListPager: func(*armstorage.AccountsClientListOptions) (resp azfake.PagerResponder[armstorage.AccountsClientListResponse]) {
			resp.AddPage(http.StatusOK, armstorage.AccountsClientListResponse{AccountListResult: armstorage.AccountListResult{Value: []*armstorage.Account{
				{Name: to.Ptr("gzrs"), Location: to.Ptr("uksouth"), SKU: &armstorage.SKU{Name: to.Ptr(armstorage.SKUNameStandardGZRS)}},
				{Name: to.Ptr("ragrs"), Location: to.Ptr("westus3"), SKU: &armstorage.SKU{Name: to.Ptr(armstorage.SKUNameStandardRAGRS)},
					Properties: &armstorage.AccountProperties{SecondaryLocation: to.Ptr("eastus")}, Tags: map[string]*string{"team": to.Ptr("data")}},
				{Name: to.Ptr("zrs"), Location: to.Ptr("italynorth"), SKU: &armstorage.SKU{Name: to.Ptr(armstorage.SKUNameStandardZRS)}},
				{Name: to.Ptr("unpaired"), Location: to.Ptr("polandcentral"), SKU: &armstorage.SKU{Name: to.Ptr(armstorage.SKUNameStandardGRS)}},
			}}}, nil)
			resp.AddResponseError(http.StatusForbidden, "AuthorizationFailed")
			return
		},
	}
	rec := &providertest.Recorder{}
	sub := subscription{ID: "sub-1", Name: "Acme"}
	g := testGapper(rec)
	fail := func(what string, err error) { g.err("", "", err, readerHint(sub)) }
	storageAccounts(context.Background(), fakeSession(storagefake.NewAccountsServerTransport(&srv)), sub, rec, fail)

	if len(rec.Assets) != 4 {
		t.Fatalf("%d assets", len(rec.Assets))
	}
	want := map[string]string{"gzrs": "ukwest", "ragrs": "eastus", "zrs": "", "unpaired": ""}
	for _, a := range rec.Assets {
		got := ""
		if len(a.Copies) == 1 {
			got = a.Copies[0].Region
		}
		if got != want[a.Name] || a.Kind != providers.KindStorageAccount || a.AccountID != "sub-1" {
			t.Errorf("%s: copy %q, want %q (%+v)", a.Name, got, want[a.Name], a)
		}
	}
	if rec.Assets[1].Tags["team"] != "data" || !strings.Contains(rec.Assets[1].Copies[0].Why, "RA-GRS") {
		t.Errorf("ragrs: %+v", rec.Assets[1])
	}
	// The second page was refused: one gap naming Reader.
	if len(rec.Gaps) != 1 || !strings.Contains(rec.Gaps[0].Error, "403") || !strings.Contains(rec.Gaps[0].Hint, "Reader role on subscription Acme") {
		t.Errorf("gaps: %+v", rec.Gaps)
	}
}

func TestSubscriptionsFromTheFakeServer(t *testing.T) {
	srv := subfake.Server{
		NewListPager: func(*armsubscriptions.ClientListOptions) (resp azfake.PagerResponder[armsubscriptions.ClientListResponse]) {
			resp.AddPage(http.StatusOK, armsubscriptions.ClientListResponse{SubscriptionListResult: armsubscriptions.SubscriptionListResult{Value: []*armsubscriptions.Subscription{
				{SubscriptionID: to.Ptr("a"), DisplayName: to.Ptr("Prod"), State: to.Ptr(armsubscriptions.SubscriptionStateEnabled)},
			}}}, nil)
			resp.AddPage(http.StatusOK, armsubscriptions.ClientListResponse{SubscriptionListResult: armsubscriptions.SubscriptionListResult{Value: []*armsubscriptions.Subscription{
				{SubscriptionID: to.Ptr("b"), State: to.Ptr(armsubscriptions.SubscriptionStateDisabled)},
				{SubscriptionID: to.Ptr("c"), DisplayName: to.Ptr("Warned"), State: to.Ptr(armsubscriptions.SubscriptionStateWarned)},
			}}}, nil)
			return
		},
	}
	subs, err := listSubscriptions(context.Background(), fakeSession(subfake.NewServerTransport(&srv)))
	if err != nil || len(subs) != 3 || subs[1].Name != "b" {
		t.Fatalf("subscriptions %+v, %v", subs, err)
	}
	rec := &providertest.Recorder{}
	picked := (&ARMProvider{}).pick(subs, testGapper(rec))
	if len(picked) != 2 || picked[0].ID != "a" || picked[1].ID != "c" {
		t.Errorf("picked %+v", picked)
	}
	if len(rec.Gaps) != 1 || rec.Gaps[0].Account != "b" || !strings.Contains(rec.Gaps[0].Error, "disabled") {
		t.Errorf("gaps %+v", rec.Gaps)
	}
}

// countingTransport counts what reaches the network.
type countingTransport struct{ n atomic.Int32 }

func (c *countingTransport) Do(req *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return &http.Response{StatusCode: http.StatusOK, Body: io.NopCloser(strings.NewReader("{}")), Header: http.Header{}, Request: req}, nil
}

// TestReadOnlyGuardRefusesWritesBeforeTheyLeave sends writes through an
// SDK client and the plain pipelines: none reaches the transport.
func TestReadOnlyGuardRefusesWritesBeforeTheyLeave(t *testing.T) {
	tr := &countingTransport{}
	s, err := newSession(AzurePublic, &azfake.TokenCredential{}, tr)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c, err := armstorage.NewAccountsClient("sub", s.cred, armOptions(s.cloud, tr))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Delete(ctx, "rg", "acct", nil); !errors.Is(err, ErrWrite) {
		t.Errorf("Delete: %v, want ErrWrite", err)
	}
	if _, err := c.ListKeys(ctx, "rg", "acct", nil); !errors.Is(err, ErrWrite) {
		t.Errorf("ListKeys (a POST that reveals keys): %v, want ErrWrite", err)
	}
	for _, pl := range []runtime.Pipeline{s.arm, s.graph, s.plain} {
		for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			req, _ := runtime.NewRequest(ctx, m, "https://management.azure.com/subscriptions/x")
			if _, err := pl.Do(req); !errors.Is(err, ErrWrite) {
				t.Errorf("%s: %v, want ErrWrite", m, err)
			}
		}
	}
	if n := tr.n.Load(); n != 0 {
		t.Errorf("%d writes reached the transport", n)
	}
	req, _ := runtime.NewRequest(ctx, http.MethodGet, "https://management.azure.com/subscriptions")
	if _, err := s.plain.Do(req); errors.Is(err, ErrWrite) || tr.n.Load() == 0 {
		t.Errorf("a GET was refused or never sent: %v", err)
	}
}
