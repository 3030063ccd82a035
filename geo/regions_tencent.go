package geo

// Tencent Cloud regions (as used by CVM and COS: cos.<region>.myqcloud.com).

func init() {
	register("tencent", "", tencentRegions)
}

var tencentRegions = []entry{
	{"ap-bangkok", "Bangkok", atBangkok, ""},
	{"ap-beijing", "Beijing", atBeijing, ""},
	{"ap-beijing-fsi", "Beijing Finance", atBeijing, "financial-industry zone"},
	{"ap-chengdu", "Chengdu", atChengdu, ""},
	{"ap-chongqing", "Chongqing", atChongqing, ""},
	{"ap-guangzhou", "Guangzhou", atGuangzhou, ""},
	{"ap-hongkong", "Hong Kong", atHongKong, ""},
	{"ap-jakarta", "Jakarta", atJakarta, ""},
	{"ap-mumbai", "Mumbai", atMumbai, ""},
	{"ap-nanjing", "Nanjing", atNanjing, ""},
	{"ap-seoul", "Seoul", atSeoul, ""},
	{"ap-shanghai", "Shanghai", atShanghai, ""},
	{"ap-shanghai-fsi", "Shanghai Finance", atShanghai, "financial-industry zone"},
	{"ap-shenzhen-fsi", "Shenzhen Finance", atShenzhen, "financial-industry zone"},
	{"ap-singapore", "Singapore", atSingapore, ""},
	{"ap-taipei", "Taipei", atTaipei, ""},
	{"ap-tokyo", "Tokyo", atTokyo, ""},
	{"eu-frankfurt", "Frankfurt", atFrankfurt, ""},
	{"eu-moscow", "Moscow", atMoscow, ""},
	{"na-ashburn", "Virginia (US East)", atAshburn, ""},
	{"na-siliconvalley", "Silicon Valley (US West)", atSanJose, "Tencent names Silicon Valley; the point is San Jose"},
	{"na-toronto", "Toronto", atToronto, ""},
	{"sa-saopaulo", "São Paulo", atSaoPaulo, ""},
}
