package present

import (
	"os/exec"
	"strings"
	"testing"
)

// present and the catalogs speak for the command line and the report as
// well as for the window, so they import no toolkit.
func TestNoToolkit(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-tags", "migrated_fynedo", ".", "../internal/i18n").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, p := range strings.Fields(string(out)) {
		if strings.HasPrefix(p, "fyne.io/") {
			t.Errorf("present depends on %s", p)
		}
	}
}
