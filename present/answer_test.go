package present

import (
	"strings"
	"testing"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/reach"
)

// The answer is yes only when every store is home-only; an item Reachmap
// could not judge is an exception, never counted as safe.
func TestAnswer(t *testing.T) {
	say := speakers(t)
	item := func(name string, c reach.Category) inventory.Item {
		return inventory.Item{Provider: "aws", Account: "prod", Kind: "bucket", Name: name, Category: c, Reach: []reach.Jurisdiction{usOperator}}
	}
	home, soil, abroad, unknown := reach.CategoryHome, reach.CategoryHomeForeign, reach.CategoryForeign, reach.CategoryUnknown
	tests := []struct {
		name       string
		items      []inventory.Item
		verdict    Verdict
		en, fr     string
		exceptions []string
	}{
		{"empty", nil, VerdictNothing, "The scan found no data stores", "L’analyse n’a trouvé aucun lieu de stockage", nil},
		{"all home", []inventory.Item{item("a", home), item("b", home)}, VerdictYes,
			"Yes: all 2 data stores are stored in EU/EEA, and only EU/EEA law reaches them.",
			"Oui : les 2 lieux de stockage sont sur le territoire de référence (UE/EEE), et seul son droit les atteint.", nil},
		{"one home", []inventory.Item{item("a", home)}, VerdictYes,
			"Yes: the one data store is stored in EU/EEA", "Oui : l’unique lieu de stockage", nil},
		{"mixed", []inventory.Item{item("a", home), item("b", soil), item("c", unknown), item("d", abroad)}, VerdictPartly,
			"Partly: 1 of 4 data stores are stored in EU/EEA and out of reach of non-EU/EEA authorities; 1 are on EU/EEA soil under a foreign law, 1 are stored abroad, 1 could not be judged.",
			"En partie : 1 lieux de stockage sur 4", []string{"d", "c", "b"}},
		{"unknown only", []inventory.Item{item("x", unknown)}, VerdictNo,
			"No: the one data store is not both stored in EU/EEA", "Non : l’unique lieu de stockage", []string{"x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &inventory.Scan{Home: reach.HomeEU, Assets: tt.items}
			for lang, want := range map[string]string{"en": tt.en, "fr": tt.fr} {
				a := say[lang].Answer(s)
				if a.Verdict != tt.verdict || !strings.HasPrefix(a.Sentence, want) {
					t.Errorf("%s: %s %q, want %s %q", lang, a.Verdict, a.Sentence, tt.verdict, want)
				}
				var names []string
				for _, e := range a.Exceptions {
					names = append(names, e.Name)
					if e.Why == "" || e.Provider != "Amazon Web Services" {
						t.Errorf("%s: exception %+v", lang, e)
					}
				}
				if strings.Join(names, ",") != strings.Join(tt.exceptions, ",") {
					t.Errorf("%s: exceptions %v, want %v (abroad, then unknown, then home soil)", lang, names, tt.exceptions)
				}
				if !strings.Contains(a.Question, say[lang].HomeName(reach.HomeEU)) {
					t.Errorf("%s: question %q", lang, a.Question)
				}
			}
		})
	}
}
