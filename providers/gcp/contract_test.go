package gcp

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/internal/memsettings"
	"github.com/reachmap/reachmap/providers/providertest"
)

// TestContract runs the suite every provider runs, against fake-gcs-server
// and the stand-in, signed in with a service-account key so that the
// no-secrets check has a private key and a token to look for.
func TestContract(t *testing.T) {
	gcs := fakeGCS(t, "EUR4")
	createBucket(t, gcs, "lumen-contract")
	api := newStandIn(t, 0)
	key, pemKey := testKey(t, api.URL+"/token")
	keyed := func(gcs, base string, projects ...string) *Provider {
		p := testProvider(gcs, base, projects...)
		p.keyJSON = key
		return p
	}
	// The key's body, without the PEM armour, is what must never show.
	body := strings.Join(strings.Split(pemKey, "\n")[1:4], "")
	providertest.Run(t, providertest.Case{
		New: func(t *testing.T) providers.Provider { return keyed(gcs, api.URL, "lumen-prod") },
		Slow: func(t *testing.T) providers.Provider {
			slow := newStandIn(t, 3*time.Second)
			p := keyed(gcs, slow.URL, "lumen-prod")
			p.keyJSON, _ = testKey(t, slow.URL+"/token")
			return p
		},
		Partial: func(t *testing.T) providers.Provider { return keyed(gcs, api.URL, "lumen-prod", "lumen-denied") },
		Secrets: []string{body, "ya29.standin-token"},
		Guard: func(t *testing.T, endpoint string) providertest.Calls {
			p := testProvider(endpoint, endpoint)
			s, err := p.connect(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			sc := &scan{ctx: t.Context(), s: s, project: "p"}
			do := func(method, path string) func(context.Context) error {
				return send(s.http, method, sc.storageURL(path))
			}
			return providertest.Calls{
				Writes: map[string]func(context.Context) error{
					"storage.buckets.insert":    do(http.MethodPost, "/storage/v1/b?project=p"),
					"storage.buckets.delete":    do(http.MethodDelete, "/storage/v1/b/old"),
					"storage.buckets.patch":     do(http.MethodPatch, "/storage/v1/b/b"),
					"storage.objects.insert":    do(http.MethodPost, "/upload/storage/v1/b/b/o?uploadType=media&name=o"),
					"storage.objects.update":    do(http.MethodPut, "/storage/v1/b/b/o/o"),
					"sqladmin.instances.delete": do(http.MethodDelete, "/v1/projects/p/instances/orders"),
				},
				Read: func(ctx context.Context) error {
					var v any
					return s.api.get(ctx, sc.storageURL("/storage/v1/b?project=p"), &v)
				},
			}
		},
	})
}

// send is a request through a provider's own client, for the guard check.
func send(c *http.Client, method, url string) func(context.Context) error {
	return func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, method, url, strings.NewReader("{}"))
		if err != nil {
			return err
		}
		resp, err := c.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
}

func TestOptionsNeverShowAKey(t *testing.T) {
	s := memsettings.New()
	dir := t.TempDir()
	key, pemKey := testKey(t, "http://127.0.0.1:1/token")
	path := filepath.Join(dir, "key.json")
	if err := os.WriteFile(path, key, 0o600); err != nil {
		t.Fatal(err)
	}
	f := form()
	if err := f.Records.Add(s, map[string]string{"path": path}); err != nil {
		t.Fatalf("add key: %v", err)
	}
	email := "reachmap@lumen-prod.iam.gserviceaccount.com"
	if got, _ := s.Secret(secretPrefix + email); got != string(key) {
		t.Error("the key's content is not in the keyring")
	}
	for _, k := range s.StringList(prefKeys) {
		if strings.Contains(k, "PRIVATE") {
			t.Error("the key reached the preferences")
		}
	}
	recs := f.Records.List(s)
	if len(recs) != 1 || recs[0].ID != email {
		t.Fatalf("records %+v", recs)
	}
	o := Factory.Saved(s).(Options)
	full := o.WithSecrets(s).(Options)
	body := strings.Split(pemKey, "\n")[1]
	for _, v := range []string{fmt.Sprint(full), fmt.Sprintf("%+v", full), fmt.Sprintf("%#v", full)} {
		if strings.Contains(v, body) {
			t.Errorf("options print the key: %s", v)
		}
	}
	ps, err := Factory.New(full, providers.Shared{})
	if err != nil || len(ps) != 1 || ps[0].Name() != "gcp:"+email {
		t.Fatalf("providers %v %v", ps, err)
	}
	if gp := ps[0].(*Provider); !bytes.Equal(gp.keyJSON, key) || gp.projects[0] != "lumen-prod" || !gp.all {
		t.Errorf("key provider %+v", gp)
	}
	// A file that is not a key is refused, and nothing is saved.
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"type":"authorized_user"}`), 0o600)
	if err := f.Records.Add(s, map[string]string{"path": bad}); err == nil {
		t.Error("a user credential was accepted as a key")
	}
	if err := f.Records.Add(s, map[string]string{"path": filepath.Join(dir, "missing.json")}); err == nil {
		t.Error("a missing file was accepted")
	}
	if err := f.Records.Remove(s, email); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Secret(secretPrefix + email); err == nil || len(f.Records.List(s)) != 0 {
		t.Error("a removed key is still kept")
	}
	// A saved key whose secret cannot be read is one gap, not a failure.
	ps, _ = Factory.New(Options{Keys: []string{"gone@x.iam.gserviceaccount.com|p"}}.WithSecrets(s), providers.Shared{})
	rec := &providertest.Recorder{}
	if err := ps[0].Scan(t.Context(), rec); err != nil || len(rec.Gaps) != 1 || !strings.Contains(rec.Gaps[0].Hint, "keyring") {
		t.Errorf("unreadable key: %v %+v", err, rec.Gaps)
	}
}

func TestFlags(t *testing.T) {
	parse := func(args ...string) (providers.Options, error) {
		fs := flag.NewFlagSet("scan", flag.ContinueOnError)
		read := Factory.Flags(fs)
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		return read(func(string) string { return "" })
	}
	o, err := parse("--gcp-project", "lumen-prod", "--gcp-project", "lumen-denied,lumen-prod")
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := Factory.New(o, providers.Shared{})
	if len(ps) != 1 || strings.Join(ps[0].(*Provider).projects, ",") != "lumen-prod,lumen-denied" {
		t.Errorf("providers %+v", ps)
	}
	if o, _ := parse("--gcp"); o.Empty() || !o.(Options).All {
		t.Errorf("--gcp %+v", o)
	}
	if o, _ := parse(); !o.Empty() {
		t.Error("no flag should scan nothing")
	}
	if _, err := parse("--gcp-project", "Not A Project"); err == nil {
		t.Error("a bad project id was accepted")
	}
}
