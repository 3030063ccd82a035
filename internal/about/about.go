// Package about holds the facts the program states about itself: its id,
// name and version, shared by the window, the CLI and FyneApp.toml (a test
// checks they agree).
package about

// AppID is the application id; it MUST equal Details.ID in FyneApp.toml.
const AppID = "eu.reachmap.desktop"

// Name is the product name.
const Name = "Reachmap"

// Version is the release version; it MUST equal Details.Version in
// FyneApp.toml. Builds may override it with -ldflags "-X …".
var Version = "0.1.0"
