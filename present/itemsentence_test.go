package present

import (
	"context"
	"testing"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/demo"
	"github.com/reachmap/reachmap/reach"
)

// TestItemSentenceNamesTheCopyAbroad: the demo's lumen-client-files is in
// Frankfurt and replicated to Virginia. Its category is "stored abroad",
// but the sentence must place the original at home and the copy abroad;
// an item that is itself abroad keeps the category's sentence.
func TestItemSentenceNamesTheCopyAbroad(t *testing.T) {
	scan, err := inventory.Run(context.Background(), inventory.Options{Providers: []providers.Provider{&demo.Provider{}}, Home: reach.HomeEU}, nil)
	if err != nil {
		t.Fatal(err)
	}
	find := func(name string) inventory.Item {
		for _, it := range scan.Assets {
			if it.Name == name {
				return it
			}
		}
		t.Fatalf("the demo has no %s", name)
		return inventory.Item{}
	}
	say := speakers(t)
	en, fr := say["en"], say["fr"]
	copied := find("lumen-client-files")
	if copied.Category != reach.CategoryForeign {
		t.Fatalf("lumen-client-files is %s, want foreign", copied.Category)
	}
	if got, want := en.ItemSentence(copied, reach.HomeEU), "Stored in EU/EEA, but a copy is kept in United States; United States law reaches it."; got != want {
		t.Errorf("en: %q, want %q", got, want)
	}
	if got, want := fr.ItemSentence(copied, reach.HomeEU), "Stocké dans l’espace UE/EEE, mais une copie est conservée hors de celui-ci (États-Unis) ; un droit étranger l’atteint (États-Unis)."; got != want {
		t.Errorf("fr: %q, want %q", got, want)
	}
	for _, it := range scan.Assets {
		if it.Category == reach.CategoryForeign && !reach.HomeEU.Includes(it.Location.Country) {
			if got, want := en.ItemSentence(it, reach.HomeEU), en.CategorySentence(it.Category, it.Foreign(reach.HomeEU), reach.HomeEU); got != want {
				t.Errorf("%s, stored abroad: %q, want %q", it.Name, got, want)
			}
		}
	}
}
