package ui

import (
	"flag"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/providers"
)

// buttons lists the buttons under o.
func buttons(o fyne.CanvasObject) []*widget.Button {
	var out []*widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Button:
			out = append(out, v)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// keyFileKind is a provider kind whose one record is a key file, as
// Google Cloud's service-account keys are; Add refuses a file it cannot
// read.
var keyFileKind = providers.Factory{
	Name:  "keyfile",
	Flags: func(*flag.FlagSet) providers.ParseFunc { return nil },
	Saved: func(providers.Settings) providers.Options { return nil },
	New:   func(providers.Options, providers.Shared) ([]providers.Provider, error) { return nil, nil },
	Form: func() *providers.Form {
		return &providers.Form{Title: providers.Plain("Key files"), Records: &providers.Records{
			Fields:   []providers.Field{{Key: "path", Label: providers.Plain("Key file"), Kind: providers.FieldFile, Extensions: []string{".json"}}},
			AddLabel: providers.Plain("Add key"),
			List:     func(providers.Settings) []providers.Record { return nil },
			Add: func(_ providers.Settings, v map[string]string) error {
				_, err := os.Stat(v["path"])
				return err
			},
			Remove: func(providers.Settings, string) error { return nil },
		}}
	},
}

// A FieldFile has a Choose… button that opens a file dialog, and a typed
// path still reaches the kind's Add.
func TestKeyFieldChoosesAFile(t *testing.T) {
	h := newHarness(t, harnessOpts{kinds: []providers.Factory{keyFileKind}})
	h.start(false)
	a := h.m.accounts
	s := a.section("keyfile")
	if s == nil || s.entries["path"] == nil {
		t.Fatal("no key file field")
	}
	var choose *widget.Button
	for _, b := range buttons(a.root) {
		if b.Text == "Choose…" {
			choose = b
		}
	}
	if choose == nil {
		t.Fatal("the key field has no Choose… button")
	}
	test.Tap(choose)
	if ov := h.m.win.Canvas().Overlays().Top(); ov == nil {
		t.Error("Choose… opened no file dialog")
	}
	test.Type(s.entries["path"], "/nowhere/key.json")
	test.Tap(s.add)
	if !s.err.Visible() || s.err.Text == "" {
		t.Error("a missing key file was accepted")
	}
}
