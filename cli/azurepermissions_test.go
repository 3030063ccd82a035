package cli

import (
	"bytes"
	"strings"
	"testing"
)

func TestAzurePermissionsCommand(t *testing.T) {
	var out, errb bytes.Buffer
	if code := Main([]string{"azure-permissions"}, &out, &errb); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"Reader", "Organization.Read.All", "User.Read.All", "Sites.Read.All", "Delegated", "Application", "user_impersonation"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the permissions lack %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	errb.Reset()
	if code := Main([]string{"azure-permissions", "extra"}, &out, &errb); code != ExitUsage || !strings.Contains(errb.String(), `unexpected argument "extra"`) {
		t.Errorf("stray argument: exit %d, %q", code, errb.String())
	}
}
