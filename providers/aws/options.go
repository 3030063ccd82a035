package aws

import (
	"errors"
	"flag"
	"slices"
	"strings"
	"time"

	"github.com/reachmap/reachmap/providers"
)

// prefExcluded is the preference (a string list) of the profiles the user
// unticked in Accounts. Profiles are scanned unless excluded, so a
// profile that appears later (a new client) is scanned without another
// visit to the screen.
const prefExcluded = "accounts.aws_excluded"

// prefOrgRoles is the preference (a string list of "profile=role") of the
// profiles the window scans as a whole organization, with the role to take
// in each member account.
const prefOrgRoles = "accounts.aws_org_roles"

// Options name the AWS profiles to scan.
type Options struct {
	// Profiles are the profiles to scan, as named in the shared config
	// and credentials files.
	Profiles []string
	// Excluded are the profiles the user unticked in the window; Pick
	// turns them and the profiles found into Profiles.
	Excluded []string
	// OrgRole, when set, scans each profile's whole organization: the
	// profile is of the management account or a delegated administrator,
	// and OrgRole is the role to assume in every member account.
	OrgRole string
	// OrgRoles are the window's per-profile choice, profile → role; they
	// win over OrgRole for their profile.
	OrgRoles map[string]string
	// Keys are accounts entered in the window with access keys; their
	// secrets are filled in by WithSecrets.
	Keys []KeyAccount
}

// String names what is scanned, never a secret.
func (o Options) String() string {
	parts := slices.Clone(o.Profiles)
	for _, k := range o.Keys {
		parts = append(parts, k.String())
	}
	return "aws[" + strings.Join(parts, " ") + "]"
}

// GoString is String for %#v.
func (o Options) GoString() string { return o.String() }

// WithSecrets reads each key account's secret from the keyring; one that
// cannot be read is scanned without it, and the scan says so in a gap.
func (o Options) WithSecrets(s providers.Settings) providers.Options {
	out := o
	out.Keys = slices.Clone(o.Keys)
	for i, k := range out.Keys {
		if k.secret == "" {
			if secret, err := s.Secret(keySecretID(k.Name)); err == nil {
				out.Keys[i].secret = secret
			}
		}
	}
	return out
}

// roleFor is the organization role a profile is scanned with, or "".
func (o Options) roleFor(profile string) string {
	if r, ok := o.OrgRoles[profile]; ok {
		return r
	}
	return o.OrgRole
}

// Empty implements providers.Options.
func (o Options) Empty() bool { return len(o.Profiles) == 0 && len(o.Keys) == 0 }

// Factory builds one provider per profile. Building has no side effects:
// profiles are read when a scan starts.
var Factory = providers.Factory{
	Name: "aws",
	Flags: func(fs *flag.FlagSet) providers.ParseFunc {
		var profiles providers.ListFlag
		var role string
		fs.Var(&profiles, "aws-profile", "AWS profile to scan (repeatable); AWS_PROFILE when none is given")
		fs.StringVar(&role, "aws-org-role", "", "scan the whole AWS organization of each --aws-profile (management or delegated administrator account), assuming this role in every member account")
		return func(getenv func(string) string) (providers.Options, error) {
			role = strings.TrimSpace(role)
			if err := checkRole(role); err != nil {
				return nil, &providers.Problem{Field: "aws-org-role", Text: providers.T("--aws-org-role: {{.Problem}}", "Problem", err.Error())}
			}
			// The AWS CLI scans AWS_PROFILE when no profile is named; so
			// does the command line. (The window lists profiles instead.)
			if len(profiles) == 0 {
				if p := strings.TrimSpace(getenv("AWS_PROFILE")); p != "" {
					profiles = providers.ListFlag{p}
				} else if role != "" {
					profiles = providers.ListFlag{"default"}
				}
			}
			return Options{Profiles: profiles, OrgRole: role}, nil
		}
	},
	Saved: func(s providers.Settings) providers.Options {
		return Options{Excluded: s.StringList(prefExcluded), OrgRoles: savedOrgRoles(s), Keys: savedKeys(s)}
	},
	Form: form,
	New:  newProviders,
}

func newProviders(o providers.Options, _ providers.Shared) ([]providers.Provider, error) {
	opts, _ := o.(Options)
	var out []providers.Provider
	seen := map[string]bool{}
	claims := newAccountClaims()
	for _, name := range opts.Profiles {
		name = strings.TrimSpace(name)
		if name == "" {
			return nil, errors.New("empty AWS profile name")
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		out = append(out, &Provider{profile: name, opts: defaultOptions(), orgRole: opts.roleFor(name), claims: claims})
	}
	for _, k := range opts.Keys {
		if seen[k.Name] {
			continue
		}
		seen[k.Name] = true
		o := defaultOptions()
		o.keys = &k
		out = append(out, &Provider{profile: k.Name, opts: o, orgRole: opts.roleFor(k.Name), claims: claims})
	}
	return out, nil
}

// The notes of a profile's label.
const (
	noteChina  = "AWS China"
	noteGov    = "AWS GovCloud (US)"
	noteEUSC   = "AWS European Sovereign Cloud"
	noteURL    = "endpoint {{.URL}}"
	noteSSO    = "SSO: sign in first with aws sso login --profile {{.Name}}"
	noteSSOIn  = "SSO: signed in"
	noteSSOOld = "SSO: the sign-in has expired; sign in again (aws sso login --profile {{.Name}})"
	noteEnvVar = "from environment variables"
)

// form is the AWS section of Accounts: the profiles found on this
// computer, each with a tick box.
func form() *providers.Form {
	return &providers.Form{
		Title:    providers.T("Amazon Web Services"),
		Subtitle: providers.T("Profiles found in this computer's AWS configuration (~/.aws/config and ~/.aws/credentials)"),
		Checklist: &providers.Checklist{
			Load:     loadItems,
			Empty:    providers.T("No AWS profile was found on this computer. Set one up with “aws configure” or “aws configure sso”, then press Look again."),
			Failed:   providers.T("The AWS configuration could not be read: {{.Error}}"),
			Excluded: prefExcluded,
			Pick:     pick,
			Option: &providers.ItemOption{
				Label:       providers.T("Scan the whole organization with role"),
				Placeholder: providers.T("role name, such as ReachmapReadOnly (empty: this account only)"),
				Get:         func(s providers.Settings, id string) string { return savedOrgRoles(s)[id] },
				Set: func(s providers.Settings, id, role string) error {
					if err := checkRole(role); err != nil {
						return err
					}
					SetOrgRole(s, id, role)
					return nil
				},
			},
		},
		Records:  keyRecords(),
		Messages: append([]providers.Text{providers.T(noteChina), providers.T(noteGov), providers.T(noteEUSC), providers.T(noteURL), providers.T(noteSSO), providers.T(noteSSOIn), providers.T(noteSSOOld), providers.T(noteEnvVar), providers.T(msgRoleName)}, append(keyMessages, ssoMessages...)...),
		Actions: []providers.Action{
			{Label: providers.T("Look again"), Icon: "refresh", Reload: true},
			{Label: ssoSignIn().Label, Icon: "login", SignIn: ssoSignIn()},
			{Label: providers.T("Minimal read-only IAM policy…"), Icon: "document", Show: func() (providers.Text, providers.Text, string) {
				return providers.T("Minimal read-only IAM policy"),
					providers.T("Attach this policy to the role or user Reachmap signs in as. It allows only the read-only calls Reachmap makes."),
					Policy()
			}},
		},
	}
}

// pick scans every profile found that the user did not untick.
func pick(saved providers.Options, found []string) providers.Options {
	o, _ := saved.(Options)
	o.Profiles = nil
	for _, name := range found {
		if !slices.Contains(o.Excluded, name) {
			o.Profiles = append(o.Profiles, name)
		}
	}
	return o
}

func loadItems() ([]providers.Item, error) {
	ps, err := Profiles()
	if err != nil {
		return nil, err
	}
	items := make([]providers.Item, len(ps))
	for i, p := range ps {
		items[i] = ProfileItem(p)
	}
	return items, nil
}

// ProfileItem is a profile as the Accounts screen lists it, with what a
// person needs to tell profiles apart: the region, another partition, an
// endpoint that is not AWS, SSO.
func ProfileItem(p Profile) providers.Item {
	it := providers.Item{ID: p.Name}
	if p.Region != "" {
		it.Notes = append(it.Notes, providers.Plain(p.Region))
	}
	// The other partitions are separate clouds: say which one.
	switch p.Partition {
	case "aws-cn":
		it.Notes = append(it.Notes, providers.T(noteChina))
	case "aws-us-gov":
		it.Notes = append(it.Notes, providers.T(noteGov))
	case "aws-eusc":
		it.Notes = append(it.Notes, providers.T(noteEUSC))
	}
	if p.Endpoint != "" {
		it.Notes = append(it.Notes, providers.T(noteURL, "URL", p.Endpoint))
	}
	if p.SSO {
		switch ssoSignedIn(p.SSOCache, time.Now()) {
		case ssoValid:
			it.Notes = append(it.Notes, providers.T(noteSSOIn))
		case ssoExpired:
			it.Notes = append(it.Notes, providers.T(noteSSOOld, "Name", p.Name))
		default:
			it.Notes = append(it.Notes, providers.T(noteSSO, "Name", p.Name))
		}
	}
	if p.Source == "env" {
		it.Notes = append(it.Notes, providers.T(noteEnvVar))
	}
	return it
}

// savedOrgRoles reads prefOrgRoles' "profile=role" entries.
func savedOrgRoles(s providers.Settings) map[string]string {
	var m map[string]string
	for _, e := range s.StringList(prefOrgRoles) {
		p, r, ok := strings.Cut(e, "=")
		if p, r = strings.TrimSpace(p), strings.TrimSpace(r); ok && p != "" && r != "" {
			if m == nil {
				m = map[string]string{}
			}
			m[p] = r
		}
	}
	return m
}

// SetOrgRole saves (or, with an empty role, forgets) the window's choice
// to scan a profile's whole organization with a role. UI thread.
func SetOrgRole(s providers.Settings, profile, role string) {
	var out []string
	for _, e := range s.StringList(prefOrgRoles) {
		if p, _, _ := strings.Cut(e, "="); strings.TrimSpace(p) != profile {
			out = append(out, e)
		}
	}
	if role = strings.TrimSpace(role); role != "" {
		out = append(out, profile+"="+role)
	}
	s.SetStringList(prefOrgRoles, out)
}

// msgRoleName is checkRole's refusal.
const msgRoleName = "give the role's name, such as ReachmapReadOnly"

// checkRole refuses what cannot be an IAM role's name (or ARN).
func checkRole(role string) error {
	role = strings.TrimSpace(role)
	if role != "" && !strings.HasPrefix(role, "arn:") && strings.ContainsAny(role, " /:,") {
		return &providers.Problem{Field: "aws-org-role", Text: providers.T(msgRoleName)}
	}
	return nil
}
