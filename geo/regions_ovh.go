package geo

// OVHcloud regions: Public Cloud / Object Storage region codes and the
// data-centre codes behind them. OpenStack region names with a number
// ("GRA11", "SBG5", "DE1") resolve to their location. The US regions are run
// by OVHcloud US, a separate US company, not by the French OVH SAS.

func init() {
	register("ovh", "", ovhRegions)
}

const ovhUS = "run by OVHcloud US (OVH US LLC), a separate US entity"

var ovhRegions = []entry{
	{"ap-south-mum", "Mumbai", atMumbai, ""},
	{"ap-southeast-syd", "Sydney", atSydney, ""},
	{"bhs", "Beauharnois", atBeauharnois, ""},
	{"ca-east-tor", "Toronto", atToronto, ""},
	{"de", "Frankfurt", atFrankfurt, ""},
	{"eu-south-mil", "Milan (3-AZ)", atMilan, ""},
	{"eu-west-par", "Paris (3-AZ)", atParis, ""},
	{"gra", "Gravelines", atGravelines, ""},
	{"hil", "Hillsboro, Oregon", atHillsboro, ovhUS},
	{"lim", "Limburg", atLimburg, ""},
	{"rbx", "Roubaix", atRoubaix, ""},
	{"rbx-archive", "Roubaix (Cold Archive)", atRoubaix, ""},
	{"sbg", "Strasbourg", atStrasbourg, ""},
	{"sgp", "Singapore", atSingapore, ""},
	{"syd", "Sydney", atSydney, ""},
	{"uk", "London", atLondon, ""},
	{"us-east-va", "Vint Hill, Virginia", atVintHill, ovhUS},
	{"us-west-or", "Hillsboro, Oregon", atHillsboro, ovhUS},
	{"vin", "Vint Hill, Virginia", atVintHill, ovhUS},
	{"waw", "Warsaw", atWarsaw, ""},
}
