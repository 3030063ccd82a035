package about

import (
	"runtime/debug"
	"strings"
)

// NoticesFile is the name the packages give the notices.
const NoticesFile = "THIRD_PARTY_NOTICES.txt"

// Notices returns the third-party notices: the licence of every Go module
// linked into this binary. Release builds (`make dist`, build tag "dist")
// embed the full texts scripts/notices.sh wrote for their target system;
// any other build lists the modules from Go's build info and says where
// their licences are.
func Notices() string {
	if embeddedNotices != "" {
		return embeddedNotices
	}
	var b strings.Builder
	b.WriteString("This build is not a release build, so it does not carry the licence texts\n")
	b.WriteString("(`make dist` embeds them; `scripts/notices.sh linux` prints them).\n")
	b.WriteString("Each module below keeps its own licence, found at the root of its source.\n\n")
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			b.WriteString(d.Path + " " + d.Version + "\n")
		}
	}
	return b.String()
}
