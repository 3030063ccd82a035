package geo

// DigitalOcean data-centre regions (Droplets; Spaces uses the same codes:
// <region>.digitaloceanspaces.com).

func init() {
	register("digitalocean", "", digitaloceanRegions)
}

var digitaloceanRegions = []entry{
	{"ams2", "Amsterdam 2", atAmsterdam, ""},
	{"ams3", "Amsterdam 3", atAmsterdam, ""},
	{"atl1", "Atlanta 1", atAtlanta, ""},
	{"blr1", "Bangalore 1", atBangalore, ""},
	{"fra1", "Frankfurt 1", atFrankfurt, ""},
	{"lon1", "London 1", atLondon, ""},
	{"nyc1", "New York 1", atNewYork, ""},
	{"nyc2", "New York 2", atNewYork, ""},
	{"nyc3", "New York 3", atNewYork, ""},
	{"sfo1", "San Francisco 1", atSanFrancisco, ""},
	{"sfo2", "San Francisco 2", atSanFrancisco, ""},
	{"sfo3", "San Francisco 3", atSanFrancisco, ""},
	{"sgp1", "Singapore 1", atSingapore, ""},
	{"syd1", "Sydney 1", atSydney, ""},
	{"tor1", "Toronto 1", atToronto, ""},
}
