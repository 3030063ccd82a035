package aws

import (
	"errors"
	"slices"
	"testing"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/internal/memsettings"
)

// AWS_PROFILE is scanned when no --aws-profile is given, as the AWS CLI
// does; --aws-org-role names the role of an organization scan.
func TestProfileFromEnvironmentAndOrgRole(t *testing.T) {
	o, err := parseFlags(t, Factory, map[string]string{"AWS_PROFILE": "client-a"})
	if err != nil || !slices.Equal(o.(Options).Profiles, []string{"client-a"}) {
		t.Errorf("AWS_PROFILE: %+v, %v", o, err)
	}
	o, _ = parseFlags(t, Factory, map[string]string{"AWS_PROFILE": "client-a"}, "--aws-profile", "mgmt")
	if !slices.Equal(o.(Options).Profiles, []string{"mgmt"}) {
		t.Errorf("--aws-profile must win over AWS_PROFILE: %+v", o)
	}
	o, err = parseFlags(t, Factory, nil, "--aws-profile", "mgmt", "--aws-org-role", "ReachmapReadOnly")
	if err != nil || o.(Options).roleFor("mgmt") != "ReachmapReadOnly" {
		t.Errorf("--aws-org-role: %+v, %v", o, err)
	}
	ps, err := newProviders(o, providers.Shared{})
	if err != nil || len(ps) != 1 || ps[0].(*Provider).orgRole != "ReachmapReadOnly" {
		t.Errorf("providers %+v, %v", ps, err)
	}
	var p *providers.Problem
	if _, err := parseFlags(t, Factory, nil, "--aws-org-role", "role/with slash"); !errors.As(err, &p) || p.Field != "aws-org-role" {
		t.Errorf("a bad role name gives %v", err)
	}
}

// The window's "scan the whole organization with role" is saved per
// profile, read back by Saved and kept by Pick.
func TestOrgRoleSavedPerProfile(t *testing.T) {
	s := memsettings.New()
	opt := Factory.Form().Checklist.Option
	if err := opt.Set(s, "mgmt", "ReachmapReadOnly"); err != nil {
		t.Fatal(err)
	}
	if err := opt.Set(s, "other", "bad role"); err == nil {
		t.Error("a role name with a space was saved")
	}
	if got := opt.Get(s, "mgmt"); got != "ReachmapReadOnly" {
		t.Errorf("Get = %q", got)
	}
	picked := Factory.Form().Checklist.Pick(Factory.Saved(s), []string{"mgmt", "other"}).(Options)
	if picked.roleFor("mgmt") != "ReachmapReadOnly" || picked.roleFor("other") != "" {
		t.Errorf("picked %+v", picked)
	}
	if err := opt.Set(s, "mgmt", ""); err != nil || opt.Get(s, "mgmt") != "" {
		t.Errorf("an empty role must forget it: %v %q", err, opt.Get(s, "mgmt"))
	}
}

// AWS_REGION wins over the profile's region, as in the AWS CLI: it is
// where global calls go and the home of the scan.
func TestAWSRegionIsHonoured(t *testing.T) {
	files := writeFiles(t, testProfile{name: "p", region: "us-west-2", access: "AKIAEXAMPLE", secret: "s"})
	t.Setenv("AWS_REGION", "eu-west-3")
	s, err := openSession(t.Context(), "p", testOptions(files))
	if err != nil {
		t.Fatal(err)
	}
	if s.home != "eu-west-3" {
		t.Errorf("home %q, want AWS_REGION's eu-west-3", s.home)
	}
}
