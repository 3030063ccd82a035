package main

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/internal/testbin"
)

// What each layer may not depend on, checked with `go list` so that an
// indirect import counts too. The data flows one way (docs/ARCHITECTURE.md):
// the packages that judge, store, report and word a scan depend on no GUI
// toolkit, no cloud SDK and no DNS client, which belong to ui and to the
// providers; the providers, geography and legal model pull in no toolkit.
var (
	toolkit = []string{"fyne.io/", "github.com/go-gl/"}
	clouds  = []string{"github.com/aws/", "cloud.google.com/", "google.golang.org/api", "golang.org/x/oauth2/google", "google.golang.org/grpc", "google.golang.org/genproto", "github.com/Azure/", "github.com/AzureAD/", "github.com/miekg/dns"}
)

func TestLayersDependOnlyDownstream(t *testing.T) {
	rules := []struct {
		pkgs      []string
		forbidden [][]string
	}{
		{[]string{"./report", "./policy", "./store", "./inventory", "./present", "./internal/i18n", "./pack"}, [][]string{toolkit, clouds}},
		{[]string{"./mapdraw", "./providers/...", "./geo/...", "./reach", "./cli"}, [][]string{toolkit}},
	}
	for _, r := range rules {
		for _, dep := range goList(t, testbin.GoArgs("list", append([]string{"-deps"}, r.pkgs...)...)...) {
			for _, set := range r.forbidden {
				for _, f := range set {
					if strings.HasPrefix(dep, f) {
						t.Errorf("%v depends on %s", r.pkgs, dep)
					}
				}
			}
		}
	}
}

// ui builds providers through providers/all, so the SDKs are among its
// dependencies; what it must not do is call one itself.
func TestUIImportsNoCloudSDK(t *testing.T) {
	for _, imp := range goList(t, testbin.GoArgs("list", "-f", `{{join .Imports "\n"}}`, "./ui/...")...) {
		for _, f := range clouds {
			if strings.HasPrefix(imp, f) {
				t.Errorf("ui imports %s", imp)
			}
		}
	}
}

func goList(t *testing.T, args ...string) []string {
	t.Helper()
	out, err := exec.Command("go", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.Fields(string(out))
}
