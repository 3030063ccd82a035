package aws

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
	"github.com/aws/aws-sdk-go-v2/service/sso"
)

// ssoToken is a finished sign-in's token, never printed.
type ssoToken struct {
	AccessToken, RefreshToken string
	ExpiresAt                 time.Time
}

func (ssoToken) String() string   { return "SSO token" }
func (ssoToken) GoString() string { return "SSO token" }

// ssoCacheFile is the AWS CLI's token cache entry, the fields its
// ssocreds and the SDK's token provider read.
type ssoCacheFile struct {
	StartURL              string `json:"startUrl"`
	Region                string `json:"region"`
	AccessToken           string `json:"accessToken"`
	ExpiresAt             string `json:"expiresAt"`
	RefreshToken          string `json:"refreshToken,omitempty"`
	ClientID              string `json:"clientId"`
	ClientSecret          string `json:"clientSecret"`
	RegistrationExpiresAt string `json:"registrationExpiresAt"`
}

// ssoCacheKey is the cache file's name before .json: the sha1 of the
// sso-session name, as the CLI and the SDK compute it.
func ssoCacheKey(session string) string {
	h := sha1.Sum([]byte(session))
	return hex.EncodeToString(h[:])
}

// cacheToken writes the token where `aws sso login` would, mode 0600, so
// the CLI and Reachmap share one session.
func (f *SSOFlow) cacheToken(session string) (string, error) {
	if f.tok == nil {
		return "", fmt.Errorf("not signed in yet")
	}
	path, err := ssocreds.StandardCachedTokenFilepath(session)
	if err != nil {
		return "", fmt.Errorf("find the AWS token cache: %w", err)
	}
	b, err := json.MarshalIndent(ssoCacheFile{
		StartURL: f.StartURL, Region: f.Region, AccessToken: f.tok.AccessToken,
		ExpiresAt: f.tok.ExpiresAt.UTC().Format(time.RFC3339), RefreshToken: f.tok.RefreshToken,
		ClientID: f.clientID, ClientSecret: f.secret, RegistrationExpiresAt: f.registrationExpires.UTC().Format(time.RFC3339),
	}, "", "  ")
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", fmt.Errorf("create the AWS token cache: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return "", fmt.Errorf("write the AWS token cache: %w", err)
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", fmt.Errorf("write the AWS token cache: %w", err)
	}
	return path, nil
}

// SSORole is one account and role the token may use.
type SSORole struct {
	AccountID, AccountName, Role string
}

// ID is "account/role", the role's id in a choice list.
func (r SSORole) ID() string { return r.AccountID + "/" + r.Role }

// Label is what a choice list shows.
func (r SSORole) Label() string {
	if r.AccountName == "" {
		return r.AccountID + " · " + r.Role
	}
	return r.AccountName + " (" + r.AccountID + ") · " + r.Role
}

// Roles lists every account the token reaches and each of its roles,
// all pages, sorted.
func (f *SSOFlow) Roles(ctx context.Context) ([]SSORole, error) {
	if f.tok == nil {
		return nil, fmt.Errorf("not signed in yet")
	}
	c := newPortalClient(f.cfg)
	tok := sdkaws.String(f.tok.AccessToken)
	var out []SSORole
	accounts := sso.NewListAccountsPaginator(c, &sso.ListAccountsInput{AccessToken: tok})
	for accounts.HasMorePages() {
		page, err := accounts.NextPage(ctx)
		if err != nil {
			return nil, ssoError("list the accounts", err)
		}
		for _, a := range page.AccountList {
			roles := sso.NewListAccountRolesPaginator(c, &sso.ListAccountRolesInput{AccessToken: tok, AccountId: a.AccountId})
			for roles.HasMorePages() {
				rp, err := roles.NextPage(ctx)
				if err != nil {
					return nil, ssoError("list the roles of account "+sdkaws.ToString(a.AccountId), err)
				}
				for _, r := range rp.RoleList {
					out = append(out, SSORole{AccountID: sdkaws.ToString(a.AccountId), AccountName: sdkaws.ToString(a.AccountName), Role: sdkaws.ToString(r.RoleName)})
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b SSORole) int { return strings.Compare(a.Label(), b.Label()) })
	return out, nil
}

var ssoNameRE = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)

// Save caches the token under the sso-session name and adds that session
// and a profile for the role to the shared config file (AWS_CONFIG_FILE
// honoured). It refuses a profile name already in use, and an existing
// sso-session of that name for another start URL; it returns the profile.
func (f *SSOFlow) Save(session, profile string, role SSORole) error {
	return f.save(defaultSharedFiles(), session, profile, role)
}

func (f *SSOFlow) save(files sharedFiles, session, profile string, role SSORole) error {
	if !ssoNameRE.MatchString(session) || !ssoNameRE.MatchString(profile) {
		return fmt.Errorf("names are letters, digits, '.', '-' and '_'")
	}
	existing, err := listProfiles(files, false)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(existing, func(p Profile) bool { return p.Name == profile }) {
		return fmt.Errorf("a profile named %s already exists", profile)
	}
	path := files.config[0]
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("read %s: %w", path, err)
	}
	var add strings.Builder
	if len(old) > 0 && !strings.HasSuffix(string(old), "\n") {
		add.WriteString("\n")
	}
	if url, ok := ssoSessionURL(string(old), session); !ok {
		fmt.Fprintf(&add, "\n[sso-session %s]\nsso_start_url = %s\nsso_region = %s\nsso_registration_scopes = %s\n", session, f.StartURL, f.Region, ssoScope)
	} else if url != f.StartURL {
		return fmt.Errorf("an sso-session named %s already exists for %s", session, url)
	}
	fmt.Fprintf(&add, "\n[profile %s]\nsso_session = %s\nsso_account_id = %s\nsso_role_name = %s\nregion = %s\n", profile, session, role.AccountID, role.Role, f.Region)
	if _, err := f.cacheToken(session); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	w, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := w.WriteString(add.String()); err != nil {
		w.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return w.Close()
}

// ssoSessionURL finds an [sso-session NAME] section's start URL.
func ssoSessionURL(config, name string) (string, bool) {
	in, found := false, false
	for _, line := range strings.Split(config, "\n") {
		l := strings.TrimSpace(line)
		if strings.HasPrefix(l, "[") {
			in = strings.Join(strings.Fields(strings.Trim(l, "[]")), " ") == "sso-session "+name
			found = found || in
			continue
		}
		if k, v, ok := strings.Cut(l, "="); in && ok && strings.TrimSpace(k) == "sso_start_url" {
			return strings.TrimSpace(v), true
		}
	}
	return "", found
}
