package geo

// IONOS Cloud: data-centre locations as the Cloud API names them
// ("de/fra") and the Object Storage regions (s3-<region>.ionoscloud.com for
// user-owned buckets, s3.<region>.ionoscloud.com for contract-owned ones).

func init() {
	register("ionos", "", ionosLocations)
	register("ionos", "", ionosStorageRegions)
}

var ionosLocations = []entry{
	{"de/fkb", "Germany (Karlsruhe)", atKarlsruhe, ""},
	{"de/fra", "Germany (Frankfurt)", atFrankfurt, ""},
	{"de/fra/2", "Germany (Frankfurt 2)", atFrankfurt, ""},
	{"de/txl", "Germany (Berlin)", atBerlin, ""},
	{"es/vit", "Spain (Logroño)", atLogrono, ""},
	{"fr/par", "France (Paris)", atParis, ""},
	{"gb/bhx", "United Kingdom (Worcester)", atWorcester, ""},
	{"gb/lhr", "United Kingdom (London)", atLondon, ""},
	{"us/ewr", "United States (Newark)", atNewark, ""},
	{"us/las", "United States (Las Vegas)", atLasVegas, ""},
	{"us/mci", "United States (Lenexa)", atLenexa, ""},
}

var ionosStorageRegions = []entry{
	{"de", "Frankfurt", atFrankfurt, "Object Storage (user-owned buckets)"},
	{"eu-central-1", "Frankfurt", atFrankfurt, "Object Storage endpoint name of region de"},
	{"eu-central-2", "Berlin", atBerlin, "Object Storage (user-owned buckets)"},
	{"eu-central-3", "Berlin", atBerlin, "Object Storage (contract-owned buckets)"},
	{"eu-central-4", "Frankfurt", atFrankfurt, "Object Storage (contract-owned buckets)"},
	{"eu-south-2", "Logroño", atLogrono, "Object Storage (user-owned buckets)"},
	{"us-central-1", "Lenexa", atLenexa, "Object Storage (contract-owned buckets)"},
}
