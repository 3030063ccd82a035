package present

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/internal/i18n"
)

// Every key present uses is in both catalogs, a plural with its "one"
// and "other" forms. (ui's test checks the union of its keys and these.)
func TestKeysInCatalogs(t *testing.T) {
	keys, plural := map[string]bool{}, map[string]bool{}
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
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
				t.Errorf("%s: a key that is not a literal cannot be checked", fset.Position(call.Pos()))
				return true
			}
			k, _ := strconv.Unquote(lit.Value)
			keys[k], plural[k] = true, plural[k] || sel.Sel.Name == "n"
			return true
		})
	}
	if len(keys) < 50 {
		t.Fatalf("only %d keys found: the scan of the sources is broken", len(keys))
	}
	for _, l := range i18n.Languages {
		b, err := i18n.FS.ReadFile(i18n.Dir + "/" + l + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s.json: %v", l, err)
		}
		for k := range keys {
			v, ok := m[k]
			switch {
			case !ok:
				t.Errorf("%s.json lacks %q", l, k)
			case plural[k]:
				forms, _ := v.(map[string]any)
				if forms["one"] == nil || forms["other"] == nil {
					t.Errorf("%s.json: %q is a plural and needs one/other forms", l, k)
				}
			default:
				if s, _ := v.(string); s == "" {
					t.Errorf("%s.json: %q has no text", l, k)
				}
			}
		}
	}
}
