// Reachmap shows where a person's or a small business's cloud data lives and
// whose laws can reach it. With no arguments it opens the window; with a
// subcommand it runs the command line (see `reachmap help`).
package main

import (
	"os"

	// Before Fyne's own init: the C locale reads as English, so that no
	// command prints "Fyne error: Error parsing user locale C".
	"github.com/reachmap/reachmap/internal/clocale"

	"github.com/reachmap/reachmap/cli"
	"github.com/reachmap/reachmap/ui"
)

func main() {
	args := os.Args[1:]
	if len(args) == 0 || (len(args) == 1 && args[0] == "--demo") {
		ui.Run(ui.Options{Demo: len(args) == 1})
		return
	}
	clocale.Restore()
	attachConsole()
	os.Exit(cli.Main(args, os.Stdout, os.Stderr))
}
