package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/reachmap/reachmap/providers/azure"
)

// runAzurePermissions prints the Azure RBAC role and the Microsoft Graph
// permissions (application and delegated) a read-only scan needs, the
// same text as the README and the Accounts screen.
func runAzurePermissions(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("azure-permissions", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: reachmap azure-permissions")
		fmt.Fprintln(stderr, "Prints the Azure role and the Microsoft Graph permissions a read-only Reachmap scan needs.")
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return ExitOK
		}
		return ExitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "reachmap azure-permissions: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return ExitUsage
	}
	if _, err := io.WriteString(stdout, azure.Permissions()); err != nil {
		fmt.Fprintf(stderr, "reachmap azure-permissions: %v\n", err)
		return ExitFailed
	}
	return ExitOK
}
