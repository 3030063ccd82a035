package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/internal/testbin"
)

// TestReadmeGivesTheBuildTags keeps the one copy of the build tags that
// cannot ask the Makefile, the README's `go install` line, equal to them:
// the tags this test was built with, which `make test` takes from TAGS.
func TestReadmeGivesTheBuildTags(t *testing.T) {
	tags := testbin.Tags()
	if !strings.Contains(tags, "migrated_fynedo") {
		t.Skip("built without the Makefile's tags (not through make): ", tags)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("go install -tags (\\S+) github.com/reachmap/reachmap@latest").FindSubmatch(readme)
	if m == nil {
		t.Fatal("the README has no `go install -tags … github.com/reachmap/reachmap@latest` line")
	}
	if got := string(m[1]); got != tags {
		t.Errorf("the README installs with -tags %s; the Makefile builds with %s", got, tags)
	}
}
