package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/reachmap/reachmap/providers"
)

// kindFlags is one provider kind and the flags it registered.
type kindFlags struct {
	kind  string
	flags []string
}

// addKindFlags registers every kind's flags on fs and notes which are
// whose, so that the usage names them by kind from the kinds themselves:
// a kind added to the registry shows in `reachmap scan -h` with nothing
// else to keep in step.
func addKindFlags(reg *providers.Registry, fs *flag.FlagSet) (map[string]providers.ParseFunc, []kindFlags) {
	parsers := map[string]providers.ParseFunc{}
	var kinds []kindFlags
	seen := map[string]bool{}
	for _, f := range reg.Factories() {
		parsers[f.Name] = f.Flags(fs)
		k := kindFlags{kind: f.Name}
		fs.VisitAll(func(fl *flag.Flag) {
			if !seen[fl.Name] {
				seen[fl.Name] = true
				k.flags = append(k.flags, "--"+fl.Name)
			}
		})
		if len(k.flags) > 0 {
			kinds = append(kinds, k)
		}
	}
	return parsers, kinds
}

// scanUsage prints the scan command's usage: the kinds and their flags,
// then every flag with its help.
func scanUsage(w io.Writer, fs *flag.FlagSet, kinds []kindFlags) {
	fmt.Fprintln(w, "Usage: reachmap scan [flags]")
	fmt.Fprintln(w, "\nWhat to scan (give at least one; the flags of each kind):")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, k := range kinds {
		fmt.Fprintf(tw, "  %s\t%s\n", k.kind, strings.Join(k.flags, " "))
	}
	tw.Flush()
	fmt.Fprintln(w, "\nFlags:")
	fs.PrintDefaults()
	fmt.Fprintln(w, "\nEvery scan is saved in the store so that 'reachmap diff' and the window can show what changed.")
}
