package mail

import (
	"flag"
	"slices"
	"strings"

	"github.com/reachmap/reachmap/providers"
)

// prefDomains is the preference (a string list) of the domains to check.
const prefDomains = "accounts.domains"

// Options are the mail domains to look up. The resolver and the GeoIP
// database are providers.Shared.
type Options struct {
	Domains []string
}

// Empty implements providers.Options.
func (o Options) Empty() bool { return len(o.Domains) == 0 }

// Factory builds one mail provider for all the domains, or none when
// there are no domains.
var Factory = providers.Factory{
	Name: providerName,
	Flags: func(fs *flag.FlagSet) providers.ParseFunc {
		var domains providers.ListFlag
		fs.Var(&domains, "domain", "mail domain to look up (repeatable)")
		return func(func(string) string) (providers.Options, error) { return Options{Domains: domains}, nil }
	},
	Saved: func(s providers.Settings) providers.Options { return Options{Domains: s.StringList(prefDomains)} },
	Form: func() *providers.Form {
		return &providers.Form{
			Title:    providers.T("Mail domains"),
			Subtitle: providers.T("Reachmap finds where each domain's mail is hosted from public DNS records; no login needed."),
			Lines: &providers.Lines{
				Placeholder: providers.T("example.com\none domain per line"),
				Get:         func(s providers.Settings) []string { return s.StringList(prefDomains) },
				Set:         func(s providers.Settings, ds []string) { s.SetStringList(prefDomains, NormalizeList(ds)) },
			},
		}
	},
	New: func(o providers.Options, shared providers.Shared) ([]providers.Provider, error) {
		opts, _ := o.(Options)
		if len(opts.Domains) == 0 {
			return nil, nil
		}
		p, err := New(opts, shared)
		if err != nil {
			return nil, err
		}
		return []providers.Provider{p}, nil
	},
}

// NormalizeList is the domains as they are saved: lower case, without a
// trailing dot, blanks and duplicates dropped.
func NormalizeList(ds []string) []string {
	var out []string
	for _, d := range ds {
		d = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(d)), ".")
		if d != "" && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}
