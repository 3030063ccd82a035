package providers

import "strings"

// ListFlag is a flag.Value that may be repeated, or given comma-separated:
// --domain a --domain b, or --domain a,b. Blank parts are dropped.
type ListFlag []string

func (l *ListFlag) String() string { return strings.Join(*l, ",") }

// Set implements flag.Value.
func (l *ListFlag) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}
