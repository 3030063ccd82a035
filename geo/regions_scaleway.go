package geo

// Scaleway regions; zones ("fr-par-2") resolve to their region.

func init() {
	register("scaleway", "", scalewayRegions)
}

var scalewayRegions = []entry{
	{"fr-par", "Paris", atParis, ""},
	{"it-mil", "Milan", atMilan, ""},
	{"nl-ams", "Amsterdam", atAmsterdam, ""},
	{"pl-waw", "Warsaw", atWarsaw, ""},
}
