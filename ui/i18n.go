package ui

import (
	"embed"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// The window speaks English and French: i18n/en.json and i18n/fr.json map
// every user-visible string (the English text is the key) to its
// translation; Fyne picks the language from the system's locale. A test
// checks that every key used in this package is in both files.
//
//go:embed i18n/*.json
var translations embed.FS

// loadTranslations registers the app's translations with Fyne. Call it
// once, before building any screen.
func loadTranslations() {
	if err := lang.AddTranslationsFS(translations, "i18n"); err != nil {
		fyne.LogError("loading translations", err)
	}
	regionNames = nil
	if base, _ := language.Make(lang.SystemLocale().LanguageString()).Base(); base.String() == "fr" {
		regionNames = display.Regions(language.French)
	}
}

// regionNames names countries in the user's language when it is not
// English (the knowledge base's names are English); nil for English.
var regionNames display.Namer

// tr translates key (the English text, a Go template) with its data given
// as name, value pairs: tr("{{.N}} items", "N", 3).
func tr(key string, kv ...any) string {
	if len(kv) == 0 {
		return lang.L(key)
	}
	return lang.L(key, pairs(kv))
}

// trn translates key in its plural form for count n; the template sees n
// as {{.Count}} next to the given pairs.
func trn(key string, n int, kv ...any) string {
	data := pairs(kv)
	data["Count"] = n
	return lang.N(key, n, data)
}

func pairs(kv []any) map[string]any {
	m := make(map[string]any, len(kv)/2+1)
	for i := 0; i+1 < len(kv); i += 2 {
		if k, ok := kv[i].(string); ok {
			m[k] = kv[i+1]
		}
	}
	return m
}
