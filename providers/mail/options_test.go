package mail

import (
	"flag"
	"slices"
	"testing"

	"github.com/reachmap/reachmap/providers/internal/memsettings"
)

func TestDomainFlags(t *testing.T) {
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	parse := Factory.Flags(fs)
	if err := fs.Parse([]string{"--domain", "a.test,b.test", "--domain", "c.test"}); err != nil {
		t.Fatal(err)
	}
	o, err := parse(func(string) string { return "" })
	if err != nil || !slices.Equal(o.(Options).Domains, []string{"a.test", "b.test", "c.test"}) {
		t.Errorf("--domain = %+v, %v", o, err)
	}
}

// Domains typed in the form are saved normalised and read back by Saved.
func TestDomainsSavedRoundTrip(t *testing.T) {
	s := memsettings.New()
	l := Factory.Form().Lines
	l.Set(s, []string{"Lumen-Archi.FR", "example.org", "lumen-archi.fr.", " "})
	want := []string{"lumen-archi.fr", "example.org"}
	if got := Factory.Saved(s).(Options).Domains; !slices.Equal(got, want) {
		t.Errorf("Saved = %v", got)
	}
	if got := l.Get(s); !slices.Equal(got, want) {
		t.Errorf("Get = %v", got)
	}
	if !Factory.Saved(memsettings.New()).Empty() {
		t.Error("no domains saved, yet something to scan")
	}
}
