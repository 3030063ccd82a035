package gcp

import (
	"context"
	"os"
	"slices"
	"strings"

	"github.com/reachmap/reachmap/providers"
)

// The texts of the Google section that its hooks return.
const (
	msgKeyPath    = "Service-account key file"
	msgKeyHint    = "/path/to/key.json"
	msgAddKey     = "Add key"
	msgKeyRead    = "The key file could not be read: {{.Error}}"
	msgKeyBad     = "This file is not a service-account key: {{.Error}}"
	msgKeyring    = "The key could not be saved in the system keyring: {{.Error}}"
	msgKeyProject = "project {{.ID}}"
	msgKeyStored  = "key kept in the system keyring"
	msgBadProject = "“{{.ID}}” is not a Google Cloud project id (6 to 30 lower-case letters, digits and hyphens)"
)

func form() *providers.Form {
	return &providers.Form{
		Title:    providers.T("Google Cloud"),
		Subtitle: providers.T("Projects seen by your Google sign-in (gcloud auth application-default login) or a key"),
		Checklist: &providers.Checklist{
			Load:     loadProjects,
			Empty:    providers.T("No Google Cloud project was found. Sign in with “gcloud auth application-default login”, or add a service-account key below, then press Look again."),
			Failed:   providers.T("The Google Cloud projects could not be listed: {{.Error}}"),
			Excluded: prefExcluded,
			Pick:     pick,
		},
		Records: &providers.Records{
			Fields: []providers.Field{
				{Key: "path", Label: providers.T(msgKeyPath), Kind: providers.FieldFile, Placeholder: providers.T(msgKeyHint), Extensions: []string{".json"}},
			},
			AddLabel: providers.T(msgAddKey),
			List:     listKeys,
			Add:      addKey,
			Remove:   removeKey,
		},
		Actions: []providers.Action{
			{Label: providers.T("Look again"), Icon: "refresh", Reload: true},
			{Label: providers.T("Minimal read-only roles…"), Icon: "document", Show: func() (providers.Text, providers.Text, string) {
				return providers.T("Minimal read-only roles"),
					providers.T("Grant these predefined roles to the identity Reachmap signs in as, on each project (or its folder or organization). Each only reads."),
					Roles()
			}},
		},
		Messages: []providers.Text{providers.T(msgKeyRead), providers.T(msgKeyBad), providers.T(msgKeyring),
			providers.T(msgKeyProject), providers.T(msgKeyStored), providers.T(msgBadProject)},
	}
}

// Roles is the list of minimal predefined roles, one per line, with the
// API each one reads.
func Roles() string {
	var b strings.Builder
	for _, s := range Services() {
		b.WriteString(s.Role + "  (" + s.Title + ", " + s.Host + ")\n")
	}
	return b.String()
}

// loadProjects lists the projects Application Default Credentials can
// see. It is called off the UI thread.
func loadProjects() ([]providers.Item, error) {
	ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
	defer cancel()
	p := &Provider{label: "application default credentials", cfg: defaultConfig(os.Getenv)}
	if !p.cfg.standIn() && !adcSetUp(os.Getenv) {
		return nil, nil // nothing set up: the checklist's Empty says how
	}
	s, err := p.connect(ctx)
	if err != nil {
		return nil, err
	}
	found, err := searchProjects(ctx, s.api)
	if err != nil {
		return nil, err
	}
	items := make([]providers.Item, len(found))
	for i, f := range found {
		items[i] = providers.Item{ID: f.ID}
		if f.Name != "" && f.Name != f.ID {
			items[i].Notes = []providers.Text{providers.Plain(f.Name)}
		}
	}
	return items, nil
}

// pick scans every project found that the user did not untick.
func pick(saved providers.Options, found []string) providers.Options {
	o, _ := saved.(Options)
	o.Projects = nil
	for _, id := range found {
		if !slices.Contains(o.Excluded, id) {
			o.Projects = append(o.Projects, id)
		}
	}
	return o
}

func listKeys(s providers.Settings) []providers.Record {
	var out []providers.Record
	for _, k := range s.StringList(prefKeys) {
		email, proj, _ := strings.Cut(k, "|")
		r := providers.Record{ID: email, Parts: []providers.Text{providers.Plain(email)}}
		if proj != "" {
			r.Parts = append(r.Parts, providers.T(msgKeyProject, "ID", proj))
		}
		r.Parts = append(r.Parts, providers.T(msgKeyStored))
		out = append(out, r)
	}
	return out
}

// addKey reads the chosen key file, keeps its content in the keyring and
// only its e-mail and project in the preferences.
func addKey(s providers.Settings, values map[string]string) error {
	path := strings.TrimSpace(values["path"])
	data, err := os.ReadFile(path)
	if err != nil {
		return &providers.Problem{Field: "path", Text: providers.T(msgKeyRead, "Error", credError(err))}
	}
	k, err := readKey(data)
	if err != nil {
		return &providers.Problem{Field: "path", Text: providers.T(msgKeyBad, "Error", err.Error())}
	}
	if err := s.SetSecret(secretPrefix+k.ClientEmail, string(data)); err != nil {
		return &providers.Problem{Field: "path", Text: providers.T(msgKeyring, "Error", err.Error())}
	}
	list := slices.DeleteFunc(s.StringList(prefKeys), func(e string) bool { return strings.HasPrefix(e, k.ClientEmail+"|") })
	s.SetStringList(prefKeys, append(list, k.ClientEmail+"|"+k.ProjectID))
	return nil
}

func removeKey(s providers.Settings, id string) error {
	list := slices.DeleteFunc(s.StringList(prefKeys), func(e string) bool { return strings.HasPrefix(e, id+"|") })
	s.SetStringList(prefKeys, list)
	return s.DeleteSecret(secretPrefix + id)
}
