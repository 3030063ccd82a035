// Package azure scans Microsoft's clouds, read-only: the storage of every
// Azure subscription an identity can read, through Azure Resource Manager
// (Factory, kind "azure"), and the Microsoft 365 tenant it belongs to,
// through Microsoft Graph (M365Factory, kind "microsoft-365").
//
// The two kinds are one package because they share everything but their
// listers: the sign-in (azidentity: the environment's service principal,
// the Azure CLI's session, a browser sign-in with the user's own app
// registration, or a service principal whose secret lives in the keyring),
// the cloud (public, China by 21Vianet, US Government, or a JSON file that
// points elsewhere), the read-only pipeline that refuses any method but GET
// and HEAD before a request leaves the process, and the way an error becomes
// a gap naming the role or permission to grant. ARM's storage accounts and
// subscriptions go through their SDK modules (armstorage, armsubscriptions);
// the other listers and Graph are plain GETs through the same azcore
// pipeline, decoding only the fields Reachmap reads, which keeps the binary
// small (no compute SDK, no msgraph SDK).
package azure

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
)

// EnvCloud names the cloud to scan: AzurePublic (the default), AzureChina,
// AzureGovernment, or the path of a JSON file describing one.
const EnvCloud = "REACHMAP_AZURE_CLOUD"

// Cloud is one Microsoft cloud's endpoints. The JSON names are the
// contract of the file REACHMAP_AZURE_CLOUD may point to.
type Cloud struct {
	Name                    string `json:"name"`
	AuthorityHost           string `json:"authority_host"`
	ResourceManager         string `json:"resource_manager"`
	ResourceManagerAudience string `json:"resource_manager_audience"`
	Graph                   string `json:"graph"`
	// Custom is set for a cloud read from a file: Microsoft's instance
	// discovery, which only knows its own clouds, is then turned off.
	Custom bool `json:"-"`
}

// The built-in clouds, with the endpoints Microsoft documents for each.
var (
	AzurePublic = Cloud{Name: "AzurePublic", AuthorityHost: "https://login.microsoftonline.com/",
		ResourceManager: "https://management.azure.com/", ResourceManagerAudience: "https://management.core.windows.net/",
		Graph: "https://graph.microsoft.com/"}
	// AzureChina is operated by 21Vianet, under Chinese law.
	AzureChina = Cloud{Name: "AzureChina", AuthorityHost: "https://login.chinacloudapi.cn/",
		ResourceManager: "https://management.chinacloudapi.cn/", ResourceManagerAudience: "https://management.core.chinacloudapi.cn/",
		Graph: "https://microsoftgraph.chinacloudapi.cn/"}
	AzureGovernment = Cloud{Name: "AzureGovernment", AuthorityHost: "https://login.microsoftonline.us/",
		ResourceManager: "https://management.usgovcloudapi.net/", ResourceManagerAudience: "https://management.core.usgovcloudapi.net/",
		Graph: "https://graph.microsoft.us/"}
)

// ParseCloud reads REACHMAP_AZURE_CLOUD's value: empty or a built-in name
// (case-insensitive), else the path of a JSON file.
func ParseCloud(v string) (Cloud, error) {
	v = strings.TrimSpace(v)
	switch strings.ToLower(v) {
	case "", "azurepublic", "azurecloud", "public":
		return AzurePublic, nil
	case "azurechina", "azurechinacloud", "china":
		return AzureChina, nil
	case "azuregovernment", "azureusgovernment", "usgovernment":
		return AzureGovernment, nil
	}
	data, err := os.ReadFile(v)
	if err != nil {
		return Cloud{}, fmt.Errorf("%s=%q is neither AzurePublic, AzureChina, AzureGovernment nor a readable JSON file: %w", EnvCloud, v, err)
	}
	var c Cloud
	if err := json.Unmarshal(data, &c); err != nil {
		return Cloud{}, fmt.Errorf("%s: %s is not a cloud description: %w", EnvCloud, v, err)
	}
	c.Custom = true
	if err := c.check(); err != nil {
		return Cloud{}, fmt.Errorf("%s: %s: %w", EnvCloud, v, err)
	}
	return c, nil
}

// check requires every endpoint, each an https URL ending in a slash.
func (c *Cloud) check() error {
	if c.Name == "" {
		return errors.New(`"name" is missing`)
	}
	for _, f := range []struct {
		key string
		v   *string
	}{{"authority_host", &c.AuthorityHost}, {"resource_manager", &c.ResourceManager},
		{"resource_manager_audience", &c.ResourceManagerAudience}, {"graph", &c.Graph}} {
		if !strings.HasPrefix(*f.v, "https://") {
			return fmt.Errorf("%q must be an https URL, not %q", f.key, *f.v)
		}
		if !strings.HasSuffix(*f.v, "/") {
			*f.v += "/"
		}
	}
	return nil
}

// config is the cloud as azcore and azidentity take it.
func (c Cloud) config() cloud.Configuration {
	return cloud.Configuration{
		ActiveDirectoryAuthorityHost: c.AuthorityHost,
		Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
			cloud.ResourceManager: {Audience: c.ResourceManagerAudience, Endpoint: c.ResourceManager},
		},
	}
}

// armScope and graphScope are the token scopes of the two APIs.
func (c Cloud) armScope() string {
	return strings.TrimSuffix(c.ResourceManagerAudience, "/") + "//.default"
}
func (c Cloud) graphScope() string { return c.Graph + ".default" }
