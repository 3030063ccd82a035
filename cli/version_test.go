package cli

import (
	"strings"
	"testing"

	"github.com/reachmap/reachmap/geo/geoip"
	"github.com/reachmap/reachmap/internal/about"
	"github.com/reachmap/reachmap/reach"
)

// version names the build and the dates of the data built in; a test
// binary is unstamped, so it says devel and why it has no build date.
func TestVersion(t *testing.T) {
	code, out, _ := run("version")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"Reachmap devel\n",
		"\ncommit ",
		"\nbuilt           not stamped",
		"\nknowledge base  reviewed " + reach.Reviewed() + "\n",
		"\nGeoIP data      " + geoip.Embedded().Built.UTC().Format("2006-01-02") + "\n",
		"\napp id          " + about.AppID + "\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("version output lacks %q:\n%s", want, out)
		}
	}
}
