package geo

// AWS regions of the partitions aws, aws-cn, aws-us-gov and aws-eusc, as the
// SDK's partitions data lists them (TestAWSCatalogCoversSDK checks that).
// Names are the SDK's descriptions. AWS publishes a city for most regions;
// where it names only a country or a state the note says which point we use.
// The isolated partitions (aws-iso*) are classified and not listed.

func init() {
	register("aws", "aws", awsRegions)
	register("aws", "aws-cn", awsChinaRegions)
	register("aws", "aws-us-gov", awsGovCloudRegions)
	register("aws", "aws-eusc", awsEUSCRegions)
}

var awsRegions = []entry{
	{"af-south-1", "Africa (Cape Town)", atCapeTown, ""},
	{"ap-east-1", "Asia Pacific (Hong Kong)", atHongKong, ""},
	{"ap-east-2", "Asia Pacific (Taipei)", atTaipei, ""},
	{"ap-northeast-1", "Asia Pacific (Tokyo)", atTokyo, ""},
	{"ap-northeast-2", "Asia Pacific (Seoul)", atSeoul, ""},
	{"ap-northeast-3", "Asia Pacific (Osaka)", atOsaka, ""},
	{"ap-south-1", "Asia Pacific (Mumbai)", atMumbai, ""},
	{"ap-south-2", "Asia Pacific (Hyderabad)", atHyderabad, ""},
	{"ap-southeast-1", "Asia Pacific (Singapore)", atSingapore, ""},
	{"ap-southeast-2", "Asia Pacific (Sydney)", atSydney, ""},
	{"ap-southeast-3", "Asia Pacific (Jakarta)", atJakarta, ""},
	{"ap-southeast-4", "Asia Pacific (Melbourne)", atMelbourne, ""},
	{"ap-southeast-5", "Asia Pacific (Malaysia)", atKualaLumpur, "AWS names only the country; the point is the capital, Kuala Lumpur"},
	{"ap-southeast-6", "Asia Pacific (New Zealand)", atAuckland, "AWS names only the country; the region is in Auckland"},
	{"ap-southeast-7", "Asia Pacific (Thailand)", atBangkok, "AWS names only the country; the point is the capital, Bangkok"},
	{"ca-central-1", "Canada (Central)", atMontreal, "AWS names Canada (Central); the region is in the Montreal area"},
	{"ca-west-1", "Canada West (Calgary)", atCalgary, ""},
	{"eu-central-1", "Europe (Frankfurt)", atFrankfurt, ""},
	{"eu-central-2", "Europe (Zurich)", atZurich, ""},
	{"eu-north-1", "Europe (Stockholm)", atStockholm, ""},
	{"eu-south-1", "Europe (Milan)", atMilan, ""},
	{"eu-south-2", "Europe (Spain)", atZaragoza, "AWS names only the country; the region is in Aragón, the point is Zaragoza"},
	{"eu-west-1", "Europe (Ireland)", atDublin, "AWS names only the country; the region is in the Dublin area"},
	{"eu-west-2", "Europe (London)", atLondon, ""},
	{"eu-west-3", "Europe (Paris)", atParis, ""},
	{"il-central-1", "Israel (Tel Aviv)", atTelAviv, ""},
	{"me-central-1", "Middle East (UAE)", atAbuDhabi, "AWS names only the country; the point is the capital, Abu Dhabi"},
	{"me-south-1", "Middle East (Bahrain)", atManama, "AWS names only the country; the point is the capital, Manama"},
	{"mx-central-1", "Mexico (Central)", atQueretaro, "AWS names Mexico (Central); the region is in Querétaro"},
	{"sa-east-1", "South America (Sao Paulo)", atSaoPaulo, ""},
	{"us-east-1", "US East (N. Virginia)", atAshburn, "AWS names Northern Virginia; the point is Ashburn"},
	{"us-east-2", "US East (Ohio)", atColumbus, "AWS names the state; the region is in the Columbus area"},
	{"us-west-1", "US West (N. California)", atSanJose, "AWS names Northern California; the point is San Jose, in the San Francisco Bay Area"},
	{"us-west-2", "US West (Oregon)", atBoardman, "AWS names the state; the region's data centres are around Boardman"},
}

var awsChinaRegions = []entry{
	{"cn-north-1", "China (Beijing)", atBeijing, "operated by Beijing Sinnet Technology, not by AWS"},
	{"cn-northwest-1", "China (Ningxia)", atZhongwei, "operated by Ningxia Western Cloud Data (NWCD), not by AWS; the region is in Zhongwei"},
}

var awsGovCloudRegions = []entry{
	{"us-gov-east-1", "AWS GovCloud (US-East)", atColumbus, "AWS publishes no location; GovCloud US-East is reported to be in Ohio, the point is Columbus"},
	{"us-gov-west-1", "AWS GovCloud (US-West)", atBoardman, "AWS publishes no location; GovCloud US-West is reported to be in Oregon, the point is Boardman"},
}

var awsEUSCRegions = []entry{
	{"eusc-de-east-1", "AWS European Sovereign Cloud (Germany)", atBrandenburg, "AWS European Sovereign Cloud, operated by an AWS subsidiary in Germany with EU-resident staff; AWS names the state of Brandenburg, the point is its capital, Potsdam"},
}
