package providers_test

import (
	"context"
	"errors"
	"flag"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/internal/memsettings"
)

type opts struct {
	n      int
	secret string
}

func (o opts) Empty() bool { return o.n == 0 }

func (o opts) WithSecrets(s providers.Settings) providers.Options {
	o.secret, _ = s.Secret("k")
	return o
}

type named string

func (n named) Name() string                               { return string(n) }
func (n named) Scan(context.Context, providers.Sink) error { return nil }

func kind(name string, built *[]opts) providers.Factory {
	return providers.Factory{
		Name: name,
		Flags: func(fs *flag.FlagSet) providers.ParseFunc {
			return func(func(string) string) (providers.Options, error) { return opts{}, nil }
		},
		Saved: func(providers.Settings) providers.Options { return opts{n: 1} },
		New: func(o providers.Options, _ providers.Shared) ([]providers.Provider, error) {
			*built = append(*built, o.(opts))
			if o.(opts).n < 0 {
				return nil, errors.New("refused")
			}
			return []providers.Provider{named(name)}, nil
		},
	}
}

func TestRegistry(t *testing.T) {
	var built []opts
	r := providers.NewRegistry(kind("b", &built), kind("a", &built))
	if got := strings.Join(r.Names(), " "); got != "b a" {
		t.Errorf("names %q, want the order given", got)
	}
	// An empty kind is not built; the others are, in registry order.
	ps, err := r.Build(providers.Selection{"b": opts{n: 2}, "a": opts{}}, providers.Shared{})
	if err != nil || len(ps) != 1 || ps[0].Name() != "b" || len(built) != 1 {
		t.Errorf("Build = %v, %v (built %v)", ps, err, built)
	}
	if _, err := r.Build(providers.Selection{"zz": opts{n: 1}}, providers.Shared{}); err == nil {
		t.Error("an unknown kind was accepted")
	}
	if _, err := r.Build(providers.Selection{"a": opts{n: -1}}, providers.Shared{}); err == nil || !strings.HasPrefix(err.Error(), "a: ") {
		t.Errorf("a failing kind's error %v does not name it", err)
	}
	sel := r.Saved(memsettings.New())
	if sel.Empty() || len(sel) != 2 {
		t.Errorf("Saved = %v", sel)
	}
	if !(providers.Selection{"a": opts{}}).Empty() {
		t.Error("a selection of empty options is not empty")
	}
	s := memsettings.New()
	_ = s.SetSecret("k", "hunter2")
	if got := sel.WithSecrets(s)["a"].(opts).secret; got != "hunter2" {
		t.Errorf("WithSecrets gave %q", got)
	}
	if sel["a"].(opts).secret != "" {
		t.Error("WithSecrets changed the selection it was given")
	}
}

func TestRegistryRefusesDuplicatesAndHalfFactories(t *testing.T) {
	var built []opts
	for name, fs := range map[string][]providers.Factory{
		"duplicate": {kind("a", &built), kind("a", &built)},
		"no name":   {kind("", &built)},
		"no Flags":  {{Name: "x", Saved: kind("x", &built).Saved, New: kind("x", &built).New}},
		"no Saved":  {{Name: "x", Flags: kind("x", &built).Flags, New: kind("x", &built).New}},
		"no New":    {{Name: "x", Flags: kind("x", &built).Flags, Saved: kind("x", &built).Saved}},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			providers.NewRegistry(fs...)
		}()
	}
}

func TestTextAndProblem(t *testing.T) {
	if got := providers.T("key {{.Key}} at {{.Host}}", "Key", "K1", "Host", "h").String(); got != "key K1 at h" {
		t.Errorf("Text = %q", got)
	}
	if got := providers.Plain("{{.X}}").String(); got != "{{.X}}" {
		t.Errorf("Plain = %q", got)
	}
	var err error = &providers.Problem{Field: "url", Text: providers.T("bad {{.URL}}", "URL", "u")}
	var p *providers.Problem
	if !errors.As(err, &p) || p.Field != "url" || err.Error() != "bad u" {
		t.Errorf("Problem %v", err)
	}
	it := providers.Item{ID: "dev", Notes: []providers.Text{providers.Plain("eu-west-3"), providers.T("SSO")}}
	if it.Label() != "dev (eu-west-3; SSO)" {
		t.Errorf("Label %q", it.Label())
	}
}

func TestListFlag(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	var l providers.ListFlag
	fs.Var(&l, "x", "")
	if err := fs.Parse([]string{"--x", "a, b", "--x", "c", "--x", ","}); err != nil || l.String() != "a,b,c" {
		t.Errorf("ListFlag = %q, %v", l.String(), err)
	}
}
