package geo

// IBM Cloud regions, plus the Cloud Object Storage cross-region areas and
// single-site locations that appear in COS endpoints
// (s3.<code>.cloud-object-storage.appdomain.cloud).

func init() {
	register("ibm", "", ibmRegions)
	register("ibm", "", ibmCOSLocations)
}

var ibmRegions = []entry{
	{"au-syd", "Sydney", atSydney, ""},
	{"br-sao", "São Paulo", atSaoPaulo, ""},
	{"ca-mon", "Montreal", atMontreal, ""},
	{"ca-tor", "Toronto", atToronto, ""},
	{"eu-de", "Frankfurt", atFrankfurt, ""},
	{"eu-es", "Madrid", atMadrid, ""},
	{"eu-fr2", "Paris", atParis, ""},
	{"eu-gb", "London", atLondon, ""},
	{"in-che", "Chennai", atChennai, "older single-zone region"},
	{"jp-osa", "Osaka", atOsaka, ""},
	{"jp-tok", "Tokyo", atTokyo, ""},
	{"kr-seo", "Seoul", atSeoul, "older single-zone region"},
	{"us-east", "Washington DC", atWashington, "IBM names Washington DC; its data centres are in the Washington metro area"},
	{"us-south", "Dallas", atDallas, ""},
}

var ibmCOSLocations = []entry{
	{"ams03", "Amsterdam (single site)", atAmsterdam, "Cloud Object Storage single-site location"},
	{"ap", "AP cross-region", area("Asia-Pacific", atTokyo), "Cloud Object Storage cross-region: Tokyo, Hong Kong and Seoul"},
	{"che01", "Chennai (single site)", atChennai, "Cloud Object Storage single-site location"},
	{"eu", "EU cross-region", inEU, "Cloud Object Storage cross-region: Frankfurt, Milan and Amsterdam"},
	{"hkg02", "Hong Kong (single site)", atHongKong, "Cloud Object Storage single-site location"},
	{"mel01", "Melbourne (single site)", atMelbourne, "Cloud Object Storage single-site location"},
	{"mex01", "Mexico (single site)", atMexicoCity, "Cloud Object Storage single-site location"},
	{"mil01", "Milan (single site)", atMilan, "Cloud Object Storage single-site location"},
	{"mon01", "Montreal (single site)", atMontreal, "Cloud Object Storage single-site location"},
	{"osl01", "Oslo (single site)", atOslo, "Cloud Object Storage single-site location"},
	{"par01", "Paris (single site)", atParis, "Cloud Object Storage single-site location"},
	{"seo01", "Seoul (single site)", atSeoul, "Cloud Object Storage single-site location"},
	{"sjc04", "San Jose (single site)", atSanJose, "Cloud Object Storage single-site location"},
	{"sng01", "Singapore (single site)", atSingapore, "Cloud Object Storage single-site location"},
	{"tor01", "Toronto (single site)", atToronto, "Cloud Object Storage single-site location"},
	{"us", "US cross-region", inUS, "Cloud Object Storage cross-region: Dallas, Washington DC and San Jose"},
}
