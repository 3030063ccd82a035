package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"golang.org/x/text/language"

	"github.com/reachmap/reachmap/internal/i18n"
	"github.com/reachmap/reachmap/present"
)

// The window speaks English and French: the catalogs of internal/i18n map
// every user-visible string (the English text is the key) to its
// translation; Fyne picks the language from the system's locale. A test
// checks that every key used in this package and in present is in both
// files.

// loadTranslations registers the app's translations with Fyne. Call it
// once, before building any screen.
func loadTranslations() {
	if err := lang.AddTranslationsFS(i18n.FS, i18n.Dir); err != nil {
		fyne.LogError("loading translations", err)
	}
	windowLanguage = "en"
	if base, _ := language.Make(lang.SystemLocale().LanguageString()).Base(); base.String() == "fr" {
		windowLanguage = "fr"
	}
}

// windowLanguage is the language loadTranslations found: "fr" or "en".
// present names countries in it.
var windowLanguage = "en"

// tr translates key (the English text, a Go template) with its data given
// as name, value pairs: tr("{{.N}} items", "N", 3).
func tr(key string, kv ...any) string { return fyneLang{}.L(key, i18n.Data(kv...)) }

// trn translates key in its plural form for count n; the template sees n
// as {{.Count}} next to the given pairs.
func trn(key string, n int, kv ...any) string {
	data := i18n.Data(kv...)
	data["Count"] = n
	return fyneLang{}.N(key, n, data)
}

// fyneLang is Fyne's lang as present's translator, so that the window's
// sentences come from the same code as the command line's.
type fyneLang struct{}

func (fyneLang) L(key string, data map[string]any) string {
	if len(data) == 0 {
		return lang.L(key)
	}
	return lang.L(key, data)
}

func (fyneLang) N(key string, n int, data map[string]any) string { return lang.N(key, n, data) }

// Language is the language loadTranslations found.
func (fyneLang) Language() string { return windowLanguage }

// say makes the sentences that describe a scan, in the window's language.
var say = present.New(fyneLang{})
