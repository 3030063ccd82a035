package geo

// Cloudflare R2: jurisdictions ("eu", "fedramp", "us"; the S3 endpoint is
// <account>.<jurisdiction>.r2.cloudflarestorage.com) guarantee where data is
// stored; location hints (LocationConstraint "WNAM", ...) are best effort and
// name only an area; "auto" (the default) places the bucket near whoever
// created it. None of these is a city: every entry is an area.

func init() {
	register("cloudflare", "", cloudflareRegions)
}

var cloudflareRegions = []entry{
	{"apac", "Asia-Pacific (location hint)", inAPAC, "R2 location hint, best effort, not a guarantee"},
	{"auto", "Automatic", worldwide, "R2 default: the bucket is placed near where it was created, which the code does not tell"},
	{"eeur", "Eastern Europe (location hint)", inEasternEU, "R2 location hint, best effort, not a guarantee"},
	{"enam", "Eastern North America (location hint)", inEasternNA, "R2 location hint, best effort, not a guarantee"},
	{"eu", "European Union (jurisdiction)", inEU, "R2 jurisdiction: data stored and processed in the EU"},
	{"fedramp", "FedRAMP (jurisdiction)", inUS, "R2 jurisdiction: data stored and processed in Cloudflare's FedRAMP environment in the US"},
	{"oc", "Oceania (location hint)", inOceania, "R2 location hint, best effort, not a guarantee"},
	{"us", "United States (jurisdiction)", inUS, "R2 jurisdiction: data stored and processed in the US"},
	{"weur", "Western Europe (location hint)", inWesternEU, "R2 location hint, best effort, not a guarantee"},
	{"wnam", "Western North America (location hint)", inWesternNA, "R2 location hint, best effort, not a guarantee"},
}
