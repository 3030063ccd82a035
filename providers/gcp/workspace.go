package gcp

// Google Workspace: where a tenant's mail and Drive are kept.
//
// Google lets an administrator choose a data region (United States,
// Europe, or no preference) per organizational unit
// (https://support.google.com/a/answer/7630496). The one API that reads
// Workspace admin settings is the Cloud Identity Policy API
// (GET cloudidentity.googleapis.com/v1/policies, super administrators
// only, scope cloud-identity.policies.readonly): it lists each policy with
// its organizational unit and a typed setting. Its list of supported
// settings (https://cloud.google.com/identity/docs/concepts/supported-policy-api-settings)
// names no data-regions setting as of this writing, so the scan reads the
// policies, takes any whose setting type names data regions, and otherwise
// says what Google documents for a tenant without a data-region policy:
// the data may be stored in any Google data centre. That is no single
// country, Google's US operator reach, and low confidence. The domain's
// MX and SPF evidence comes from the mail provider, as before.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/google"
)

// WorkspaceScopes are the read-only scopes the Workspace scan asks for.
var WorkspaceScopes = []string{
	"https://www.googleapis.com/auth/cloud-identity.policies.readonly",
	"https://www.googleapis.com/auth/admin.directory.orgunit.readonly",
}

// Workspace scans one Google Workspace tenant.
type Workspace struct {
	domain string
	admin  string // the administrator a domain-wide delegation acts as
	cfg    config
}

// Name implements providers.Provider.
func (w *Workspace) Name() string { return "workspace:" + w.domain }

// regionPolicy is one organizational unit's data-region choice.
type regionPolicy struct {
	orgUnit string // "orgUnits/03ph8a2z1"
	region  string // "US", "EUROPE", "NO_PREFERENCE"
	setting string // the setting type that said so
}

const workspaceProvider = "google-workspace"

// Scan implements providers.Provider.
func (w *Workspace) Scan(ctx context.Context, sink providers.Sink) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	a, err := w.connect(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		sink.Gap(providers.Gap{Provider: workspaceProvider, Account: w.domain, Error: "no Google credentials: " + credError(err),
			Hint: "Use a service-account key with domain-wide delegation (GOOGLE_APPLICATION_CREDENTIALS) and --workspace-admin, or sign in as a super administrator with gcloud auth application-default login --scopes=" + strings.Join(WorkspaceScopes, ",")})
		w.report(sink, "", nil, nil, false)
		return nil
	}
	sink.Progress(providers.Progress{Provider: workspaceProvider, Account: w.domain, Stage: "policies", Total: 2})
	policies, customer, err := readRegionPolicies(ctx, a)
	read := err == nil
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		g, _ := gapFor(ctx, w.domain, svcPolicy, "reading Workspace policies", err)
		g.Provider = workspaceProvider
		var ae *apiError
		if errors.As(err, &ae) && ae.Code == http.StatusForbidden && !ae.disabled() {
			g.Hint = "Only a super administrator may read the Policy API: sign in as one, or give the service-account key domain-wide delegation for " +
				strings.Join(WorkspaceScopes, ",") + " and name the administrator with --workspace-admin."
		}
		sink.Gap(g)
	}
	var units map[string]string
	if len(policies) > 0 {
		units, err = orgUnits(ctx, a)
		if err != nil && ctx.Err() == nil {
			g, _ := gapFor(ctx, w.domain, svcDirectory, "listing organizational units", err)
			g.Provider = workspaceProvider
			sink.Gap(g)
		}
	}
	sink.Progress(providers.Progress{Provider: workspaceProvider, Account: w.domain, Stage: "policies", Done: 2, Total: 2})
	w.report(sink, customer, policies, units, read)
	return ctx.Err()
}

var (
	svcPolicy    = service{"Cloud Identity API (Policy API)", "cloudidentity.googleapis.com", "super administrator"}
	svcDirectory = service{"Admin SDK API", "admin.googleapis.com", "super administrator"}
)

func (w *Workspace) connect(ctx context.Context) (*api, error) {
	base := http.DefaultTransport
	if w.cfg.apiBase != "" {
		return &api{client: &http.Client{Transport: readOnly{base}}, base: w.cfg.apiBase,
			retries: w.cfg.retries, backoff: w.cfg.backoff, timeout: w.cfg.timeout}, nil
	}
	ctx = context.WithValue(ctx, oauth2.HTTPClient, &http.Client{Timeout: w.cfg.timeout})
	creds, err := google.FindDefaultCredentialsWithParams(ctx, google.CredentialsParams{Scopes: WorkspaceScopes, Subject: w.admin})
	if err != nil {
		return nil, err
	}
	ts := oauth2.ReuseTokenSource(nil, cancellable{ctx: ctx, ts: creds.TokenSource})
	return &api{client: &http.Client{Transport: &oauth2.Transport{Source: ts, Base: readOnly{base}}},
		retries: w.cfg.retries, backoff: w.cfg.backoff, timeout: w.cfg.timeout}, nil
}

// readRegionPolicies lists the tenant's policies and keeps those whose
// setting type names data regions.
func readRegionPolicies(ctx context.Context, a *api) ([]regionPolicy, string, error) {
	var out []regionPolicy
	customer := ""
	err := a.pages(ctx, a.url("cloudidentity", "/v1/policies?pageSize=100"), func(raw json.RawMessage) (string, error) {
		var page struct {
			Policies []struct {
				Customer    string `json:"customer"`
				PolicyQuery struct {
					OrgUnit string `json:"orgUnit"`
				} `json:"policyQuery"`
				Setting struct {
					Type  string         `json:"type"`
					Value map[string]any `json:"value"`
				} `json:"setting"`
			} `json:"policies"`
			NextPageToken string `json:"nextPageToken"`
		}
		if err := json.Unmarshal(raw, &page); err != nil {
			return "", err
		}
		for _, p := range page.Policies {
			if customer == "" {
				customer = strings.TrimPrefix(p.Customer, "customers/")
			}
			t := strings.ToLower(p.Setting.Type)
			if !strings.Contains(t, "data_region") && !strings.Contains(t, "dataregion") {
				continue
			}
			out = append(out, regionPolicy{orgUnit: p.PolicyQuery.OrgUnit, region: regionValue(p.Setting.Value), setting: p.Setting.Type})
		}
		return page.NextPageToken, nil
	})
	return out, customer, err
}

// regionValue finds the region a data-region setting's value names.
func regionValue(v any) string {
	switch x := v.(type) {
	case string:
		switch u := strings.ToUpper(strings.ReplaceAll(x, " ", "_")); {
		case u == "US" || strings.Contains(u, "UNITED_STATES"):
			return "US"
		case u == "EU" || strings.Contains(u, "EUROPE"):
			return "EUROPE"
		case strings.Contains(u, "NO_PREFERENCE") || u == "ANY":
			return "NO_PREFERENCE"
		}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if r := regionValue(x[k]); r != "" {
				return r
			}
		}
	case []any:
		for _, e := range x {
			if r := regionValue(e); r != "" {
				return r
			}
		}
	}
	return ""
}

// orgUnits maps "orgUnits/ID" to the unit's path, from the Admin SDK
// Directory API (orgunits.list).
func orgUnits(ctx context.Context, a *api) (map[string]string, error) {
	var page struct {
		OrganizationUnits []struct {
			OrgUnitID   string `json:"orgUnitId"`
			OrgUnitPath string `json:"orgUnitPath"`
			ParentID    string `json:"parentOrgUnitId"`
		} `json:"organizationUnits"`
	}
	if err := a.get(ctx, a.url("admin", "/admin/directory/v1/customer/my_customer/orgunits?type=allIncludingParent"), &page); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, u := range page.OrganizationUnits {
		out["orgUnits/"+strings.TrimPrefix(u.OrgUnitID, "id:")] = u.OrgUnitPath
		if u.ParentID != "" {
			if _, ok := out["orgUnits/"+strings.TrimPrefix(u.ParentID, "id:")]; !ok {
				out["orgUnits/"+strings.TrimPrefix(u.ParentID, "id:")] = "/"
			}
		}
	}
	return out, nil
}

// workspaceLocation is where a data-region choice puts the data.
func workspaceLocation(region, src string) *geo.Location {
	switch region {
	case "US":
		return &geo.Location{Country: "US", Lat: 39.83, Lon: -98.58, Evidence: geo.EvidenceAPI, Confidence: geo.ConfidenceMedium,
			Note: src + ": the United States data region; Google names no data centre, the point is the country's centre."}
	case "EUROPE":
		return &geo.Location{Area: "EU", Lat: 50.85, Lon: 4.35, Evidence: geo.EvidenceAPI, Confidence: geo.ConfidenceLow,
			Note: src + ": the Europe data region, somewhere in the EU; the point is Brussels, standing for the area."}
	}
	return &geo.Location{Area: "Worldwide", Evidence: geo.EvidenceCatalog, Confidence: geo.ConfidenceLow,
		Note: src + ": Google documents that without a data-region policy the data may be stored in any Google data centre, so no single country holds it."}
}

// report emits the tenant's mail and Drive, placed by the root unit's
// policy, and the same pair for every unit whose policy differs.
func (w *Workspace) report(sink providers.Sink, customer string, policies []regionPolicy, units map[string]string, read bool) {
	id := customer
	if id == "" {
		id = w.domain
	}
	rootRegion, rootSrc := "", "no data-region policy was found"
	if !read {
		rootSrc = "the Workspace policies could not be read, so whether a data-region policy applies is unknown"
	}
	var others []regionPolicy
	for _, p := range policies {
		path := units[p.orgUnit]
		if path == "/" || (path == "" && len(policies) == 1) {
			rootRegion, rootSrc = p.region, "data-region policy "+p.setting+" on the top organizational unit"
			continue
		}
		others = append(others, p)
	}
	emit := func(suffix, region, src string) {
		for _, it := range []struct {
			kind    providers.Kind
			name    string
			service string
		}{{providers.KindMailbox, "Gmail", "gmail"}, {providers.KindFileSystem, "Drive", "drive"}} {
			sink.Asset(providers.Asset{Provider: workspaceProvider, Account: w.domain, AccountID: id,
				Kind: it.kind, Name: w.domain + " " + it.name + suffix, Region: strings.ToLower(region),
				Evidence: geo.EvidenceAPI, Location: workspaceLocation(region, src),
				Tags: map[string]string{"service": it.service, "data_region": dataRegionTag(region)}})
		}
	}
	emit("", rootRegion, rootSrc)
	for _, p := range others {
		if p.region == rootRegion {
			continue
		}
		name := units[p.orgUnit]
		if name == "" {
			name = p.orgUnit
		}
		emit(fmt.Sprintf(" (%s)", name), p.region, "data-region policy "+p.setting+" on organizational unit "+name)
	}
}

func dataRegionTag(r string) string {
	if r == "" {
		return "none"
	}
	return strings.ToLower(r)
}
