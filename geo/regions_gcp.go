package geo

// Google Cloud regions, named as Google describes their location, plus the
// Cloud Storage multi-regions and predefined dual-regions, which are areas.
// Zones ("europe-west9-b") resolve to their region.

func init() {
	register("gcp", "", gcpRegions)
	register("gcp", "", gcpStorageLocations)
}

var gcpRegions = []entry{
	{"africa-south1", "Johannesburg, South Africa", atJohannesburg, ""},
	{"asia-east1", "Changhua County, Taiwan", atChanghua, ""},
	{"asia-east2", "Hong Kong", atHongKong, ""},
	{"asia-northeast1", "Tokyo, Japan", atTokyo, ""},
	{"asia-northeast2", "Osaka, Japan", atOsaka, ""},
	{"asia-northeast3", "Seoul, South Korea", atSeoul, ""},
	{"asia-south1", "Mumbai, India", atMumbai, ""},
	{"asia-south2", "Delhi, India", atDelhi, ""},
	{"asia-southeast1", "Jurong West, Singapore", atJurongWest, ""},
	{"asia-southeast2", "Jakarta, Indonesia", atJakarta, ""},
	{"asia-southeast3", "Bangkok, Thailand", atBangkok, ""},
	{"australia-southeast1", "Sydney, Australia", atSydney, ""},
	{"australia-southeast2", "Melbourne, Australia", atMelbourne, ""},
	{"europe-central2", "Warsaw, Poland", atWarsaw, ""},
	{"europe-north1", "Hamina, Finland", atHamina, ""},
	{"europe-north2", "Stockholm, Sweden", atStockholm, ""},
	{"europe-southwest1", "Madrid, Spain", atMadrid, ""},
	{"europe-west1", "St. Ghislain, Belgium", atStGhislain, ""},
	{"europe-west10", "Berlin, Germany", atBerlin, ""},
	{"europe-west12", "Turin, Italy", atTurin, ""},
	{"europe-west2", "London, England", atLondon, ""},
	{"europe-west3", "Frankfurt, Germany", atFrankfurt, ""},
	{"europe-west4", "Eemshaven, Netherlands", atEemshaven, ""},
	{"europe-west6", "Zurich, Switzerland", atZurich, ""},
	{"europe-west8", "Milan, Italy", atMilan, ""},
	{"europe-west9", "Paris, France", atParis, ""},
	{"me-central1", "Doha, Qatar", atDoha, ""},
	{"me-central2", "Dammam, Saudi Arabia", atDammam, ""},
	{"me-west1", "Tel Aviv, Israel", atTelAviv, ""},
	{"northamerica-northeast1", "Montréal, Québec", atMontreal, ""},
	{"northamerica-northeast2", "Toronto, Ontario", atToronto, ""},
	{"northamerica-south1", "Querétaro, Mexico", atQueretaro, ""},
	{"southamerica-east1", "Osasco, São Paulo, Brazil", atOsasco, ""},
	{"southamerica-west1", "Santiago, Chile", atSantiago, ""},
	{"us-central1", "Council Bluffs, Iowa", atCouncilBluff, ""},
	{"us-east1", "Moncks Corner, South Carolina", atMoncksCorner, ""},
	{"us-east4", "Ashburn, Virginia", atAshburn, ""},
	{"us-east5", "Columbus, Ohio", atColumbus, ""},
	{"us-south1", "Dallas, Texas", atDallas, ""},
	{"us-west1", "The Dalles, Oregon", atTheDalles, ""},
	{"us-west2", "Los Angeles, California", atLosAngeles, ""},
	{"us-west3", "Salt Lake City, Utah", atSaltLakeCity, ""},
	{"us-west4", "Las Vegas, Nevada", atLasVegas, ""},
}

// Cloud Storage locations that span regions (bucket location "EU", "NAM4").
var gcpStorageLocations = []entry{
	{"asia", "Asia multi-region", inAsia, "Cloud Storage multi-region: data in two or more Asian regions"},
	{"asia1", "ASIA1 dual-region", areaIn("Japan", atTokyo), "Cloud Storage dual-region: asia-northeast1 (Tokyo) and asia-northeast2 (Osaka)"},
	{"eu", "EU multi-region", inEU, "Cloud Storage multi-region: data in two or more EU regions"},
	{"eur4", "EUR4 dual-region", inEU, "Cloud Storage dual-region: europe-north1 (Hamina, FI) and europe-west4 (Eemshaven, NL)"},
	{"nam4", "NAM4 dual-region", inUS, "Cloud Storage dual-region: us-central1 (Iowa) and us-east1 (South Carolina)"},
	{"us", "US multi-region", inUS, "Cloud Storage multi-region: data in two or more US regions"},
}
