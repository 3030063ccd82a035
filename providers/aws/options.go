package aws

import (
	"errors"
	"flag"
	"slices"
	"strings"

	"github.com/reachmap/reachmap/providers"
)

// prefExcluded is the preference (a string list) of the profiles the user
// unticked in Accounts. Profiles are scanned unless excluded, so a
// profile that appears later (a new client) is scanned without another
// visit to the screen.
const prefExcluded = "accounts.aws_excluded"

// Options name the AWS profiles to scan.
type Options struct {
	// Profiles are the profiles to scan, as named in the shared config
	// and credentials files.
	Profiles []string
	// Excluded are the profiles the user unticked in the window; Pick
	// turns them and the profiles found into Profiles.
	Excluded []string
}

// Empty implements providers.Options.
func (o Options) Empty() bool { return len(o.Profiles) == 0 }

// Factory builds one provider per profile. Building has no side effects:
// profiles are read when a scan starts.
var Factory = providers.Factory{
	Name: "aws",
	Flags: func(fs *flag.FlagSet) providers.ParseFunc {
		var profiles providers.ListFlag
		fs.Var(&profiles, "aws-profile", "AWS profile to scan (repeatable)")
		return func(func(string) string) (providers.Options, error) {
			return Options{Profiles: profiles}, nil
		}
	},
	Saved: func(s providers.Settings) providers.Options {
		return Options{Excluded: s.StringList(prefExcluded)}
	},
	Form: form,
	New:  newProviders,
}

func newProviders(o providers.Options, _ providers.Shared) ([]providers.Provider, error) {
	opts, _ := o.(Options)
	var out []providers.Provider
	seen := map[string]bool{}
	for _, name := range opts.Profiles {
		name = strings.TrimSpace(name)
		if name == "" {
			return nil, errors.New("empty AWS profile name")
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		out = append(out, &Provider{profile: name, opts: defaultOptions()})
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
		},
		Messages: []providers.Text{providers.T(noteChina), providers.T(noteGov), providers.T(noteEUSC), providers.T(noteURL), providers.T(noteSSO), providers.T(noteEnvVar)},
		Actions: []providers.Action{
			{Label: providers.T("Look again"), Icon: "refresh", Reload: true},
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
		it.Notes = append(it.Notes, providers.T(noteSSO, "Name", p.Name))
	}
	if p.Source == "env" {
		it.Notes = append(it.Notes, providers.T(noteEnvVar))
	}
	return it
}
