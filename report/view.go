package report

import (
	"cmp"
	"encoding/base64"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/reachmap/reachmap/internal/about"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/present"
	"github.com/reachmap/reachmap/reach"
)

// View is a written report's content, every text ready to print in one
// language: the HTML template lays it out, and the evidence pack's PDF
// (package pack) lays out the same View, so that both say the same thing.
type View struct {
	W             present.Words
	Lang          string
	Title         string
	Answer        present.Answer
	ScannedAt     string
	ScannedISO    string
	Generated     string
	GeneratedISO  string
	Home          string
	Reviewed      string
	KBChanged     string // set when the knowledge base changed since the scan
	Advisory      string
	Version       string
	ScanID        string // the store's id, or "not saved in the store"
	Total         int
	Headline      string
	ItemsLead     string
	Footer        string
	Categories    []CategoryView
	Countries     []CountryView
	Jurisdictions []JurisdictionView
	MapURI        template.URL
	MapPNG        []byte // the map MapURI holds, for a layout that embeds it otherwise
	MapAlt        string
	Items         []ItemView
	Laws          []LawView
	Blocking      []LawView
	Gaps          []GapView
	Accounts      []AccountView
	Changes       *ChangesView // nil: no previous scan was given
}

// CategoryView is one category's card.
type CategoryView struct {
	Key, Label, Desc string
	Count            int
	Pct              int
}

// CountryView is one territory's row in the summary.
type CountryView struct {
	Name, Code string
	Total      int
	ByCat      []int // in reach.Categories order
	HomeSoil   bool
}

// JurisdictionView is one reaching jurisdiction's row in the summary.
type JurisdictionView struct {
	Name, Code string
	Items      int
	Bases      string
	Foreign    bool
	Laws       []Link
}

// Link is a law's label with its source.
type Link struct {
	Label string
	URL   string // empty when no usable source
	// Unverified marks a law the knowledge base could not yet confirm
	// from a good source; the laws section says why.
	Unverified bool
}

// ItemView is one data store.
type ItemView struct {
	N                             int
	Name, Kind, Provider, Account string
	Region, Host                  string
	Place, City, Evidence         string
	EvidenceKind, Confidence      string
	Weak                          bool
	LocNote                       string
	Operator                      string
	Chain                         []string
	ContractingEntity             string // the entity the customer signs with, when the knowledge base names it
	OpNote                        string
	OpContested                   bool
	// OpFacts are further facts about the operator (its contracting
	// entity, its parent's Data Privacy Framework entry, certifications),
	// one sentence each.
	OpFacts []string
	// Historic says, in the past tense, that the service closed.
	Historic                      string
	Reach                         []ReachView
	Context                       []ReachView // agreements
	CatKey, CatLabel, CatSentence string
	Copies                        []string // each copy of the data: where it is and who reaches it
	Gaps                          []string
	Tags                          string
	// ProviderConfidence is how sure Reachmap is of the provider (a
	// mailbox behind a gateway), from the signals that named it.
	ProviderConfidence string
	Signals            []string
}

// ReachView is one jurisdiction that reaches a data store.
type ReachView struct {
	Country string
	Basis   string
	Via     string
	// Strength is how firmly the law reaches, as a sentence, StrengthWord
	// in one word; WeakStrength marks a reach through control or a
	// contested one, whose reason the report spells out. Status says
	// when the law applies from a later date or has lapsed.
	Strength, StrengthWord, Status string
	WeakStrength                   bool
	Laws                           []Link
	Foreign                        bool
	Contested                      bool
	Note                           string
}

// LawView is one law cited, once for the whole report.
type LawView struct {
	Anchor, Name, Citation, Country, Kind string
	KindName                              string // Kind in words
	Summary, Note, InForce, Reviewed      string
	Time                                  string // "applies from …", "in force since …", "lapsed on …"
	URL                                   string
	Unverified                            bool
	Items                                 int
	Meta                                  string
}

// GapView is one thing the scan could not see.
type GapView struct {
	Provider, Account, Region, Item, Error, Hint string
}

// AccountView is one account or domain the scan was given.
type AccountView struct {
	Provider, Account string
	Items, Gaps       int
	Found             string
}

// ChangesView is what changed since the previous scan.
type ChangesView struct {
	From      string
	Sections  []SectionView
	Unchanged string
}

// SectionView is one section of the changes, each entry on one line.
type SectionView struct {
	Title       string
	Alarm, Good bool
	Lines       []string
}

// Options say how to build a View beyond the scan itself.
type Options struct {
	// Lang is "en" (the default) or "fr".
	Lang string
	// Map is the map as a PNG, or nil.
	Map []byte
	// Previous is the scan before this one, for the changes page; nil
	// leaves the page out (NoPrevious says there was none when
	// HasPrevious is set).
	Previous    *inventory.Scan
	HasPrevious bool
	// ScanID is the scan's id in the store, 0 when it is not saved.
	ScanID int64
}

// CategoryKey is a category's name in a style sheet or a palette:
// "home", "homeforeign", "foreign", "unknown".
func CategoryKey(c reach.Category) string {
	switch c {
	case reach.CategoryHomeForeign:
		return "homeforeign"
	case reach.CategoryHome, reach.CategoryForeign:
		return string(c)
	}
	return "unknown"
}

// BuildView builds the report's content in the language of say.
func BuildView(s *inventory.Scan, say *present.Speaker, o Options) View {
	home := s.Home
	gen := now().UTC()
	reviewed := cmp.Or(s.Reviewed, say.Words().NotRecorded)
	v := View{
		W:            say.Words(),
		Lang:         cmp.Or(o.Lang, "en"),
		Answer:       say.Answer(s),
		ScannedAt:    present.Date(s.ScannedAt),
		ScannedISO:   s.ScannedAt.UTC().Format(time.RFC3339),
		Generated:    present.Date(gen),
		GeneratedISO: gen.Format(time.RFC3339),
		Home:         homeLabel(say, home),
		Reviewed:     reviewed,
		Advisory:     say.Advisory(reviewed),
		Version:      about.Version,
		Total:        len(s.Assets),
		ItemsLead:    say.ItemsLead(home),
	}
	v.Title = v.W.Title
	v.ScanID = v.W.NotSaved
	if o.ScanID > 0 {
		v.ScanID = itoa(o.ScanID)
	}
	v.Footer = say.Footer(v.Version, v.Generated, v.ScannedAt, v.Reviewed)
	if cur := reach.Reviewed(); s.Reviewed != "" && s.Reviewed != cur {
		v.KBChanged = say.KBChanged(s.Reviewed, cur)
	}
	counts := s.Counts()
	for _, c := range reach.Categories {
		pct := 0
		if v.Total > 0 {
			pct = (counts[c]*100 + v.Total/2) / v.Total
		}
		v.Categories = append(v.Categories, CategoryView{Key: CategoryKey(c), Label: say.CategoryLabel(c, home), Desc: say.CategoryExplained(c, home), Count: counts[c], Pct: pct})
	}
	foreign := 0
	for _, it := range s.Assets {
		if len(it.Foreign(home)) > 0 {
			foreign++
		}
	}
	v.Headline = say.Headline(foreign, v.Total, counts[reach.CategoryForeign], counts[reach.CategoryHomeForeign], counts[reach.CategoryUnknown], home)
	if len(o.Map) > 0 {
		v.MapPNG = o.Map
		v.MapURI = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(o.Map))
		v.MapAlt = say.MapAlt(v.Total)
	}
	v.Countries = countries(say, s)
	v.Jurisdictions = jurisdictions(say, s)
	laws := newLawIndex(say)
	for i, it := range s.Assets {
		v.Items = append(v.Items, item(say, i+1, it, home, laws))
	}
	v.Laws = laws.list()
	v.Blocking = blocking(say, s)
	for _, g := range s.AllGaps() {
		v.Gaps = append(v.Gaps, GapView{g.Provider, g.Account, g.Region, g.Item, g.Error, g.Hint})
	}
	v.Accounts = accounts(say, s)
	if o.Previous != nil || o.HasPrevious {
		v.Changes = changes(say, o.Previous, s)
	}
	return v
}

// accounts lists every account the scan was given, from its items and
// its gaps, in scan order.
func accounts(say *present.Speaker, s *inventory.Scan) []AccountView {
	var out []AccountView
	at := func(provider, account string) *AccountView {
		for i := range out {
			if out[i].Provider == provider && out[i].Account == account {
				return &out[i]
			}
		}
		out = append(out, AccountView{Provider: provider, Account: account})
		return &out[len(out)-1]
	}
	for _, it := range s.Assets {
		at(reach.ProviderName(it.Provider), it.Account).Items++
	}
	for _, g := range s.AllGaps() {
		at(reach.ProviderName(g.Provider), g.Account).Gaps++
	}
	for i := range out {
		out[i].Found = say.AccountFound(out[i].Items, out[i].Gaps)
	}
	return out
}

// changes compares the previous scan with this one, both judged against
// this scan's home, in the sections the window's Changes screen shows.
func changes(say *present.Speaker, prev, cur *inventory.Scan) *ChangesView {
	if prev == nil {
		return &ChangesView{From: say.Words().NoPrevious}
	}
	ch := inventory.Diff(prev.WithHome(cur.Home), cur)
	out := &ChangesView{From: say.ChangesFrom(present.Date(prev.ScannedAt), present.Date(cur.ScannedAt)), Unchanged: say.Unchanged(ch)}
	for _, sec := range say.Sections(ch) {
		sv := SectionView{Title: sec.Title, Alarm: sec.Alarm, Good: sec.Good}
		for _, it := range sec.Items {
			sv.Lines = append(sv.Lines, it.Name+" — "+say.ItemLine(it))
		}
		for _, c := range sec.Changes {
			sv.Lines = append(sv.Lines, c.New.Name+" — "+say.ChangeLine(c))
		}
		out.Sections = append(out.Sections, sv)
	}
	return out
}

func item(say *present.Speaker, n int, it inventory.Item, home reach.Home, laws *lawIndex) ItemView {
	l := it.Location
	v := ItemView{
		N: n, Name: it.Name, Kind: say.Kind(string(it.Kind)), Provider: reach.ProviderName(it.Provider), Account: accountLabel(it.Account, it.AccountID),
		Region: it.Region, Host: it.Host, Place: say.Place(l), City: l.City,
		Evidence: say.EvidenceSentence(l), EvidenceKind: say.Evidence(l.Evidence), Confidence: say.Confidence(l.Confidence),
		LocNote: l.Note, Weak: present.WeakEvidence(l),
		CatKey: CategoryKey(it.Category), CatLabel: say.CategoryLabel(it.Category, home),
		CatSentence: say.ItemSentence(it, home),
	}
	op := it.Operator
	if op.Name != "" {
		v.Operator = say.Entity(op.Name, op.Country)
		v.Chain = say.Owners(op)
	} else {
		v.Operator = say.OperatorSentence(op)
	}
	v.OpNote, v.OpContested = op.Note, op.Contested
	if ce := op.ContractingEntity; ce != nil {
		v.ContractingEntity = say.Entity(ce.Name, ce.Country)
	}
	for _, f := range []string{say.ContractingEntity(op), say.DPF(op), say.Certifications(op)} {
		if f != "" {
			v.OpFacts = append(v.OpFacts, f)
		}
	}
	v.Historic = say.ServiceStatus(it.Status, it.Until, it.Successor)
	for _, j := range it.Reach {
		r := ReachView{
			Country: say.CountryName(j.Country), Basis: say.BasisWord(j.Basis), Via: j.Via,
			Laws: lawsOf(j), Foreign: !home.Covers(j), Contested: j.Contested, Note: ownNote(j),
			Strength: say.Strength(j), StrengthWord: say.StrengthWord(j.Strength), Status: say.LawStatus(j),
			WeakStrength: j.Strength == reach.StrengthControl || j.Strength == reach.StrengthContested,
		}
		if j.Copy != "" {
			r.Via = strings.TrimPrefix(r.Via+"; ", "; ") + say.ThroughCopy(j.Copy)
		}
		laws.add(j, n)
		if j.Basis == reach.BasisAgreement {
			v.Context = append(v.Context, r)
			continue
		}
		v.Reach = append(v.Reach, r)
	}
	v.ProviderConfidence = say.ProviderConfidence(it.ProviderConfidence)
	for _, sg := range it.Signals {
		v.Signals = append(v.Signals, say.Signal(sg))
	}
	for _, c := range it.Copies {
		v.Copies = append(v.Copies, say.CopyLine(say.Place(c.Location), c.Region, say.ReachNames(c.Reach), c.Why, c.Item))
	}
	for _, g := range it.Gaps {
		s := g.Error
		if g.Hint != "" {
			s += " — " + g.Hint
		}
		v.Gaps = append(v.Gaps, s)
	}
	var tags []string
	for k, val := range it.Tags {
		tags = append(tags, k+"="+val)
	}
	slices.Sort(tags)
	v.Tags = strings.Join(tags, ", ")
	return v
}

// accountLabel is an account's name with its provider's id when that says
// more: "lumen-prod (123456789012)".
func accountLabel(name, id string) string {
	if id == "" || id == name {
		return name
	}
	if name == "" {
		return id
	}
	return name + " (" + id + ")"
}
