package geo

// Alibaba Cloud regions (region ids as used by ECS and OSS; an OSS endpoint
// "oss-cn-hangzhou" carries the id after "oss-").

func init() {
	register("alibaba", "", alibabaRegions)
}

var alibabaRegions = []entry{
	{"ap-northeast-1", "Japan (Tokyo)", atTokyo, ""},
	{"ap-northeast-2", "South Korea (Seoul)", atSeoul, ""},
	{"ap-south-1", "India (Mumbai)", atMumbai, "closure announced by Alibaba Cloud in 2024"},
	{"ap-southeast-1", "Singapore", atSingapore, ""},
	{"ap-southeast-2", "Australia (Sydney)", atSydney, "closure announced by Alibaba Cloud in 2024"},
	{"ap-southeast-3", "Malaysia (Kuala Lumpur)", atKualaLumpur, ""},
	{"ap-southeast-5", "Indonesia (Jakarta)", atJakarta, ""},
	{"ap-southeast-6", "Philippines (Manila)", atManila, ""},
	{"ap-southeast-7", "Thailand (Bangkok)", atBangkok, ""},
	{"cn-beijing", "China (Beijing)", atBeijing, ""},
	{"cn-chengdu", "China (Chengdu)", atChengdu, ""},
	{"cn-fuzhou", "China (Fuzhou - Local Region)", atFuzhou, ""},
	{"cn-guangzhou", "China (Guangzhou)", atGuangzhou, ""},
	{"cn-hangzhou", "China (Hangzhou)", atHangzhou, ""},
	{"cn-heyuan", "China (Heyuan)", atHeyuan, ""},
	{"cn-hongkong", "China (Hong Kong)", atHongKong, ""},
	{"cn-huhehaote", "China (Hohhot)", atHohhot, ""},
	{"cn-nanjing", "China (Nanjing - Local Region)", atNanjing, ""},
	{"cn-qingdao", "China (Qingdao)", atQingdao, ""},
	{"cn-shanghai", "China (Shanghai)", atShanghai, ""},
	{"cn-shenzhen", "China (Shenzhen)", atShenzhen, ""},
	{"cn-wuhan-lr", "China (Wuhan - Local Region)", atWuhan, ""},
	{"cn-wulanchabu", "China (Ulanqab)", atUlanqab, ""},
	{"cn-zhangjiakou", "China (Zhangjiakou)", atZhangjiakou, ""},
	{"eu-central-1", "Germany (Frankfurt)", atFrankfurt, ""},
	{"eu-west-1", "UK (London)", atLondon, ""},
	{"me-central-1", "Saudi Arabia (Riyadh)", atRiyadh, "operated by a joint venture (SCCC)"},
	{"me-east-1", "UAE (Dubai)", atDubai, ""},
	{"us-east-1", "US (Virginia)", atAshburn, "Alibaba names Virginia; the point is Ashburn"},
	{"us-west-1", "US (Silicon Valley)", atSanJose, "Alibaba names Silicon Valley; the point is San Jose"},
}
