package report

import (
	"cmp"
	"slices"
	"strings"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/present"
	"github.com/reachmap/reachmap/reach"
)

// The report's laws section: every law cited, once each with its source
// and how many items it reaches, and the blocking statutes of the
// territories where data is kept.

// lawIndex collects every law cited by the items, once each.
type lawIndex struct {
	say   *present.Speaker
	order []string
	laws  map[string]*LawView
	items map[string]map[int]bool
}

func newLawIndex(say *present.Speaker) *lawIndex {
	return &lawIndex{say: say, laws: map[string]*LawView{}, items: map[string]map[int]bool{}}
}

func (x *lawIndex) add(j reach.Jurisdiction, item int) {
	found := reach.LawsOf(j)
	if len(found) == 0 && j.Law != "" {
		found = []reach.Law{{ID: "recorded-" + j.Law, Country: j.Country, Name: j.Law, Source: j.Source}}
	}
	for _, l := range found {
		if _, ok := x.laws[l.ID]; !ok {
			x.order = append(x.order, l.ID)
			lv := newLawView(x.say, l)
			x.laws[l.ID] = &lv
			x.items[l.ID] = map[int]bool{}
		}
		x.items[l.ID][item] = true
	}
}

func newLawView(say *present.Speaker, l reach.Law) LawView {
	return LawView{
		Anchor: "law-" + anchor(l.ID), Name: l.Name, Citation: l.Citation, Country: say.CountryName(l.Country),
		Kind: string(l.Kind), KindName: say.LawKind(l.Kind), Summary: l.Summary, Note: l.Note, InForce: l.InForce, Reviewed: l.Reviewed,
		URL: safeURL(l.Source), Unverified: l.Unverified, Time: say.LawTime(l),
	}
}

// lawKindOrder shows reach before context.
var lawKindOrder = []reach.LawKind{reach.LawExtraterritorial, reach.LawTerritorial, reach.LawAgreement, reach.LawBlocking, reach.LawLocalisation}

func (x *lawIndex) list() []LawView {
	var out []LawView
	for _, id := range x.order {
		lv := *x.laws[id]
		lv.Items = len(x.items[id])
		lv.Meta = x.say.LawMeta(lv.Country, lv.KindName, lv.Items, cmp.Or(lv.Time, x.say.InForceSince(lv.InForce)), lv.Reviewed)
		out = append(out, lv)
	}
	slices.SortStableFunc(out, func(a, b LawView) int {
		ka, kb := slices.Index(lawKindOrder, reach.LawKind(a.Kind)), slices.Index(lawKindOrder, reach.LawKind(b.Kind))
		return cmp.Or(cmp.Compare(ka, kb), cmp.Compare(b.Items, a.Items), cmp.Compare(a.Country, b.Country), cmp.Compare(a.Name, b.Name))
	})
	return out
}

// blocking lists the blocking statutes of the territories where data is
// stored (GDPR art. 48 in the EU/EEA): a transfer impact assessment
// weighs them against the foreign laws that reach the data.
func blocking(say *present.Speaker, s *inventory.Scan) []LawView {
	seen := map[string]int{}
	var out []LawView
	for _, it := range s.Assets {
		for _, l := range reach.Blocking(territoryOf(it.Location)) {
			i, ok := seen[l.ID]
			if !ok {
				i = len(out)
				seen[l.ID] = i
				out = append(out, newLawView(say, l))
			}
			out[i].Items++
		}
	}
	for i := range out {
		out[i].Meta = say.BlockingMeta(out[i].Country, out[i].Items, out[i].Reviewed)
	}
	return out
}

// anchor makes an id safe for an HTML fragment.
func anchor(id string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '-'
	}, id)
}
