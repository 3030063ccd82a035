package geo

// Linode (Akamai Cloud) regions and Object Storage clusters
// (<cluster>.linodeobjects.com).

func init() {
	register("linode", "", linodeRegions)
	register("linode", "", linodeObjectClusters)
}

var linodeRegions = []entry{
	{"ap-northeast", "Tokyo 2, JP", atTokyo, ""},
	{"ap-south", "Singapore, SG", atSingapore, ""},
	{"ap-southeast", "Sydney, AU", atSydney, ""},
	{"ap-west", "Mumbai, IN", atMumbai, ""},
	{"au-mel", "Melbourne, AU", atMelbourne, ""},
	{"br-gru", "São Paulo, BR", atSaoPaulo, ""},
	{"ca-central", "Toronto, CA", atToronto, ""},
	{"de-fra-2", "Frankfurt 2, DE", atFrankfurt, ""},
	{"es-mad", "Madrid, ES", atMadrid, ""},
	{"eu-central", "Frankfurt, DE", atFrankfurt, ""},
	{"eu-west", "London, UK", atLondon, ""},
	{"fr-par", "Paris, FR", atParis, ""},
	{"fr-par-2", "Paris 2, FR", atParis, ""},
	{"gb-lon", "London 2, UK", atLondon, ""},
	{"id-cgk", "Jakarta, ID", atJakarta, ""},
	{"in-bom-2", "Mumbai 2, IN", atMumbai, ""},
	{"in-maa", "Chennai, IN", atChennai, ""},
	{"it-mil", "Milan, IT", atMilan, ""},
	{"jp-osa", "Osaka, JP", atOsaka, ""},
	{"jp-tyo-3", "Tokyo 3, JP", atTokyo, ""},
	{"nl-ams", "Amsterdam, NL", atAmsterdam, ""},
	{"se-sto", "Stockholm, SE", atStockholm, ""},
	{"sg-sin-2", "Singapore 2, SG", atSingapore, ""},
	{"us-central", "Dallas, TX", atDallas, ""},
	{"us-east", "Newark, NJ", atNewark, ""},
	{"us-iad", "Washington, DC", atWashington, ""},
	{"us-lax", "Los Angeles, CA", atLosAngeles, ""},
	{"us-mia", "Miami, FL", atMiami, ""},
	{"us-ord", "Chicago, IL", atChicago, ""},
	{"us-sea", "Seattle, WA", atSeattle, ""},
	{"us-southeast", "Atlanta, GA", atAtlanta, ""},
	{"us-west", "Fremont, CA", atFremont, ""},
}

const linodeObj = "Object Storage cluster"

var linodeObjectClusters = []entry{
	{"ap-south-1", "Singapore", atSingapore, linodeObj},
	{"au-mel-1", "Melbourne", atMelbourne, linodeObj},
	{"br-gru-1", "São Paulo", atSaoPaulo, linodeObj},
	{"es-mad-1", "Madrid", atMadrid, linodeObj},
	{"eu-central-1", "Frankfurt", atFrankfurt, linodeObj},
	{"fr-par-1", "Paris", atParis, linodeObj},
	{"gb-lon-1", "London 2", atLondon, linodeObj},
	{"id-cgk-1", "Jakarta", atJakarta, linodeObj},
	{"in-maa-1", "Chennai", atChennai, linodeObj},
	{"it-mil-1", "Milan", atMilan, linodeObj},
	{"jp-osa-1", "Osaka", atOsaka, linodeObj},
	{"nl-ams-1", "Amsterdam", atAmsterdam, linodeObj},
	{"se-sto-1", "Stockholm", atStockholm, linodeObj},
	{"sg-sin-1", "Singapore 2", atSingapore, linodeObj},
	{"us-east-1", "Newark", atNewark, linodeObj},
	{"us-iad-1", "Washington, DC", atWashington, linodeObj},
	{"us-lax-1", "Los Angeles", atLosAngeles, linodeObj},
	{"us-mia-1", "Miami", atMiami, linodeObj},
	{"us-ord-1", "Chicago", atChicago, linodeObj},
	{"us-sea-1", "Seattle", atSeattle, linodeObj},
	{"us-southeast-1", "Atlanta", atAtlanta, linodeObj},
	// Newer (E2/E3) clusters, named <region>-<n>. jp-tyo-1 and us-iad-10
	// are in rclone's S3 provider list of Linode endpoints; us-ord-10,
	// us-lax-4 and us-sea-9 appear in public configurations and examples;
	// de-fra-1 and fr-par-13 are from the 2026 comparison of the catalogs
	// with Akamai's endpoint table (not rechecked). Each sits in the city of
	// the Linode region it is named after.
	{"de-fra-1", "Frankfurt", atFrankfurt, linodeObj},
	{"fr-par-13", "Paris", atParis, linodeObj},
	{"jp-tyo-1", "Tokyo", atTokyo, linodeObj},
	{"us-iad-10", "Washington, DC", atWashington, linodeObj},
	{"us-lax-4", "Los Angeles", atLosAngeles, linodeObj},
	{"us-ord-10", "Chicago", atChicago, linodeObj},
	{"us-sea-9", "Seattle", atSeattle, linodeObj},
}
