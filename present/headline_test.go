package present

import (
	"testing"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

func TestHeadline(t *testing.T) {
	say := speakers(t)
	home := inventory.Item{Name: "home", Location: dublin, Category: reach.CategoryHome,
		Operator: reach.Operator{Name: "Hetzner", Country: "DE"}, Reach: []reach.Jurisdiction{ieTerritory}}
	foreign := inventory.Item{Name: "foreign", Location: dublin, Category: reach.CategoryHomeForeign, Operator: aws, Reach: dublinReach}
	unplaced := inventory.Item{Name: "nas", Location: geo.Unknown("nas.example is an S3 server Reachmap does not recognise"),
		Category: reach.CategoryUnknown}
	denied := unplaced
	denied.Gaps = []providers.Gap{{Error: "AccessDenied"}}
	many := func(it inventory.Item, n int) []inventory.Item {
		out := make([]inventory.Item, n)
		for i := range out {
			out[i] = it
		}
		return out
	}
	tests := []struct {
		name   string
		items  []inventory.Item
		en, fr string
	}{
		{"nothing", nil, "The scan found no data", "L’analyse n’a trouvé aucune donnée"},
		{"all at home", []inventory.Item{home, home}, "No foreign government can reach these 2 items",
			"Aucun gouvernement étranger ne peut atteindre ces 2 éléments"},
		{"all unknown", many(unplaced, 10000),
			"Reachmap cannot tell who can reach these 10000 items: their place and operator are unknown",
			"Reachmap ne peut pas dire qui peut atteindre ces 10000 éléments : leur emplacement et leur exploitant sont inconnus"},
		{"home and unknown", []inventory.Item{home, unplaced},
			"No foreign government can reach 1 of 2 items; Reachmap cannot tell for the other one",
			"Aucun gouvernement étranger ne peut atteindre 1 élément sur 2 ; pour l’autre, Reachmap ne peut pas le dire"},
		{"foreign and unknown", []inventory.Item{foreign, home, unplaced, unplaced},
			"1 of 4 items can be reached by a foreign government; Reachmap cannot tell for 2 more",
			"1 élément sur 4 est à la portée d’un gouvernement étranger ; pour 2 autres, Reachmap ne peut pas le dire"},
		{"foreign", []inventory.Item{foreign, home}, "1 of 2 items can be reached by a foreign government",
			"1 élément sur 2 est à la portée d’un gouvernement étranger"},
		{"one item, at home", []inventory.Item{home}, "No foreign government can reach this item",
			"Aucun gouvernement étranger ne peut atteindre cet élément"},
		{"foreign and two unknown", []inventory.Item{foreign, foreign, unplaced, unplaced, home},
			"2 of 5 items can be reached by a foreign government; Reachmap cannot tell for 2 more",
			"2 éléments sur 5 sont à la portée d’un gouvernement étranger ; pour 2 autres, Reachmap ne peut pas le dire"},
	}
	for _, tt := range tests {
		for lang, want := range map[string]string{"en": tt.en, "fr": tt.fr} {
			if got := say[lang].ReachHeadline(tt.items, reach.HomeEU); want != "" && got != want {
				t.Errorf("%s (%s): %q, want %q", tt.name, lang, got, want)
			}
		}
	}
	if r, n := UnknownReason([]inventory.Item{home, unplaced, denied, denied}); r != "AccessDenied" || n != 2 {
		t.Errorf("UnknownReason = %q, %d; want the commonest, AccessDenied, 2", r, n)
	}
	if r, n := UnknownReason([]inventory.Item{home}); r != "" || n != 0 {
		t.Errorf("UnknownReason of no unknown item = %q, %d", r, n)
	}
}

func TestProviderShort(t *testing.T) {
	say := speakers(t)
	for id, want := range map[string]string{"aws": "AWS", "hetzner": "Hetzner", "linode": "Linode",
		"spamexperts": "SpamExperts", "s3-compatible": "S3 server", "no-such": "no-such"} {
		if got := say["en"].ProviderShort(id); got != want {
			t.Errorf("ProviderShort(%q) = %q, want %q", id, got, want)
		}
	}
	if got := say["fr"].ProviderShort("s3-compatible"); got != "serveur S3" {
		t.Errorf("French S3 server: %q", got)
	}
	if got := say["fr"].Kind("bucket"); got != "compartiment" {
		t.Errorf("French bucket: %q", got)
	}
}
