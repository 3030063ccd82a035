package azure

import (
	"errors"
	"sync"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

// browserCreds keeps each browser sign-in's credential for the life of
// the process, in memory only, so that the Azure and the Microsoft 365
// scans of one sign-in, and the next scan, ask the person once.
var browserCreds sync.Map

// credential builds the sign-in's azidentity credential. Tokens stay in
// memory for the scan: no cache is persisted and none is ever logged (the
// SDK's logging is off unless AZURE_SDK_GO_LOGGING is set, and it redacts
// Authorization). With a cloud from a file, instance discovery is off:
// Microsoft's discovery endpoint knows only Microsoft's clouds.
func credential(si SignIn, c Cloud, hc policy.Transporter) (azcore.TokenCredential, error) {
	co := policy.ClientOptions{Cloud: c.config(), Transport: hc}
	switch si.Auth {
	case AuthEnv:
		return azidentity.NewEnvironmentCredential(&azidentity.EnvironmentCredentialOptions{
			ClientOptions: co, DisableInstanceDiscovery: c.Custom})
	case AuthCLI, AuthAuto, "":
		return azidentity.NewAzureCLICredential(&azidentity.AzureCLICredentialOptions{TenantID: si.TenantID})
	case AuthBrowser:
		key := si.String() + "|" + c.AuthorityHost
		if cred, ok := browserCreds.Load(key); ok {
			return cred.(azcore.TokenCredential), nil
		}
		cred, err := azidentity.NewInteractiveBrowserCredential(&azidentity.InteractiveBrowserCredentialOptions{
			ClientOptions: co, ClientID: si.ClientID, TenantID: si.TenantID, DisableInstanceDiscovery: c.Custom})
		if err != nil {
			return nil, err
		}
		actual, _ := browserCreds.LoadOrStore(key, cred)
		return actual.(azcore.TokenCredential), nil
	case AuthServicePrincipal:
		if si.secret == "" {
			return nil, errors.New("the service principal's client secret is not in the system keyring")
		}
		return azidentity.NewClientSecretCredential(si.TenantID, si.ClientID, si.secret, &azidentity.ClientSecretCredentialOptions{
			ClientOptions: co, DisableInstanceDiscovery: c.Custom})
	}
	return nil, errors.New("unknown sign-in method " + si.Auth)
}
