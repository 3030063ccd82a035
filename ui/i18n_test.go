package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"github.com/reachmap/reachmap/internal/i18n"
	"github.com/reachmap/reachmap/providers/all"
)

// TestMain runs the tests in English, whatever the machine's locale, with
// the app's translations loaded as Run loads them.
func TestMain(m *testing.M) {
	os.Setenv("LANGUAGE", "en")
	os.Setenv("LC_ALL", "en_US.UTF-8")
	loadTranslations()
	os.Exit(m.Run())
}

// usedKeys finds every translation key the window uses: the literal first
// argument of each tr and trn call, the English labels kept in tables,
// and the keys of package present, which makes the window's sentences
// (this is the one check that present's keys are in both catalogs).
func usedKeys(t *testing.T) (keys map[string]bool, plural map[string]bool) {
	t.Helper()
	keys, plural = presentKeys(t)
	fset, files := sourceFiles(t)
	for _, file := range files {
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			id, ok := call.Fun.(*ast.Ident)
			if !ok || (id.Name != "tr" && id.Name != "trn") {
				return true
			}
			// Keys kept in tables (column titles, bloc names, export
			// formats) are added below from the tables themselves.
			if sel, ok := call.Args[0].(*ast.SelectorExpr); ok && (sel.Sel.Name == "Title" || sel.Sel.Name == "key" || sel.Sel.Name == "Label") {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: %s with a key that is not a literal: the key cannot be checked", fset.Position(call.Pos()), id.Name)
				return true
			}
			k, _ := strconv.Unquote(lit.Value)
			keys[k] = true
			if id.Name == "trn" {
				plural[k] = true
			}
			return true
		})
	}
	for _, c := range columns {
		if c.Title != "" {
			keys[c.Title] = true
		}
	}
	for _, b := range blocs {
		keys[b.key] = true
	}
	for _, f := range exportFormats {
		keys[f.Label] = true
	}
	for _, k := range formKeys(all.Factories()) {
		keys[k] = true
	}
	return keys, plural
}

var placeholder = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

func placeholders(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	slices.Sort(out)
	return out
}

// Every key used has an English and a French translation, with the same
// template fields; plurals have a "one" and an "other" form; no file
// holds a key the code no longer uses.
func TestTranslationsComplete(t *testing.T) {
	keys, plural := usedKeys(t)
	if len(keys) < 200 {
		t.Fatalf("only %d keys found: the scan of the sources is broken", len(keys))
	}
	for _, l := range []string{"en", "fr"} {
		m, err := i18n.Catalog(l)
		if err != nil {
			t.Fatal(err)
		}
		for k := range keys {
			v, ok := m[k]
			if !ok {
				t.Errorf("%s.json lacks %q", l, k)
				continue
			}
			want := placeholders(k)
			if plural[k] {
				forms, ok := v.(map[string]any)
				if !ok {
					t.Errorf("%s.json: %q is a plural and needs one/other forms", l, k)
					continue
				}
				for _, f := range []string{"one", "other"} {
					s, _ := forms[f].(string)
					got := placeholders(s)
					// "one" may spell the count out ("the item").
					if s == "" || (f == "other" && !slices.Equal(got, want)) || (f == "one" && !isSubset(got, want)) {
						t.Errorf("%s.json: %q form %s = %q (fields %v, key has %v)", l, k, f, s, got, want)
					}
				}
				continue
			}
			s, ok := v.(string)
			if !ok || s == "" {
				t.Errorf("%s.json: %q has no text", l, k)
				continue
			}
			if got := placeholders(s); !slices.Equal(got, want) {
				t.Errorf("%s.json: %q → %q: fields %v, want %v", l, k, s, got, want)
			}
		}
		for k := range m {
			if !keys[k] {
				t.Errorf("%s.json: %q is not used any more", l, k)
			}
		}
	}
}

func isSubset(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// userText lists the calls whose string arguments a person reads.
var userText = map[string]bool{
	"NewLabel": true, "NewLabelWithStyle": true, "NewButton": true, "NewButtonWithIcon": true,
	"NewCheck": true, "NewCard": true, "NewFormItem": true, "NewHyperlink": true, "NewRadioGroup": true,
	"SetText": true, "SetPlaceHolder": true, "NewNotification": true, "NewMenuItem": true,
	"NewCustom": true, "NewForm": true, "NewInformation": true, "ShowInformation": true, "NewConfirm": true,
}

// No user-visible text bypasses translation: a literal with words in it,
// given straight to a widget, is an error.
func TestNoUntranslatedText(t *testing.T) {
	words := regexp.MustCompile(`[A-Za-z]{2,}`)
	fset, files := sourceFiles(t)
	for _, file := range files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok || !userText[sel.Sel.Name] {
					return true
				}
				for _, a := range n.Args {
					if lit, ok := a.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						s, _ := strconv.Unquote(lit.Value)
						if words.MatchString(s) && !strings.Contains(s, "://") {
							t.Errorf("%s: %s(%q) is not translated", fset.Position(lit.Pos()), sel.Sel.Name, s)
						}
					}
				}
			case *ast.KeyValueExpr:
				k, ok := n.Key.(*ast.Ident)
				if !ok || (k.Name != "Text" && k.Name != "PlaceHolder") {
					return true
				}
				if lit, ok := n.Value.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, _ := strconv.Unquote(lit.Value)
					if words.MatchString(s) {
						t.Errorf("%s: %s: %q is not translated", fset.Position(lit.Pos()), k.Name, s)
					}
				}
			}
			return true
		})
	}
}

// In French the window speaks French, plurals included, and names
// countries in French.
func TestFrench(t *testing.T) {
	t.Cleanup(func() {
		os.Setenv("LANGUAGE", "en")
		os.Setenv("LC_ALL", "en_US.UTF-8")
		loadTranslations()
	})
	os.Setenv("LANGUAGE", "fr")
	os.Setenv("LC_ALL", "fr_FR.UTF-8")
	loadTranslations()
	if got := tr("Map"); got != "Carte" {
		t.Errorf("Map → %q", got)
	}
	if got := trn("{{.Count}} items are newly within reach of a foreign government", 1); got != "1 élément est nouvellement à la portée d’un gouvernement étranger" {
		t.Errorf("plural one → %q", got)
	}
	if got := trn("{{.Count}} items are newly within reach of a foreign government", 3); !strings.HasPrefix(got, "3 éléments sont") {
		t.Errorf("plural other → %q", got)
	}
	if got := say.CountryName("DE"); got != "Allemagne" {
		t.Errorf("DE in French: %q", got)
	}
	if got := say.HomeName("EU"); got != "UE/EEE" {
		t.Errorf("EU in French: %q", got)
	}
	if got := lang.L("Cancel"); got != "Annuler" {
		t.Errorf("Fyne's own strings: %q", got)
	}
}

// presentKeys finds the keys of package present: the literal first
// argument of each call of its methods l and n (n for plurals).
func presentKeys(t *testing.T) (keys map[string]bool, plural map[string]bool) {
	t.Helper()
	keys, plural = map[string]bool{}, map[string]bool{}
	fset, files := parseDir(t, filepath.Join("..", "present"))
	for _, file := range files {
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "l" && sel.Sel.Name != "n") {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: %s with a key that is not a literal: the key cannot be checked", fset.Position(call.Pos()), sel.Sel.Name)
				return true
			}
			k, _ := strconv.Unquote(lit.Value)
			keys[k] = true
			if sel.Sel.Name == "n" {
				plural[k] = true
			}
			return true
		})
	}
	if len(keys) < 50 {
		t.Fatalf("only %d keys found in present: the scan of its sources is broken", len(keys))
	}
	return keys, plural
}

// sourceFiles parses the package's non-test Go files.
func sourceFiles(t *testing.T) (*token.FileSet, []*ast.File) {
	t.Helper()
	return parseDir(t, ".")
}

// parseDir parses the non-test Go files of a directory.
func parseDir(t *testing.T, dir string) (*token.FileSet, []*ast.File) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	fset := token.NewFileSet()
	var out []*ast.File
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, file)
	}
	return fset, out
}
