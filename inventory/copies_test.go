package inventory

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

// staticProvider reports a fixed list of assets.
type staticProvider []providers.Asset

func (p staticProvider) Name() string { return "static" }
func (p staticProvider) Scan(_ context.Context, s providers.Sink) error {
	for _, a := range p {
		s.Asset(a)
	}
	return nil
}

func runStatic(t *testing.T, home reach.Home, assets ...providers.Asset) *Scan {
	t.Helper()
	s, err := Run(context.Background(), Options{Providers: []providers.Provider{staticProvider(assets)}, Home: home}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func find(t *testing.T, s *Scan, name string) Item {
	t.Helper()
	for _, it := range s.Assets {
		if it.Name == name {
			return it
		}
	}
	t.Fatalf("no item %q in %v", name, s.Assets)
	return Item{}
}

// A Frankfurt bucket that replicates to Virginia: its copy is placed in the
// US, US territorial reach joins the bucket's own, marked with the copy,
// and the bucket is foreign for an EU home (home+foreign without the copy).
func TestCopyAbroadAddsReachAndCategory(t *testing.T) {
	src := providers.Asset{Provider: "aws", Account: "prod", AccountID: "111111111111", Kind: providers.KindBucket,
		Name: "lumen-invoices", Region: "eu-central-1"}
	alone := runStatic(t, reach.HomeEU, src)
	if got := find(t, alone, "lumen-invoices").Category; got != reach.CategoryHomeForeign {
		t.Fatalf("without a copy the bucket is %s, want home+foreign", got)
	}

	src.Copies = []providers.Copy{{Region: "us-east-1", Why: "replication rule to bucket lumen-dr", Item: "lumen-dr"}}
	dst := providers.Asset{Provider: "aws", Account: "prod", AccountID: "111111111111", Kind: providers.KindBucket,
		Name: "lumen-dr", Region: "us-east-1"}
	s := runStatic(t, reach.HomeEU, src, dst)
	it := find(t, s, "lumen-invoices")
	if it.AccountID != "111111111111" {
		t.Errorf("account_id = %q", it.AccountID)
	}
	if len(it.Copies) != 1 {
		t.Fatalf("copies = %+v", it.Copies)
	}
	c := it.Copies[0]
	if c.Location.Country != "US" || c.Item != "lumen-dr" || c.Why == "" {
		t.Errorf("copy = %+v, want placed in the US, linked to lumen-dr, with a reason", c)
	}
	if !slices.ContainsFunc(c.Reach, func(j reach.Jurisdiction) bool { return j.Country == "US" && j.Basis == reach.BasisTerritorial }) {
		t.Errorf("copy reach %+v lacks US territorial", c.Reach)
	}
	var viaCopy, territorialUS int
	for _, j := range it.Reach {
		if j.Country == "US" && j.Basis == reach.BasisTerritorial {
			territorialUS++
			if j.Copy == "us-east-1" {
				viaCopy++
			}
		}
		if j.Basis == reach.BasisOperator && j.Copy != "" {
			t.Errorf("operator reach %+v was already the bucket's own; it must not be marked as a copy's", j)
		}
	}
	if territorialUS != 1 || viaCopy != 1 {
		t.Errorf("reach %+v: want one US territorial entry, marked with copy us-east-1", it.Reach)
	}
	if it.Category != reach.CategoryForeign {
		t.Errorf("category = %s, want foreign", it.Category)
	}
	// WithHome judges the copies too.
	if got := find(t, s.WithHome(reach.Home("US")), "lumen-invoices").Category; got != reach.CategoryForeign {
		t.Errorf("US home: category = %s, want foreign (the source is in Germany)", got)
	}
	// The JSON contract names the fields.
	b, err := json.Marshal(it)
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{`"account_id":"111111111111"`, `"copies":[{"region":"us-east-1","location":`, `"why":`, `"item":"lumen-dr"`, `"copy":"us-east-1"`} {
		if !strings.Contains(string(b), field) {
			t.Errorf("JSON lacks %s:\n%s", field, b)
		}
	}
}

// A copy's item is kept only when the scan holds that item, in the copy's
// account when it names one.
func TestCopyItemLinksOnlyToScannedItems(t *testing.T) {
	src := providers.Asset{Provider: "aws", Account: "prod", AccountID: "111111111111", Kind: providers.KindBucket,
		Name: "a", Region: "eu-west-1", Copies: []providers.Copy{
			{Region: "eu-west-3", Item: "missing"},
			{Region: "eu-west-2", Item: "b", AccountID: "222222222222"},
			{Region: "eu-north-1", Item: "b", AccountID: "333333333333"},
		}}
	dst := providers.Asset{Provider: "aws", Account: "dr", AccountID: "222222222222", Kind: providers.KindBucket, Name: "b", Region: "eu-west-2"}
	it := find(t, runStatic(t, reach.HomeEU, src, dst), "a")
	got := []string{it.Copies[0].Item, it.Copies[1].Item, it.Copies[2].Item}
	if !slices.Equal(got, []string{"", "b", ""}) {
		t.Errorf("copy items = %q, want only the scanned one in account 222222222222", got)
	}
}

// A copy in a region nobody knows is kept as unknown, with a gap, and the
// item is no longer "home": where all its bytes are cannot be told.
func TestUnknownCopyIsAGap(t *testing.T) {
	src := providers.Asset{Provider: "hetzner", Account: "h", Kind: providers.KindBucket, Name: "files", Region: "fsn1",
		Copies: []providers.Copy{{Region: "zz-nowhere-9", Why: "mirror"}}}
	it := find(t, runStatic(t, reach.Home("DE"), src), "files")
	if len(it.Copies) != 1 || it.Copies[0].Location.Known() {
		t.Fatalf("copies = %+v, want one unknown copy", it.Copies)
	}
	if !slices.ContainsFunc(it.Gaps, func(g providers.Gap) bool { return strings.Contains(g.Error, "zz-nowhere-9") }) {
		t.Errorf("gaps %+v do not name the copy's region", it.Gaps)
	}
	if it.Category != reach.CategoryUnknown {
		t.Errorf("category = %s, want unknown", it.Category)
	}
	// Without the copy, the same bucket is home.
	src.Copies = nil
	if got := find(t, runStatic(t, reach.Home("DE"), src), "files").Category; got != reach.CategoryHome {
		t.Errorf("without the copy: %s, want home", got)
	}
}
