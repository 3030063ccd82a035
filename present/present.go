// Package present makes every sentence that describes a scan to a
// person: where an item is and how sure Reachmap is of it, who runs it,
// its category and the home it is judged against, who can reach it, and
// the sections of a diff. The window, the command line and the report all
// speak through it, so that they say one thing one way.
//
// It imports no toolkit and no cloud SDK. The words come from a
// Translator passed in: the window gives Fyne's lang, the command line
// and the report the translator of internal/i18n (English, or French when
// asked). Keys are the English text, Go templates, as in the catalogs of
// internal/i18n; a test checks that every key used here is in both of
// them.
package present

import (
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/reachmap/reachmap/internal/i18n"
	"github.com/reachmap/reachmap/reach"
)

// Translator translates a catalog key (the English text, a Go template)
// with its data. L is a plain string; N the plural form for count n.
// Language is the language spoken, "en" or "fr": it chooses the names of
// countries, which are not in the catalogs.
type Translator interface {
	L(key string, data map[string]any) string
	N(key string, n int, data map[string]any) string
	Language() string
}

// Speaker makes the sentences in its translator's language. It holds no
// state of its own: one may be shared by goroutines when its translator
// may be.
type Speaker struct {
	t Translator
}

// New returns a Speaker that speaks through t.
func New(t Translator) *Speaker { return &Speaker{t: t} }

// l translates key with its data given as name, value pairs:
// s.l("{{.N}} items", "N", 3). Keys must be literals: the catalog test
// finds them in the source.
func (s *Speaker) l(key string, kv ...any) string {
	return s.t.L(key, i18n.Data(kv...))
}

// n translates key in its plural form for count; the template sees count
// as {{.Count}} next to the given pairs.
func (s *Speaker) n(key string, count int, kv ...any) string {
	data := i18n.Data(kv...)
	data["Count"] = count
	return s.t.N(key, count, data)
}

var (
	frenchOnce  sync.Once
	frenchNames display.Namer
)

// CountryName names a jurisdiction code in the speaker's language: "EU"
// is the European Union. The knowledge base's names are English.
func (s *Speaker) CountryName(cc string) string {
	if cc == "EU" {
		return s.l("European Union")
	}
	if s.t.Language() == "fr" {
		frenchOnce.Do(func() { frenchNames = display.Regions(language.French) })
		if r, err := language.ParseRegion(cc); err == nil {
			if n := frenchNames.Name(r); n != "" {
				return n
			}
		}
	}
	return reach.CountryLabel(cc)
}

// HomeName names a home jurisdiction: "EU/EEA", "France".
func (s *Speaker) HomeName(h reach.Home) string {
	if h == reach.HomeEU {
		return s.l("EU/EEA")
	}
	return s.CountryName(string(h))
}

// JoinAnd is "A", "A and B", "A, B and C".
func (s *Speaker) JoinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	init := xs[0]
	for _, x := range xs[1 : len(xs)-1] {
		init += ", " + x
	}
	return s.l("{{.Init}} and {{.Last}}", "Init", init, "Last", xs[len(xs)-1])
}

// ForLanguage is the Speaker of internal/i18n's catalogs for lang, "en" or
// "fr": the command line's and the reports' voice.
func ForLanguage(lang string) (*Speaker, error) {
	t, err := i18n.New(lang)
	if err != nil {
		return nil, err
	}
	return New(t), nil
}
