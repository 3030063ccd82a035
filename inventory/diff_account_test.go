package inventory

import (
	"testing"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

// A renamed profile is the same account: items are matched by account_id.
func TestDiffMatchesByAccountID(t *testing.T) {
	a := providers.Asset{Provider: "aws", Account: "prod", AccountID: "111111111111", Kind: providers.KindBucket, Name: "files", Region: "eu-west-3"}
	old := runStatic(t, reach.HomeEU, a)
	a.Account = "client-prod" // renamed
	c := Diff(old, runStatic(t, reach.HomeEU, a))
	if !c.Empty() || c.Unchanged != 1 {
		t.Errorf("renamed profile: %d added, %d removed, %d changed, %d unchanged; want the same store", len(c.Added), len(c.Removed), len(c.Changed), c.Unchanged)
	}
	// Another account with the profile's old label is another store.
	b := a
	b.Account, b.AccountID = "prod", "222222222222"
	c = Diff(old, runStatic(t, reach.HomeEU, b))
	if len(c.Added) != 1 || len(c.Removed) != 1 {
		t.Errorf("another account under the same label: %d added, %d removed; want 1 and 1", len(c.Added), len(c.Removed))
	}
	// A scan saved before account ids compares by label.
	legacy := a
	legacy.Account, legacy.AccountID = "prod", ""
	c = Diff(runStatic(t, reach.HomeEU, legacy), old)
	if !c.Empty() || c.Unchanged != 1 {
		t.Errorf("scan without account ids: %d added, %d removed; want matched by label", len(c.Added), len(c.Removed))
	}
}

// A Frankfurt bucket that starts replicating to Virginia gains US
// territorial reach through the copy: diff reports it as new foreign reach.
func TestDiffReportsANewCopyAbroad(t *testing.T) {
	a := providers.Asset{Provider: "aws", Account: "prod", AccountID: "111111111111", Kind: providers.KindBucket, Name: "records", Region: "eu-central-1"}
	old := runStatic(t, reach.HomeEU, a)
	a.Copies = []providers.Copy{{Region: "us-east-1", Why: "S3 replication rule to bucket records-dr"}}
	c := Diff(old, runStatic(t, reach.HomeEU, a))
	if len(c.Changed) != 1 {
		t.Fatalf("changed %d, want 1", len(c.Changed))
	}
	ch := c.Changed[0]
	found := false
	for _, j := range ch.ForeignGained {
		if j.Country == "US" && j.Basis == reach.BasisTerritorial && j.Copy == "us-east-1" {
			found = true
		}
	}
	if !found {
		t.Errorf("foreign gained %+v, want US territorial through the copy in us-east-1", ch.ForeignGained)
	}
	if len(c.MoreForeign()) != 1 {
		t.Errorf("MoreForeign() = %d changes, want the bucket", len(c.MoreForeign()))
	}
	// A store that no foreign law reached before is new foreign reach.
	h := providers.Asset{Provider: "hetzner", Account: "eu", Kind: providers.KindBucket, Name: "h", Region: "fsn1"}
	hold := runStatic(t, reach.HomeEU, h)
	h.Copies = []providers.Copy{{Region: "ash", Why: "copy to Ashburn"}}
	c = Diff(hold, runStatic(t, reach.HomeEU, h))
	if nf := c.NewForeign(); len(nf) != 1 || nf[0].Name != "h" {
		t.Errorf("NewForeign() = %v, want the Hetzner bucket copied to Ashburn", names(nf))
	}
}
