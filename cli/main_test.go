package cli

import (
	"fmt"
	"os"
	"testing"
)

// TestMain points the user's configuration directory at a temporary one:
// every scan saves to the default store unless told otherwise, and tests
// must never write into the real ~/.config/reachmap.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "reachmap-cli-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_CONFIG_HOME", dir)
	os.Setenv("HOME", dir)
	// English unless a test asks for French, whatever the machine's locale.
	for _, v := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES"} {
		os.Unsetenv(v)
	}
	os.Setenv("LANG", "C.UTF-8")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
