package cli

import (
	"bytes"
	"flag"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/providers/all"
)

// TestScanUsageNamesEveryKind: `reachmap scan -h` lists each provider kind
// of the registry with every flag it registers, so that a kind added
// later shows there with nothing else to change.
func TestScanUsageNamesEveryKind(t *testing.T) {
	var out, errb bytes.Buffer
	if code := scanWith(all.Registry(), func(string) string { return "" }, []string{"-h"}, &out, &errb); code != ExitOK {
		t.Fatalf("scan -h: exit %d\n%s", code, errb.String())
	}
	help := out.String() + errb.String()
	head, _, ok := strings.Cut(help, "\nFlags:")
	if !ok {
		t.Fatalf("no Flags section:\n%s", help)
	}
	for _, f := range all.Registry().Factories() {
		fs := flag.NewFlagSet(f.Name, flag.ContinueOnError)
		f.Flags(fs)
		var line string
		for _, l := range strings.Split(head, "\n") {
			if fields := strings.Fields(l); len(fields) > 0 && fields[0] == f.Name {
				line = l
			}
		}
		fs.VisitAll(func(fl *flag.Flag) {
			if !strings.Contains(line+" ", " --"+fl.Name+" ") {
				t.Errorf("the usage's line for %s (%q) does not name --%s", f.Name, line, fl.Name)
			}
		})
	}
}
