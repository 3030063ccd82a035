package store

import (
	"slices"
	"strconv"
	"strings"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

// interner gives the strings a loaded scan repeats one copy each. An
// estate's items repeat their provider, account, region, host, location
// note, laws and sources thousands of times, and every value SQLite
// returns or JSON decodes is a copy of its own: for 10,000 items that is
// megabytes the window holds for as long as it shows the scan, scattered
// among the loading's garbage. Names, mostly unique, are left as they are.
// A loaded scan is never changed (inventory.Scan.WithHome copies), so
// sharing is safe; the interner itself is dropped with the load.
type interner struct {
	strs map[string]string
	tags map[string]map[string]string
}

func newInterner() *interner {
	return &interner{strs: map[string]string{}, tags: map[string]map[string]string{}}
}

// internStr puts the interner's copy of *p in *p, first making *p that
// copy when it has none.
func internStr[S ~string](in *interner, p *S) {
	if *p == "" {
		return
	}
	if v, ok := in.strs[string(*p)]; ok {
		*p = S(v)
		return
	}
	in.strs[string(*p)] = string(*p)
}

// item interns the fields of an item row and its record (not its reach,
// gaps or tags, which have rows of their own).
func (in *interner) item(it *inventory.Item) {
	for _, p := range []*string{&it.Provider, &it.Account, &it.AccountID, &it.Region, &it.Host,
		&it.Status, &it.From, &it.Until, &it.Successor} {
		internStr(in, p)
	}
	internStr(in, &it.Kind)
	internStr(in, &it.Category)
	internStr(in, &it.ProviderConfidence)
	in.location(&it.Location.Country, &it.Location.City, &it.Location.Area, &it.Location.Note)
	internStr(in, &it.Location.Evidence)
	internStr(in, &it.Location.Confidence)
	op := &it.Operator
	for _, p := range []*string{&op.Name, &op.Country, &op.Note} {
		internStr(in, p)
	}
	for i := range op.Parents {
		internStr(in, &op.Parents[i].Name)
		internStr(in, &op.Parents[i].Country)
	}
	for i := range it.Copies {
		c := &it.Copies[i]
		for _, p := range []*string{&c.Region, &c.Why, &c.AccountID} {
			internStr(in, p)
		}
		in.location(&c.Location.Country, &c.Location.City, &c.Location.Area, &c.Location.Note)
		for j := range c.Reach {
			in.jurisdiction(&c.Reach[j])
		}
	}
}

func (in *interner) location(ps ...*string) {
	for _, p := range ps {
		internStr(in, p)
	}
}

// jurisdiction interns one reach entry: its law, source and notes are the
// knowledge base's, the same for every item the law reaches.
func (in *interner) jurisdiction(j *reach.Jurisdiction) {
	for _, p := range []*string{&j.Country, &j.Law, &j.Source, &j.Via, &j.Copy, &j.Note,
		&j.StrengthReason, &j.Status, &j.From, &j.Until} {
		internStr(in, p)
	}
	internStr(in, &j.Basis)
	internStr(in, &j.Strength)
	for i := range j.LawIDs {
		internStr(in, &j.LawIDs[i])
	}
}

// gap interns a gap: a denied region or account repeats its error and
// hint for every item it hides.
func (in *interner) gap(g *providers.Gap) {
	for _, p := range []*string{&g.Provider, &g.Account, &g.Region, &g.Error, &g.Hint} {
		internStr(in, p)
	}
}

// shareTags gives items with equal tags one map: resources carry the same
// few tag sets (an environment, a team, a cost centre), and each map costs
// some 300 bytes however small.
func (in *interner) shareTags(items []inventory.Item) {
	var key strings.Builder
	for i := range items {
		tags := items[i].Tags
		if len(tags) == 0 {
			continue
		}
		keys := make([]string, 0, len(tags))
		for k := range tags {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		key.Reset()
		for _, k := range keys {
			// Each part with its length before it, so that no two
			// different sets make the same key.
			for _, part := range []string{k, tags[k]} {
				key.WriteString(strconv.Itoa(len(part)))
				key.WriteByte(':')
				key.WriteString(part)
			}
		}
		if shared, ok := in.tags[key.String()]; ok {
			items[i].Tags = shared
			continue
		}
		in.tags[key.String()] = tags
	}
}
