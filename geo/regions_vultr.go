package geo

// Vultr regions (cloud compute) and Object Storage clusters
// (<cluster>.vultrobjects.com).

func init() {
	register("vultr", "", vultrRegions)
	register("vultr", "", vultrObjectClusters)
}

var vultrRegions = []entry{
	{"ams", "Amsterdam", atAmsterdam, ""},
	{"atl", "Atlanta", atAtlanta, ""},
	{"blr", "Bangalore", atBangalore, ""},
	{"bom", "Mumbai", atMumbai, ""},
	{"cdg", "Paris", atParis, ""},
	{"del", "Delhi NCR", atDelhi, ""},
	{"dfw", "Dallas", atDallas, ""},
	{"ewr", "New Jersey", atPiscataway, "Vultr names New Jersey; the data centre is in Piscataway"},
	{"fra", "Frankfurt", atFrankfurt, ""},
	{"hnl", "Honolulu", atHonolulu, ""},
	{"icn", "Seoul", atSeoul, ""},
	{"itm", "Osaka", atOsaka, ""},
	{"jnb", "Johannesburg", atJohannesburg, ""},
	{"lax", "Los Angeles", atLosAngeles, ""},
	{"lhr", "London", atLondon, ""},
	{"mad", "Madrid", atMadrid, ""},
	{"man", "Manchester", atManchester, ""},
	{"mel", "Melbourne", atMelbourne, ""},
	{"mex", "Mexico City", atMexicoCity, ""},
	{"mia", "Miami", atMiami, ""},
	{"nrt", "Tokyo", atTokyo, ""},
	{"ord", "Chicago", atChicago, ""},
	{"sao", "São Paulo", atSaoPaulo, ""},
	{"scl", "Santiago", atSantiago, ""},
	{"sea", "Seattle", atSeattle, ""},
	{"sgp", "Singapore", atSingapore, ""},
	{"sjc", "Silicon Valley", atSanJose, "Vultr names Silicon Valley; the point is San Jose"},
	{"sto", "Stockholm", atStockholm, ""},
	{"syd", "Sydney", atSydney, ""},
	{"tlv", "Tel Aviv", atTelAviv, ""},
	{"waw", "Warsaw", atWarsaw, ""},
	{"yto", "Toronto", atToronto, ""},
}

const vultrObj = "Object Storage cluster"

var vultrObjectClusters = []entry{
	{"ams1", "Amsterdam", atAmsterdam, vultrObj},
	{"blr1", "Bangalore", atBangalore, vultrObj},
	{"del1", "Delhi NCR", atDelhi, vultrObj},
	{"ewr1", "New Jersey", atPiscataway, vultrObj},
	{"sgp1", "Singapore", atSingapore, vultrObj},
	{"sjc1", "Silicon Valley", atSanJose, vultrObj},
}
