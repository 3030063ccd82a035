package azure

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

// How an error becomes a gap: a sentence for a person and what to do.

// notRegistered reports an ARM answer meaning the subscription has never
// used that resource provider, so it holds none of its resources: nothing
// to see, and no gap.
func notRegistered(err error) bool {
	var re *azcore.ResponseError
	if !errors.As(err, &re) {
		return false
	}
	switch re.ErrorCode {
	case "MissingSubscriptionRegistration", "SubscriptionNotRegistered", "NoRegisteredProviderFound":
		return true
	}
	return false
}

// reason turns err into a gap's Error and Hint. role says what to grant
// on a 403 ("the Reader role on subscription x", "the Graph permission
// User.Read.All"); auth is the sign-in method and c the cloud, for a
// credential's error.
func reason(err error, role string, auth string, c Cloud) (msg, hint string) {
	var re *azcore.ResponseError
	var af *azidentity.AuthenticationFailedError
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out", "try again; a slow network or a throttled API may clear"
	case errors.As(err, &af):
		return firstLine(af.Error()), signInHint(auth, c)
	case isCredentialUnavailable(err):
		return firstLine(err.Error()), signInHint(auth, c)
	case errors.As(err, &re):
		code := re.ErrorCode
		if code == "" {
			code = http.StatusText(re.StatusCode)
		}
		msg = fmt.Sprintf("%d %s", re.StatusCode, code)
		switch re.StatusCode {
		case http.StatusUnauthorized:
			return msg + ": the token was refused", signInHint(auth, c)
		case http.StatusForbidden:
			return msg + ": access denied", "grant " + role
		case http.StatusTooManyRequests, http.StatusServiceUnavailable:
			return msg + ": still throttled after the retries Retry-After asked for", "try again later"
		case http.StatusNotFound:
			return msg + ": not found", ""
		}
		if code == "SubscriptionNotFound" || code == "ReadOnlyDisabledSubscription" || code == "DisabledSubscription" {
			return msg + ": the subscription is disabled or gone", "re-enable the subscription, or scan without it"
		}
		return msg, ""
	}
	return firstLine(err.Error()), ""
}

func isCredentialUnavailable(err error) bool {
	var cu interface{ NonRetriable() }
	return errors.As(err, &cu) && strings.Contains(err.Error(), "Credential")
}

// signInHint says how to sign in again with the method in use. The Azure
// CLI signs in to the cloud `az cloud set` chose, not to the one
// REACHMAP_AZURE_CLOUD names, so for another cloud it says to switch.
func signInHint(auth string, c Cloud) string {
	switch auth {
	case AuthCLI, AuthAuto, "":
		if h := cliCloudHint(c); h != "" {
			return h
		}
		if auth == AuthCLI {
			return "run az login (the Azure CLI session is missing or expired)"
		}
	case AuthEnv:
		return "check AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH)"
	case AuthBrowser:
		return "sign in again in the browser; check the app registration's client id and tenant"
	case AuthServicePrincipal:
		return "check the service principal's tenant, client id and secret (it may have expired)"
	}
	return "run az login, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET"
}

// cliCloudHint says how to point the Azure CLI at c, "" for Azure public.
func cliCloudHint(c Cloud) string {
	if c.Name == "" || c.Name == AzurePublic.Name {
		return ""
	}
	az := map[string]string{AzureChina.Name: "AzureChinaCloud", AzureGovernment.Name: "AzureUSGovernment"}[c.Name]
	if az == "" {
		return "point the Azure CLI at the cloud " + c.Name + " (az cloud register, then az cloud set --name), then run az login"
	}
	return "the Azure CLI signs in to the cloud az cloud set chose: run az cloud set --name " + az + ", then az login"
}

// firstLine keeps an SDK error's first line: the rest is a troubleshooting
// URL and a dump of the response, which can be long.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i > 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
