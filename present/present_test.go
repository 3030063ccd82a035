package present

import (
	"testing"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/internal/i18n"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/reach"
)

func speakers(t *testing.T) map[string]*Speaker {
	t.Helper()
	fr, err := i18n.New("fr")
	if err != nil {
		t.Fatal(err)
	}
	return map[string]*Speaker{"en": New(i18n.English()), "fr": New(fr)}
}

var (
	dublin = geo.Location{Country: "IE", City: "Dublin", Evidence: geo.EvidenceCatalog, Confidence: geo.ConfidenceHigh}
	euOnly = geo.Location{Area: "EU", Evidence: geo.EvidenceDNS, Confidence: geo.ConfidenceMedium}
	guess  = geo.Location{Country: "DE", Evidence: geo.EvidenceGeoIP, Confidence: geo.ConfidenceLow}
	aws    = reach.Operator{Name: "Amazon Web Services, Inc.", Country: "US",
		Parents: []reach.Entity{{Name: "Amazon.com, Inc.", Country: "US"}}}
	sovereign = reach.Operator{Name: "AWS European Sovereign Cloud GmbH", Country: "DE", Contested: true,
		Parents: []reach.Entity{{Name: "Amazon.com, Inc.", Country: "US"}}}
	ieTerritory = reach.Jurisdiction{Country: "IE", Basis: reach.BasisTerritorial}
	usOperator  = reach.Jurisdiction{Country: "US", Basis: reach.BasisOperator, Via: "Amazon Web Services, Inc."}
	usTerritory = reach.Jurisdiction{Country: "US", Basis: reach.BasisTerritorial}
	ukAgreement = reach.Jurisdiction{Country: "GB", Basis: reach.BasisAgreement}
	dublinReach = []reach.Jurisdiction{ieTerritory, usOperator, ukAgreement}
)

// One case per kind of sentence, in English and in French.
func TestSentences(t *testing.T) {
	say := speakers(t)
	tests := []struct {
		name   string
		say    func(s *Speaker) string
		en, fr string
	}{
		{"place with a city", func(s *Speaker) string { return s.Place(dublin) }, "Dublin, Ireland", "Dublin, Irlande"},
		{"place in an area", func(s *Speaker) string { return s.Place(euOnly) },
			"European Union (exact country unknown)", "Union européenne (pays exact inconnu)"},
		{"place unknown", func(s *Speaker) string { return s.Place(geo.Unknown("no region")) }, "unknown", "inconnu"},
		{"location sentence", func(s *Speaker) string { return s.LocationSentence(dublin, "eu-west-1") },
			"Dublin, Ireland (region eu-west-1).", "Dublin, Irlande (région eu-west-1)."},
		{"location unknown", func(s *Speaker) string { return s.LocationSentence(geo.Unknown("x"), "") },
			"Unknown location.", "Emplacement inconnu."},
		{"evidence", func(s *Speaker) string { return s.EvidenceSentence(dublin) },
			"How we know: a documented region code. Confidence: high.",
			"Comment nous le savons : un code de région documenté. Confiance : élevée."},
		{"evidence of a guess", func(s *Speaker) string { return s.EvidenceSentence(guess) },
			"How we know: an IP database's guess (the country where the address is registered, weak). Confidence: low.", ""},
		{"stated evidence", func(s *Speaker) string { return s.StatedEvidenceSentence(dublin) },
			"How we know: the provider's stated location. Confidence: high.",
			"Comment nous le savons : l’emplacement déclaré par le fournisseur. Confiance : élevée."},
		{"operator chain", func(s *Speaker) string { return s.OperatorChain(aws) },
			"Amazon Web Services, Inc. (United States), owned by Amazon.com, Inc. (United States)",
			"Amazon Web Services, Inc. (États-Unis), détenu par Amazon.com, Inc. (États-Unis)"},
		{"operator sentence, contested", func(s *Speaker) string { return s.OperatorSentence(sovereign) },
			"AWS European Sovereign Cloud GmbH (Germany), owned by Amazon.com, Inc. (United States). Its independence from its parent is contested.",
			"AWS European Sovereign Cloud GmbH (Allemagne), détenu par Amazon.com, Inc. (États-Unis). Son indépendance vis-à-vis de sa maison mère est contestée."},
		{"operator unknown", func(s *Speaker) string { return s.OperatorSentence(reach.Operator{}) }, "Unknown operator.", ""},
		{"entity without a country", func(s *Speaker) string { return s.Entity("Lumen", "") }, "Lumen", "Lumen"},
		{"home EU", func(s *Speaker) string { return s.HomeName(reach.HomeEU) }, "EU/EEA", "UE/EEE"},
		{"home country", func(s *Speaker) string { return s.HomeName("DE") }, "Germany", "Allemagne"},
		{"category label", func(s *Speaker) string { return s.CategoryLabel(reach.CategoryHome, reach.HomeEU) },
			"Only EU/EEA law", "Seul le droit UE/EEE"},
		{"category label, foreign", func(s *Speaker) string { return s.CategoryLabel(reach.CategoryForeign, reach.HomeEU) },
			"Stored abroad", "Stocké à l’étranger"},
		{"category explained", func(s *Speaker) string { return s.CategoryExplained(reach.CategoryUnknown, "FR") },
			"Unknown: the scan could not tell", ""},
		{"category sentence", func(s *Speaker) string {
			return s.CategorySentence(reach.CategoryHomeForeign, []reach.Jurisdiction{usOperator}, reach.HomeEU)
		}, "Stored in EU/EEA, but United States law also reaches it.",
			"Stocké dans l’espace UE/EEE, mais un droit étranger l’atteint aussi (États-Unis)."},
		{"category sentence, unknown", func(s *Speaker) string {
			return s.CategorySentence(reach.CategoryUnknown, nil, reach.HomeEU)
		}, "We cannot tell where this is stored or who runs it.", ""},
		{"contested reach", func(s *Speaker) string {
			return s.ContestedReach([]reach.Jurisdiction{{Country: "US", Basis: reach.BasisOperator, Contested: true}}, reach.HomeEU)
		}, "Part of that foreign reach is contested.", "Une partie de cette portée étrangère est contestée."},
		{"no contested reach at home", func(s *Speaker) string {
			return s.ContestedReach([]reach.Jurisdiction{{Country: "DE", Basis: reach.BasisOperator, Contested: true}}, reach.HomeEU)
		}, "", ""},
		{"reach codes", func(*Speaker) string { return ReachCodes(dublinReach) }, "IE · US", "IE · US"},
		{"reach codes, none", func(*Speaker) string { return ReachCodes([]reach.Jurisdiction{ukAgreement}) }, "?", "?"},
		{"reach names", func(s *Speaker) string { return s.ReachNames(dublinReach) }, "Ireland, United States", "Irlande, États-Unis"},
		{"reach bases", func(s *Speaker) string {
			return s.ReachBases([]reach.Jurisdiction{usTerritory, usOperator})
		}, "United States (territorial, operator)", "États-Unis (territorial, operator)"},
		{"reach bases, none", func(s *Speaker) string { return s.ReachBases(nil) }, "no foreign jurisdiction", "aucune juridiction étrangère"},
		{"basis", func(s *Speaker) string { return s.Basis(usOperator) },
			"through Amazon Web Services, Inc., the company that runs it", ""},
		{"basis, contested", func(s *Speaker) string {
			return s.Basis(reach.Jurisdiction{Country: "IE", Basis: reach.BasisTerritorial, Contested: true})
		}, "the data is on its soil (contested)", "les données sont sur son sol (contesté)"},
		{"join", func(s *Speaker) string { return s.JoinAnd([]string{"A", "B", "C"}) }, "A, B and C", "A, B et C"},
		{"change kind", func(s *Speaker) string { return s.ChangeKind(inventory.ChangeLocation) }, "location", "emplacement"},
		{"item line", func(s *Speaker) string {
			return s.ItemLine(inventory.Item{Provider: "aws", Location: dublin, Reach: dublinReach})
		}, "Amazon Web Services · Dublin, Ireland · Reachable by: Ireland, United States",
			"Amazon Web Services · Dublin, Irlande · Atteignable par : Irlande, États-Unis"},
		{"change line", func(s *Speaker) string {
			return s.ChangeLine(inventory.Change{
				Old:  inventory.Item{Location: dublin, Reach: dublinReach},
				New:  inventory.Item{Location: geo.Location{Country: "US", City: "Ashburn"}, Reach: []reach.Jurisdiction{usTerritory, usOperator}},
				What: []inventory.ChangeKind{inventory.ChangeLocation, inventory.ChangeReach},
			})
		}, "location and reach changed: Dublin, Ireland (IE · US) → Ashburn, United States (US)",
			"emplacement et portée a changé : Dublin, Irlande (IE · US) → Ashburn, États-Unis (US)"},
	}
	for _, tt := range tests {
		for _, l := range []string{"en", "fr"} {
			want := map[string]string{"en": tt.en, "fr": tt.fr}[l]
			if l == "fr" && want == "" && tt.en != "" {
				continue // checked in English only
			}
			if got := tt.say(say[l]); got != want {
				t.Errorf("%s, %s:\n got %q\nwant %q", tt.name, l, got, want)
			}
		}
	}
}

func TestWeakEvidence(t *testing.T) {
	for _, tt := range []struct {
		l    geo.Location
		weak bool
	}{{dublin, false}, {euOnly, false}, {guess, true}, {geo.Unknown("x"), true}} {
		if got := WeakEvidence(tt.l); got != tt.weak {
			t.Errorf("WeakEvidence(%+v) = %v", tt.l, got)
		}
	}
}

// The sections of a diff come in order, only those that hold something,
// with the window's titles.
func TestSections(t *testing.T) {
	home := reach.HomeEU
	atHome := inventory.Item{Provider: "hetzner", Account: "a", Kind: "bucket", Name: "photos", Region: "fsn1",
		Location: geo.Location{Country: "DE"}, Reach: []reach.Jurisdiction{{Country: "DE", Basis: reach.BasisTerritorial}},
		Category: reach.CategoryHome}
	abroad := atHome
	abroad.Region, abroad.Location = "ash", geo.Location{Country: "US"}
	abroad.Reach = []reach.Jurisdiction{usTerritory, {Country: "DE", Basis: reach.BasisOperator}}
	abroad.Category = reach.CategoryForeign
	added := inventory.Item{Provider: "aws", Account: "a", Kind: "bucket", Name: "new", Location: dublin,
		Reach: dublinReach, Category: reach.CategoryHomeForeign}
	old := &inventory.Scan{Home: home, Assets: []inventory.Item{atHome}}
	cur := &inventory.Scan{Home: home, Assets: []inventory.Item{abroad, added}}
	ch := inventory.Diff(old, cur)

	say := speakers(t)
	want := map[string][]string{
		"en": {"Newly within reach of a foreign government", "New items", "Changed items"},
		"fr": {"Nouvellement à la portée d’un gouvernement étranger", "Nouveaux éléments", ""},
	}
	kinds := []SectionKind{SectionNewForeign, SectionAdded, SectionChanged}
	lens := []int{2, 1, 1}
	for l, titles := range want {
		secs := say[l].Sections(ch)
		if len(secs) != len(titles) {
			t.Fatalf("%s: %d sections, want %d: %+v", l, len(secs), len(titles), secs)
		}
		for i, sec := range secs {
			if sec.Kind != kinds[i] || sec.Len() != lens[i] || (titles[i] != "" && sec.Title != titles[i]) {
				t.Errorf("%s: section %d = %v %q (%d), want %v %q (%d)", l, i, sec.Kind, sec.Title, sec.Len(), kinds[i], titles[i], lens[i])
			}
		}
		if !secs[0].Alarm || secs[1].Alarm || secs[1].Good {
			t.Errorf("%s: alarm flags wrong: %+v", l, secs)
		}
	}
	if got := say["en"].Sections(inventory.Changes{Home: home}); len(got) != 0 {
		t.Errorf("no change gives sections %+v", got)
	}
	for _, tt := range []struct {
		l    string
		ch   inventory.Changes
		want string
	}{
		{"en", ch, "0 items did not change."},
		{"en", inventory.Changes{Unchanged: 1}, "Nothing changed: the item is where it was, reached by the same laws."},
		{"en", inventory.Changes{Unchanged: 3}, "Nothing changed: the 3 items are where they were, reached by the same laws."},
		{"fr", inventory.Changes{Changed: ch.Changed, Unchanged: 1}, "1 élément n’a pas changé."},
	} {
		if got := say[tt.l].Unchanged(tt.ch); got != tt.want {
			t.Errorf("%s: Unchanged(%d) = %q, want %q", tt.l, tt.ch.Unchanged, got, tt.want)
		}
	}
}
