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
	// Trusted Cloud by S3NS runs Google Cloud technology as one standalone
	// region in France, operated by S3NS (Thales):
	// https://documentation.s3ns.fr/docs/get-started-tpc/regions-and-zones
	{"u-france-east1", "Trusted Cloud by S3NS (France)", areaIn("France", atParis), "S3NS's only region; its data centres are in France, the point is Paris, a representative place"},
}

// Cloud Storage locations that span regions (bucket location "EU", "NAM4").
var gcpStorageLocations = []entry{
	{"asia", "Asia multi-region", inAsia, "Cloud Storage multi-region: data in two or more Asian regions"},
	{"asia1", "ASIA1 dual-region", areaIn("Japan", atTokyo), "Cloud Storage dual-region: asia-northeast1 (Tokyo) and asia-northeast2 (Osaka)"},
	{"eu", "EU multi-region", inEU, "Cloud Storage multi-region: data in two or more EU regions"},
	{"eur4", "EUR4 dual-region", inEU, "Cloud Storage dual-region: europe-north1 (Hamina, FI) and europe-west4 (Eemshaven, NL)"},
	{"nam4", "NAM4 dual-region", inUS, "Cloud Storage dual-region: us-central1 (Iowa) and us-east1 (South Carolina)"},
	{"us", "US multi-region", inUS, "Cloud Storage multi-region: data in two or more US regions"},
	// Firestore and Datastore multi-region locations.
	{"eur3", "eur3 multi-region", inEU, "Firestore multi-region: europe-west1 (St. Ghislain, BE) and europe-west4 (Eemshaven, NL)"},
	{"nam5", "nam5 multi-region", inUS, "Firestore multi-region: us-central1 (Iowa) and other US regions"},
}

// GCPSpan is what a Google location that is not one region is made of.
type GCPSpan struct {
	// Regions are the regions of a dual-region or a Firestore
	// multi-region, first the one the item is placed at; empty for the
	// Cloud Storage multi-regions, which name no region.
	Regions []string
	// Countries are the ISO codes of the countries the data may be in.
	Countries []string
	// Multi marks a multi-region (several regions of an area) as against
	// a dual-region (a pair).
	Multi bool
}

// gcpSpans are the dual- and multi-region locations whose make-up Google
// documents (https://cloud.google.com/storage/docs/locations,
// https://cloud.google.com/firestore/docs/locations). The countries of the
// multi-regions are those of Google's regions inside them.
var gcpSpans = map[string]GCPSpan{
	"asia1": {Regions: []string{"asia-northeast1", "asia-northeast2"}, Countries: []string{"JP"}},
	"eur4":  {Regions: []string{"europe-north1", "europe-west4"}, Countries: []string{"FI", "NL"}},
	"nam4":  {Regions: []string{"us-central1", "us-east1"}, Countries: []string{"US"}},
	"eur3":  {Regions: []string{"europe-west1", "europe-west4"}, Countries: []string{"BE", "NL"}, Multi: true},
	"nam5":  {Countries: []string{"US"}, Multi: true},
	"eu":    {Countries: []string{"BE", "DE", "ES", "FI", "FR", "IT", "NL", "PL", "SE"}, Multi: true},
	"us":    {Countries: []string{"US"}, Multi: true},
	"asia":  {Countries: []string{"HK", "ID", "IN", "JP", "KR", "SG", "TH", "TW"}, Multi: true},
}

// GCPSpanOf returns the make-up of a Google dual- or multi-region location
// code ("EUR4", "eu", "nam5"), matched without regard to case.
func GCPSpanOf(code string) (GCPSpan, bool) {
	s, ok := gcpSpans[normCode(code)]
	return s, ok
}
