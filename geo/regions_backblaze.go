package geo

// Backblaze B2 regions (cluster codes as in s3.<code>.backblazeb2.com).
// Backblaze names the region, not the data centre: US West clusters are in
// the Sacramento area or in Phoenix.

func init() {
	register("backblaze", "", backblazeRegions)
}

const backblazeUSWest = "Backblaze names US West (data centres around Sacramento, CA and in Phoenix, AZ); the point is Sacramento"

var backblazeRegions = []entry{
	{"ca-east-006", "CA East", atToronto, "Backblaze names CA East; the point is Toronto"},
	{"eu-central-003", "EU Central", atAmsterdam, "Backblaze names EU Central; the data centre is in Amsterdam"},
	{"us-east-005", "US East", atReston, "Backblaze names US East; the data centre is in Reston, Virginia"},
	{"us-west-000", "US West", atSacramento, backblazeUSWest},
	{"us-west-001", "US West", atSacramento, backblazeUSWest},
	{"us-west-002", "US West", atSacramento, backblazeUSWest},
	{"us-west-003", "US West", atSacramento, backblazeUSWest},
	{"us-west-004", "US West", atSacramento, backblazeUSWest},
}
