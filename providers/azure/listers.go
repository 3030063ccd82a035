package azure

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"

	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/storage/armstorage"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
)

// The ARM listers of one subscription. Each is a plain GET of a
// subscription-wide list (…/providers/Microsoft.X/y?api-version=…), never
// a POST: ARM's POST "list" calls (listKeys and the like) reveal secrets.

// resource is the part of an ARM resource every lister reads.
type resource struct {
	ID       string            `json:"id"`
	Name     string            `json:"name"`
	Location string            `json:"location"`
	Tags     map[string]string `json:"tags"`
	SKU      struct {
		Name string `json:"name"`
	} `json:"sku"`
	Properties json.RawMessage `json:"properties"`
}

// lister lists one resource type.
type lister struct {
	path, api string
	what      string // for gaps: "managed disks"
	kind      providers.Kind
	// finish turns the listed resources into assets (adding copies),
	// nil for a plain one.
	finish func(ctx context.Context, s *session, sub subscription, rs []resource, g gapper) []providers.Asset
}

var listers = []lister{
	{path: "Microsoft.Compute/disks", api: "2023-04-02", what: "managed disks", kind: providers.KindVolume},
	{path: "Microsoft.Compute/snapshots", api: "2023-04-02", what: "disk snapshots", kind: providers.KindSnapshot},
	{path: "Microsoft.Sql/servers", api: "2021-11-01", what: "Azure SQL servers", kind: providers.KindDatabase, finish: sqlDatabases},
	{path: "Microsoft.DocumentDB/databaseAccounts", api: "2024-05-15", what: "Cosmos DB accounts", kind: providers.KindDatabase, finish: cosmosAccounts},
	{path: "Microsoft.DBforPostgreSQL/flexibleServers", api: "2022-12-01", what: "PostgreSQL flexible servers", kind: providers.KindDatabase, finish: flexibleServers},
	{path: "Microsoft.DBforMySQL/flexibleServers", api: "2023-12-30", what: "MySQL flexible servers", kind: providers.KindDatabase, finish: flexibleServers},
	{path: "Microsoft.RecoveryServices/vaults", api: "2023-04-01", what: "Recovery Services vaults", kind: providers.KindBackup, finish: recoveryVaults},
	{path: "Microsoft.DataProtection/backupVaults", api: "2023-05-01", what: "Backup vaults", kind: providers.KindBackup, finish: backupVaults},
}

// scanSubscription runs every lister of one subscription. The listers ARM
// refuses (403) are reported in one gap naming the role, not one each.
func scanSubscription(ctx context.Context, s *session, sub subscription, sink providers.Sink, g gapper) {
	sink.Progress(providers.Progress{Provider: KindAzure, Account: sub.Name, Stage: "storage accounts"})
	var mu sync.Mutex
	var denied []string
	var deniedErr error
	fail := func(what string, err error) {
		if notRegistered(err) {
			return
		}
		var re *azcore.ResponseError
		if errors.As(err, &re) && re.StatusCode == http.StatusForbidden {
			mu.Lock()
			denied, deniedErr = append(denied, what), err
			mu.Unlock()
			return
		}
		g.err("", "", fmt.Errorf("listing %s: %w", what, err), readerHint(sub))
	}
	storageAccounts(ctx, s, sub, sink, fail)
	var wg sync.WaitGroup
	for _, l := range listers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rs, err := listResources(ctx, s, fmt.Sprintf("subscriptions/%s/providers/%s", url.PathEscape(sub.ID), l.path), l.api)
			if err != nil {
				fail(l.what, err)
				return
			}
			var assets []providers.Asset
			if l.finish != nil {
				assets = l.finish(ctx, s, sub, rs, g)
			} else {
				assets = perResource(sub, rs, l.kind, func(*providers.Asset, json.RawMessage) {})
			}
			for _, a := range assets {
				if ctx.Err() == nil {
					sink.Asset(a)
				}
			}
		}()
	}
	wg.Wait()
	if len(denied) > 0 {
		sort.Strings(denied)
		msg, hint := reason(deniedErr, readerHint(sub), g.auth, g.cloud)
		g.text("", "", msg+" listing "+strings.Join(denied, ", "), hint)
	}
}

// listResources GETs an ARM list, every page.
func listResources(ctx context.Context, s *session, path, api string) ([]resource, error) {
	u := s.cloud.ResourceManager + strings.TrimPrefix(path, "/") + "?api-version=" + api
	var out []resource
	err := list(ctx, s.arm, u, func(rs []resource) { out = append(out, rs...) })
	return out, err
}

// asset is a resource as an asset of the subscription.
func asset(sub subscription, r resource, kind providers.Kind) providers.Asset {
	return providers.Asset{Provider: KindAzure, Account: sub.Name, AccountID: sub.ID, Kind: kind, Name: r.Name,
		Region: normRegion(r.Location), Evidence: geo.EvidenceAPI, Tags: r.Tags}
}

// normRegion turns a location as ARM writes it, programmatic ("westeurope")
// or displayed ("West Europe", in Cosmos DB's and SQL's properties), into
// the programmatic name.
func normRegion(loc string) string {
	return strings.ToLower(strings.ReplaceAll(loc, " ", ""))
}

// pairCopy is the copy geo-redundancy keeps in the region paired with
// region, when Microsoft documents one.
func pairCopy(region, why string) (providers.Copy, bool) {
	p, ok := geo.AzurePair(region)
	if !ok {
		return providers.Copy{}, false
	}
	return providers.Copy{Region: p, Why: why + ", in the region Microsoft pairs with " + region}, true
}

// geoRedundant lists the storage SKUs that keep a copy in another region.
var geoRedundant = map[string]string{
	"Standard_GRS": "GRS", "Standard_RAGRS": "RA-GRS", "Standard_GZRS": "GZRS", "Standard_RAGZRS": "RA-GZRS",
}

// storageAccounts lists the storage accounts through armstorage. A
// geo-redundant account's copy is in its secondaryLocation, or in the
// documented pair when the API leaves that out.
func storageAccounts(ctx context.Context, s *session, sub subscription, sink providers.Sink, fail func(what string, err error)) {
	c, err := armstorage.NewAccountsClient(sub.ID, s.cred, armOptions(s.cloud, s.hc))
	if err != nil {
		fail("storage accounts", err)
		return
	}
	pager := c.NewListPager(nil)
	for pager.More() {
		pg, err := pager.NextPage(ctx)
		if err != nil {
			fail("storage accounts", err)
			return
		}
		for _, a := range pg.Value {
			if a == nil || a.Name == nil {
				continue
			}
			if ctx.Err() == nil {
				sink.Asset(storageAsset(sub, a))
			}
		}
	}
}

func storageAsset(sub subscription, a *armstorage.Account) providers.Asset {
	out := providers.Asset{Provider: KindAzure, Account: sub.Name, AccountID: sub.ID, Kind: providers.KindStorageAccount,
		Name: *a.Name, Region: normRegion(deref(a.Location)), Evidence: geo.EvidenceAPI}
	if len(a.Tags) > 0 {
		out.Tags = map[string]string{}
		for k, v := range a.Tags {
			out.Tags[k] = deref(v)
		}
	}
	if a.SKU == nil || a.SKU.Name == nil {
		return out
	}
	red, ok := geoRedundant[string(*a.SKU.Name)]
	if !ok {
		return out
	}
	why := "geo-redundant storage (" + red + ")"
	if a.Properties != nil && a.Properties.SecondaryLocation != nil && *a.Properties.SecondaryLocation != "" {
		out.Copies = append(out.Copies, providers.Copy{Region: normRegion(*a.Properties.SecondaryLocation), Why: why + ", secondary location reported by Azure"})
	} else if c, ok := pairCopy(out.Region, why); ok {
		out.Copies = append(out.Copies, c)
	}
	return out
}
