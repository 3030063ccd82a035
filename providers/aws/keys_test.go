package aws

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/internal/memsettings"
)

// A person with only access keys adds them in the window: the secret goes
// to the keyring only, the scan reads it back and finds the account's
// buckets, with its account id.
func TestAccessKeysFromTheWindow(t *testing.T) {
	endpoint := freshMoto(t)
	bucketIn(t, rawConfig(endpoint, "eu-west-3", motoAccess, motoSecret), "keys-files")
	t.Setenv("AWS_ENDPOINT_URL", endpoint)
	s := memsettings.New()
	rec := Factory.Form().Records
	bad := map[string]string{fieldKeyName: "client a", fieldKeyAccess: motoAccess, fieldKeySecret: motoSecret}
	var p *providers.Problem
	if err := rec.Add(s, bad); err == nil || !errors.As(err, &p) || p.Field != fieldKeyName {
		t.Errorf("a name with a space: %v", err)
	}
	if err := rec.Add(s, map[string]string{fieldKeyName: "client-a", fieldKeyAccess: motoAccess, fieldKeyRegion: "eu-west-3"}); err == nil {
		t.Error("keys without a secret were saved")
	}
	if err := rec.Add(s, map[string]string{fieldKeyName: "client-a", fieldKeyAccess: motoAccess, fieldKeySecret: motoSecret, fieldKeyRegion: "eu-west-3"}); err != nil {
		t.Fatal(err)
	}
	for _, e := range s.StringList(prefKeys) {
		if strings.Contains(e, motoSecret) {
			t.Fatal("the secret is in the preferences")
		}
	}
	if got, err := s.Secret(keySecretID("client-a")); err != nil || got != motoSecret {
		t.Fatalf("keyring holds %q, %v", got, err)
	}
	if ls := rec.List(s); len(ls) != 1 || ls[0].ID != "client-a" {
		t.Errorf("listed %+v", ls)
	}
	opts := Factory.Saved(s).(providers.SecretOptions).WithSecrets(s)
	if printed := fmt.Sprintf("%v %#v %+v", opts, opts, opts); strings.Contains(printed, motoSecret) {
		t.Fatalf("options print the secret: %s", printed)
	}
	ps, err := newProviders(opts, providers.Shared{})
	if err != nil || len(ps) != 1 {
		t.Fatalf("providers %v, %v", ps, err)
	}
	prov := ps[0].(*Provider)
	keys := prov.opts.keys
	prov.opts = testOptions(writeFiles(t))
	prov.opts.keys = keys
	sink := &recSink{}
	if err := prov.Scan(context.Background(), sink); err != nil {
		t.Fatalf("scan: %v\n%s", err, sink.gapText())
	}
	found := false
	for _, a := range sink.Assets {
		if a.Name == "keys-files" && a.Account == "client-a" && a.AccountID == motoAccount && a.Region == "eu-west-3" {
			found = true
		}
	}
	if !found {
		t.Errorf("keys-files not found under client-a: %+v", sink.Assets)
	}
	if err := rec.Remove(s, "client-a"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Secret(keySecretID("client-a")); err == nil {
		t.Error("the secret stayed in the keyring")
	}
}
