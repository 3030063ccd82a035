package store

import (
	"context"
	"reflect"
	"testing"
	"time"
	"unsafe"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

// TestLoadSharesRepeats saves items that repeat their account, note, law
// and tags, and checks that the loaded scan holds each repeated string
// and each tag set once, while equal to what was saved; tag sets that
// differ, even where their parts joined would read the same, stay apart.
func TestLoadSharesRepeats(t *testing.T) {
	s := openTemp(t)
	law := reach.Jurisdiction{Country: "US", Basis: reach.BasisOperator, Law: "CLOUD Act, 18 U.S.C. § 2713",
		Source: "https://www.law.cornell.edu/uscode/text/18/2713", Via: "Amazon.com, Inc.", Strength: reach.StrengthStatute,
		LawIDs: []string{"us-cloud-act", "us-sca"}}
	soil := reach.Jurisdiction{Country: "IE", Basis: reach.BasisTerritorial, Law: "Criminal Justice (Mutual Assistance) Act 2008"}
	mk := func(name string, tags map[string]string) inventory.Item {
		loc := geo.Location{Country: "IE", City: "Dublin", Evidence: geo.EvidenceAPI, Confidence: geo.ConfidenceHigh,
			Note: "the region the S3 API reports for the bucket"}
		return inventory.Item{Provider: "aws", Account: "lumen-" + "prod", Kind: providers.KindBucket, Name: name, Region: "eu-west-1",
			Location: loc, Operator: reach.Operator{Name: "Amazon Web Services", Country: "US",
				Parents:           []reach.Entity{{Name: "Amazon.com, Inc.", Country: "US"}},
				ContractingEntity: &reach.ContractingEntity{Name: "Amazon Web Services EMEA SARL", Country: "LU"},
				DPF:               &reach.DPF{Entity: "Amazon.com, Inc.", Certified: true, Unverified: true},
				Certifications:    []string{"ISO 27001", "C5"}},
			Reach: []reach.Jurisdiction{soil, law}, Category: reach.CategoryForeign, Gaps: []providers.Gap{}, Tags: tags}
	}
	in := &inventory.Scan{ScannedAt: time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC), Home: reach.HomeEU, Gaps: []providers.Gap{},
		Assets: []inventory.Item{
			mk("a", map[string]string{"env": "prod", "team": "web"}),
			mk("b", map[string]string{"team": "web", "env": "prod"}),
			mk("c", map[string]string{"a:1": "b"}),
			mk("d", map[string]string{"a": "1:b"}),
			mk("e", nil),
		}}
	in.Assets[3].Reach = []reach.Jurisdiction{soil} // its own reach
	id, err := s.Save(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out.Assets, in.Assets) {
		t.Fatalf("loaded items differ from the saved ones:\n got %+v\nwant %+v", out.Assets, in.Assets)
	}
	same := func(what, x, y string) {
		t.Helper()
		if unsafe.StringData(x) != unsafe.StringData(y) {
			t.Errorf("%s is held twice", what)
		}
	}
	a, b := out.Assets[0], out.Assets[1]
	same("the account", a.Account, b.Account)
	same("the location note", a.Location.Note, b.Location.Note)
	same("the law", a.Reach[1].Law, b.Reach[1].Law)
	same("the source", a.Reach[1].Source, b.Reach[1].Source)
	shared := func(what string, x, y any) {
		t.Helper()
		if reflect.ValueOf(x).Pointer() != reflect.ValueOf(y).Pointer() {
			t.Errorf("%s is held twice", what)
		}
	}
	shared("the law ids", a.Reach[1].LawIDs, b.Reach[1].LawIDs)
	shared("the parents", a.Operator.Parents, b.Operator.Parents)
	shared("the certifications", a.Operator.Certifications, b.Operator.Certifications)
	shared("the contracting entity", a.Operator.ContractingEntity, b.Operator.ContractingEntity)
	shared("the DPF record", a.Operator.DPF, b.Operator.DPF)
	// Items with the same reach share one list, exactly sized; an item
	// with another reach has its own.
	shared("the reach", a.Reach, b.Reach)
	for _, it := range out.Assets {
		if cap(it.Reach) != len(it.Reach) {
			t.Errorf("%s: reach %d long with room for %d", it.Name, len(it.Reach), cap(it.Reach))
		}
	}
	if d := out.Assets[3].Reach; len(d) != 1 || &d[0] == &a.Reach[0] {
		t.Errorf("the item with its own reach got %v", d)
	}
	same("the operator", a.Operator.Name, b.Operator.Name)
	if reflect.ValueOf(a.Tags).Pointer() != reflect.ValueOf(b.Tags).Pointer() {
		t.Error("two items with equal tags hold a map each")
	}
	if c, d := out.Assets[2].Tags, out.Assets[3].Tags; reflect.ValueOf(c).Pointer() == reflect.ValueOf(d).Pointer() {
		t.Errorf("different tag sets %v and %v share one map", c, d)
	}
	if out.Assets[4].Tags != nil {
		t.Errorf("an item without tags got %v", out.Assets[4].Tags)
	}
}
