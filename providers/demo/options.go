package demo

import (
	"flag"

	"github.com/reachmap/reachmap/providers"
)

// Options asks for the demo estate or not.
type Options struct {
	Demo bool
}

// Empty implements providers.Options.
func (o Options) Empty() bool { return !o.Demo }

// Factory builds the demo provider when --demo is given or the window's
// "Show the demo estate" asks for it; it is never saved in the settings
// and has no section in Accounts.
var Factory = providers.Factory{
	Name: "demo",
	Flags: func(fs *flag.FlagSet) providers.ParseFunc {
		on := fs.Bool("demo", false, "scan the embedded demo estate")
		return func(func(string) string) (providers.Options, error) { return Options{Demo: *on}, nil }
	},
	Saved: func(providers.Settings) providers.Options { return Options{} },
	New: func(o providers.Options, _ providers.Shared) ([]providers.Provider, error) {
		if opts, _ := o.(Options); opts.Demo {
			return []providers.Provider{&Provider{}}, nil
		}
		return nil, nil
	},
}
