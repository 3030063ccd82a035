package mail

import (
	"regexp"
	"strings"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
)

// Match is what a host name tells about a mail service.
type Match struct {
	// Provider is the legal model's provider id ("microsoft-365", "zoho",
	// "mimecast").
	Provider string
	// Kind is KindMailbox for a service that stores the mail, or
	// KindMailGateway for a filter that passes it on.
	Kind providers.Kind
	// Region is the provider's region code when the host name carries one
	// ("eu" for mx.zoho.eu, "eu-west-1" for SES, "USGov" for GCC High).
	Region string
	// Service names the offer in a sentence ("Microsoft 365 GCC High").
	Service string
	// pin, when set, is where the host name's documented region places the
	// data (Zoho's data-centre regions, Mimecast's grids); see Location.
	pin *pin
}

// Location is where the host name alone places the data, or nil when it
// does not say (the service's fixed location, a tenant lookup or GeoIP
// must then answer). Its evidence is dns.
func (m Match) Location() *geo.Location { return pinLocation(m.pin) }

// pin is a place a host name's region stands for. The package turns it into
// a geo.Location with Evidence dns.
type pin struct {
	// Country is ISO 3166-1 alpha-2; empty when only an area is known.
	Country string
	// Area is "EU" (or another wider area) when no single country is known.
	Area string
	// Medium is true when the provider documents the mapping from the host
	// name to a country; otherwise the pin is low confidence.
	Medium bool
	Note   string
}

// rule matches host names in a DNS zone (the zone itself and every name
// below it) or one exact name.
type rule struct {
	zone   string
	exact  bool
	match  Match
	refine func(host string, m Match) Match
}

func (r rule) matches(host string) bool {
	if r.exact {
		return host == r.zone
	}
	return inZone(host, r.zone)
}

func inZone(host, zone string) bool {
	return host == zone || strings.HasSuffix(host, "."+zone)
}

func mailbox(provider, service string) Match {
	return Match{Provider: provider, Kind: providers.KindMailbox, Service: service}
}

func gateway(provider, service string) Match {
	return Match{Provider: provider, Kind: providers.KindMailGateway, Service: service}
}

func withRegion(m Match, region string) Match { m.Region = region; return m }

// mxRules are the documented MX host names (LEGAL-SOURCES.md, "Mail hosting
// patterns", and each provider's own set-up pages). Zones are matched from
// the right, so order only matters between a zone and a zone inside it:
// list the inner one first.
var mxRules = []rule{
	// Microsoft 365. The sovereign clouds first: their zones differ only in
	// the last labels, and the MX name is the only place that tells them
	// apart before any HTTP request.
	{zone: "mail.protection.office365.us", match: withRegion(mailbox("microsoft-365", "Microsoft 365 GCC High / DoD"), "USGov")},
	{zone: "mail.protection.partner.outlook.cn", match: withRegion(mailbox("microsoft-365", "Microsoft 365 operated by 21Vianet"), "cn")},
	{zone: "mail.protection.outlook.de", match: withRegion(mailbox("microsoft-365", "Microsoft Cloud Deutschland (historic)"), "de-trustee")},
	{zone: "olc.protection.outlook.com", match: mailbox("microsoft-365", "Outlook.com (consumer)")},
	{zone: "mail.protection.outlook.com", match: mailbox("microsoft-365", "Microsoft 365")},
	{zone: "mx.microsoft", match: mailbox("microsoft-365", "Microsoft 365")},
	{zone: "mail.eo.outlook.com", match: mailbox("microsoft-365", "Outlook.com (consumer)")},
	{zone: "hotmail.com", match: mailbox("microsoft-365", "Outlook.com (consumer)")},

	// Google: aspmx.l.google.com, altN.aspmx.l.google.com,
	// gmail-smtp-in.l.google.com, aspmxN.googlemail.com, smtp.google.com.
	{zone: "gmail-smtp-in.l.google.com", match: mailbox("google-workspace", "Gmail")},
	{zone: "l.google.com", match: mailbox("google-workspace", "Google Workspace")},
	{zone: "smtp.google.com", exact: true, match: mailbox("google-workspace", "Google Workspace")},
	{zone: "googlemail.com", match: mailbox("google-workspace", "Google Workspace")},

	{zone: "protonmail.ch", match: mailbox("proton", "Proton Mail")},
	{zone: "tutanota.de", match: mailbox("tuta", "Tuta")},
	{zone: "messagingengine.com", match: mailbox("fastmail", "Fastmail")},

	// Zoho: the zone names the data-centre region.
	{zone: "zoho.com.cn", match: mailbox("zoho", "Zoho Mail"), refine: zohoRegion},
	{zone: "zoho.com.au", match: mailbox("zoho", "Zoho Mail"), refine: zohoRegion},
	{zone: "zoho.com", match: mailbox("zoho", "Zoho Mail"), refine: zohoRegion},
	{zone: "zoho.eu", match: mailbox("zoho", "Zoho Mail"), refine: zohoRegion},
	{zone: "zoho.in", match: mailbox("zoho", "Zoho Mail"), refine: zohoRegion},
	{zone: "zoho.jp", match: mailbox("zoho", "Zoho Mail"), refine: zohoRegion},
	{zone: "zoho.sa", match: mailbox("zoho", "Zoho Mail"), refine: zohoRegion},
	{zone: "zohocloud.ca", match: mailbox("zoho", "Zoho Mail"), refine: zohoRegion},

	{zone: "yandex.net", match: mailbox("yandex", "Yandex 360")},
	{zone: "yandex.ru", match: mailbox("yandex", "Yandex 360")},
	{zone: "mailbox.org", match: mailbox("mailbox.org", "mailbox.org")},
	// IONOS and its 1&1 predecessors.
	{zone: "ionos.de", match: mailbox("ionos", "IONOS")},
	{zone: "ionos.com", match: mailbox("ionos", "IONOS")},
	{zone: "ionos.co.uk", match: mailbox("ionos", "IONOS")},
	{zone: "ionos.fr", match: mailbox("ionos", "IONOS")},
	{zone: "ionos.es", match: mailbox("ionos", "IONOS")},
	{zone: "ionos.it", match: mailbox("ionos", "IONOS")},
	{zone: "ionos.at", match: mailbox("ionos", "IONOS")},
	{zone: "ionos.mx", match: mailbox("ionos", "IONOS")},
	{zone: "ionos.ca", match: mailbox("ionos", "IONOS")},
	{zone: "kundenserver.de", match: mailbox("ionos", "IONOS (1&1)")},
	{zone: "1and1.co.uk", match: mailbox("ionos", "IONOS (1&1)")},
	{zone: "perfora.net", match: mailbox("ionos", "IONOS (1&1)")},
	{zone: "mail.icloud.com", match: mailbox("icloud", "iCloud Mail")},
	{zone: "yahoodns.net", match: mailbox("yahoo", "Yahoo Mail")},
	{zone: "infomaniak.ch", match: mailbox("infomaniak", "Infomaniak Mail")},
	{zone: "ovh.net", match: mailbox("ovh", "OVHcloud Mail")},
	{zone: "gmx.net", match: mailbox("gmx", "GMX")},
	{zone: "web.de", match: mailbox("gmx", "web.de")},
	{zone: "amazonaws.com", match: mailbox("aws", "Amazon SES / WorkMail"), refine: awsInbound},

	// Filtering gateways: they receive the mail and pass it on, so the
	// mailbox is elsewhere.
	{zone: "mimecast.com", match: gateway("mimecast", "Mimecast"), refine: mimecastRegion},
	{zone: "mimecast.co.za", match: gateway("mimecast", "Mimecast"), refine: mimecastRegion},
	{zone: "mimecast-offshore.com", match: gateway("mimecast", "Mimecast"), refine: mimecastRegion},
	{zone: "pphosted.com", match: gateway("proofpoint", "Proofpoint")},
	{zone: "ppe-hosted.com", match: gateway("proofpoint", "Proofpoint Essentials"), refine: proofpointEssentialsRegion},
	{zone: "barracudanetworks.com", match: gateway("barracuda", "Barracuda Email Gateway Defense"), refine: barracudaRegion},
	{zone: "iphmx.com", match: gateway("cisco", "Cisco Secure Email (IronPort)")},
	{zone: "trendmicro.com", match: gateway("trendmicro", "Trend Micro Email Security"), refine: trendRegion},
	{zone: "trendmicro.eu", match: gateway("trendmicro", "Trend Micro Email Security"), refine: trendRegion},
	{zone: "trendmicro.co.jp", match: gateway("trendmicro", "Trend Micro Email Security"), refine: trendRegion},
	{zone: "hydra.sophos.com", match: gateway("sophos", "Sophos Email"), refine: sophosRegion},
	{zone: "hornetsecurity.com", match: gateway("hornetsecurity", "Hornetsecurity")},
	{zone: "antispamcloud.com", match: gateway("spamexperts", "SpamExperts / N-able Mail Assure")},
	{zone: "mailcontrol.com", match: gateway("forcepoint", "Forcepoint Email Security")},
	{zone: "messagelabs.com", match: gateway("broadcom", "Symantec Email Security.cloud"), refine: messagelabsRegion},
	{zone: "mx.cloudflare.net", match: gateway("cloudflare", "Cloudflare Email Routing (forwarding)")},
	{zone: "mxrecord.io", match: gateway("cloudflare", "Cloudflare Area 1")},
	{zone: "mxrecord.mx", match: gateway("cloudflare", "Cloudflare Area 1")},
}

// cleanHost lowercases a DNS name and drops the root dot, so patterns
// compare like with like. It never fails: a name that is not a host name
// simply matches nothing.
func cleanHost(host string) string {
	return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(host)), ".")
}

// ClassifyMX names the service behind an MX host name, by the documented
// patterns above. It reports false for a host it does not know (a
// self-hosted server, or a service Reachmap has no pattern for).
func ClassifyMX(host string) (Match, bool) {
	if m, ok := classifyBy(mxRules, host); ok {
		return m, true
	}
	return classifyGateway(cleanHost(host))
}

// zohoRegion reads Zoho's data-centre region from the zone: Zoho runs one
// site per region and names each by its own domain (zoho.com, zoho.eu,
// zoho.in, zoho.com.au, zoho.jp, zohocloud.ca, zoho.sa, zoho.com.cn), and
// an account's mail stays in its region (https://www.zoho.com/privacy.html).
func zohoRegion(host string, m Match) Match {
	for _, z := range []struct {
		zone, region string
		pin          pin
	}{
		{"zoho.com.cn", "cn", pin{Country: "CN", Medium: true}},
		{"zoho.com.au", "au", pin{Country: "AU", Medium: true}},
		{"zoho.com", "us", pin{Country: "US", Medium: true}},
		{"zoho.eu", "eu", pin{Area: "EU", Note: "Zoho's EU data-centre region; the host name does not say which EU country"}},
		{"zoho.in", "in", pin{Country: "IN", Medium: true}},
		{"zoho.jp", "jp", pin{Country: "JP", Medium: true}},
		{"zoho.sa", "sa", pin{Country: "SA", Medium: true}},
		{"zohocloud.ca", "ca", pin{Country: "CA", Medium: true}},
	} {
		if inZone(host, z.zone) {
			p := z.pin
			if p.Note == "" {
				p.Note = "Zoho data-centre region " + z.region + ", from the MX host name " + host
			}
			m.Region, m.pin = z.region, &p
			return m
		}
	}
	return m
}

// awsRegionRE is the shape of an AWS region code (eu-west-1,
// us-gov-west-1, ap-southeast-4).
var awsRegionRE = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$`)

// awsInbound accepts only inbound-smtp.REGION.amazonaws.com, the receiving
// endpoint of SES and WorkMail; any other amazonaws.com MX (an EC2 host,
// say) is a self-hosted server and gets no match.
func awsInbound(host string, m Match) Match {
	labels := strings.Split(host, ".")
	if len(labels) != 4 || labels[0] != "inbound-smtp" || !awsRegionRE.MatchString(labels[1]) {
		return Match{}
	}
	m.Region = labels[1]
	return m
}

// mimecastSource documents Mimecast's regional grids: account codes CUK
// (Europe excluding Germany), CDE, CUSA/CUSB, CCA, CAU, CSA, and the inbound
// host names that carry the same region prefixes.
const mimecastSource = "https://mimecastsupport.zendesk.com/hc/en-us/articles/34000632786067"

func mimecastRegion(host string, m Match) Match {
	prefix, _, ok := strings.Cut(host, "-smtp-")
	if !ok {
		return m
	}
	// Low confidence throughout: the grids are documented, the host-name
	// prefixes that lead to them only by Mimecast's set-up pages.
	pins := map[string]pin{
		"eu":  {Country: "GB", Note: "Mimecast's \"Europe (excluding Germany)\" grid; its CUK account codes point to the UK, which Mimecast does not state outright (" + mimecastSource + ")"},
		"uk":  {Country: "GB"},
		"de":  {Country: "DE"},
		"us":  {Country: "US"},
		"usb": {Country: "US"},
		"ca":  {Country: "CA"},
		"au":  {Country: "AU"},
		"za":  {Country: "ZA"},
		"je":  {Country: "JE", Note: "Mimecast's offshore grid in Jersey, from the host name " + host},
	}
	if p, ok := pins[prefix]; ok {
		if p.Note == "" {
			p.Note = "Mimecast grid \"" + prefix + "\" from the host name " + host + " (" + mimecastSource + ")"
		}
		m.Region, m.pin = prefix, &p
	}
	return m
}

// proofpointEssentialsRegion reads mx1-us1.ppe-hosted.com / mx1-eu1…
func proofpointEssentialsRegion(host string, m Match) Match {
	first, _, _ := strings.Cut(host, ".")
	_, region, ok := strings.Cut(first, "-")
	if !ok {
		return m
	}
	switch {
	case strings.HasPrefix(region, "eu"):
		m.Region, m.pin = region, &pin{Area: "EU", Note: "Proofpoint Essentials region " + region + " from the host name " + host}
	case strings.HasPrefix(region, "us"):
		m.Region, m.pin = region, &pin{Country: "US", Note: "Proofpoint Essentials region " + region + " from the host name " + host}
	}
	return m
}

// barracudaRegion reads d123.a.ess.de.barracudanetworks.com: a two-letter
// label after "ess" names the region; none means the US service.
func barracudaRegion(host string, m Match) Match {
	labels := strings.Split(strings.TrimSuffix(host, ".barracudanetworks.com"), ".")
	for i, l := range labels {
		if l != "ess" {
			continue
		}
		region := "us"
		if i+1 < len(labels) && len(labels[i+1]) == 2 {
			region = labels[i+1]
		}
		cc := strings.ToUpper(region)
		if cc == "UK" {
			cc = "GB"
		}
		if !isAlpha2(cc) {
			return m
		}
		m.Region, m.pin = region, &pin{Country: cc, Note: "Barracuda region " + region + " from the host name " + host}
		return m
	}
	return m
}

// trendRegion reads Trend Micro Email Security's regional zones.
func trendRegion(host string, m Match) Match {
	switch {
	case inZone(host, "tmes.trendmicro.eu"):
		m.Region, m.pin = "eu", &pin{Area: "EU", Note: "Trend Micro Email Security EU site, from the host name " + host}
	case inZone(host, "tmes.trendmicro.co.jp"):
		m.Region, m.pin = "jp", &pin{Country: "JP", Note: "Trend Micro Email Security Japan site, from the host name " + host}
	case inZone(host, "tmes-anz.trendmicro.com"):
		m.Region, m.pin = "anz", &pin{Country: "AU", Note: "Trend Micro Email Security Australia/New Zealand site, from the host name " + host}
	case inZone(host, "tmes-sg.trendmicro.com"):
		m.Region, m.pin = "sg", &pin{Country: "SG", Note: "Trend Micro Email Security Singapore site, from the host name " + host}
	case inZone(host, "tmes-in.trendmicro.com"):
		m.Region, m.pin = "in", &pin{Country: "IN", Note: "Trend Micro Email Security India site, from the host name " + host}
	case inZone(host, "tmes.trendmicro.com"):
		m.Region = "us"
	}
	return m
}

// sophosRegion reads mx-01-eu-west-1.prod.hydra.sophos.com: Sophos Email
// runs in AWS and names the AWS region in its MX hosts.
func sophosRegion(host string, m Match) Match {
	first, _, _ := strings.Cut(host, ".")
	parts := strings.SplitN(first, "-", 3) // "mx", "01", "eu-west-1"
	if len(parts) == 3 && awsRegionRE.MatchString(parts[2]) {
		m.Region = parts[2]
	}
	return m
}

// messagelabsRegion reads cluster1.eu.messagelabs.com / cluster1.us….
func messagelabsRegion(host string, m Match) Match {
	switch {
	case inZone(host, "eu.messagelabs.com"):
		m.Region, m.pin = "eu", &pin{Area: "EU", Note: "Symantec Email Security.cloud EU cluster, from the host name " + host}
	case inZone(host, "us.messagelabs.com"):
		m.Region, m.pin = "us", &pin{Country: "US", Note: "Symantec Email Security.cloud US cluster, from the host name " + host}
	}
	return m
}

func isAlpha2(cc string) bool {
	return len(cc) == 2 && cc[0] >= 'A' && cc[0] <= 'Z' && cc[1] >= 'A' && cc[1] <= 'Z'
}

// spfRules map SPF include (and redirect) domains to the mailbox service
// that publishes them for its customers' outgoing mail. Only mailbox hosts
// are listed: gateways and bulk senders (Mimecast, SendGrid, Mailchimp,
// Amazon SES) say nothing about where mailboxes are.
var spfRules = []rule{
	{zone: "spf.protection.office365.us", match: withRegion(mailbox("microsoft-365", "Microsoft 365 GCC High / DoD"), "USGov")},
	{zone: "spf.protection.partner.outlook.cn", match: withRegion(mailbox("microsoft-365", "Microsoft 365 operated by 21Vianet"), "cn")},
	{zone: "spf.protection.outlook.de", match: withRegion(mailbox("microsoft-365", "Microsoft Cloud Deutschland (historic)"), "de-trustee")},
	{zone: "spf.protection.outlook.com", match: mailbox("microsoft-365", "Microsoft 365")},
	{zone: "_spf.google.com", match: mailbox("google-workspace", "Google Workspace")},
	{zone: "_spf.protonmail.ch", match: mailbox("proton", "Proton Mail")},
	{zone: "spf.tutanota.de", match: mailbox("tuta", "Tuta")},
	{zone: "spf.messagingengine.com", match: mailbox("fastmail", "Fastmail")},
	{zone: "zoho.com.cn", exact: true, match: mailbox("zoho", "Zoho Mail"), refine: zohoRegion},
	{zone: "zoho.com.au", exact: true, match: mailbox("zoho", "Zoho Mail"), refine: zohoRegion},
	{zone: "zoho.com", exact: true, match: mailbox("zoho", "Zoho Mail"), refine: zohoRegion},
	{zone: "zoho.eu", exact: true, match: mailbox("zoho", "Zoho Mail"), refine: zohoRegion},
	{zone: "zoho.in", exact: true, match: mailbox("zoho", "Zoho Mail"), refine: zohoRegion},
	{zone: "zoho.jp", exact: true, match: mailbox("zoho", "Zoho Mail"), refine: zohoRegion},
	{zone: "zoho.sa", exact: true, match: mailbox("zoho", "Zoho Mail"), refine: zohoRegion},
	{zone: "zohocloud.ca", exact: true, match: mailbox("zoho", "Zoho Mail"), refine: zohoRegion},
	{zone: "_spf.yandex.net", match: mailbox("yandex", "Yandex 360")},
	{zone: "mailbox.org", exact: true, match: mailbox("mailbox.org", "mailbox.org")},
	{zone: "_spf.mailbox.org", match: mailbox("mailbox.org", "mailbox.org")},
	{zone: "_spf-eu.ionos.com", match: mailbox("ionos", "IONOS")},
	{zone: "_spf-us.ionos.com", match: mailbox("ionos", "IONOS")},
	{zone: "_spf.perfora.net", match: mailbox("ionos", "IONOS (1&1)")},
	{zone: "_spf.kundenserver.de", match: mailbox("ionos", "IONOS (1&1)")},
	{zone: "icloud.com", exact: true, match: mailbox("icloud", "iCloud Mail")},
	{zone: "_spf.mail.yahoo.com", match: mailbox("yahoo", "Yahoo Mail")},
	{zone: "spf.infomaniak.ch", match: mailbox("infomaniak", "Infomaniak Mail")},
	{zone: "mx.ovh.com", match: mailbox("ovh", "OVHcloud Mail")},
	{zone: "mx.ovh.net", match: mailbox("ovh", "OVHcloud Mail")},
}

// ClassifySPFInclude names the mailbox service an SPF include or redirect
// domain belongs to, or reports false.
func ClassifySPFInclude(domain string) (Match, bool) {
	return classifyBy(spfRules, domain)
}
