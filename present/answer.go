package present

import (
	"cmp"
	"slices"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/reach"
)

// Verdict is the one-word answer to the questionnaire's question.
type Verdict string

const (
	VerdictYes     Verdict = "yes"     // every data store is home-only
	VerdictPartly  Verdict = "partly"  // some are, some are not
	VerdictNo      Verdict = "no"      // none is
	VerdictNothing Verdict = "nothing" // the scan found no data store
)

// Answer answers the question a client's questionnaire asks: "Is our data
// stored in [home], and out of reach of non-[home] authorities?". It is
// what the evidence pack and the HTML report open with.
type Answer struct {
	Question string
	Verdict  Verdict
	Word     string // "Yes", "Partly", "No", in the speaker's language
	Sentence string // the answer with its counts
	// Exceptions are the data stores that are not home-only, by name,
	// each with why, in scan order.
	Exceptions []Exception
}

// Exception is a data store that keeps the answer from being "yes".
type Exception struct {
	Name, Provider, Account, Kind string
	Category                      reach.Category
	Why                           string
}

// Answer judges the scan against its home. An item of unknown category
// is never counted as safe: Reachmap could not tell, and says so.
func (s *Speaker) Answer(scan *inventory.Scan) Answer {
	h := s.HomeName(scan.Home)
	a := Answer{Question: s.l("Is our data stored in {{.Home}}, and out of reach of non-{{.Home}} authorities?", "Home", h)}
	c := scan.Counts()
	total := len(scan.Assets)
	home := c[reach.CategoryHome]
	kv := []any{"Home", h, "Total", total, "Safe", home,
		"Soil", c[reach.CategoryHomeForeign], "Abroad", c[reach.CategoryForeign], "Unknown", c[reach.CategoryUnknown]}
	switch {
	case total == 0:
		a.Verdict, a.Word = VerdictNothing, s.l("Nothing to judge")
		a.Sentence = s.l("The scan found no data stores, so there is nothing to answer for yet.")
		return a
	case home == total:
		a.Verdict, a.Word = VerdictYes, s.l("Yes")
		a.Sentence = s.n("Yes: all {{.Count}} data stores are stored in {{.Home}}, and only {{.Home}} law reaches them.", total, kv...)
	case home == 0:
		a.Verdict, a.Word = VerdictNo, s.l("No")
		a.Sentence = s.n("No: none of the {{.Count}} data stores is both stored in {{.Home}} and out of reach of non-{{.Home}} authorities ({{.Soil}} on {{.Home}} soil under a foreign law, {{.Abroad}} stored abroad, {{.Unknown}} that Reachmap could not judge).", total, kv...)
	default:
		a.Verdict, a.Word = VerdictPartly, s.l("Partly")
		a.Sentence = s.n("Partly: {{.Safe}} of {{.Count}} data stores are stored in {{.Home}} and out of reach of non-{{.Home}} authorities; {{.Soil}} are on {{.Home}} soil under a foreign law, {{.Abroad}} are stored abroad, {{.Unknown}} could not be judged.", total, kv...)
	}
	for _, it := range scan.Assets {
		if it.Category == reach.CategoryHome {
			continue
		}
		a.Exceptions = append(a.Exceptions, Exception{
			Name: it.Name, Provider: reach.ProviderName(it.Provider), Account: it.Account, Kind: s.Kind(string(it.Kind)),
			Category: it.Category, Why: s.ItemSentence(it, scan.Home),
		})
	}
	// Stored abroad first, then what could not be judged, then home soil
	// under foreign law: the order a reader acts in.
	rank := map[reach.Category]int{reach.CategoryForeign: 0, reach.CategoryUnknown: 1, reach.CategoryHomeForeign: 2}
	slices.SortStableFunc(a.Exceptions, func(x, y Exception) int { return cmp.Compare(rank[x.Category], rank[y.Category]) })
	return a
}

// Advisory is the notice every report carries, in the speaker's
// language, with the knowledge base's review date.
func (s *Speaker) Advisory(reviewed string) string {
	return s.l("Advisory, not legal advice. Knowledge base reviewed on {{.Date}}.", "Date", reviewed)
}
