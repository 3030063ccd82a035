//go:build !dist

package about

// embeddedNotices is empty outside release builds; see notices_dist.go.
const embeddedNotices = ""
