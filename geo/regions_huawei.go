package geo

// Huawei Cloud regions (as used by ECS and OBS: obs.<region>.myhuaweicloud.com).

func init() {
	register("huawei", "", huaweiRegions)
}

var huaweiRegions = []entry{
	{"ae-ad-1", "ME-Abu Dhabi", atAbuDhabi, ""},
	{"af-north-1", "AF-Cairo", atCairo, ""},
	{"af-south-1", "AF-Johannesburg", atJohannesburg, ""},
	{"ap-southeast-1", "CN-Hong Kong", atHongKong, ""},
	{"ap-southeast-2", "AP-Bangkok", atBangkok, ""},
	{"ap-southeast-3", "AP-Singapore", atSingapore, ""},
	{"ap-southeast-4", "AP-Jakarta", atJakarta, ""},
	{"ap-southeast-5", "AP-Manila", atManila, ""},
	{"cn-east-2", "CN East-Shanghai2", atShanghai, ""},
	{"cn-east-3", "CN East-Shanghai1", atShanghai, ""},
	{"cn-north-1", "CN North-Beijing1", atBeijing, ""},
	{"cn-north-2", "CN North-Beijing2", atBeijing, ""},
	{"cn-north-4", "CN North-Beijing4", atBeijing, ""},
	{"cn-north-9", "CN North-Ulanqab1", atUlanqab, ""},
	{"cn-south-1", "CN South-Guangzhou", atGuangzhou, ""},
	{"cn-south-2", "CN South-Shenzhen", atShenzhen, ""},
	{"cn-southwest-2", "CN Southwest-Guiyang1", atGuiyang, ""},
	{"eu-west-0", "EU-Paris", atParis, ""},
	{"eu-west-101", "EU-Dublin", atDublin, ""},
	{"la-north-2", "LA-Mexico City2", atMexicoCity, ""},
	{"la-south-2", "LA-Santiago", atSantiago, ""},
	{"me-east-1", "ME-Riyadh", atRiyadh, ""},
	{"my-kualalumpur-1", "AP-Kuala Lumpur", atKualaLumpur, ""},
	{"na-mexico-1", "LA-Mexico City1", atMexicoCity, ""},
	{"ru-moscow-1", "RU-Moscow", atMoscow, ""},
	{"ru-northwest-2", "RU-Moscow2", atMoscow, ""},
	{"sa-argentina-1", "LA-Buenos Aires1", atBuenosAires, ""},
	{"sa-brazil-1", "LA-Sao Paulo1", atSaoPaulo, ""},
	{"sa-chile-1", "LA-Santiago2", atSantiago, ""},
	{"sa-peru-1", "LA-Lima1", atLima, ""},
	{"tr-west-1", "TR-Istanbul", atIstanbul, ""},
}
