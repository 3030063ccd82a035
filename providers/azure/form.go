package azure

import (
	"os"
	"slices"
	"strings"

	"github.com/reachmap/reachmap/providers"
)

// The Azure section of the Accounts screen: saved sign-ins, each the Azure
// CLI's session, a browser sign-in with the user's own app registration,
// or a service principal whose secret goes to the keyring; each scans
// Azure, Microsoft 365 or both.

const prefSignIns = "accounts.azure_signins"

type savedSignIn struct {
	Auth     string `json:"auth"`
	TenantID string `json:"tenant_id,omitempty"`
	ClientID string `json:"client_id,omitempty"`
	// Scan is "azure", "microsoft-365" or "both".
	Scan string `json:"scan"`
}

func (s savedSignIn) id() string { return s.Auth + ":" + s.ClientID + "@" + s.TenantID }

func savedSignIns(s providers.Settings) []savedSignIn {
	return providers.SavedRecords[savedSignIn](s, prefSignIns)
}

func setSavedSignIns(s providers.Settings, v []savedSignIn) {
	providers.SaveRecords(s, prefSignIns, v)
}

// savedOptions are the sign-ins that scan kind. The cloud comes from the
// environment, as on the command line; a bad value becomes the scan's gap.
func savedOptions(s providers.Settings, kind string) providers.Options {
	o := Options{Kind: kind}
	c, err := ParseCloud(os.Getenv(EnvCloud))
	if err != nil {
		o.cloudErr = err.Error()
	}
	o.Cloud = c
	for _, si := range savedSignIns(s) {
		if si.Scan == "both" || si.Scan == kind {
			o.SignIns = append(o.SignIns, SignIn{Auth: si.Auth, TenantID: si.TenantID, ClientID: si.ClientID})
		}
	}
	return o
}

const (
	fieldAuth   = "auth"
	fieldScan   = "scan"
	fieldTenant = "tenant"
	fieldClient = "client_id"
	fieldSecret = "secret"
)

const (
	msgNeedClient   = "A browser sign-in or a service principal needs the application (client) id of your app registration"
	msgNeedTenant   = "A service principal needs its tenant (directory) id"
	msgNeedSecret   = "A service principal needs its client secret"
	msgBadAuth      = "Choose how to sign in"
	msgDuplicate    = "This sign-in is already saved."
	msgKeyringSet   = "The system keyring refused the client secret, so nothing was saved: {{.Error}}"
	msgKeyringDel   = "The client secret could not be removed from the system keyring: {{.Error}}"
	msgRecordTenant = "tenant {{.Tenant}}"
	msgRecordClient = "app {{.Client}}"
	msgAuthCLI      = "Use my Azure CLI sign-in (az login)"
	msgAuthBrowser  = "Sign in in the browser (my app registration)"
	msgAuthSP       = "Service principal (secret in the keyring)"
	msgScanAzure    = "Azure subscriptions"
	msgScanM365     = "Microsoft 365 tenant"
	msgScanBoth     = "Azure and Microsoft 365"
	msgPermsTitle   = "Permissions Reachmap needs"
	msgPermsIntro   = "Grant these read-only permissions; the README explains how to register an app in five steps."
	msgPermsButton  = "Permissions"
)

func form() *providers.Form {
	auths := []string{AuthCLI, AuthBrowser, AuthServicePrincipal}
	scans := []string{"both", KindAzure, KindM365}
	return &providers.Form{
		Title:    providers.T("Microsoft Azure and Microsoft 365"),
		Subtitle: providers.T("Read-only: the Reader role on subscriptions, Graph read permissions on the tenant"),
		Messages: []providers.Text{providers.T(msgNeedClient), providers.T(msgNeedTenant), providers.T(msgNeedSecret), providers.T(msgBadAuth),
			providers.T(msgDuplicate), providers.T(msgKeyringSet), providers.T(msgKeyringDel), providers.T(msgRecordTenant), providers.T(msgRecordClient),
			providers.T(msgAuthCLI), providers.T(msgAuthBrowser), providers.T(msgAuthSP), providers.T(msgScanAzure), providers.T(msgScanM365), providers.T(msgScanBoth)},
		Records: &providers.Records{
			Fields: []providers.Field{
				{Key: fieldAuth, Label: providers.T("Sign in with"), Kind: providers.FieldChoice, Placeholder: providers.T(msgBadAuth), Choices: auths,
					ChoiceNames: []providers.Text{providers.T(msgAuthCLI), providers.T(msgAuthBrowser), providers.T(msgAuthSP)}},
				{Key: fieldScan, Label: providers.T("Scan"), Kind: providers.FieldChoice, Placeholder: providers.T("What to scan (both unless chosen)"), Choices: scans,
					ChoiceNames: []providers.Text{providers.T(msgScanBoth), providers.T(msgScanAzure), providers.T(msgScanM365)}, SameRow: true},
				{Key: fieldTenant, Label: providers.T("Tenant (directory) id"), Kind: providers.FieldText, Placeholder: providers.T("Tenant id (optional for the Azure CLI)")},
				{Key: fieldClient, Label: providers.T("Application (client) id"), Kind: providers.FieldText, Placeholder: providers.T("Client id of your app registration")},
				{Key: fieldSecret, Label: providers.T("Client secret"), Kind: providers.FieldSecret, Placeholder: providers.T("Client secret (kept in the system keyring)")},
			},
			AddLabel: providers.T("Add sign-in"),
			List:     listSignIns,
			Add:      addSignIn,
			Remove:   removeSignIn,
		},
		Actions: []providers.Action{{Label: providers.T(msgPermsButton), Icon: "document", Show: func() (providers.Text, providers.Text, string) {
			return providers.T(msgPermsTitle), providers.T(msgPermsIntro), Permissions()
		}}},
	}
}

// authNames and scanNames are what a saved sign-in's record shows.
var (
	authNames = map[string]string{AuthCLI: msgAuthCLI, AuthBrowser: msgAuthBrowser, AuthServicePrincipal: msgAuthSP}
	scanNames = map[string]string{"both": msgScanBoth, KindAzure: msgScanAzure, KindM365: msgScanM365}
)

func listSignIns(s providers.Settings) []providers.Record {
	var out []providers.Record
	for _, si := range savedSignIns(s) {
		r := providers.Record{ID: si.id(), Parts: []providers.Text{providers.T(authNames[si.Auth]), providers.T(scanNames[si.Scan])}}
		if si.TenantID != "" {
			r.Parts = append(r.Parts, providers.T(msgRecordTenant, "Tenant", si.TenantID))
		}
		if si.ClientID != "" {
			r.Parts = append(r.Parts, providers.T(msgRecordClient, "Client", si.ClientID))
		}
		out = append(out, r)
	}
	return out
}

// addSignIn checks the form, puts a secret in the keyring and the rest in
// the preferences; on any refusal it saves nothing.
func addSignIn(s providers.Settings, v map[string]string) error {
	si := savedSignIn{Auth: v[fieldAuth], Scan: v[fieldScan], TenantID: strings.TrimSpace(v[fieldTenant]), ClientID: strings.TrimSpace(v[fieldClient])}
	if si.Scan == "" {
		si.Scan = "both"
	}
	secret := v[fieldSecret]
	switch si.Auth {
	case AuthCLI:
		si.ClientID, secret = "", ""
	case AuthBrowser:
		secret = ""
		if si.ClientID == "" {
			return &providers.Problem{Field: fieldClient, Text: providers.T(msgNeedClient)}
		}
	case AuthServicePrincipal:
		switch {
		case si.ClientID == "":
			return &providers.Problem{Field: fieldClient, Text: providers.T(msgNeedClient)}
		case si.TenantID == "":
			return &providers.Problem{Field: fieldTenant, Text: providers.T(msgNeedTenant)}
		case secret == "":
			return &providers.Problem{Field: fieldSecret, Text: providers.T(msgNeedSecret)}
		}
	default:
		return &providers.Problem{Field: fieldAuth, Text: providers.T(msgBadAuth)}
	}
	all := savedSignIns(s)
	if slices.ContainsFunc(all, func(o savedSignIn) bool { return o.id() == si.id() }) {
		return &providers.Problem{Field: fieldClient, Text: providers.T(msgDuplicate)}
	}
	if secret != "" {
		sid := SignIn{Auth: si.Auth, TenantID: si.TenantID, ClientID: si.ClientID}.SecretID()
		if err := s.SetSecret(sid, secret); err != nil {
			return &providers.Problem{Field: fieldSecret, Text: providers.T(msgKeyringSet, "Error", err.Error())}
		}
	}
	setSavedSignIns(s, append(all, si))
	return nil
}

// removeSignIn forgets a sign-in, and its secret when it had one.
func removeSignIn(s providers.Settings, id string) error {
	all := savedSignIns(s)
	i := slices.IndexFunc(all, func(o savedSignIn) bool { return o.id() == id })
	if i < 0 {
		return nil
	}
	si := all[i]
	setSavedSignIns(s, slices.Delete(all, i, i+1))
	if si.Auth == AuthServicePrincipal {
		if err := s.DeleteSecret(SignIn{Auth: si.Auth, TenantID: si.TenantID, ClientID: si.ClientID}.SecretID()); err != nil {
			return &providers.Problem{Text: providers.T(msgKeyringDel, "Error", err.Error())}
		}
	}
	return nil
}
