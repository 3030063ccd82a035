package demo

import (
	"flag"
	"testing"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/internal/memsettings"
)

func TestFlagsAndSaved(t *testing.T) {
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	parse := Factory.Flags(fs)
	if err := fs.Parse([]string{"--demo"}); err != nil {
		t.Fatal(err)
	}
	o, err := parse(nil)
	if err != nil || o.Empty() {
		t.Fatalf("--demo = %+v, %v", o, err)
	}
	ps, err := Factory.New(o, providers.Shared{})
	if err != nil || len(ps) != 1 || ps[0].Name() != "demo" {
		t.Errorf("New = %v, %v", ps, err)
	}
	// The demo is asked for, never saved.
	if !Factory.Saved(memsettings.New()).Empty() || Factory.Form != nil {
		t.Error("the demo has saved settings or a form")
	}
}
