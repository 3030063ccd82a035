package inventory

import (
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/aws"
	"github.com/reachmap/reachmap/providers/demo"
	"github.com/reachmap/reachmap/providers/mail"
)

// Registry returns the provider kinds this program knows. The list is
// explicit so that a reader sees every source of data in one place.
func Registry() *providers.Registry {
	return providers.NewRegistry(
		aws.Factory,
		aws.CompatFactory,
		demo.Factory,
		mail.Factory,
	)
}
