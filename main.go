// Reachmap shows where a person's or a small business's cloud data lives and
// whose laws can reach it. With no arguments it opens the window; with a
// subcommand it runs the command line (see `reachmap help`).
package main

import (
	"os"

	"github.com/reachmap/reachmap/cli"
	"github.com/reachmap/reachmap/ui"
)

func main() {
	args := os.Args[1:]
	if len(args) == 0 || (len(args) == 1 && args[0] == "--demo") {
		ui.Run(ui.Options{Demo: len(args) == 1})
		return
	}
	attachConsole()
	os.Exit(cli.Main(args, os.Stdout, os.Stderr))
}
