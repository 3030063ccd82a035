package mail

import (
	"context"
	"fmt"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
)

func cloneTags(t map[string]string, extra ...string) map[string]string {
	out := make(map[string]string, len(t)+len(extra)/2)
	for k, v := range t {
		out[k] = v
	}
	for i := 0; i+1 < len(extra); i += 2 {
		out[extra[i]] = extra[i+1]
	}
	return out
}

// mailbox is the asset of a mailbox service named by its MX (or SPF) host.
func (s *scanner) mailbox(ctx context.Context, ascii, display, host string, m Match, tags map[string]string) providers.Asset {
	a := providers.Asset{
		Provider: m.Provider,
		Account:  display,
		Kind:     providers.KindMailbox,
		Name:     display,
		Region:   m.Region,
		Host:     host,
		Evidence: geo.EvidenceDNS,
		Location: m.Location(),
		Tags:     cloneTags(tags, "service", m.Service),
	}
	if m.Provider == "microsoft-365" {
		s.microsoft(ctx, &a, ascii)
	}
	return a
}

// microsoft places a Microsoft 365 mailbox: the sovereign clouds by their
// MX zone, the commercial cloud by the tenant's geography.
func (s *scanner) microsoft(ctx context.Context, a *providers.Asset, ascii string) {
	switch a.Region {
	case "cn":
		a.Location = countryLocation("CN", geo.EvidenceDNS, geo.ConfidenceMedium,
			"Microsoft 365 operated by 21Vianet, known by its MX zone, keeps data in mainland China; the point is the country, not a data centre")
		return
	case "de-trustee":
		a.Location = countryLocation("DE", geo.EvidenceDNS, geo.ConfidenceMedium,
			"Microsoft Cloud Deutschland (closed in 2021), known by its MX zone, kept data in Frankfurt and Magdeburg under a German data trustee")
		return
	case "USGov":
		a.Location = countryLocation("US", geo.EvidenceDNS, geo.ConfidenceMedium,
			"Microsoft 365 GCC High / DoD, known by its MX zone, keeps data in the United States; the point is the country, not a data centre")
		return
	}
	if s.tenant == nil {
		if s.p.tenantOff != "" {
			a.Gaps = append(a.Gaps, providers.Gap{Provider: providerName, Account: a.Account, Item: a.Name,
				Error: "Microsoft 365 tenant region not looked up: " + s.p.tenantOff})
		}
		return
	}
	t, err := s.tenant.lookup(ctx, ascii)
	if err != nil {
		a.Gaps = append(a.Gaps, providers.Gap{Provider: providerName, Account: a.Account, Item: a.Name,
			Error: "Microsoft 365 tenant region unknown: " + err.Error(),
			Hint:  "the item is placed by its MX host only; scan again when online"})
		return
	}
	a.Region, a.Location = tenantLocation(t)
	a.Evidence = geo.EvidenceAPI
	a.Tags["tenant_region_scope"] = t.Scope
	if t.SubScope != "" {
		a.Tags["tenant_region_sub_scope"] = t.SubScope
	}
}

// selfHosted is the asset of an MX host no pattern names, placed by GeoIP.
func (s *scanner) selfHosted(ctx context.Context, display, host string, tags map[string]string) providers.Asset {
	pl := s.geoLocate(ctx, host)
	a := providers.Asset{
		Provider: "self-hosted",
		Account:  display,
		Kind:     providers.KindMailbox,
		Name:     display,
		Host:     host,
		Evidence: pl.loc.Evidence,
		Location: &pl.loc,
		Operator: pl.operator,
		Tags:     cloneTags(tags),
	}
	addGeoTags(a.Tags, pl)
	return a
}

func addGeoTags(tags map[string]string, pl placed) {
	if pl.addr.IsValid() {
		tags["ip"] = pl.addr.String()
	}
	if pl.asn != 0 {
		tags["asn"] = fmt.Sprint(pl.asn)
	}
	if pl.org != "" {
		tags["as_org"] = pl.org
	}
}

// gatewayAsset is the asset of a filtering gateway, placed by its host
// name's documented region, else by GeoIP.
func (s *scanner) gatewayAsset(ctx context.Context, display, host string, m Match, tags map[string]string) providers.Asset {
	a := providers.Asset{
		Provider: m.Provider,
		Account:  display,
		Kind:     providers.KindMailGateway,
		Name:     host,
		Region:   m.Region,
		Host:     host,
		Evidence: geo.EvidenceDNS,
		Location: m.Location(),
		Tags:     cloneTags(tags, "service", m.Service),
	}
	if a.Location == nil {
		pl := s.geoLocate(ctx, host)
		a.Location, a.Evidence = &pl.loc, pl.loc.Evidence
		addGeoTags(a.Tags, pl)
	}
	return a
}
