// Package i18n holds Reachmap's catalogs of translations, English and
// French, and a translator for them that needs no toolkit, so that the
// command line and the report can speak the window's words.
//
// The catalogs are JSON files in Fyne's lang format: the English text is
// the key, the value is its translation, a Go template that reads the data
// passed with it ({{.Home}}), or, for a plural, an object with "one" and
// "other" forms. The window registers the same files with Fyne's lang
// (FS and Dir); everything else uses New.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"slices"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// FS holds the catalogs, one file per language under Dir: en.json, fr.json.
//
//go:embed catalog/*.json
var FS embed.FS

// Dir is the directory of FS that holds the catalogs.
const Dir = "catalog"

// Languages are the languages the catalogs speak, English first.
var Languages = []string{"en", "fr"}

// Translator translates the catalog's keys into one language. It is the
// same engine as Fyne's lang (go-i18n), so that templates and plural
// rules behave alike in the window and on the command line.
type Translator struct {
	lang string
	loc  *goi18n.Localizer
}

// New returns the translator for lang, "en" or "fr".
func New(lang string) (*Translator, error) {
	if !slices.Contains(Languages, lang) {
		return nil, fmt.Errorf("language %q: Reachmap speaks %v", lang, Languages)
	}
	tag := language.Make(lang)
	b := goi18n.NewBundle(tag)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	data, err := FS.ReadFile(Dir + "/" + lang + ".json")
	if err != nil {
		return nil, fmt.Errorf("catalog %s: %w", lang, err)
	}
	if _, err := b.ParseMessageFileBytes(data, lang+".json"); err != nil {
		return nil, fmt.Errorf("catalog %s: %w", lang, err)
	}
	return &Translator{lang: lang, loc: goi18n.NewLocalizer(b, lang)}, nil
}

// English is the translator for English; the catalog is embedded, so it
// cannot fail.
func English() *Translator {
	t, err := New("en")
	if err != nil {
		panic(err)
	}
	return t
}

// Language is the translator's language code: "en" or "fr".
func (t *Translator) Language() string { return t.lang }

// L translates key, a Go template, with data. A key the catalog lacks is
// its own translation.
func (t *Translator) L(key string, data map[string]any) string {
	return t.localize(key, nil, data)
}

// N translates key in the plural form for count n.
func (t *Translator) N(key string, n int, data map[string]any) string {
	return t.localize(key, n, data)
}

func (t *Translator) localize(key string, n any, data map[string]any) string {
	var d any
	if len(data) > 0 {
		d = data
	}
	s, err := t.loc.Localize(&goi18n.LocalizeConfig{
		DefaultMessage: &goi18n.Message{ID: key, Other: key},
		PluralCount:    n,
		TemplateData:   d,
	})
	if err != nil {
		// Only a broken template gets here; the key is still readable.
		return key
	}
	return s
}

// Data turns name, value pairs into a template's data: Data("N", 3) is
// {{.N}} = 3. Every caller of L and N builds its data this way.
func Data(kv ...any) map[string]any {
	m := make(map[string]any, len(kv)/2+1)
	for i := 0; i+1 < len(kv); i += 2 {
		if k, ok := kv[i].(string); ok {
			m[k] = kv[i+1]
		}
	}
	return m
}
