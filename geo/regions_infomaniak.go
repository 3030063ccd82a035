package geo

// Infomaniak Public Cloud regions and the Swiss Backup S3 service. Infomaniak
// stores all data in Switzerland and documents the country, not a city.

func init() {
	register("infomaniak", "", infomaniakRegions)
}

const infomaniakGeneva = "Infomaniak documents Switzerland; its data centres are in the Geneva area"

var infomaniakRegions = []entry{
	{"dc3-a", "Public Cloud dc3-a", atGeneva, infomaniakGeneva},
	{"dc4-a", "Public Cloud dc4-a", atGeneva, infomaniakGeneva},
	{"us-east-1", "Swiss Backup (S3 compatibility region)", atGeneva, "an S3 compatibility code, not a US location: Swiss Backup stores all data in Switzerland; the point is Geneva"},
}
