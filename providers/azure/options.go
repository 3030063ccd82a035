package azure

import (
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/reachmap/reachmap/providers"
)

// The two kinds' options: how to sign in, which cloud, and (for ARM) which
// subscriptions. Secrets never appear in String, GoString or errors.

// The ways to sign in.
const (
	// AuthAuto: the environment's service principal when AZURE_CLIENT_ID is
	// set, else the Azure CLI's session. The command line's choice.
	AuthAuto = "auto"
	AuthCLI  = "cli"
	AuthEnv  = "env"
	// AuthBrowser: an interactive browser sign-in with the user's own app
	// registration (its client id and tenant).
	AuthBrowser = "browser"
	// AuthServicePrincipal: a tenant, client id and secret saved in the
	// window, the secret in the keyring.
	AuthServicePrincipal = "service-principal"
)

// Kind names, which are also the provider ids of the legal model.
const (
	KindAzure = "azure"
	KindM365  = "microsoft-365"
)

// SignIn is one identity to scan with.
type SignIn struct {
	Auth     string
	TenantID string
	ClientID string
	// secret is a service principal's client secret, from the keyring.
	secret string
}

// String names the sign-in without its secret.
func (s SignIn) String() string {
	switch {
	case s.ClientID != "" && s.TenantID != "":
		return s.Auth + ":" + s.ClientID + "@" + s.TenantID
	case s.ClientID != "":
		return s.Auth + ":" + s.ClientID
	case s.TenantID != "":
		return s.Auth + "@" + s.TenantID
	}
	return s.Auth
}

// GoString is String, for %#v.
func (s SignIn) GoString() string { return "azure.SignIn{" + s.String() + "}" }

// SecretID is the keyring name of a service principal's secret.
func (s SignIn) SecretID() string { return "azure:" + s.ClientID + "@" + s.TenantID }

// Options are what one kind scans.
type Options struct {
	// Kind is KindAzure or KindM365.
	Kind    string
	SignIns []SignIn
	// Subscriptions narrows an ARM scan to these ids; empty means every
	// subscription the identity can read.
	Subscriptions []string
	Cloud         Cloud
	// cloudErr is why the window's REACHMAP_AZURE_CLOUD was refused.
	cloudErr string
}

// Empty implements providers.Options.
func (o Options) Empty() bool { return len(o.SignIns) == 0 }

func (o Options) String() string {
	names := make([]string, len(o.SignIns))
	for i, s := range o.SignIns {
		names[i] = s.String()
	}
	return fmt.Sprintf("%s[%s cloud=%s subscriptions=%s]", o.Kind, strings.Join(names, " "), o.Cloud.Name, strings.Join(o.Subscriptions, ","))
}

func (o Options) GoString() string { return o.String() }

// WithSecrets fills in the service principals' secrets from the keyring.
func (o Options) WithSecrets(s providers.Settings) providers.Options {
	out := o
	out.SignIns = slices.Clone(o.SignIns)
	for i, si := range out.SignIns {
		if si.Auth != AuthServicePrincipal || si.secret != "" {
			continue
		}
		if secret, err := s.Secret(si.SecretID()); err == nil {
			out.SignIns[i].secret = secret
		}
	}
	return out
}

// resolveAuto picks the environment's service principal or the CLI.
func resolveAuto(env func(string) string) SignIn {
	if env("AZURE_CLIENT_ID") != "" && (env("AZURE_CLIENT_SECRET") != "" || env("AZURE_CLIENT_CERTIFICATE_PATH") != "") {
		return SignIn{Auth: AuthEnv, TenantID: env("AZURE_TENANT_ID"), ClientID: env("AZURE_CLIENT_ID")}
	}
	return SignIn{Auth: AuthCLI, TenantID: env("AZURE_TENANT_ID")}
}

func azureFlags(fs *flag.FlagSet) providers.ParseFunc {
	on := fs.Bool("azure", false, "scan every Azure subscription the signed-in identity can read (service principal from $AZURE_CLIENT_ID…, else the Azure CLI's az login); cloud from $"+EnvCloud)
	var subs providers.ListFlag
	fs.Var(&subs, "azure-subscription", "with --azure, scan only this subscription id (repeatable)")
	return func(env func(string) string) (providers.Options, error) {
		if !*on {
			if len(subs) > 0 {
				return nil, fmt.Errorf("--azure-subscription narrows --azure, which is missing")
			}
			return Options{Kind: KindAzure}, nil
		}
		c, err := ParseCloud(env(EnvCloud))
		if err != nil {
			return nil, err
		}
		for _, s := range subs {
			if !validSubscriptionID(s) {
				return nil, fmt.Errorf("--azure-subscription: %q is not a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000)", s)
			}
		}
		return Options{Kind: KindAzure, SignIns: []SignIn{resolveAuto(env)}, Subscriptions: subs, Cloud: c}, nil
	}
}

func m365Flags(fs *flag.FlagSet) providers.ParseFunc {
	on := fs.Bool("microsoft-365", false, "scan the signed-in identity's Microsoft 365 tenant through Microsoft Graph (see reachmap azure-permissions)")
	return func(env func(string) string) (providers.Options, error) {
		if !*on {
			return Options{Kind: KindM365}, nil
		}
		c, err := ParseCloud(env(EnvCloud))
		if err != nil {
			return nil, err
		}
		return Options{Kind: KindM365, SignIns: []SignIn{resolveAuto(env)}, Cloud: c}, nil
	}
}

// validSubscriptionID accepts a GUID, 8-4-4-4-12 hex digits.
func validSubscriptionID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		switch i {
		case 8, 13, 18, 23:
			if r != '-' {
				return false
			}
		default:
			if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
				return false
			}
		}
	}
	return true
}

// Factory is the Azure Resource Manager kind.
var Factory = providers.Factory{
	Name:  KindAzure,
	Flags: azureFlags,
	Saved: func(s providers.Settings) providers.Options { return savedOptions(s, KindAzure) },
	Form:  form,
	New:   newProviders,
}

// M365Factory is the Microsoft 365 kind. Its sign-ins are the Azure
// section's records that ask for Microsoft 365, so it has no form.
var M365Factory = providers.Factory{
	Name:  KindM365,
	Flags: m365Flags,
	Saved: func(s providers.Settings) providers.Options { return savedOptions(s, KindM365) },
	New:   newProviders,
}

func newProviders(o providers.Options, _ providers.Shared) ([]providers.Provider, error) {
	opts, _ := o.(Options)
	var out []providers.Provider
	for _, si := range opts.SignIns {
		if opts.Kind == KindM365 {
			out = append(out, &M365Provider{signIn: si, cloud: opts.Cloud, cloudErr: opts.cloudErr})
		} else {
			out = append(out, &ARMProvider{signIn: si, cloud: opts.Cloud, cloudErr: opts.cloudErr, subscriptions: opts.Subscriptions})
		}
	}
	return out, nil
}
