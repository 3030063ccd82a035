package inventory

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

// edit returns a copy of s whose items went through f.
func edit(s *Scan, f func([]Item) []Item) *Scan {
	out := *s
	out.Assets = f(slices.Clone(s.Assets))
	return &out
}

// rejudge replaces the named item by the same store judged in another
// region (and, if op is set, run by another operator).
func rejudge(t *testing.T, home reach.Home, name, region, op string) func([]Item) []Item {
	return func(items []Item) []Item {
		for i, it := range items {
			if it.Name == name {
				items[i] = Judge(providers.Asset{
					Provider: it.Provider, Account: it.Account, Kind: it.Kind, Name: it.Name,
					Region: region, Evidence: geo.EvidenceAPI, Operator: op, Tags: it.Tags,
				}, home)
				return items
			}
		}
		t.Fatalf("no item %q in the demo", name)
		return nil
	}
}

func remove(name string) func([]Item) []Item {
	return func(items []Item) []Item {
		return slices.DeleteFunc(items, func(it Item) bool { return it.Name == name })
	}
}

func add(home reach.Home, a providers.Asset) func([]Item) []Item {
	return func(items []Item) []Item { return append(items, Judge(a, home)) }
}

func chain(fs ...func([]Item) []Item) func([]Item) []Item {
	return func(items []Item) []Item {
		for _, f := range fs {
			items = f(items)
		}
		return items
	}
}

func names(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Name)
	}
	slices.Sort(out)
	return out
}

func changeNames(cs []Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.New.Name)
	}
	slices.Sort(out)
	return out
}

func keys(js []reach.Jurisdiction) []string {
	var out []string
	for _, j := range js {
		out = append(out, j.Country+":"+string(j.Basis))
	}
	slices.Sort(out)
	return out
}

func TestDiff(t *testing.T) {
	base := demoScan(t, "EU")
	n := len(base.Assets)
	tests := []struct {
		name string
		edit func([]Item) []Item
		// expected outcome
		added, removed, changed  []string
		newForeign, noLonger     []string
		moreForeign, lessForeign []string
		what                     map[string][]string // item → What
		gained, lost             map[string][]string // item → country:basis
		unchanged                int
	}{
		{
			name: "identical scans", edit: func(items []Item) []Item { return items },
			unchanged: n,
		},
		{
			// Claire moves the Virginia bucket to AWS Paris: it leaves US
			// soil, yet US law still reaches it through Amazon.
			name:        "AWS bucket moved from Virginia to Paris",
			edit:        rejudge(t, "EU", "lumen-old-exports", "eu-west-3", ""),
			changed:     []string{"lumen-old-exports"},
			lessForeign: []string{"lumen-old-exports"},
			what:        map[string][]string{"lumen-old-exports": {"location", "reach", "category"}},
			lost:        map[string][]string{"lumen-old-exports": {"US:territorial"}},
			unchanged:   n - 1,
		},
		{
			name:        "AWS bucket moved from Paris to Virginia",
			edit:        rejudge(t, "EU", "lumen-invoices", "us-east-1", ""),
			changed:     []string{"lumen-invoices"},
			moreForeign: []string{"lumen-invoices"},
			what:        map[string][]string{"lumen-invoices": {"location", "reach", "category"}},
			gained:      map[string][]string{"lumen-invoices": {"US:territorial"}},
			unchanged:   n - 1,
		},
		{
			// A German operator's bucket moved to its US site: data that no
			// foreign law reached now sits on US soil.
			name:       "Hetzner bucket moved from Nuremberg to Ashburn",
			edit:       rejudge(t, "EU", "lumen-nas-sync", "ash", ""),
			changed:    []string{"lumen-nas-sync"},
			newForeign: []string{"lumen-nas-sync"},
			what:       map[string][]string{"lumen-nas-sync": {"location", "reach", "category"}},
			gained:     map[string][]string{"lumen-nas-sync": {"US:territorial"}},
			unchanged:  n - 1,
		},
		{
			name:      "Hetzner bucket moved back from Ashburn to Falkenstein",
			edit:      rejudge(t, "EU", "lumen-us-mirror", "fsn1", ""),
			changed:   []string{"lumen-us-mirror"},
			noLonger:  []string{"lumen-us-mirror"},
			what:      map[string][]string{"lumen-us-mirror": {"location", "reach", "category"}},
			lost:      map[string][]string{"lumen-us-mirror": {"US:territorial"}},
			unchanged: n - 1,
		},
		{
			name:      "moved within home, nothing foreign changes",
			edit:      rejudge(t, "EU", "lumen-photos", "hel1", ""),
			changed:   []string{"lumen-photos"},
			what:      map[string][]string{"lumen-photos": {"location", "reach"}},
			unchanged: n - 1,
		},
		{
			name:       "a US operator takes over a home bucket",
			edit:       rejudge(t, "EU", "lumen-photos", "fsn1", "aws"),
			changed:    []string{"lumen-photos"},
			newForeign: []string{"lumen-photos"},
			what:       map[string][]string{"lumen-photos": {"operator", "reach", "category"}},
			gained:     map[string][]string{"lumen-photos": {"US:operator"}},
			unchanged:  n - 1,
		},
		{
			name: "new buckets, one under foreign reach",
			edit: chain(
				add("EU", providers.Asset{Provider: "aws", Account: "lumen-prod", Kind: providers.KindBucket, Name: "lumen-new-virginia", Region: "us-east-1", Evidence: geo.EvidenceAPI}),
				add("EU", providers.Asset{Provider: "hetzner", Account: "lumen-hetzner", Kind: providers.KindBucket, Name: "lumen-new-home", Region: "fsn1", Evidence: geo.EvidenceCatalog}),
			),
			added:      []string{"lumen-new-home", "lumen-new-virginia"},
			newForeign: []string{"lumen-new-virginia"},
			unchanged:  n,
		},
		{
			// Moving to another provider makes a new store: the old one is
			// removed, and its data is no longer under foreign reach.
			name: "Virginia bucket replaced by a Scaleway bucket",
			edit: chain(
				remove("lumen-old-exports"),
				add("EU", providers.Asset{Provider: "scaleway", Account: "lumen-scaleway", Kind: providers.KindBucket, Name: "lumen-old-exports", Region: "fr-par", Evidence: geo.EvidenceCatalog}),
			),
			added:     []string{"lumen-old-exports"},
			removed:   []string{"lumen-old-exports"},
			noLonger:  []string{"lumen-old-exports"},
			unchanged: n - 1,
		},
		{
			name:      "removed home store",
			edit:      remove("lumen-photos"),
			removed:   []string{"lumen-photos"},
			unchanged: n - 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Diff(base, edit(base, tt.edit))
			check := func(what string, got, want []string) {
				t.Helper()
				if !slices.Equal(got, want) {
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}
			check("added", names(c.Added), tt.added)
			check("removed", names(c.Removed), tt.removed)
			var changed []string
			for _, ch := range c.Changed {
				changed = append(changed, ch.New.Name)
				check(ch.New.Name+" what", kindNames(ch.What), tt.what[ch.New.Name])
				check(ch.New.Name+" foreign gained", keys(ch.ForeignGained), tt.gained[ch.New.Name])
				check(ch.New.Name+" foreign lost", keys(ch.ForeignLost), tt.lost[ch.New.Name])
			}
			slices.Sort(changed)
			check("changed", changed, tt.changed)
			check("NewForeign", names(c.NewForeign()), tt.newForeign)
			check("NoLongerForeign", names(c.NoLongerForeign()), tt.noLonger)
			check("MoreForeign", changeNames(c.MoreForeign()), tt.moreForeign)
			check("LessForeign", changeNames(c.LessForeign()), tt.lessForeign)
			if c.Unchanged != tt.unchanged {
				t.Errorf("unchanged = %d, want %d", c.Unchanged, tt.unchanged)
			}
			if c.Empty() != (len(tt.added)+len(tt.removed)+len(tt.changed) == 0) {
				t.Errorf("Empty() = %v", c.Empty())
			}
		})
	}
}

// A change of the home setting is not a change of the estate: the older
// scan is judged again against the newer home before comparing.
func TestDiffHomeChange(t *testing.T) {
	fr := demoScan(t, "FR")
	eu := demoScan(t, "EU")
	c := Diff(fr, eu)
	if !c.Empty() || c.OldHome != "FR" || c.Home != "EU" || c.Unchanged != len(eu.Assets) {
		t.Errorf("home change reported as estate change: old home %q, %d added, %d removed, %d changed, %d unchanged",
			c.OldHome, len(c.Added), len(c.Removed), len(c.Changed), c.Unchanged)
	}
	if fr.Home != "FR" || fr.Assets[0].Category != demoScan(t, "FR").Assets[0].Category {
		t.Error("Diff modified its input")
	}
}

// Several stores may share an identity (the same name in two regions); a
// reordering must not pair them across regions.
func TestDiffDuplicateIdentities(t *testing.T) {
	mk := func(region string) Item {
		return Judge(providers.Asset{Provider: "aws", Account: "a", Kind: providers.KindBucket, Name: "twin", Region: region, Evidence: geo.EvidenceAPI}, "EU")
	}
	old := &Scan{Home: "EU", Assets: []Item{mk("eu-west-1"), mk("us-east-1")}}
	tests := []struct {
		name                               string
		assets                             []Item
		added, removed, changed, unchanged int
	}{
		{"same order", []Item{mk("eu-west-1"), mk("us-east-1")}, 0, 0, 0, 2},
		{"swapped", []Item{mk("us-east-1"), mk("eu-west-1")}, 0, 0, 0, 2},
		{"one moved", []Item{mk("us-east-1"), mk("eu-central-1")}, 0, 0, 1, 1},
		{"one more", []Item{mk("ap-south-1"), mk("us-east-1"), mk("eu-west-1")}, 1, 0, 0, 2},
		{"one gone", []Item{mk("us-east-1")}, 0, 1, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Diff(old, &Scan{Home: "EU", Assets: tt.assets})
			if len(c.Added) != tt.added || len(c.Removed) != tt.removed || len(c.Changed) != tt.changed || c.Unchanged != tt.unchanged {
				t.Errorf("added %d removed %d changed %d unchanged %d; want %d %d %d %d",
					len(c.Added), len(c.Removed), len(c.Changed), c.Unchanged, tt.added, tt.removed, tt.changed, tt.unchanged)
			}
			for _, ch := range c.Changed {
				if ch.Old.Region != "eu-west-1" || ch.New.Region != "eu-central-1" {
					t.Errorf("paired %s with %s", ch.Old.Region, ch.New.Region)
				}
			}
		})
	}
}

func TestDiffNilAndEmpty(t *testing.T) {
	s := demoScan(t, "EU")
	tests := []struct {
		name           string
		old, new       *Scan
		added, removed int
	}{
		{"nil old", nil, s, len(s.Assets), 0},
		{"nil new", s, nil, 0, len(s.Assets)},
		{"both nil", nil, nil, 0, 0},
		{"empty scans", &Scan{}, &Scan{}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Diff(tt.old, tt.new)
			if len(c.Added) != tt.added || len(c.Removed) != tt.removed || len(c.Changed) != 0 {
				t.Errorf("added %d removed %d changed %d", len(c.Added), len(c.Removed), len(c.Changed))
			}
			// The JSON form lists empty sets as [], never null.
			b, err := json.Marshal(c)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(b), "null") {
				t.Errorf("JSON has null: %s", b[:min(len(b), 200)])
			}
		})
	}
}

func TestIdentityString(t *testing.T) {
	id := Item{Provider: "aws", Account: "lumen-prod", Kind: providers.KindBucket, Name: "lumen-invoices"}.Identity()
	if got, want := id.String(), "aws/lumen-prod bucket lumen-invoices"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// kindNames is a change's kinds as the JSON output writes them.
func kindNames(ks []ChangeKind) []string {
	var out []string
	for _, k := range ks {
		out = append(out, string(k))
	}
	return out
}
