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
	strs    map[string]string
	tags    map[string]map[string]string
	lists   map[string][]string // law ids, certifications
	chain   map[string][]reach.Entity
	party   map[reach.ContractingEntity]*reach.ContractingEntity
	dpf     map[reach.DPF]*reach.DPF
	reaches map[string][]reach.Jurisdiction
}

func newInterner() *interner {
	return &interner{strs: map[string]string{}, tags: map[string]map[string]string{}, lists: map[string][]string{},
		chain: map[string][]reach.Entity{}, party: map[reach.ContractingEntity]*reach.ContractingEntity{}, dpf: map[reach.DPF]*reach.DPF{},
		reaches: map[string][]reach.Jurisdiction{}}
}

// list interns a list's strings and gives equal lists one backing array.
func (in *interner) list(p *[]string) {
	if len(*p) == 0 {
		return
	}
	for i := range *p {
		internStr(in, &(*p)[i])
	}
	*p = share(in.lists, lengthPrefixed(*p...), *p)
}

// share returns the value m holds for k, first making it v when m has
// none: how every kind of record here is held once.
func share[K comparable, V any](m map[K]V, k K, v V) V {
	if old, ok := m[k]; ok {
		return old
	}
	m[k] = v
	return v
}

// texts interns each of the strings ps point at.
func (in *interner) texts(ps ...*string) {
	for _, p := range ps {
		internStr(in, p)
	}
}

// operator interns what a knowledge-base entry gives every item of one
// provider: its parents, contracting entity, DPF record, certifications.
func (in *interner) operator(op *reach.Operator) {
	in.texts(&op.Name, &op.Country, &op.Note)
	if len(op.Parents) > 0 {
		parts := make([]string, 0, 2*len(op.Parents))
		for i := range op.Parents {
			in.texts(&op.Parents[i].Name, &op.Parents[i].Country)
			parts = append(parts, op.Parents[i].Name, op.Parents[i].Country)
		}
		op.Parents = share(in.chain, lengthPrefixed(parts...), op.Parents)
	}
	in.list(&op.Certifications)
	if c := op.ContractingEntity; c != nil {
		in.texts(&c.Name, &c.Country, &c.Source)
		op.ContractingEntity = share(in.party, *c, c)
	}
	if d := op.DPF; d != nil {
		in.texts(&d.Entity, &d.Source, &d.Checked, &d.Note)
		op.DPF = share(in.dpf, *d, d)
	}
}

// lengthPrefixed joins parts, each with its length before it, so that no
// two different lists make the same key.
func lengthPrefixed(parts ...string) string {
	var b strings.Builder
	for _, part := range parts {
		b.WriteString(strconv.Itoa(len(part)))
		b.WriteByte(':')
		b.WriteString(part)
	}
	return b.String()
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
	in.texts(&it.Provider, &it.Account, &it.AccountID, &it.Region, &it.Host, &it.Status, &it.From, &it.Until, &it.Successor)
	internStr(in, &it.Kind)
	internStr(in, &it.Category)
	internStr(in, &it.ProviderConfidence)
	in.texts(&it.Location.Country, &it.Location.City, &it.Location.Area, &it.Location.Note)
	internStr(in, &it.Location.Evidence)
	internStr(in, &it.Location.Confidence)
	in.operator(&it.Operator)
	for i := range it.Copies {
		c := &it.Copies[i]
		in.texts(&c.Region, &c.Why, &c.AccountID, &c.Location.Country, &c.Location.City, &c.Location.Area, &c.Location.Note)
		for j := range c.Reach {
			in.jurisdiction(&c.Reach[j])
		}
	}
}

// jurisdiction interns one reach entry: its law, source and notes are the
// knowledge base's, the same for every item the law reaches.
func (in *interner) jurisdiction(j *reach.Jurisdiction) {
	in.texts(&j.Country, &j.Law, &j.Source, &j.Via, &j.Copy, &j.Note, &j.StrengthReason, &j.Status, &j.From, &j.Until)
	internStr(in, &j.Basis)
	internStr(in, &j.Strength)
	in.list(&j.LawIDs)
}

// reach returns the list an item with these reach rows (key: their raw
// columns) holds: the one an item before it got from the same rows, or an
// exactly sized copy of js. js is the caller's buffer.
func (in *interner) reach(key string, js []reach.Jurisdiction) []reach.Jurisdiction {
	if v, ok := in.reaches[key]; ok {
		return v // no clone of the buffer for a list already held
	}
	return share(in.reaches, key, slices.Clone(js))
}

// gap interns a gap: a denied region or account repeats its error and
// hint for every item it hides.
func (in *interner) gap(g *providers.Gap) {
	in.texts(&g.Provider, &g.Account, &g.Region, &g.Error, &g.Hint)
}

// shareTags gives items with equal tags one map: resources carry the same
// few tag sets (an environment, a team, a cost centre), and each map costs
// some 300 bytes however small.
func (in *interner) shareTags(items []inventory.Item) {
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
		parts := make([]string, 0, 2*len(keys))
		for _, k := range keys {
			parts = append(parts, k, tags[k])
		}
		items[i].Tags = share(in.tags, lengthPrefixed(parts...), tags)
	}
}
