// Package cli is Reachmap's command line: the subcommands for automation
// (scan, diff, explain, pack, aws-policy, azure-permissions, version). It calls
// the same scan function as the window and prints the same values, in the JSON contract
// stated in the README ("Command line"); see docs/ARCHITECTURE.md.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/reachmap/reachmap/internal/i18n"
	"github.com/reachmap/reachmap/present"
)

// Exit codes, as the README ("Command line") fixes them.
const (
	ExitOK     = 0
	ExitFailed = 1 // the scan failed outright
	ExitUsage  = 2 // a usage error: unknown flag, provider or region
	ExitPolicy = 3 // the policy was violated
)

const usage = `Reachmap shows where your cloud data lives and whose laws can reach it.

Usage:
  reachmap                      open the window
  reachmap scan [flags]         scan accounts and domains, print the result,
                                save it in the scan store
  reachmap diff [OLD [NEW]] [--db PATH] [--format text|json]
                                what changed between two scans: store ids or
                                JSON files (default: the last two saved scans)
  reachmap explain PROVIDER REGION [--home CC|EU] [--format text|json]
                                where a region is and who can reach it
  reachmap explain --suggest [--home CC|EU] [--provider P]
                                regions under home reach only
  reachmap pack [--scan ID] [--db PATH] [--lang en|fr] [--out DIR]
                                the evidence pack of a saved scan: report.pdf,
                                report.html, register.csv, estate.json, SHA256SUMS
  reachmap aws-policy           print the minimal read-only IAM policy
  reachmap azure-permissions    print the Azure role and Graph permissions a
                                read-only scan needs
  reachmap version              print the version, the commit, the build date
                                and the dates of the built-in data

Run 'reachmap scan --help' for the scan flags. scan, diff and pack take
--lang en|fr (default: the system's language, from LANG).

Exit codes: 0 ok; 1 the scan failed (diff: fewer than two scans);
2 usage error; 3 policy violated.
`

// Main runs the command line and returns the process exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	// English until a subcommand's --lang (or the system's language)
	// says otherwise: explain's sentences are English only, and would
	// read half translated.
	say = present.New(i18n.English())
	switch args[0] {
	case "scan":
		return runScan(args[1:], stdout, stderr)
	case "diff":
		return runDiff(args[1:], stdout, stderr)
	case "explain":
		return runExplain(args[1:], stdout, stderr)
	case "pack":
		return runPack(args[1:], stdout, stderr)
	case "aws-policy":
		return runAWSPolicy(args[1:], stdout, stderr)
	case "azure-permissions":
		return runAzurePermissions(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		return runVersion(stdout)
	case "help", "--help", "-help", "-h":
		fmt.Fprint(stdout, usage)
		return ExitOK
	}
	fmt.Fprintf(stderr, "reachmap: unknown command %q\n\n%s", args[0], usage)
	return ExitUsage
}

// parse parses flags the same way for every subcommand: -h prints the
// flags to stdout and exits 0; a bad flag prints them to stderr and exits 2.
// It returns done=true with the exit code when the caller should stop.
func parse(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (code int, done bool) {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fs.Usage()
		return ExitOK, true
	}
	if err != nil {
		fmt.Fprintf(stderr, "reachmap %s: %v\n", fs.Name(), err)
		fs.SetOutput(stderr)
		fs.Usage()
		return ExitUsage, true
	}
	return 0, false
}

// parseInterleaved parses flags that may come before, between or after the
// positional arguments (`explain aws eu-west-1 --home FR`): the flag package
// stops at the first positional argument, so parsing resumes after each.
func parseInterleaved(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (pos []string, code int, done bool) {
	rest := args
	for {
		if code, done := parse(fs, rest, stdout, stderr); done {
			return nil, code, true
		}
		if fs.NArg() == 0 {
			return pos, 0, false
		}
		pos = append(pos, fs.Arg(0))
		rest = fs.Args()[1:]
	}
}

// langFlag adds --lang to a subcommand; its default is the system's
// language.
func langFlag(fs *flag.FlagSet) *string {
	return fs.String("lang", i18n.FromEnv(os.Getenv), "the language of the output, en or fr; the default is the system's")
}

// useLanguage makes the command speak lang; an unknown language is a
// usage error.
func useLanguage(cmd, lang string, stderr io.Writer) bool {
	s, err := present.ForLanguage(lang)
	if err != nil {
		fmt.Fprintf(stderr, "reachmap %s: --lang: %v\n", cmd, err)
		return false
	}
	say = s
	return true
}

// parseFlagsOnly parses a subcommand that takes flags and no argument,
// and makes it speak the language of its --lang.
func parseFlagsOnly(fs *flag.FlagSet, args []string, lang *string, stdout, stderr io.Writer) (code int, done bool) {
	if code, done := parse(fs, args, stdout, stderr); done {
		return code, true
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "reachmap %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return ExitUsage, true
	}
	if !useLanguage(fs.Name(), *lang, stderr) {
		return ExitUsage, true
	}
	return 0, false
}
