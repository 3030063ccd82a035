package geo

// Hetzner locations (Cloud, Object Storage); data-centre codes such as
// "fsn1-dc14" resolve to their location.

func init() {
	register("hetzner", "", hetznerRegions)
}

var hetznerRegions = []entry{
	{"ash", "Ashburn, VA", atAshburn, ""},
	{"fsn1", "Falkenstein", atFalkenstein, ""},
	{"hel1", "Helsinki", atHelsinki, "the data-centre park is in Tuusula, north of Helsinki"},
	{"hil", "Hillsboro, OR", atHillsboro, ""},
	{"nbg1", "Nuremberg", atNuremberg, ""},
	{"sin", "Singapore", atSingapore, ""},
}
