package aws

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"
)

// ssoStandIn serves the SSO OIDC and SSO portal JSON shapes AWS documents
// (moto has neither): register, device authorization, token polling whose
// answers the test scripts, and the portal's accounts, roles and role
// credentials for one token.
type ssoStandIn struct {
	srv *httptest.Server
	mu  sync.Mutex
	// answers are CreateToken's answers in turn ("" = the token); the
	// last repeats.
	answers []string
	calls   map[string]int
	paths   []string
}

const (
	standInToken  = "tok-SECRET-access"
	standInSecret = "client-SECRET"
)

func newSSOStandIn(t *testing.T, answers ...string) *ssoStandIn {
	s := &ssoStandIn{answers: answers, calls: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	t.Setenv("AWS_ENDPOINT_URL_SSO_OIDC", s.srv.URL)
	t.Setenv("AWS_ENDPOINT_URL_SSO", s.srv.URL)
	return s
}

func (s *ssoStandIn) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[path]
}

func (s *ssoStandIn) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.calls[r.URL.Path]++
	n := s.calls[r.URL.Path]
	s.mu.Unlock()
	body, _ := io.ReadAll(r.Body)
	w.Header().Set("Content-Type", "application/json")
	reply := func(v any) { _ = json.NewEncoder(w).Encode(v) }
	fail := func(status int, typ, code string) {
		w.Header().Set("X-Amzn-Errortype", typ)
		w.WriteHeader(status)
		reply(map[string]string{"error": code, "error_description": code})
	}
	bearer := r.Header.Get("X-Amz-Sso_bearer_token")
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/client/register":
		reply(map[string]any{"clientId": "client-1", "clientSecret": standInSecret, "clientIdIssuedAt": time.Now().Unix(), "clientSecretExpiresAt": time.Now().Add(90 * 24 * time.Hour).Unix()})
	case r.Method == http.MethodPost && r.URL.Path == "/device_authorization":
		reply(map[string]any{"deviceCode": "dev-1", "userCode": "ABCD-EFGH", "verificationUri": "https://device.sso.eu-west-3.amazonaws.com/",
			"verificationUriComplete": "https://device.sso.eu-west-3.amazonaws.com/?user_code=ABCD-EFGH", "expiresIn": 600, "interval": 1})
	case r.Method == http.MethodPost && r.URL.Path == "/token" && strings.Contains(string(body), `"refresh_token"`):
		// A refresh, as the SDK's token provider sends it for a cached
		// token past its time.
		if !strings.Contains(string(body), `"refresh-SECRET"`) || !strings.Contains(string(body), standInSecret) {
			fail(400, "InvalidGrantException", "invalid_grant")
			return
		}
		reply(map[string]any{"accessToken": standInToken, "tokenType": "Bearer", "expiresIn": 3600, "refreshToken": "refresh-SECRET"})
	case r.Method == http.MethodPost && r.URL.Path == "/token":
		if !strings.Contains(string(body), `"dev-1"`) || !strings.Contains(string(body), standInSecret) {
			fail(400, "InvalidClientException", "invalid_client")
			return
		}
		a := s.answers[min(n, len(s.answers))-1]
		switch a {
		case "":
			reply(map[string]any{"accessToken": standInToken, "tokenType": "Bearer", "expiresIn": 3600, "refreshToken": "refresh-SECRET"})
		case "pending":
			fail(400, "AuthorizationPendingException", "authorization_pending")
		case "slow":
			fail(400, "SlowDownException", "slow_down")
		case "expired":
			fail(400, "ExpiredTokenException", "expired_token")
		case "denied":
			fail(400, "AccessDeniedException", "access_denied")
		}
	case bearer != standInToken:
		w.WriteHeader(401)
		reply(map[string]string{"message": "no token"})
	case r.URL.Path == "/assignment/accounts":
		reply(map[string]any{"accountList": []map[string]string{{"accountId": "123456789012", "accountName": "prod", "emailAddress": "a@example.com"}}})
	case r.URL.Path == "/assignment/roles":
		reply(map[string]any{"roleList": []map[string]string{{"accountId": r.URL.Query().Get("account_id"), "roleName": "ReadOnly"}, {"accountId": r.URL.Query().Get("account_id"), "roleName": "Admin"}}})
	case r.URL.Path == "/federation/credentials":
		reply(map[string]any{"roleCredentials": map[string]any{"accessKeyId": "ASIAEXAMPLEEXAMPLE12", "secretAccessKey": "secretsecret", "sessionToken": "session", "expiration": time.Now().Add(time.Hour).UnixMilli()}})
	default:
		w.WriteHeader(404)
	}
}

// signIn runs the flow against the stand-in with a short interval.
func signIn(t *testing.T, ctx context.Context) (*SSOFlow, error) {
	t.Helper()
	f, err := StartSSO(ctx, "https://my-co.awsapps.com/start", "eu-west-3")
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	if f.UserCode != "ABCD-EFGH" || !strings.Contains(f.VerifyURL, "user_code=ABCD-EFGH") {
		t.Fatalf("code %q url %q", f.UserCode, f.VerifyURL)
	}
	f.interval = 10 * time.Millisecond
	return f, f.Wait(ctx)
}

func TestSSOSignInCachesTokenAndWritesProfile(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	s := newSSOStandIn(t, "pending", "pending", "")
	f, err := signIn(t, context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n := s.count("/token"); n != 3 {
		t.Errorf("%d CreateToken calls, want 3 (pending twice, then the token)", n)
	}
	roles, err := f.Roles(context.Background())
	if err != nil || len(roles) != 2 || roles[0].Label() != "prod (123456789012) · Admin" {
		t.Fatalf("roles %v %v", roles, err)
	}
	cfgPath := filepath.Join(home, "cfg", "config")
	files := sharedFiles{config: []string{cfgPath}, credentials: []string{filepath.Join(home, "cfg", "credentials")}}
	if err := f.save(files, "my-co", "prod-ro", roles[1]); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(home, ".aws", "sso", "cache", ssoCacheKey("my-co")+".json")
	st, err := os.Stat(cache)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("cache %v %v", st, err)
	}
	var c map[string]string
	b, _ := os.ReadFile(cache)
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	exp, err := time.Parse(time.RFC3339, c["expiresAt"])
	if c["accessToken"] != standInToken || c["clientSecret"] != standInSecret || c["clientId"] != "client-1" || c["refreshToken"] != "refresh-SECRET" ||
		c["startUrl"] != "https://my-co.awsapps.com/start" || c["region"] != "eu-west-3" || err != nil || time.Until(exp) < 50*time.Minute ||
		!strings.HasSuffix(c["expiresAt"], "Z") || c["registrationExpiresAt"] == "" {
		t.Errorf("cache file %s", b)
	}
	cfg, _ := os.ReadFile(cfgPath)
	for _, want := range []string{"[sso-session my-co]", "sso_start_url = https://my-co.awsapps.com/start", "sso_region = eu-west-3",
		"[profile prod-ro]", "sso_session = my-co", "sso_account_id = 123456789012", "sso_role_name = ReadOnly", "region = eu-west-3"} {
		if !strings.Contains(string(cfg), want) {
			t.Errorf("config lacks %q:\n%s", want, cfg)
		}
	}
	profs, err := listProfiles(files, false)
	if err != nil || len(profs) != 1 || profs[0].Name != "prod-ro" || !profs[0].SSO {
		t.Errorf("profiles %+v %v", profs, err)
	}
	// A second profile reuses the session; a taken name is refused.
	if err := f.save(files, "my-co", "prod-admin", roles[0]); err != nil {
		t.Fatal(err)
	}
	if err := f.save(files, "my-co", "prod-ro", roles[1]); err == nil {
		t.Error("a profile name in use was accepted")
	}
	cfg, _ = os.ReadFile(cfgPath)
	if strings.Count(string(cfg), "[sso-session my-co]") != 1 {
		t.Errorf("sso-session written twice:\n%s", cfg)
	}
	for _, s := range []string{f.String(), errors.New("x").Error()} {
		if strings.Contains(s, "SECRET") {
			t.Errorf("printed a secret: %s", s)
		}
	}
}

func TestSSOSlowDownExpiredDenied(t *testing.T) {
	old := ssoSlowDown
	ssoSlowDown = 30 * time.Millisecond
	t.Cleanup(func() { ssoSlowDown = old })
	for _, c := range []struct {
		answers []string
		want    error
	}{{[]string{"slow", ""}, nil}, {[]string{"pending", "expired"}, ErrSSOExpired}, {[]string{"denied"}, ErrSSODenied}} {
		t.Setenv("HOME", t.TempDir())
		s := newSSOStandIn(t, c.answers...)
		_, err := signIn(t, context.Background())
		if !errors.Is(err, c.want) && !(err == nil && c.want == nil) {
			t.Errorf("%v: %v, want %v", c.answers, err, c.want)
		}
		if n := s.count("/token"); n != len(c.answers) {
			t.Errorf("%v: %d polls", c.answers, n)
		}
		if err != nil && (strings.Contains(err.Error(), "SECRET") || strings.Contains(err.Error(), "dev-1")) {
			t.Errorf("error shows a secret: %v", err)
		}
	}
}

func TestSSOCancelReturnsPromptly(t *testing.T) {
	newSSOStandIn(t, "pending")
	ctx, cancel := context.WithCancel(context.Background())
	f, err := StartSSO(ctx, "https://my-co.awsapps.com/start", "eu-west-3")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- f.Wait(ctx) }() // the real 1 s interval
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled wait: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Wait did not return after cancel")
	}
}

// Only the six sign-in operations leave the process: Logout, another
// POST of the portal, is refused before anything is sent.
func TestSSOGuardRefusesOtherOperations(t *testing.T) {
	s := newSSOStandIn(t, "")
	c := newPortalClient(ssoConfig("eu-west-3", nil))
	_, err := c.Logout(context.Background(), &sso.LogoutInput{AccessToken: sdkaws.String(standInToken)})
	var nr *NotReadOnlyError
	if !errors.As(err, &nr) || nr.Operation != "Logout" {
		t.Fatalf("Logout: %v, want refused", err)
	}
	if n := s.count("/logout"); n != 0 {
		t.Errorf("Logout reached the server %d times", n)
	}
	if _, err := c.ListAccounts(context.Background(), &sso.ListAccountsInput{AccessToken: sdkaws.String(standInToken)}); err != nil {
		t.Errorf("ListAccounts refused: %v", err)
	}
}

func TestSSOStartRefusesBadInput(t *testing.T) {
	if _, err := StartSSO(context.Background(), "my-co.awsapps.com", "eu-west-3"); err == nil {
		t.Error("a start URL without https:// was accepted")
	}
	if _, err := StartSSO(context.Background(), "https://my-co.awsapps.com/start", "mars-1"); err == nil {
		t.Error("an unknown region was accepted")
	}
}

func TestSSONames(t *testing.T) {
	if got := ssoSessionName("https://my-co.awsapps.com/start"); got != "my-co" {
		t.Errorf("session name %q", got)
	}
	if got := profileNameFor(SSORole{AccountID: "1", AccountName: "Prod EU", Role: "ReadOnly"}); got != "Prod-EU-ReadOnly" {
		t.Errorf("profile name %q", got)
	}
	cfg := "[sso-session other]\nsso_region = eu-west-1\n\n[sso-session my-co]\nsso_start_url = https://x.awsapps.com/start\n"
	if url, ok := ssoSessionURL(cfg, "my-co"); !ok || url != "https://x.awsapps.com/start" {
		t.Errorf("found %q %v", url, ok)
	}
	if _, ok := ssoSessionURL(cfg, "other"); !ok {
		t.Error("a session without a start URL was not found")
	}
	f := &SSOFlow{StartURL: "https://my-co.awsapps.com/start", Region: "eu-west-3", tok: &ssoToken{AccessToken: "t"}}
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	path := filepath.Join(dir, "config")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	err := f.save(sharedFiles{config: []string{path}, credentials: []string{filepath.Join(dir, "creds")}}, "my-co", "p", SSORole{AccountID: "1", Role: "R"})
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("an sso-session of another start URL: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != cfg {
		t.Errorf("config changed on refusal:\n%s", b)
	}
}
