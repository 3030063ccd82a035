// Package all is the one list of the provider kinds Reachmap knows. The
// command line builds its scan flags from it and the window its Accounts
// sections; adding a kind means one line here (see docs/ARCHITECTURE.md).
// Nothing registers itself from init: a reader sees every source of data
// in this file.
package all

import (
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/aws"
	"github.com/reachmap/reachmap/providers/azure"
	"github.com/reachmap/reachmap/providers/demo"
	"github.com/reachmap/reachmap/providers/gcp"
	"github.com/reachmap/reachmap/providers/mail"
)

// Factories are the provider kinds, in the order the Accounts screen
// shows their sections (a kind without a form, the demo, shows none).
func Factories() []providers.Factory {
	return []providers.Factory{
		aws.Factory,
		azure.Factory,
		azure.M365Factory,
		mail.Factory,
		gcp.Factory,
		gcp.WorkspaceFactory,
		aws.CompatFactory,
		demo.Factory,
	}
}

// Registry returns a registry of every kind.
func Registry() *providers.Registry { return providers.NewRegistry(Factories()...) }
