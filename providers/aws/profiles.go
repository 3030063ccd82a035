package aws

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/config"
)

// Profile is a named AWS profile the user can pick, as found in the shared
// config and credentials files.
type Profile struct {
	Name string
	// Region is the profile's default region, empty when it has none.
	Region string
	// SSO is true for IAM Identity Center profiles: their credentials come
	// from `aws sso login`, and expire.
	SSO bool
	// Source says where the profile is defined: "config", "credentials",
	// "config+credentials", or "env" for the default profile that only
	// exists as AWS_ACCESS_KEY_ID in the environment.
	Source string
	// Endpoint is the profile's endpoint_url, when it sends every service
	// somewhere other than AWS (a local or S3-compatible server).
	Endpoint string
	// Partition is the AWS partition of Region ("aws", "aws-cn",
	// "aws-us-gov", "aws-eusc"): each is a separate cloud with its own
	// accounts, and China's is run by Chinese companies.
	Partition string
	// SSOCache names an SSO profile's entry in the token cache that `aws
	// sso login` and Reachmap's sign-in write: its sso_session, or for a
	// legacy profile its sso_start_url.
	SSOCache string
}

// sharedFiles are the shared config and credentials files in use.
type sharedFiles struct {
	config, credentials []string
}

// defaultSharedFiles honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE
// the way the SDK and the AWS CLI do, falling back to ~/.aws/config and
// ~/.aws/credentials.
func defaultSharedFiles() sharedFiles {
	cfg := os.Getenv("AWS_CONFIG_FILE")
	if cfg == "" {
		cfg = config.DefaultSharedConfigFilename()
	}
	creds := os.Getenv("AWS_SHARED_CREDENTIALS_FILE")
	if creds == "" {
		creds = config.DefaultSharedCredentialsFilename()
	}
	return sharedFiles{config: []string{cfg}, credentials: []string{creds}}
}

// Profiles lists the profiles defined in the shared config and credentials
// files, sorted by name with "default" first. Missing files are not an
// error (a fresh machine has none); unreadable ones are. When the
// environment holds access keys and no file defines "default", a "default"
// profile with Source "env" is listed, since that is what the SDK would use.
func Profiles() ([]Profile, error) {
	return listProfiles(defaultSharedFiles(), os.Getenv("AWS_ACCESS_KEY_ID") != "")
}

func listProfiles(files sharedFiles, envKeys bool) ([]Profile, error) {
	byName := map[string]*Profile{}
	get := func(name string) *Profile {
		p, ok := byName[name]
		if !ok {
			p = &Profile{Name: name}
			byName[name] = p
		}
		return p
	}
	addSource := func(p *Profile, src string) {
		switch {
		case p.Source == "":
			p.Source = src
		case !strings.Contains(p.Source, src):
			p.Source = "config+credentials"
		}
	}

	for _, f := range files.config {
		sections, err := readINI(f)
		if err != nil {
			return nil, err
		}
		for _, s := range sections {
			name, ok := configProfileName(s.name)
			if !ok {
				continue
			}
			p := get(name)
			addSource(p, "config")
			if r := s.keys["region"]; r != "" {
				p.Region = r
			}
			if e := s.keys["endpoint_url"]; e != "" {
				p.Endpoint = e
			}
			if s.keys["sso_session"] != "" || s.keys["sso_start_url"] != "" || s.keys["sso_account_id"] != "" {
				p.SSO = true
				p.SSOCache = cmp.Or(s.keys["sso_session"], s.keys["sso_start_url"])
			}
		}
	}
	for _, f := range files.credentials {
		sections, err := readINI(f)
		if err != nil {
			return nil, err
		}
		for _, s := range sections {
			// The credentials file names profiles bare, "default" included.
			if s.name == "" {
				continue
			}
			p := get(s.name)
			addSource(p, "credentials")
			if r := s.keys["region"]; r != "" && p.Region == "" {
				p.Region = r
			}
		}
	}
	if _, ok := byName["default"]; !ok && envKeys {
		byName["default"] = &Profile{Name: "default", Source: "env", Region: envRegion()}
	}

	out := make([]Profile, 0, len(byName))
	for _, p := range byName {
		if p.Region != "" {
			part, _ := partitionOf(p.Region)
			p.Partition = part.id
		}
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].Name == "default") != (out[j].Name == "default") {
			return out[i].Name == "default"
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

func envRegion() string {
	if r := os.Getenv("AWS_REGION"); r != "" {
		return r
	}
	return os.Getenv("AWS_DEFAULT_REGION")
}

// configProfileName maps a section of the shared config file to a profile
// name: "default" and "profile NAME" are profiles; "sso-session x",
// "services x" and bare names are not (the SDK ignores bare names there).
func configProfileName(section string) (string, bool) {
	if section == "default" {
		return "default", true
	}
	if rest, ok := strings.CutPrefix(section, "profile "); ok {
		name := strings.TrimSpace(rest)
		return name, name != ""
	}
	return "", false
}

type iniSection struct {
	name string
	keys map[string]string
}

// readINI reads the subset of INI the AWS shared files use: [section]
// headers, key = value pairs, # and ; comments, and indented lines that
// belong to a nested block (s3 =\n  addressing_style = path), which are
// skipped since no key we read lives there. A missing file yields no
// sections.
func readINI(path string) ([]iniSection, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read AWS shared file: %w", err)
	}
	defer f.Close()

	var out []iniSection
	var cur *iniSection
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		raw := sc.Text()
		line := strings.TrimSpace(raw)
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if strings.HasPrefix(line, "[") {
			end := strings.Index(line, "]")
			if end < 0 {
				cur = nil // malformed header: ignore its keys rather than misfile them
				continue
			}
			out = append(out, iniSection{name: strings.TrimSpace(line[1:end]), keys: map[string]string{}})
			cur = &out[len(out)-1]
			continue
		}
		if cur == nil || raw[0] == ' ' || raw[0] == '\t' {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		cur.keys[strings.ToLower(strings.TrimSpace(k))] = stripComment(strings.TrimSpace(v))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read AWS shared file %s: %w", path, err)
	}
	return out, nil
}

// stripComment drops an inline comment, which the SDK recognises only when
// preceded by whitespace (so "a#b" stays intact).
func stripComment(v string) string {
	for _, sep := range []string{" #", "\t#", " ;", "\t;"} {
		if i := strings.Index(v, sep); i >= 0 {
			v = v[:i]
		}
	}
	return strings.TrimSpace(v)
}

// profileInFiles reports whether name is defined in the shared files.
func profileInFiles(files sharedFiles, name string) (Profile, bool, error) {
	ps, err := listProfiles(files, false)
	if err != nil {
		return Profile{}, false, err
	}
	for _, p := range ps {
		if p.Name == name {
			return p, true, nil
		}
	}
	return Profile{}, false, nil
}
