package main

import (
	"os/exec"
	"strings"
	"testing"
)

// The packages that judge, store and report a scan depend on no GUI
// toolkit, no cloud SDK and no DNS client: those belong to ui and to the
// providers, and the data flows one way (docs/ARCHITECTURE.md).
func TestDownstreamPackagesImportNoToolkitSDKOrDNS(t *testing.T) {
	forbidden := []string{"fyne.io/", "github.com/aws/", "cloud.google.com/", "github.com/Azure/", "github.com/miekg/dns"}
	for _, pkg := range []string{"./report", "./policy", "./store", "./inventory"} {
		out, err := exec.Command("go", "list", "-tags", "migrated_fynedo", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, f := range forbidden {
				if strings.HasPrefix(dep, f) {
					t.Errorf("%s depends on %s", pkg, dep)
				}
			}
		}
	}
}
