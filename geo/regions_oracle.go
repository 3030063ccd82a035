package geo

// Oracle Cloud Infrastructure regions: the commercial realm (oc1), the US
// and UK government realms, the EU Sovereign Cloud and Serbia. Dedicated
// (customer-site) regions are left out. OCI names every region after its city.

func init() {
	register("oracle", "", oracleRegions)
	register("oracle", "", oracleGovRegions)
}

var oracleRegions = []entry{
	{"af-johannesburg-1", "South Africa Central (Johannesburg)", atJohannesburg, ""},
	{"ap-batam-1", "Indonesia North (Batam)", atBatam, ""},
	{"ap-chuncheon-1", "South Korea North (Chuncheon)", atChuncheon, ""},
	{"ap-delhi-1", "India North (Delhi)", atDelhi, ""},
	{"ap-hyderabad-1", "India South (Hyderabad)", atHyderabad, ""},
	{"ap-melbourne-1", "Australia Southeast (Melbourne)", atMelbourne, ""},
	{"ap-mumbai-1", "India West (Mumbai)", atMumbai, ""},
	{"ap-osaka-1", "Japan Central (Osaka)", atOsaka, ""},
	{"ap-seoul-1", "South Korea Central (Seoul)", atSeoul, ""},
	{"ap-singapore-1", "Singapore (Singapore)", atSingapore, ""},
	{"ap-singapore-2", "Singapore West (Singapore)", atSingapore, ""},
	{"ap-sydney-1", "Australia East (Sydney)", atSydney, ""},
	{"ap-tokyo-1", "Japan East (Tokyo)", atTokyo, ""},
	{"ca-montreal-1", "Canada Southeast (Montreal)", atMontreal, ""},
	{"ca-toronto-1", "Canada Southeast (Toronto)", atToronto, ""},
	{"eu-amsterdam-1", "Netherlands Northwest (Amsterdam)", atAmsterdam, ""},
	{"eu-frankfurt-1", "Germany Central (Frankfurt)", atFrankfurt, ""},
	{"eu-madrid-1", "Spain Central (Madrid)", atMadrid, ""},
	{"eu-marseille-1", "France South (Marseille)", atMarseille, ""},
	{"eu-milan-1", "Italy Northwest (Milan)", atMilan, ""},
	{"eu-paris-1", "France Central (Paris)", atParis, ""},
	{"eu-stockholm-1", "Sweden Central (Stockholm)", atStockholm, ""},
	{"eu-zurich-1", "Switzerland North (Zurich)", atZurich, ""},
	{"il-jerusalem-1", "Israel Central (Jerusalem)", atJerusalem, ""},
	{"me-abudhabi-1", "UAE Central (Abu Dhabi)", atAbuDhabi, ""},
	{"me-dubai-1", "UAE East (Dubai)", atDubai, ""},
	{"me-jeddah-1", "Saudi Arabia West (Jeddah)", atJeddah, ""},
	{"me-riyadh-1", "Saudi Arabia Central (Riyadh)", atRiyadh, ""},
	{"mx-monterrey-1", "Mexico Northeast (Monterrey)", atMonterrey, ""},
	{"mx-queretaro-1", "Mexico Central (Queretaro)", atQueretaro, ""},
	{"sa-bogota-1", "Colombia Central (Bogota)", atBogota, ""},
	{"sa-santiago-1", "Chile Central (Santiago)", atSantiago, ""},
	{"sa-saopaulo-1", "Brazil East (Sao Paulo)", atSaoPaulo, ""},
	{"sa-valparaiso-1", "Chile West (Valparaiso)", atValparaiso, ""},
	{"sa-vinhedo-1", "Brazil Southeast (Vinhedo)", atVinhedo, ""},
	{"uk-cardiff-1", "UK West (Newport)", atNewport, "the region named Cardiff is in Newport, Wales"},
	{"uk-london-1", "UK South (London)", atLondon, ""},
	{"us-ashburn-1", "US East (Ashburn)", atAshburn, ""},
	{"us-chicago-1", "US Midwest (Chicago)", atChicago, ""},
	{"us-phoenix-1", "US West (Phoenix)", atPhoenix, ""},
	{"us-saltlake-2", "US Mountain (Salt Lake City)", atSaltLakeCity, ""},
	{"us-sanjose-1", "US West (San Jose)", atSanJose, ""},
}

// Separate realms: government clouds, the EU Sovereign Cloud, Serbia.
var oracleGovRegions = []entry{
	{"eu-frankfurt-2", "EU Sovereign Central (Frankfurt)", atFrankfurt, "Oracle EU Sovereign Cloud (realm oc19), operated by EU-based Oracle staff"},
	{"eu-jovanovac-1", "Serbia Central (Jovanovac)", atJovanovac, "separate realm (oc20) for Serbia"},
	{"eu-madrid-2", "EU Sovereign South (Madrid)", atMadrid, "Oracle EU Sovereign Cloud (realm oc19), operated by EU-based Oracle staff"},
	{"uk-gov-cardiff-1", "UK Gov West (Cardiff)", atNewport, "UK government realm (oc4); the point is Newport, Wales"},
	{"uk-gov-london-1", "UK Gov South (London)", atLondon, "UK government realm (oc4)"},
	{"us-gov-ashburn-1", "US Gov East (Ashburn)", atAshburn, "US government realm (oc3)"},
	{"us-gov-chicago-1", "US Gov Central (Chicago)", atChicago, "US government realm (oc3)"},
	{"us-gov-phoenix-1", "US Gov West (Phoenix)", atPhoenix, "US government realm (oc3)"},
	// Oracle US Government Cloud (FedRAMP, realm OC2):
	// https://docs.oracle.com/iaas/Content/gov-cloud/govfedramp.htm
	{"us-langley-1", "US Gov East (Ashburn)", atAshburn, "US Government Cloud, FedRAMP realm (oc2)"},
	{"us-luke-1", "US Gov West (Phoenix)", atPhoenix, "US Government Cloud, FedRAMP realm (oc2)"},
}
