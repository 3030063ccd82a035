package mapdraw

import (
	"os/exec"
	"strings"
	"testing"
)

// mapdraw draws for report and the command line, which run with no
// display: it must not pull in a GUI toolkit, even indirectly.
func TestImportsNoToolkit(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if strings.HasPrefix(p, "fyne.io/") || strings.Contains(p, "go-gl/") {
			t.Errorf("mapdraw depends on %s", p)
		}
	}
}
