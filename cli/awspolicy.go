package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/reachmap/reachmap/providers/aws"
)

// runAWSPolicy prints the minimal read-only IAM policy a Reachmap scan
// needs, so a user can attach exactly that to the profile they scan with:
//
//	reachmap aws-policy > reachmap-policy.json
//	aws iam put-user-policy --user-name reachmap --policy-name reachmap \
//	    --policy-document file://reachmap-policy.json
//
// Only the JSON goes to stdout, so the output can be piped as is.
func runAWSPolicy(args []string, stdout, stderr io.Writer) int {
	return runText("aws-policy", "Prints the minimal read-only IAM policy (JSON) that lets Reachmap scan an AWS account.",
		aws.Policy, args, stdout, stderr)
}

// runText runs a subcommand that takes no argument and prints a text (a
// policy, a list of permissions) on stdout, alone, so it can be piped.
func runText(name, about string, text func() string, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: reachmap "+name)
		fmt.Fprintln(stderr, about)
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return ExitOK
		}
		return ExitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "reachmap %s: unexpected argument %q\n", name, fs.Arg(0))
		fs.Usage()
		return ExitUsage
	}
	if _, err := io.WriteString(stdout, text()); err != nil {
		fmt.Fprintf(stderr, "reachmap %s: %v\n", name, err)
		return ExitFailed
	}
	return ExitOK
}
