package azure

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
)

// M365Provider places one sign-in's Microsoft 365 tenant through Microsoft
// Graph: its mail in the tenant's default geography, its files where a
// site collection's dataLocationCode says more, and each multi-geo user
// whose preferredDataLocation differs from the default.
type M365Provider struct {
	signIn   SignIn
	cloud    Cloud
	cloudErr string
	session  func() (*session, error)
}

// Name implements providers.Provider.
func (p *M365Provider) Name() string { return "microsoft-365:" + p.signIn.String() }

// The Graph permissions each read needs, for the gaps' hints.
const (
	permOrganization = "the Microsoft Graph permission Organization.Read.All (application) or User.Read (delegated), with admin consent"
	permUsers        = "the Microsoft Graph permission User.Read.All (application or delegated), with admin consent"
	permSites        = "the Microsoft Graph permission Sites.Read.All (application or delegated), with admin consent"
)

type organization struct {
	ID                string `json:"id"`
	DisplayName       string `json:"displayName"`
	CountryLetterCode string `json:"countryLetterCode"`
	CreatedDateTime   string `json:"createdDateTime"`
	VerifiedDomains   []struct {
		Name      string `json:"name"`
		IsInitial bool   `json:"isInitial"`
	} `json:"verifiedDomains"`
}

type site struct {
	WebURL         string `json:"webUrl"`
	SiteCollection struct {
		DataLocationCode string `json:"dataLocationCode"`
		Hostname         string `json:"hostname"`
	} `json:"siteCollection"`
}

type user struct {
	UserPrincipalName     string `json:"userPrincipalName"`
	PreferredDataLocation string `json:"preferredDataLocation"`
}

// Scan implements providers.Provider.
func (p *M365Provider) Scan(ctx context.Context, sink providers.Sink) error {
	arm := &ARMProvider{signIn: p.signIn, cloud: p.cloud, session: p.session}
	s, g, err := start(ctx, sink, KindM365, p.signIn, p.cloud, p.cloudErr, arm.open)
	if s == nil {
		return err
	}
	sink.Progress(providers.Progress{Provider: KindM365, Account: g.account, Stage: "organization"})
	var orgs page[organization]
	if err := get(ctx, s.graph, s.cloud.Graph+"v1.0/organization", &orgs); err != nil || len(orgs.Value) == 0 {
		if err == nil {
			err = fmt.Errorf("Graph returned no organization")
		}
		g.err("", "", fmt.Errorf("reading the tenant: %w", err), permOrganization)
		return ctx.Err()
	}
	org := orgs.Value[0]
	if org.DisplayName == "" {
		org.DisplayName = org.ID
	}
	g = g.forAccount(org.DisplayName)
	scope := regionScope(ctx, s, org.ID)

	var sites []site
	filter := url.Values{"$filter": {"siteCollection/root ne null"}, "$select": {"webUrl,siteCollection"}}
	if err := list(ctx, s.graph, s.cloud.Graph+"v1.0/sites?"+filter.Encode(), func(v []site) { sites = append(sites, v...) }); err != nil {
		g.err("", "", fmt.Errorf("reading the SharePoint site collections: %w", err), permSites)
	}
	code, loc := tenantGeography(p.cloud, org, sites, scope)
	base := providers.Asset{Provider: KindM365, Account: org.DisplayName, AccountID: org.ID, Region: code, Location: loc, Evidence: loc.Evidence}
	mail := base
	mail.Kind, mail.Name = providers.KindMailbox, org.DisplayName+" mail (Exchange Online)"
	emit(ctx, sink, mail)
	for _, fc := range fileGeographies(sites) {
		l, ok := geoLocation(fc, geo.EvidenceAPI, geo.ConfidenceMedium, "Graph siteCollection.dataLocationCode "+fc)
		if !ok || fc == code {
			continue
		}
		files := base
		files.Kind, files.Name, files.Region, files.Location, files.Evidence = providers.KindFileSystem, org.DisplayName+" SharePoint and OneDrive ("+fc+")", fc, l, geo.EvidenceAPI
		emit(ctx, sink, files)
	}

	sink.Progress(providers.Progress{Provider: KindM365, Account: org.DisplayName, Stage: "users"})
	q := url.Values{"$select": {"userPrincipalName,preferredDataLocation"}, "$top": {"999"}}
	err = list(ctx, s.graph, s.cloud.Graph+"v1.0/users?"+q.Encode(), func(us []user) {
		for _, u := range us {
			pdl := strings.ToUpper(strings.TrimSpace(u.PreferredDataLocation))
			if pdl == "" || pdl == code {
				continue
			}
			l, ok := geoLocation(pdl, geo.EvidenceAPI, geo.ConfidenceMedium,
				"Graph user.preferredDataLocation "+pdl+", the multi-geo location Exchange and OneDrive honour")
			if !ok {
				loc := geo.Unknown("Graph user.preferredDataLocation " + pdl + ": a code Reachmap does not know")
				l = &loc
			}
			a := base
			a.Kind, a.Name, a.Region, a.Location, a.Evidence = providers.KindMailbox, u.UserPrincipalName+" (mailbox and OneDrive)", pdl, l, l.Evidence
			emit(ctx, sink, a)
		}
	})
	if err != nil {
		g.err("", "", fmt.Errorf("reading the users' data locations: %w", err), permUsers)
	}
	return ctx.Err()
}

func emit(ctx context.Context, sink providers.Sink, a providers.Asset) {
	if ctx.Err() == nil {
		sink.Asset(a)
	}
}

// regionScope reads the tenant's Entra tenant_region_scope from its
// OpenID configuration (no token needed), as the mail provider does from
// DNS; empty when it cannot be read.
func regionScope(ctx context.Context, s *session, tenant string) string {
	var cfg struct {
		Scope string `json:"tenant_region_scope"`
	}
	if err := get(ctx, s.plain, s.cloud.AuthorityHost+url.PathEscape(tenant)+"/v2.0/.well-known/openid-configuration", &cfg); err != nil {
		return ""
	}
	return strings.ToUpper(cfg.Scope)
}

// tenantGeography picks the strongest evidence of the tenant's default
// geography: the sovereign cloud it lives in; the root site's
// dataLocationCode (Graph says so); Microsoft's rule on the tenant's
// country; the Entra region scope.
func tenantGeography(c Cloud, org organization, sites []site, scope string) (string, *geo.Location) {
	confirm := ""
	if scope != "" {
		confirm = "; Entra tenant_region_scope " + scope
	}
	switch c.Name {
	case AzureChina.Name:
		return "cn", countryLoc("CN", geo.EvidenceCatalog, geo.ConfidenceMedium,
			"a tenant of Microsoft 365 operated by 21Vianet, which keeps its data in China"+confirm)
	case AzureGovernment.Name:
		return "USGov", countryLoc("US", geo.EvidenceCatalog, geo.ConfidenceMedium,
			"a tenant of Microsoft's US Government cloud, kept in the United States"+confirm)
	}
	if host, code := rootSite(org, sites); code != "" {
		if loc, ok := geoLocation(code, geo.EvidenceAPI, geo.ConfidenceMedium,
			"Graph siteCollection.dataLocationCode "+code+" of the root site "+host+", the tenant's default geography"); ok {
			loc.Note += confirm
			return strings.ToUpper(code), loc
		}
	}
	created := org.CreatedDateTime
	if len(created) >= 10 {
		created = created[:10]
	}
	if code, loc := defaultGeography(org.CountryLetterCode, created); loc != nil {
		loc.Note += confirm
		return code, loc
	}
	switch scope {
	case "EU":
		loc, _ := geoLocation("EUR", geo.EvidenceAPI, geo.ConfidenceLow, "Entra tenant_region_scope EU, a geography of the directory, not a data centre")
		return "EUR", loc
	case "NA":
		loc, _ := geoLocation("NAM", geo.EvidenceAPI, geo.ConfidenceLow, "Entra tenant_region_scope NA, a geography of the directory, not a data centre")
		return "NAM", loc
	case "AS":
		loc, _ := geoLocation("APC", geo.EvidenceAPI, geo.ConfidenceLow, "Entra tenant_region_scope AS, a geography of the directory, not a data centre")
		return "APC", loc
	}
	loc := geo.Unknown(fmt.Sprintf("the tenant's country %q has no documented default geography Reachmap knows, and Entra gave no region scope", org.CountryLetterCode))
	return "", &loc
}

// rootSite finds the default geography's root site: the one whose host is
// the tenant's initial domain's name on sharepoint (contoso.onmicrosoft.com
// → contoso.sharepoint.com, in whatever cloud).
func rootSite(org organization, sites []site) (host, code string) {
	prefix := ""
	for _, d := range org.VerifiedDomains {
		if d.IsInitial {
			prefix, _, _ = strings.Cut(d.Name, ".")
		}
	}
	for _, s := range sites {
		h := strings.ToLower(s.SiteCollection.Hostname)
		if s.SiteCollection.DataLocationCode != "" && prefix != "" && strings.HasPrefix(h, strings.ToLower(prefix)+".sharepoint.") {
			return h, s.SiteCollection.DataLocationCode
		}
	}
	return "", ""
}

// fileGeographies are the distinct dataLocationCodes of the site
// collections, sorted.
func fileGeographies(sites []site) []string {
	seen := map[string]bool{}
	for _, s := range sites {
		if c := strings.ToUpper(s.SiteCollection.DataLocationCode); c != "" {
			seen[c] = true
		}
	}
	out := make([]string, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}
