package geo

// Wasabi storage regions (s3.<region>.wasabisys.com). Wasabi names a city
// for most regions and a state or country for some.

func init() {
	register("wasabi", "", wasabiRegions)
}

var wasabiRegions = []entry{
	{"ap-northeast-1", "AP Northeast 1 (Tokyo)", atTokyo, ""},
	{"ap-northeast-2", "AP Northeast 2 (Osaka)", atOsaka, ""},
	{"ap-southeast-1", "AP Southeast 1 (Singapore)", atSingapore, ""},
	{"ap-southeast-2", "AP Southeast 2 (Sydney)", atSydney, ""},
	{"ca-central-1", "CA Central 1 (Toronto)", atToronto, ""},
	{"eu-central-1", "EU Central 1 (Amsterdam)", atAmsterdam, ""},
	{"eu-central-2", "EU Central 2 (Frankfurt)", atFrankfurt, ""},
	{"eu-south-1", "EU South 1 (Milan)", atMilan, ""},
	{"eu-west-1", "EU West 1 (London)", atLondon, ""},
	{"eu-west-2", "EU West 2 (Paris)", atParis, ""},
	{"eu-west-3", "EU West 3 (United Kingdom)", atLondon, "Wasabi names only the country; the point is London"},
	{"us-central-1", "US Central 1 (Texas)", atPlano, "Wasabi names Texas; the point is Plano, in the Dallas area"},
	{"us-east-1", "US East 1 (N. Virginia)", atAshburn, "Wasabi names Northern Virginia; the point is Ashburn"},
	{"us-east-2", "US East 2 (N. Virginia)", atManassas, "Wasabi names Northern Virginia; the point is Manassas"},
	{"us-west-1", "US West 1 (Oregon)", atHillsboro, "Wasabi names Oregon; the point is Hillsboro"},
	{"us-west-2", "US West 2 (San Jose)", atSanJose, ""},
}
