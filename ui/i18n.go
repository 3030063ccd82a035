package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

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
	return lang.L(key, i18n.Data(kv...))
}

// trn translates key in its plural form for count n; the template sees n
// as {{.Count}} next to the given pairs.
func trn(key string, n int, kv ...any) string {
	data := i18n.Data(kv...)
	data["Count"] = n
	return lang.N(key, n, data)
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

// Language follows loadTranslations: French names when the window speaks
// French.
func (fyneLang) Language() string {
	if regionNames != nil {
		return "fr"
	}
	return "en"
}

// say makes the sentences that describe a scan, in the window's language.
var say = present.New(fyneLang{})
