//go:build dist

package about

import _ "embed"

// embeddedNotices is written by scripts/dist.sh (scripts/notices.sh for the
// target system) just before a release build, and is not in git.
//
//go:embed third_party_notices.txt
var embeddedNotices string
