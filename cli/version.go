package cli

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/reachmap/reachmap/geo/geoip"
	"github.com/reachmap/reachmap/internal/about"
	"github.com/reachmap/reachmap/reach"
)

// runVersion prints which build this is and the dates of the data it
// carries: the first line is "Reachmap VERSION", the rest "label  value".
func runVersion(stdout io.Writer) int {
	b := about.Current()
	fmt.Fprintf(stdout, "%s %s\n", about.Name, b.Version)
	row := func(label, value string) { fmt.Fprintf(stdout, "%-16s%s\n", label, value) }
	commit := b.Commit
	if commit == "" {
		commit = "unknown"
	}
	row("commit", commit)
	switch {
	case b.Date != "":
		row("built", b.Date)
	case b.CommitDate != "":
		row("built", "not stamped (a plain go build); commit of "+b.CommitDate)
	default:
		row("built", "not stamped (a plain go build)")
	}
	row("knowledge base", "reviewed "+reach.Reviewed())
	if g := geoip.Embedded(); !g.Built.IsZero() {
		row("GeoIP data", g.Built.UTC().Format("2006-01-02"))
	} else {
		row("GeoIP data", "unknown")
	}
	row("Go", fmt.Sprintf("%s %s/%s", strings.TrimPrefix(runtime.Version(), "go"), runtime.GOOS, runtime.GOARCH))
	if v := depVersion("fyne.io/fyne/v2"); v != "" {
		row("Fyne", v)
	}
	row("app id", about.AppID)
	return ExitOK
}

// depVersion is the version of a module linked into the binary, or "".
func depVersion(path string) string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == path {
				return d.Version
			}
		}
	}
	return ""
}
