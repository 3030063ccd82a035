package cli

import (
	"io"

	"github.com/reachmap/reachmap/providers/azure"
)

// runAzurePermissions prints the Azure RBAC role and the Microsoft Graph
// permissions (application and delegated) a read-only scan needs, the
// same text as the README and the Accounts screen.
func runAzurePermissions(args []string, stdout, stderr io.Writer) int {
	return runText("azure-permissions", "Prints the Azure role and the Microsoft Graph permissions a read-only Reachmap scan needs.",
		azure.Permissions, args, stdout, stderr)
}
