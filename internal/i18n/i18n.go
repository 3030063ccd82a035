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
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// FS holds the catalogs under Dir: for each language a main file (en.json,
// fr.json) and one file per area that owns its words (azure.en.json,
// pack.fr.json), so that work on different areas never edits one file.
// A key lives in exactly one file of a language (Catalog checks it).
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
	files, err := Files(lang)
	if err != nil {
		return nil, err
	}
	for _, name := range files {
		data, err := FS.ReadFile(Dir + "/" + name)
		if err != nil {
			return nil, fmt.Errorf("catalog %s: %w", name, err)
		}
		// go-i18n reads the language from the name: "pack.fr.json" is fr.
		if _, err := b.ParseMessageFileBytes(data, name); err != nil {
			return nil, fmt.Errorf("catalog %s: %w", name, err)
		}
	}
	return &Translator{lang: lang, loc: goi18n.NewLocalizer(b, lang)}, nil
}

// Files lists the catalog files of lang, the main file first.
func Files(lang string) ([]string, error) {
	entries, err := FS.ReadDir(Dir)
	if err != nil {
		return nil, err
	}
	out := []string{lang + ".json"}
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, "."+lang+".json") {
			out = append(out, n)
		}
	}
	return out, nil
}

// Catalog returns every key of lang with its translation, merged from all
// of the language's files. A key defined in two files is an error: which
// one wins would depend on the order the files are read in.
func Catalog(lang string) (map[string]any, error) {
	files, err := Files(lang)
	if err != nil {
		return nil, err
	}
	all := map[string]any{}
	from := map[string]string{}
	for _, name := range files {
		b, err := FS.ReadFile(Dir + "/" + name)
		if err != nil {
			return nil, fmt.Errorf("catalog %s: %w", name, err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("catalog %s: %w", name, err)
		}
		for k, v := range m {
			if f, dup := from[k]; dup {
				return nil, fmt.Errorf("catalog: %q is in both %s and %s", k, f, name)
			}
			all[k], from[k] = v, name
		}
	}
	return all, nil
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

// FromEnv is the language of the system's locale, from the variables the
// C library reads (LANGUAGE's first entry, then LC_ALL, LC_MESSAGES and
// LANG): "fr" for a French locale, else "en". "C" and "POSIX" are English.
func FromEnv(getenv func(string) string) string {
	for _, name := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if name == "LANGUAGE" {
			v, _, _ = strings.Cut(v, ":")
		}
		if v == "" {
			continue
		}
		base, _, _ := strings.Cut(strings.ToLower(v), ".")
		base, _, _ = strings.Cut(base, "_")
		base, _, _ = strings.Cut(base, "-")
		base, _, _ = strings.Cut(base, "@")
		if slices.Contains(Languages, base) {
			return base
		}
		return "en"
	}
	return "en"
}
