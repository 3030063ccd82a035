package geo

// Azure regions by their programmatic names (az account list-locations
// "name"), with the display name. Azure documents a city for most regions
// and only a state or country for some; the note then says which point we
// use. Logical and staging locations ("global", "eastusstg", "brazilus") are
// not places and are left out.

func init() {
	register("azure", "", azureRegions)
	register("azure", "", azureChinaRegions)
	register("azure", "", azureGovernmentRegions)
	register("azure", "", azureHistoricRegions)
}

var azureRegions = []entry{
	{"australiacentral", "Australia Central", atCanberra, ""},
	{"australiacentral2", "Australia Central 2", atCanberra, ""},
	{"australiaeast", "Australia East", atSydney, "Azure names New South Wales; the point is Sydney"},
	{"australiasoutheast", "Australia Southeast", atMelbourne, "Azure names Victoria; the point is Melbourne"},
	{"austriaeast", "Austria East", atVienna, ""},
	{"belgiumcentral", "Belgium Central", atBrussels, ""},
	{"brazilsouth", "Brazil South", atSaoPaulo, "Azure names São Paulo State; the point is São Paulo"},
	{"brazilsoutheast", "Brazil Southeast", atRioDeJaneiro, ""},
	{"canadacentral", "Canada Central", atToronto, ""},
	{"canadaeast", "Canada East", atQuebecCity, ""},
	{"centralindia", "Central India", atPune, ""},
	{"centralus", "Central US", atDesMoines, "Azure names Iowa; the point is Des Moines"},
	{"centraluseuap", "Central US EUAP", atDesMoines, "early-access (canary) region; Azure names Iowa, the point is Des Moines"},
	{"chilecentral", "Chile Central", atSantiago, ""},
	{"denmarkeast", "Denmark East", atCopenhagen, ""},
	{"eastasia", "East Asia", atHongKong, ""},
	{"eastus", "East US", atBoydton, "Azure names Virginia; the point is Boydton, Microsoft's Virginia campus"},
	{"eastus2", "East US 2", atBoydton, "Azure names Virginia; the point is Boydton, Microsoft's Virginia campus"},
	{"eastus2euap", "East US 2 EUAP", atBoydton, "early-access (canary) region; Azure names Virginia, the point is Boydton"},
	{"francecentral", "France Central", atParis, ""},
	{"francesouth", "France South", atMarseille, ""},
	{"germanynorth", "Germany North", atBerlin, ""},
	{"germanywestcentral", "Germany West Central", atFrankfurt, ""},
	{"indiasouthcentral", "India South Central", atHyderabad, ""},
	{"indonesiacentral", "Indonesia Central", atJakarta, ""},
	{"israelcentral", "Israel Central", atTelAviv, "Azure names only the country; the point is Tel Aviv"},
	{"italynorth", "Italy North", atMilan, ""},
	{"japaneast", "Japan East", atTokyo, "Azure names Tokyo and Saitama; the point is Tokyo"},
	{"japanwest", "Japan West", atOsaka, ""},
	{"jioindiacentral", "Jio India Central", atNagpur, "run with Reliance Jio"},
	{"jioindiawest", "Jio India West", atJamnagar, "run with Reliance Jio"},
	{"koreacentral", "Korea Central", atSeoul, ""},
	{"koreasouth", "Korea South", atBusan, ""},
	{"malaysiawest", "Malaysia West", atKualaLumpur, ""},
	{"mexicocentral", "Mexico Central", atQueretaro, ""},
	{"newzealandnorth", "New Zealand North", atAuckland, ""},
	{"northcentralus", "North Central US", atChicago, "Azure names Illinois; the point is Chicago"},
	{"northeurope", "North Europe", atDublin, "Azure names Ireland; the region is in the Dublin area"},
	{"norwayeast", "Norway East", atOslo, ""},
	{"norwaywest", "Norway West", atStavanger, ""},
	{"polandcentral", "Poland Central", atWarsaw, ""},
	{"qatarcentral", "Qatar Central", atDoha, ""},
	{"southafricanorth", "South Africa North", atJohannesburg, ""},
	{"southafricawest", "South Africa West", atCapeTown, ""},
	{"southcentralus", "South Central US", atSanAntonio, "Azure names Texas; the point is San Antonio"},
	{"southeastasia", "Southeast Asia", atSingapore, ""},
	{"southindia", "South India", atChennai, ""},
	{"spaincentral", "Spain Central", atMadrid, ""},
	{"swedencentral", "Sweden Central", atGavle, ""},
	{"swedensouth", "Sweden South", atMalmo, "restricted-access region"},
	{"switzerlandnorth", "Switzerland North", atZurich, ""},
	{"switzerlandwest", "Switzerland West", atGeneva, ""},
	{"taiwannorth", "Taiwan North", atTaipei, "restricted-access region"},
	{"uaecentral", "UAE Central", atAbuDhabi, ""},
	{"uaenorth", "UAE North", atDubai, ""},
	{"uksouth", "UK South", atLondon, ""},
	{"ukwest", "UK West", atCardiff, ""},
	{"westcentralus", "West Central US", atCheyenne, "Azure names Wyoming; the point is Cheyenne"},
	{"westeurope", "West Europe", atAmsterdam, "Azure names the Netherlands; the point is Amsterdam"},
	{"westindia", "West India", atMumbai, ""},
	{"westus", "West US", atSanJose, "Azure names California; the point is San Jose, in the San Francisco Bay Area"},
	{"westus2", "West US 2", atQuincy, "Azure names Washington; the point is Quincy"},
	{"westus3", "West US 3", atPhoenix, ""},
}

// Azure operated in China by 21Vianet (a separate cloud, azure.cn).
var azureChinaRegions = []entry{
	{"chinaeast", "China East", atShanghai, "Azure China, operated by 21Vianet"},
	{"chinaeast2", "China East 2", atShanghai, "Azure China, operated by 21Vianet"},
	// Microsoft's region list for Azure in China gives only "China" as the
	// physical location of China East 3 (learn.microsoft.com/azure/china/
	// overview-regions, docs.azure.cn/reliability/regions-list); the city is
	// not documented, so the point is Shanghai, the hub of "China East",
	// at low precision.
	{"chinaeast3", "China East 3", areaIn("CN", atShanghai), "Azure China, operated by 21Vianet; access-restricted region whose city Microsoft does not document (Jiangsu is reported, not confirmed)"},
	{"chinanorth", "China North", atBeijing, "Azure China, operated by 21Vianet"},
	{"chinanorth2", "China North 2", atBeijing, "Azure China, operated by 21Vianet"},
	{"chinanorth3", "China North 3", atZhangjiakou, "Azure China, operated by 21Vianet; Azure names Hebei, the point is Zhangjiakou"},
}

// Azure Government (US), a separate cloud.
var azureGovernmentRegions = []entry{
	{"usdodcentral", "US DoD Central", atDesMoines, "Azure Government (DoD); Azure names Iowa, the point is Des Moines"},
	{"usdodeast", "US DoD East", atBoydton, "Azure Government (DoD); Azure names Virginia, the point is Boydton"},
	{"usgovarizona", "US Gov Arizona", atPhoenix, "Azure Government; Azure names Arizona, the point is Phoenix"},
	{"usgoviowa", "US Gov Iowa", atDesMoines, "Azure Government; Azure names Iowa, the point is Des Moines"},
	{"usgovtexas", "US Gov Texas", atSanAntonio, "Azure Government; Azure names Texas, the point is San Antonio"},
	{"usgovvirginia", "US Gov Virginia", atBoydton, "Azure Government; Azure names Virginia, the point is Boydton"},
	// Azure Government Secret: region names from the Azure Cosmos DB SDK's
	// Regions constants (learn.microsoft.com/dotnet/api/
	// microsoft.azure.cosmos.regions.usseceast, .ussecwest,
	// .ussecwestcentral). Their sites are not public: country level only.
	{"usseceast", "USSec East", inUS, "Azure Government Secret; the site is not public, only the country is known"},
	{"ussecwest", "USSec West", inUS, "Azure Government Secret; the site is not public, only the country is known"},
	{"ussecwestcentral", "USSec West Central", inUS, "Azure Government Secret; the site is not public, only the country is known"},
}

// Microsoft Cloud Deutschland: a separate cloud under a German data trustee
// (T-Systems), closed in October 2021. Old configurations still name it.
var azureHistoricRegions = []entry{
	{"germanycentral", "Germany Central", atFrankfurt, "historic: Microsoft Cloud Deutschland (T-Systems as data trustee), closed 2021"},
	{"germanynortheast", "Germany Northeast", atMagdeburg, "historic: Microsoft Cloud Deutschland (T-Systems as data trustee), closed 2021"},
}
