package policy

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/demo"
	"github.com/reachmap/reachmap/reach"
)

// examples is where the example policies ship.
const examples = "../examples/policies"

// Each example policy loads and is checked against the demo estate (with
// two stores tagged as health data, which the demo has none of): every
// store it flags breaks the rule by an oracle written independently of
// the checker, every store it passes keeps it, and each flags some stores
// and passes others, so that none is vacuous.
func TestExamplePolicies(t *testing.T) {
	scan, err := inventory.Run(context.Background(), inventory.Options{
		Providers: []providers.Provider{&demo.Provider{}}, Home: "EU",
		Now: func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) },
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range scan.Assets {
		if n := scan.Assets[i].Name; n == "lumen-plans-paris" || n == "lumenbimstore" || n == "lumen-nas-sync" {
			scan.Assets[i].Tags = map[string]string{"data": "health"}
		}
	}
	reaches := func(it inventory.Item, basis reach.Basis, cc ...string) bool {
		return slices.ContainsFunc(it.Reach, func(j reach.Jurisdiction) bool {
			return j.Basis != reach.BasisAgreement && (basis == "" || j.Basis == basis) && slices.Contains(cc, strings.ToUpper(j.Country))
		})
	}
	usOrCN := func(it inventory.Item) bool { return reaches(it, "", "US", "CN") || it.Category == reach.CategoryUnknown }
	oracles := map[string]func(it inventory.Item) bool{
		"client-a.yaml": func(it inventory.Item) bool {
			health := it.Tags["data"] == "health" && it.Category != reach.CategoryHome
			return health || (usOrCN(it) && !strings.HasSuffix(it.Name, "-public"))
		},
		"no-us-or-china.yaml": usOrCN,
		"eu-operators-only.yaml": func(it inventory.Item) bool {
			foreign := slices.ContainsFunc(it.Reach, func(j reach.Jurisdiction) bool {
				return j.Basis == reach.BasisOperator && !reach.HomeEU.Includes(j.Country)
			})
			return foreign || it.Category == reach.CategoryUnknown
		},
		"health-data-at-home.yaml": func(it inventory.Item) bool {
			return it.Tags["data"] == "health" && it.Category != reach.CategoryHome
		},
		"backups-not-in-us.yaml": func(it inventory.Item) bool {
			name := strings.ToLower(it.Name)
			backup := slices.Contains([]providers.Kind{providers.KindBackup, providers.KindSnapshot, providers.KindArchive}, it.Kind) ||
				strings.Contains(name, "backup") || strings.Contains(name, "mirror") || strings.Contains(name, "offsite")
			return backup && (reaches(it, reach.BasisTerritorial, "US") || it.Category == reach.CategoryUnknown && it.Location.Country == "")
		},
	}
	files, err := filepath.Glob(filepath.Join(examples, "*.yaml"))
	if err != nil || len(files) != len(oracles) {
		t.Fatalf("example policies %v (%v); each needs an oracle here", files, err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			pol, err := Load(f)
			if err != nil {
				t.Fatal(err)
			}
			flagged := ByItem(pol.Check(scan))
			oracle := oracles[name]
			for i, it := range scan.Assets {
				if want, got := oracle(it), len(flagged[i]) > 0; want != got {
					t.Errorf("%s: flagged %v, want %v (%v)", it.Name, got, want, flagged[i])
				}
			}
			if len(flagged) == 0 || len(flagged) == len(scan.Assets) {
				t.Errorf("flags %d of %d demo stores: the example shows nothing", len(flagged), len(scan.Assets))
			}
			t.Logf("flags %d of %d demo stores", len(flagged), len(scan.Assets))
		})
	}
}

// The README's policy is the one in examples/policies/client-a.yaml.
func TestREADMEPolicyIsAnExample(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```yaml\n(# client-a.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("the README has no client-a policy")
	}
	example, err := os.ReadFile(filepath.Join(examples, "client-a.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if string(m[1]) != string(example) {
		t.Errorf("the README's policy differs from %s/client-a.yaml:\n%s", examples, m[1])
	}
	if !strings.Contains(string(readme), "examples/policies/") {
		t.Error("the README does not point to examples/policies/")
	}
}
