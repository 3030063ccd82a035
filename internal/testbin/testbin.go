// Package testbin builds the real reachmap program for the tests that run
// it: once per test process, with the build tags the test itself was
// built with. Those are the Makefile's TAGS, the one place they are
// written, so a test never runs a program built differently from the one
// people get.
package testbin

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"sync"
	"testing"
)

// Tags returns the build tags of the running program ("" with none), as
// `go build -tags` takes them.
func Tags() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "-tags" {
				return s.Value
			}
		}
	}
	return ""
}

// GoArgs returns args for the go command with the running program's tags
// put after the subcommand: GoArgs("list", "-deps", "./ui") is
// ["list", "-tags", TAGS, "-deps", "./ui"].
func GoArgs(sub string, args ...string) []string {
	out := []string{sub}
	if t := Tags(); t != "" {
		out = append(out, "-tags", t)
	}
	return append(out, args...)
}

var (
	once sync.Once
	path string
	err  error
)

// Build returns the path of the reachmap program, built on first use into
// a directory of its own and shared by the process's tests.
func Build(tb testing.TB) string {
	tb.Helper()
	once.Do(func() {
		var dir string
		if dir, err = os.MkdirTemp("", "reachmap-testbin-"); err != nil {
			return
		}
		path = filepath.Join(dir, "reachmap")
		out, e := exec.Command("go", GoArgs("build", "-o", path, "github.com/reachmap/reachmap")...).CombinedOutput()
		if e != nil {
			err = errors.New(e.Error() + "\n" + string(out))
		}
	})
	if err != nil {
		tb.Fatalf("build reachmap: %v", err)
	}
	return path
}
