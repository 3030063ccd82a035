package inventory

import (
	"reachmap/providers"
	"reachmap/providers/aws"
	"reachmap/providers/demo"
	"reachmap/providers/mail"
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
