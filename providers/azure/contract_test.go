package azure

import (
	"context"
	"net/http"
	"testing"
	"time"

	azfake "github.com/Azure/azure-sdk-for-go/sdk/azcore/fake"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/storage/armstorage"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/azure/standin"
	"github.com/reachmap/reachmap/providers/providertest"
)

// The shared provider contract, run by both kinds against the stand-in.

func contractCase(kind string, partial func(*standin.Server)) providertest.Case {
	build := func(t *testing.T, tune func(*standin.Server)) providers.Provider {
		s := startStandin(t)
		if tune != nil {
			tune(s)
		}
		ps, err := newProviders(standinOptions(t, s, kind), providers.Shared{})
		if err != nil {
			t.Fatal(err)
		}
		return ps[0]
	}
	return providertest.Case{
		New: func(t *testing.T) providers.Provider { return build(t, nil) },
		Slow: func(t *testing.T) providers.Provider {
			return build(t, func(s *standin.Server) { s.Delay = 5 * time.Second })
		},
		Partial: func(t *testing.T) providers.Provider { return build(t, partial) },
		Secrets: []string{standin.ClientSecret, standin.AccessToken},
		Guard:   guardCalls,
	}
}

// guardCalls are writes through the provider's own clients and pipelines,
// and a read through them.
func guardCalls(t *testing.T, endpoint string) providertest.Calls {
	c := Cloud{Name: "guard", AuthorityHost: endpoint + "/", ResourceManager: endpoint + "/", ResourceManagerAudience: endpoint + "/", Graph: endpoint + "/", Custom: true}
	s, err := newSession(c, &azfake.TokenCredential{}, http.DefaultClient)
	if err != nil {
		t.Fatal(err)
	}
	accounts, err := armstorage.NewAccountsClient("sub", s.cred, armOptions(c, http.DefaultClient))
	if err != nil {
		t.Fatal(err)
	}
	raw := func(pl runtime.Pipeline, method, path string) func(context.Context) error {
		return func(ctx context.Context) error {
			req, err := runtime.NewRequest(ctx, method, endpoint+path)
			if err != nil {
				return err
			}
			_, err = pl.Do(req)
			return err
		}
	}
	return providertest.Calls{
		Writes: map[string]func(context.Context) error{
			"storage Delete": func(ctx context.Context) error { _, err := accounts.Delete(ctx, "rg", "acct", nil); return err },
			"storage ListKeys": func(ctx context.Context) error {
				_, err := accounts.ListKeys(ctx, "rg", "acct", nil)
				return err
			},
			"ARM PUT":      raw(s.arm, http.MethodPut, "/subscriptions/x/resourceGroups/rg"),
			"ARM POST":     raw(s.arm, http.MethodPost, "/subscriptions/x/providers/Microsoft.Storage/register"),
			"Graph PATCH":  raw(s.graph, http.MethodPatch, "/v1.0/users/x"),
			"Graph DELETE": raw(s.graph, http.MethodDelete, "/v1.0/users/x"),
			"OpenID POST":  raw(s.plain, http.MethodPost, "/tenant/v2.0/.well-known/openid-configuration"),
		},
		Read: raw(s.plain, http.MethodGet, "/tenant/v2.0/.well-known/openid-configuration"),
	}
}

func TestContractARM(t *testing.T) {
	// The default stand-in already refuses one subscription (403).
	providertest.Run(t, contractCase(KindAzure, nil))
}

func TestContractM365(t *testing.T) {
	providertest.Run(t, contractCase(KindM365, func(s *standin.Server) { s.DenyUsers = true }))
}
