package gcp

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/reachmap/reachmap/providers"
)

// prefWorkspace is the preference (a string list) of the tenants to
// scan, "domain|admin e-mail".
const prefWorkspace = "accounts.workspace"

// WorkspaceOptions name the Workspace tenants to scan, each with the
// administrator a domain-wide delegation acts as (empty for a user's own
// sign-in).
type WorkspaceOptions struct {
	Tenants []string // "domain|admin"
	env     func(string) string
}

// Empty implements providers.Options.
func (o WorkspaceOptions) Empty() bool { return len(o.Tenants) == 0 }

// WorkspaceFactory builds one provider per Workspace tenant. Credentials
// are Application Default Credentials: a service-account key with
// domain-wide delegation (GOOGLE_APPLICATION_CREDENTIALS, acting as
// --workspace-admin) or a super administrator's own sign-in.
var WorkspaceFactory = providers.Factory{
	Name: "workspace",
	Flags: func(fs *flag.FlagSet) providers.ParseFunc {
		var domains providers.ListFlag
		fs.Var(&domains, "workspace-domain", "Google Workspace domain whose data-region policies to read (repeatable); needs a super administrator's credentials")
		admin := fs.String("workspace-admin", "", "the super administrator a service-account key with domain-wide delegation acts as")
		return func(env func(string) string) (providers.Options, error) {
			o := WorkspaceOptions{env: env}
			for _, d := range domains {
				d = strings.ToLower(strings.TrimSuffix(d, "."))
				if !strings.Contains(d, ".") || strings.ContainsAny(d, " /@") {
					return nil, &providers.Problem{Field: "workspace-domain", Text: providers.T(msgBadDomain, "Domain", d)}
				}
				o.Tenants = append(o.Tenants, d+"|"+strings.TrimSpace(*admin))
			}
			return o, nil
		}
	},
	Saved: func(s providers.Settings) providers.Options {
		return WorkspaceOptions{Tenants: s.StringList(prefWorkspace)}
	},
	Form: workspaceForm,
	New: func(o providers.Options, _ providers.Shared) ([]providers.Provider, error) {
		opts, _ := o.(WorkspaceOptions)
		env := opts.env
		if env == nil {
			env = os.Getenv
		}
		var out []providers.Provider
		seen := map[string]bool{}
		for _, t := range opts.Tenants {
			d, admin, _ := strings.Cut(t, "|")
			if d == "" || seen[d] {
				continue
			}
			seen[d] = true
			out = append(out, &Workspace{domain: d, admin: admin, cfg: defaultConfig(env)})
		}
		return out, nil
	},
}

const (
	msgBadDomain  = "“{{.Domain}}” is not a domain name"
	msgBadAdmin   = "“{{.Admin}}” is not an e-mail address"
	msgAdminPart  = "as {{.Admin}}"
	msgOwnSignIn  = "your own sign-in"
	msgWSDomain   = "Domain"
	msgWSAdmin    = "Administrator (for a key with domain-wide delegation)"
	msgWSAdd      = "Add tenant"
	msgWSDomainEx = "example.com"
	msgWSAdminEx  = "admin@example.com"
)

func workspaceForm() *providers.Form {
	return &providers.Form{
		Title:    providers.T("Google Workspace"),
		Subtitle: providers.T("Data-region policies of a tenant, read with a super administrator's credentials"),
		Records: &providers.Records{
			Fields: []providers.Field{
				{Key: "domain", Label: providers.T(msgWSDomain), Kind: providers.FieldText, Placeholder: providers.T(msgWSDomainEx)},
				{Key: "admin", Label: providers.T(msgWSAdmin), Kind: providers.FieldText, Placeholder: providers.T(msgWSAdminEx)},
			},
			AddLabel: providers.T(msgWSAdd),
			List: func(s providers.Settings) []providers.Record {
				var out []providers.Record
				for _, t := range s.StringList(prefWorkspace) {
					d, admin, _ := strings.Cut(t, "|")
					r := providers.Record{ID: d, Parts: []providers.Text{providers.Plain(d)}}
					if admin != "" {
						r.Parts = append(r.Parts, providers.T(msgAdminPart, "Admin", admin))
					} else {
						r.Parts = append(r.Parts, providers.T(msgOwnSignIn))
					}
					out = append(out, r)
				}
				return out
			},
			Add: func(s providers.Settings, v map[string]string) error {
				d := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(v["domain"]), "."))
				admin := strings.TrimSpace(v["admin"])
				if !strings.Contains(d, ".") || strings.ContainsAny(d, " /@") {
					return &providers.Problem{Field: "domain", Text: providers.T(msgBadDomain, "Domain", d)}
				}
				if admin != "" && (!strings.Contains(admin, "@") || strings.ContainsAny(admin, " |")) {
					return &providers.Problem{Field: "admin", Text: providers.T(msgBadAdmin, "Admin", admin)}
				}
				list := slices.DeleteFunc(s.StringList(prefWorkspace), func(e string) bool { return strings.HasPrefix(e, d+"|") })
				s.SetStringList(prefWorkspace, append(list, d+"|"+admin))
				return nil
			},
			Remove: func(s providers.Settings, id string) error {
				s.SetStringList(prefWorkspace, slices.DeleteFunc(s.StringList(prefWorkspace), func(e string) bool { return strings.HasPrefix(e, id+"|") }))
				return nil
			},
		},
		Messages: []providers.Text{providers.T(msgBadDomain), providers.T(msgBadAdmin), providers.T(msgAdminPart), providers.T(msgOwnSignIn)},
	}
}

// String implements fmt.Stringer; the options hold no secret.
func (o WorkspaceOptions) String() string { return fmt.Sprintf("workspace{%v}", o.Tenants) }
