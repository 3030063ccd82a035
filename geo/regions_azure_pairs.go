package geo

import "strings"

// Azure's region pairs: where geo-redundant storage (GRS, RA-GRS, GZRS,
// RA-GZRS) and geo-redundant backup vaults keep their second copy when the
// API does not say. From Microsoft's table, "Azure region pairs and
// nonpaired regions":
// https://learn.microsoft.com/en-us/azure/reliability/cross-region-replication-azure
// (reviewed 2026-12-04). A pair marked one-way there (Brazil South → South
// Central US, West US 3 → East US, West India → South India) is listed
// from the first region only. Regions absent have no pair (Italy North,
// Poland Central, Qatar Central, Spain Central…).
var azurePairs = map[string]string{
	"australiacentral": "australiacentral2", "australiacentral2": "australiacentral",
	"australiaeast": "australiasoutheast", "australiasoutheast": "australiaeast",
	"brazilsouth": "southcentralus", "brazilsoutheast": "brazilsouth",
	"canadacentral": "canadaeast", "canadaeast": "canadacentral",
	"chinanorth": "chinaeast", "chinaeast": "chinanorth",
	"chinanorth2": "chinaeast2", "chinaeast2": "chinanorth2",
	"chinanorth3": "chinaeast3", "chinaeast3": "chinanorth3",
	"eastasia": "southeastasia", "southeastasia": "eastasia",
	"northeurope": "westeurope", "westeurope": "northeurope",
	"francecentral": "francesouth", "francesouth": "francecentral",
	"germanywestcentral": "germanynorth", "germanynorth": "germanywestcentral",
	"centralindia": "southindia", "southindia": "centralindia", "westindia": "southindia",
	"japaneast": "japanwest", "japanwest": "japaneast",
	"koreacentral": "koreasouth", "koreasouth": "koreacentral",
	"norwayeast": "norwaywest", "norwaywest": "norwayeast",
	"southafricanorth": "southafricawest", "southafricawest": "southafricanorth",
	"swedencentral": "swedensouth", "swedensouth": "swedencentral",
	"switzerlandnorth": "switzerlandwest", "switzerlandwest": "switzerlandnorth",
	"uaenorth": "uaecentral", "uaecentral": "uaenorth",
	"uksouth": "ukwest", "ukwest": "uksouth",
	"eastus": "westus", "westus": "eastus",
	"eastus2": "centralus", "centralus": "eastus2",
	"northcentralus": "southcentralus", "southcentralus": "northcentralus",
	"westus2": "westcentralus", "westcentralus": "westus2",
	"westus3":       "eastus",
	"usgovvirginia": "usgovtexas", "usgovtexas": "usgovvirginia",
	"usgovarizona": "usgovtexas", "usgoviowa": "usgovvirginia",
	"usdodcentral": "usdodeast", "usdodeast": "usdodcentral",
	// Microsoft Cloud Deutschland (closed 2021) paired its two regions.
	"germanycentral": "germanynortheast", "germanynortheast": "germanycentral",
}

// AzurePair returns the region Microsoft pairs with an Azure region, if it
// has one.
func AzurePair(region string) (string, bool) {
	p, ok := azurePairs[strings.ToLower(region)]
	return p, ok
}
