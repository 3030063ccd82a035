package about

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
)

// fyneAppTOML reads a key of FyneApp.toml's [Details].
func fyneAppTOML(t *testing.T, key string) string {
	t.Helper()
	b, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*` + key + `\s*=\s*"([^"]*)"`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("FyneApp.toml has no %s", key)
	}
	return string(m[1])
}

// The app id and name live in code and in FyneApp.toml (read by the fyne
// tool when packaging); they must not drift apart.
func TestFyneAppTOMLAgrees(t *testing.T) {
	for key, want := range map[string]string{"ID": AppID, "Name": Name} {
		if got := fyneAppTOML(t, key); got != want {
			t.Errorf("FyneApp.toml %s = %q, code says %q", key, got, want)
		}
	}
	b, _ := os.ReadFile("../../FyneApp.toml")
	if !regexp.MustCompile(`(?ms)^\[Migrations\]\s*\n\s*fyneDo\s*=\s*true`).Match(b) {
		t.Error("FyneApp.toml must opt into [Migrations] fyneDo = true")
	}
	if _, err := os.Stat("../../assets/icon.png"); err != nil {
		t.Errorf("the icon FyneApp.toml names is missing: %v", err)
	}
	if !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(fyneAppTOML(t, "Version")) {
		t.Errorf("FyneApp.toml Version %q is not MAJOR.MINOR.PATCH", fyneAppTOML(t, "Version"))
	}
}

// The ids of packaging (desktop file, metainfo, icons) follow the app id.
func TestPackagingUsesAppID(t *testing.T) {
	for _, f := range []string{"packaging/linux/" + AppID + ".desktop", "packaging/linux/" + AppID + ".metainfo.xml"} {
		b, err := os.ReadFile(filepath.Join("../..", f))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), AppID) {
			t.Errorf("%s does not name %s", f, AppID)
		}
	}
	for _, old := range OldAppIDs {
		if old == AppID {
			t.Errorf("OldAppIDs holds the current id %s", AppID)
		}
	}
}

// The stamp the Makefile writes reaches these variables, with
// FyneApp.toml's version: a misspelt -X path is silently ignored by the
// linker, so a small program is built with the Makefile's own LDFLAGS and
// asked what it is.
func TestMakefileStampsFyneAppVersion(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make")
	}
	root, _ := filepath.Abs("../..")
	out, err := exec.Command("make", "-s", "-C", root, "print-ldflags").Output()
	if err != nil {
		t.Fatalf("make print-ldflags: %v", err)
	}
	ldflags := strings.TrimSpace(string(out))
	bin := filepath.Join(t.TempDir(), "stamp")
	cmd := exec.Command("go", "build", "-ldflags", ldflags, "-o", bin, "./testdata/stamp")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	got, err := exec.Command(bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Split(strings.TrimSpace(string(got)), "\n")
	if len(f) != 3 {
		t.Fatalf("stamp printed %q", got)
	}
	if want := fyneAppTOML(t, "Version"); f[0] != want {
		t.Errorf("stamped version %q, FyneApp.toml says %q", f[0], want)
	}
	if !regexp.MustCompile(`^([0-9a-f]{12}(-dirty)?|unknown)$`).MatchString(f[1]) {
		t.Errorf("stamped commit %q", f[1])
	}
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`).MatchString(f[2]) {
		t.Errorf("stamped date %q", f[2])
	}
}

func TestUnstampedIsDevel(t *testing.T) {
	b := Current()
	if b.Version != Devel || b.Stamped() || Version != Devel {
		t.Errorf("a test binary is unstamped, got %+v / %q", b, Version)
	}
	if b.Date != "" {
		t.Errorf("an unstamped build has no build date, got %q", b.Date)
	}
}

func TestFromSettings(t *testing.T) {
	c, d := fromSettings([]debug.BuildSetting{
		{Key: "vcs.revision", Value: "3d112e5a1b2c3d4e5f60718293a4b5c6d7e8f901"},
		{Key: "vcs.time", Value: "2026-12-04T18:00:00Z"},
		{Key: "vcs.modified", Value: "true"},
	})
	if c != "3d112e5a1b2c-dirty" || d != "2026-12-04T18:00:00Z" {
		t.Errorf("got %q %q", c, d)
	}
	if c, _ := fromSettings(nil); c != "" {
		t.Errorf("no VCS info gave commit %q", c)
	}
}

func TestBuildString(t *testing.T) {
	for _, tt := range []struct {
		b    Build
		want string
	}{
		{Build{Version: "0.1.0", Commit: "3d112e5a1b2c", Date: "2026-12-04T18:00:00Z"}, "0.1.0 (3d112e5a1b2c, built 2026-12-04T18:00:00Z)"},
		{Build{Version: Devel, Commit: "3d112e5a1b2c"}, "devel (3d112e5a1b2c)"},
		{Build{Version: Devel}, "devel"},
	} {
		if got := tt.b.String(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.b, got, tt.want)
		}
	}
}
