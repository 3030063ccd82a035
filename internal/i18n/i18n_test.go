package i18n

import (
	"testing"
)

func TestTranslator(t *testing.T) {
	fr, err := New("fr")
	if err != nil {
		t.Fatal(err)
	}
	en := English()
	tests := []struct {
		tr   *Translator
		key  string
		n    int // -1: not a plural
		data map[string]any
		want string
	}{
		{en, "Map", -1, nil, "Map"},
		{fr, "Map", -1, nil, "Carte"},
		{fr, "Only {{.Home}} law", -1, map[string]any{"Home": "UE/EEE"}, "Seul le droit UE/EEE"},
		{en, "not in the catalog {{.X}}", -1, map[string]any{"X": 1}, "not in the catalog 1"},
		{fr, "{{.Count}} items are newly within reach of a foreign government", 1, map[string]any{"Count": 1}, "1 élément est nouvellement à la portée d’un gouvernement étranger"},
		{en, "{{.Count}} items did not change.", 1, map[string]any{"Count": 1}, "1 item did not change."},
		{en, "{{.Count}} items did not change.", 3, map[string]any{"Count": 3}, "3 items did not change."},
	}
	for _, tt := range tests {
		var got string
		if tt.n < 0 {
			got = tt.tr.L(tt.key, tt.data)
		} else {
			got = tt.tr.N(tt.key, tt.n, tt.data)
		}
		if got != tt.want {
			t.Errorf("%s %q (n %d) = %q, want %q", tt.tr.Language(), tt.key, tt.n, got, tt.want)
		}
	}
	if _, err := New("de"); err == nil {
		t.Error("German accepted")
	}
}

// Both catalogs hold the same keys.
func TestCatalogsMatch(t *testing.T) {
	keys := map[string][]string{}
	for _, l := range Languages {
		m, err := Catalog(l)
		if err != nil {
			t.Fatal(err)
		}
		for k := range m {
			keys[k] = append(keys[k], l)
		}
	}
	for k, ls := range keys {
		if len(ls) != len(Languages) {
			t.Errorf("%q is only in %v", k, ls)
		}
	}
}

func TestFromEnv(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, "en"},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, "fr"},
		{map[string]string{"LANG": "C.UTF-8"}, "en"},
		{map[string]string{"LANG": "POSIX"}, "en"},
		{map[string]string{"LANG": "fr_CA.UTF-8", "LC_ALL": "de_DE.UTF-8"}, "en"},
		{map[string]string{"LANG": "en_GB.UTF-8", "LC_MESSAGES": "fr_BE@euro"}, "fr"},
		{map[string]string{"LANGUAGE": "fr:en", "LANG": "en_US.UTF-8"}, "fr"},
		{map[string]string{"LANGUAGE": "", "LC_ALL": "fr"}, "fr"},
	}
	for _, tt := range tests {
		if got := FromEnv(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("FromEnv(%v) = %q, want %q", tt.env, got, tt.want)
		}
	}
}
