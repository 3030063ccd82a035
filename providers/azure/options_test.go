package azure

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/internal/memsettings"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func parse(t *testing.T, f providers.Factory, args []string, env map[string]string) (Options, error) {
	t.Helper()
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	read := f.Flags(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	o, err := read(envOf(env))
	if err != nil {
		return Options{}, err
	}
	return o.(Options), nil
}

func TestFlags(t *testing.T) {
	sub := "11111111-1111-4111-8111-111111111111"
	o, err := parse(t, Factory, []string{"--azure", "--azure-subscription", sub, "--azure-subscription", strings.ToUpper(sub)}, nil)
	if err != nil || o.Empty() || len(o.Subscriptions) != 2 || o.SignIns[0].Auth != AuthCLI || o.Cloud.Name != "AzurePublic" {
		t.Errorf("--azure: %+v, %v", o, err)
	}
	env := map[string]string{"AZURE_CLIENT_ID": "app", "AZURE_CLIENT_SECRET": "s3cret-value", "AZURE_TENANT_ID": "t", EnvCloud: "AzureChina"}
	o, err = parse(t, M365Factory, []string{"--microsoft-365"}, env)
	if err != nil || o.SignIns[0].Auth != AuthEnv || o.Cloud.Name != "AzureChina" || o.Kind != KindM365 {
		t.Errorf("--microsoft-365 with a service principal: %+v, %v", o, err)
	}
	if s := fmt.Sprintf("%v %+v %#v", o, o, o); strings.Contains(s, "s3cret-value") {
		t.Errorf("options print a secret: %s", s)
	}
	if o, err := parse(t, Factory, nil, nil); err != nil || !o.Empty() {
		t.Errorf("no flag: %+v, %v", o, err)
	}
	for _, bad := range [][]string{{"--azure-subscription", sub}, {"--azure", "--azure-subscription", "prod"}} {
		if _, err := parse(t, Factory, bad, nil); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
	if _, err := parse(t, Factory, []string{"--azure"}, map[string]string{EnvCloud: "/no/such/cloud.json"}); err == nil || !strings.Contains(err.Error(), EnvCloud) {
		t.Errorf("a missing cloud file: %v", err)
	}
}

func TestParseCloud(t *testing.T) {
	for in, want := range map[string]Cloud{"": AzurePublic, "AzurePublic": AzurePublic, "azurechina": AzureChina, "AzureGovernment": AzureGovernment} {
		if c, err := ParseCloud(in); err != nil || c != want {
			t.Errorf("%q: %+v, %v", in, c, err)
		}
	}
	dir := t.TempDir()
	write := func(body string) string {
		p := filepath.Join(dir, fmt.Sprint(len(body))+".json")
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	c, err := ParseCloud(write(`{"name":"private","authority_host":"https://login.example/","resource_manager":"https://arm.example","resource_manager_audience":"https://management.core.windows.net/","graph":"https://graph.example/"}`))
	if err != nil || !c.Custom || c.ResourceManager != "https://arm.example/" {
		t.Errorf("a cloud file: %+v, %v", c, err)
	}
	for _, bad := range []string{`{`, `{"name":"x"}`, `{"name":"x","authority_host":"http://login.example/","resource_manager":"https://a/","resource_manager_audience":"https://a/","graph":"https://g/"}`} {
		if _, err := ParseCloud(write(bad)); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func TestFormSavesTheSecretInTheKeyringOnly(t *testing.T) {
	s := memsettings.New()
	r := form().Records
	add := func(v map[string]string) error { return r.Add(s, v) }
	var p *providers.Problem
	if err := add(map[string]string{fieldAuth: AuthServicePrincipal, fieldClient: "app", fieldTenant: "tenant"}); !errors.As(err, &p) || p.Field != fieldSecret {
		t.Errorf("no secret: %v", err)
	}
	if err := add(map[string]string{fieldAuth: AuthBrowser}); !errors.As(err, &p) || p.Field != fieldClient {
		t.Errorf("browser without client id: %v", err)
	}
	if err := add(map[string]string{fieldAuth: "telepathy"}); !errors.As(err, &p) || p.Field != fieldAuth {
		t.Errorf("bad method: %v", err)
	}
	if err := add(map[string]string{fieldAuth: AuthServicePrincipal, fieldClient: "app", fieldTenant: "tenant", fieldSecret: "very-secret-value", fieldScan: KindAzure}); err != nil {
		t.Fatal(err)
	}
	if err := add(map[string]string{fieldAuth: AuthCLI, fieldScan: "both"}); err != nil {
		t.Fatal(err)
	}
	if err := add(map[string]string{fieldAuth: AuthCLI, fieldScan: "both"}); !errors.As(err, &p) {
		t.Errorf("a duplicate: %v", err)
	}
	for _, v := range s.Prefs() {
		if strings.Contains(v, "very-secret-value") {
			t.Errorf("the secret is in the preferences: %s", v)
		}
	}
	if ids := s.SecretIDs(); len(ids) != 1 || ids[0] != "azure:app@tenant" {
		t.Errorf("keyring: %v", ids)
	}
	az := Factory.Saved(s).(Options)
	m := M365Factory.Saved(s).(Options)
	if len(az.SignIns) != 2 || len(m.SignIns) != 1 || m.SignIns[0].Auth != AuthCLI {
		t.Errorf("saved: azure %+v, m365 %+v", az, m)
	}
	withSecret := az.WithSecrets(s).(Options)
	if withSecret.SignIns[0].secret != "very-secret-value" || az.SignIns[0].secret != "" {
		t.Error("WithSecrets")
	}
	if strings.Contains(fmt.Sprintf("%v %#v", withSecret, withSecret), "very-secret-value") {
		t.Error("options with their secret print it")
	}
	recs := r.List(s)
	if len(recs) != 2 {
		t.Fatalf("records %+v", recs)
	}
	if err := r.Remove(s, recs[0].ID); err != nil || len(s.SecretIDs()) != 0 || len(r.List(s)) != 1 {
		t.Errorf("remove: %v, keyring %v", err, s.SecretIDs())
	}
}

// TestExpiredCLISession: the Azure CLI failing (a session expired) is a
// gap that says to run az login.
func TestExpiredCLISession(t *testing.T) {
	dir := t.TempDir()
	az := "#!/bin/sh\necho \"ERROR: AADSTS700082: The refresh token has expired due to inactivity. Please run 'az login' to setup account.\" >&2\nexit 1\n"
	if err := os.WriteFile(filepath.Join(dir, "az"), []byte(az), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	for _, kind := range []string{KindAzure, KindM365} {
		ps, _ := newProviders(Options{Kind: kind, SignIns: []SignIn{{Auth: AuthCLI}}, Cloud: AzurePublic}, providers.Shared{})
		rec := scanWith(t, ps[0])
		if len(rec.Gaps) != 1 || !strings.Contains(rec.Gaps[0].Hint, "run az login") || len(rec.Assets) != 0 {
			t.Errorf("%s: gaps %+v", kind, rec.Gaps)
		}
	}
}
