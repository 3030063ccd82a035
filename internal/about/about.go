// Package about holds the facts the program states about itself: its id,
// name, version and the commit it was built from, shared by the window, the
// CLI and FyneApp.toml (a test checks they agree).
//
// Release builds (`make build`, `make dist`) stamp the version, the commit
// and the build date with -ldflags "-X"; the version they stamp is read from
// FyneApp.toml, the one place it is written. A plain `go build` or
// `go install` stamps nothing: such a binary calls itself "devel" and takes
// its commit from the VCS information Go records in every build.
package about

import (
	"runtime/debug"
	"strings"
)

// AppID is the application id: reverse DNS under a name the project
// controls (its GitHub organisation), in the form desktop stores accept. It
// names the desktop file, the icon, the AppStream component, Fyne's
// preferences folder and the keyring service. It MUST equal Details.ID in
// FyneApp.toml.
const AppID = "io.github.reachmap.Reachmap"

// OldAppIDs are the ids earlier versions used, newest first; their
// preferences and keyring entries are moved to AppID (package appmigrate).
var OldAppIDs = []string{"eu.reachmap.desktop"}

// Name is the product name.
const Name = "Reachmap"

// Set with -ldflags "-X github.com/reachmap/reachmap/internal/about.stampedVersion=…"
// (and stampedCommit, stampedDate); see the Makefile's LDFLAGS.
var (
	stampedVersion string
	stampedCommit  string
	stampedDate    string
)

// Devel is the version of a binary whose version was not stamped.
const Devel = "devel"

// Version is the release version, or Devel.
var Version = current().Version

// Build says which build this binary is.
type Build struct {
	Version string // FyneApp.toml's version, or "devel"
	Commit  string // the commit, 12 hex digits, "-dirty" when the tree had changes; "" if unknown
	Date    string // the build date (RFC 3339, UTC); "" for an unstamped build
	// CommitDate is the commit's date from Go's build info, for an
	// unstamped build; "" otherwise.
	CommitDate string
}

// Stamped reports whether the build was stamped by the Makefile.
func (b Build) Stamped() bool { return b.Version != Devel }

// Current returns this binary's build.
func Current() Build { return current() }

func current() Build {
	if stampedVersion != "" {
		return Build{Version: stampedVersion, Commit: stampedCommit, Date: stampedDate}
	}
	b := Build{Version: Devel}
	if bi, ok := debug.ReadBuildInfo(); ok {
		b.Commit, b.CommitDate = fromSettings(bi.Settings)
	}
	return b
}

// fromSettings reads the commit and its date from Go's VCS build settings.
func fromSettings(settings []debug.BuildSetting) (commit, date string) {
	dirty := false
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			commit = s.Value
		case "vcs.time":
			date = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if len(commit) > 12 {
		commit = commit[:12]
	}
	if commit != "" && dirty {
		commit += "-dirty"
	}
	return commit, date
}

// String is the one-line form: "0.1.0 (3d112e5a1b2c, built 2026-12-04)".
func (b Build) String() string {
	var extra []string
	if b.Commit != "" {
		extra = append(extra, b.Commit)
	}
	if b.Date != "" {
		extra = append(extra, "built "+b.Date)
	}
	if len(extra) == 0 {
		return b.Version
	}
	return b.Version + " (" + strings.Join(extra, ", ") + ")"
}
