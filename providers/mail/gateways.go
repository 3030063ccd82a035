package mail

import "strings"

// gatewayRule is one filtering or relay service's MX host names, with the
// page its pattern comes from. Each service's operator is in reach/kb.yaml
// (block "Mail filtering gateways and relays").
type gatewayRule struct {
	rule
	// source is the vendor's page that documents the host names, or, when
	// the vendor publishes none, where the pattern was read (vendorDocs
	// false): the pattern is then the vendor's own domain, which names no
	// host but the vendor's.
	source     string
	vendorDocs bool
}

func gw(zone, provider, service, source string, vendorDocs bool) gatewayRule {
	return gatewayRule{rule: rule{zone: zone, match: gateway(provider, service)}, source: source, vendorDocs: vendorDocs}
}

// gatewayRules are the filtering gateways and relays a European small
// business or public body meets, beyond the global ones of mxRules. Zones
// match the zone and every name below it, never a name that merely ends
// with the same letters (evil-seppmail.cloud) or that carries the zone
// further left (gate.seppmail.cloud.attacker.example).
var gatewayRules = []gatewayRule{
	// SEPPmail.cloud: in inline mode the MX is DOMAIN-TLD.gate.seppmail.cloud;
	// in parallel mode DOMAIN-TLD.mail.seppmail.cloud carries the traffic.
	gw("seppmail.cloud", "seppmail", "SEPPmail.cloud", "https://docs.seppmail.com/en/cloud/c07_cloud_onboarding_appendix_hostnames.html", true),
	gw("seppmail.ch", "seppmail", "SEPPmail", "https://www.seppmail.ch/", false),
	gw("seppmail.com", "seppmail", "SEPPmail", "https://www.seppmail.com/", false),

	// Hornetsecurity: mx01…mx04.hornetsecurity.com, its Swiss zone, the
	// zone of its predecessor antispameurope, and Proofpoint Total
	// Protection (pp-tp.com), Hornetsecurity's service as sold in North
	// America since Proofpoint bought it.
	gw("hornetsecurity.com", "hornetsecurity", "Hornetsecurity", "https://cp.hornetsecurity.com/manual/en/partner/365_total_protection/c_basic_settings.html", true),
	gw("hornetsecurity.ch", "hornetsecurity", "Hornetsecurity", "https://www.hornetsecurity.com/en/legal-notice/", false),
	gw("antispameurope.com", "hornetsecurity", "Hornetsecurity (antispameurope)", "https://www.hornetsecurity.com/en/legal-notice/", false),
	gw("pp-tp.com", "hornetsecurity", "Proofpoint Total Protection (Hornetsecurity)", "https://www.hornetsecurity.com/en/legal-notice/", false),
	// Vade Cloud, now Hornetsecurity's (customers are being moved to its
	// control panel).
	gw("vadesecure.com", "vade", "Vade Cloud", "https://support.hornetsecurity.com/hc/en-us/articles/45997388779537-Migration-for-Vade-Cloud-Customers", false),

	// SpamExperts (N-able Mail Assure): mx.spamexperts.com,
	// fallbackmx.spamexperts.eu, lastmx.spamexperts.net, the regional
	// mxN-eu / mxN-us.spamexperts.com, and filterNN.antispamcloud.com
	// (that zone is in mxRules); mtaroutes.com is Mail Assure's.
	{rule: rule{zone: "spamexperts.com", match: gateway("spamexperts", "SpamExperts / N-able Mail Assure"), refine: spamexpertsRegion},
		source: "https://documentation.n-able.com/spamexperts/userguide/Content/B_Admin%20Level/domains/mx-records.htm", vendorDocs: true},
	gw("spamexperts.eu", "spamexperts", "SpamExperts / N-able Mail Assure", "https://documentation.n-able.com/spamexperts/userguide/Content/B_Admin%20Level/domains/mx-records.htm", true),
	gw("spamexperts.net", "spamexperts", "SpamExperts / N-able Mail Assure", "https://documentation.n-able.com/spamexperts/userguide/Content/B_Admin%20Level/domains/mx-records.htm", true),
	gw("mtaroutes.com", "spamexperts", "N-able Mail Assure", "https://www.n-able.com/legal", false),

	gw("fortimailcloud.com", "fortinet", "FortiMail Cloud", "https://www.fortinet.com/products/email-security", false),
	// NoSpamProxy Cloud: Net at Work registered cloud.nospamproxy.com in
	// the Public Suffix List, for the host names of its customers.
	gw("cloud.nospamproxy.com", "nospamproxy", "NoSpamProxy Cloud", "https://github.com/publicsuffix/list/blob/main/public_suffix_list.dat", false),
	gw("retarus.com", "retarus", "Retarus Email Security", "https://docs.retarus.com/seg/retarus-email-security-data-center-operations-cust", false),
	gw("retarus.net", "retarus", "Retarus Email Security", "https://docs.retarus.com/seg/retarus-email-security-data-center-operations-cust", false),
	gw("libraesva.com", "libraesva", "Libraesva Email Security", "https://docs.libraesva.com/", false),
	// Cleanmail, an Alinto service; Swiss customers are kept in Switzerland.
	gw("cleanmail.ch", "cleanmail", "Cleanmail", "https://support.cleanmail.ch/platform-change-cleanmail-security-service/?lang=en", false),
	gw("cleanmail.safecenter.ch", "cleanmail", "Cleanmail", "https://support.cleanmail.ch/platform-change-cleanmail-security-service/?lang=en", false),
	// Abraxas, the IT company of several Swiss cantons, filters their
	// municipalities' mail.
	gw("abxsec.com", "abraxas", "Abraxas Secure Mail", "https://www.abraxas.ch/", false),
	gw("mailprotect.be", "combell", "Combell Mail Protect", "https://www.combell.com/", false),
	gw("mailinblack.com", "mailinblack", "Mailinblack", "https://www.mailinblack.com/", false),
	gw("altospam.com", "altospam", "Altospam", "https://www.altospam.com/", false),
}

// spamexpertsRegion reads the regional host names mx1-eu… / mx1-us….
func spamexpertsRegion(host string, m Match) Match {
	first, _, _ := strings.Cut(host, ".")
	switch {
	case strings.HasSuffix(first, "-eu"):
		m.Region, m.pin = "eu", &pin{Area: "EU", Note: "SpamExperts European Union region, from the host name " + host}
	case strings.HasSuffix(first, "-us"):
		m.Region, m.pin = "us", &pin{Country: "US", Note: "SpamExperts United States region, from the host name " + host}
	}
	return m
}

// gatewayZones are gatewayRules without their sources.
var gatewayZones = func() []rule {
	out := make([]rule, len(gatewayRules))
	for i, r := range gatewayRules {
		out[i] = r.rule
	}
	return out
}()

// classifyGateway names the gateway of gatewayRules a host belongs to.
func classifyGateway(h string) (Match, bool) { return classifyBy(gatewayZones, h) }

// sesFeedback reports whether host is feedback-smtp.REGION.amazonses.com:
// the bounce endpoint of mail sent through Amazon SES (a MAIL FROM
// domain's MX), not a place where mailboxes are.
func sesFeedback(host string) bool {
	labels := strings.Split(cleanHost(host), ".")
	return len(labels) == 4 && labels[0] == "feedback-smtp" && awsRegionRE.MatchString(labels[1]) &&
		labels[2] == "amazonses" && labels[3] == "com"
}
