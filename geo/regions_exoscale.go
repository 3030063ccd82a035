package geo

// Exoscale zones (also the Object Storage regions: sos-<zone>.exo.io).

func init() {
	register("exoscale", "", exoscaleRegions)
}

var exoscaleRegions = []entry{
	{"at-vie-1", "Vienna", atVienna, ""},
	{"at-vie-2", "Vienna", atVienna, ""},
	{"bg-sof-1", "Sofia", atSofia, ""},
	{"ch-dk-2", "Zurich", atZurich, ""},
	{"ch-gva-2", "Geneva", atGeneva, ""},
	{"de-fra-1", "Frankfurt", atFrankfurt, ""},
	{"de-muc-1", "Munich", atMunich, ""},
	// Zagreb, Croatia: named in Exoscale's zone list as compared in the
	// catalogs' review of 2026 (not rechecked against Exoscale's page).
	{"hr-zag-1", "Zagreb", atZagreb, ""},
}
