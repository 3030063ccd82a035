package about

import (
	"os"
	"regexp"
	"testing"
)

// The app id and version live in code and in FyneApp.toml (read by the fyne
// tool when packaging); they must not drift apart.
func TestFyneAppTOMLAgrees(t *testing.T) {
	b, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"ID": AppID, "Name": Name, "Version": Version} {
		m := regexp.MustCompile(`(?m)^\s*` + key + `\s*=\s*"([^"]*)"`).FindSubmatch(b)
		if m == nil {
			t.Fatalf("FyneApp.toml has no %s", key)
		}
		if string(m[1]) != want {
			t.Errorf("FyneApp.toml %s = %q, code says %q", key, m[1], want)
		}
	}
	if !regexp.MustCompile(`(?ms)^\[Migrations\]\s*\n\s*fyneDo\s*=\s*true`).Match(b) {
		t.Error("FyneApp.toml must opt into [Migrations] fyneDo = true")
	}
	if _, err := os.Stat("../../assets/icon.png"); err != nil {
		t.Errorf("the icon FyneApp.toml names is missing: %v", err)
	}
}
