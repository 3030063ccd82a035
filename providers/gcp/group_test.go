package gcp

import (
	"fmt"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/providers"
)

// TestKeyAndSignInScanEachProjectOnce: the sign-in and a key both see
// lumen-prod and lumen-denied (the stand-in lists both to anyone); the
// scan lists every store once, the key (first in the group) signs the
// requests, and the sign-in's projects:search is still asked.
func TestKeyAndSignInScanEachProjectOnce(t *testing.T) {
	api := newStandIn(t, 0)
	key, _ := testKey(t, api.URL+"/token")
	withKey := testProvider("", api.URL, "lumen-prod")
	withKey.keyJSON, withKey.all, withKey.label = key, true, "reachmap@lumen-prod.iam.gserviceaccount.com"
	adc := testProvider("", api.URL)
	adc.all, adc.label = true, "application default credentials"
	both := scanOf(t, group{members: []*Provider{withKey, adc}})
	alone := scanOf(t, testProvider("", api.URL, "lumen-prod", "lumen-denied"))
	seen := map[string]int{}
	for _, a := range both.Assets {
		seen[fmt.Sprint(a.Kind, "/", a.Account, "/", a.Name, "/", a.Region)]++
	}
	for k, n := range seen {
		if n > 1 {
			t.Errorf("%s is listed %d times", k, n)
		}
	}
	if len(both.Assets) != len(alone.Assets) || len(both.Assets) == 0 {
		t.Errorf("the key and the sign-in together found %d items; one credential alone finds %d", len(both.Assets), len(alone.Assets))
	}
	signed := 0
	for _, h := range api.authSeen() {
		if strings.HasPrefix(h, "Bearer ") {
			signed++
		}
	}
	if signed == 0 {
		t.Error("the key signed nothing: the projects went to the sign-in")
	}
}

// TestKeysAndSignInMakeOneGroup: options naming both the sign-in and a key
// make one provider, the key first; either alone stays a plain provider.
func TestKeysAndSignInMakeOneGroup(t *testing.T) {
	email := "reachmap@lumen-prod.iam.gserviceaccount.com"
	o := Options{All: true, Keys: []string{email + "|lumen-prod"}, keys: map[string][]byte{email: []byte("{}")}}
	ps, err := newProviders(o, providers.Shared{})
	if err != nil || len(ps) != 1 {
		t.Fatalf("providers %v, %v", ps, err)
	}
	g, ok := ps[0].(group)
	if !ok || len(g.members) != 2 || g.members[0].label != email || g.members[1].label != "application default credentials" || g.Name() != "gcp" {
		t.Fatalf("not one group, key first: %#v", ps[0])
	}
	o.All = false
	if ps, _ := newProviders(o, providers.Shared{}); len(ps) != 1 || ps[0].(*Provider).label != email {
		t.Errorf("a key alone: %v", ps)
	}
}
