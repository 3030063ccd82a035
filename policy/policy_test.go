package policy

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/demo"
	"github.com/reachmap/reachmap/reach"
)

func demoScan(t *testing.T, home reach.Home) *inventory.Scan {
	t.Helper()
	s, err := inventory.Run(context.Background(), inventory.Options{Providers: []providers.Provider{&demo.Provider{}}, Home: home}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustParse(t *testing.T, src string) *Policy {
	t.Helper()
	p, err := Parse([]byte(src), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// violators lists the names of the violating items, sorted and unique.
func violators(vs []Violation) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Item.Name)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestCheck(t *testing.T) {
	scan := demoScan(t, "EU")
	tests := []struct {
		name   string
		policy string
		home   reach.Home // scan's home, EU when empty
		want   []string   // violating items
		msg    string     // in every message, if set
	}{
		{
			name: "nothing under US reach except *-public buckets, on US soil only",
			policy: `
rules:
  - name: no US soil
    deny_reach: US
    basis: territorial
    allow_unknown: true
    except:
      - name: "*-public"
`,
			// lumen-client-files is in Frankfurt; its copy is in Virginia.
			want: []string{"lumen-analytics-export", "lumen-client-files", "lumen-old-exports", "lumen-oregon-logs", "lumen-us-mirror"},
			msg:  "reached by United States (territorial), which the rule denies",
		},
		{
			name: "no Chinese reach",
			policy: `
rules: [{deny_reach: [CN], allow_unknown: true}]
`,
			want: []string{"lumen-ningxia-mirror", "lumen-shanghai-competition"},
			msg:  "China (territorial; operator",
		},
		{
			name: "unknown items cannot be proven compliant",
			policy: `
rules:
  - deny_reach: [CN]
`,
			want: []string{"lumen-archives.fr", "lumen-ningxia-mirror", "lumen-scratch", "lumen-shanghai-competition", "lumen-studio.com"},
		},
		{
			name: "an unknown operator is named as the reason",
			policy: `
rules:
  - match: {provider: self-hosted}
    deny_reach: [CN]
`,
			want: []string{"lumen-archives.fr"},
			msg:  "cannot be checked: who runs it is unknown",
		},
		{
			name: "an unknown place is named as the reason",
			policy: `
rules:
  - match: {name: lumen-scratch}
    deny_reach: [CN]
`,
			want: []string{"lumen-scratch"},
			msg:  "cannot be checked: where it is stored is unknown (the provider reported no region)",
		},
		{
			name: "health data stays home, by tag",
			policy: `
home: EU
rules:
  - name: client files stay home
    match: {tag: {data: client}}
    require_category: home
`,
			want: []string{"lumen-client-files", "lumen-old-exports", "lumen-plans-paris"},
			msg:  "the rule requires home",
		},
		{
			name: "EU operators only for the production account, contested accepted",
			policy: `
rules:
  - match: [{provider: aws, account: lumen-sovereign}, {provider: hetzner}]
    allow_reach: [EU]
    basis: operator
    allow_contested: true
`,
			want: []string{},
		},
		{
			name: "contested reach counts unless allowed",
			policy: `
rules:
  - match: {account: lumen-sovereign}
    deny_reach: foreign
`,
			want: []string{"lumen-public-tenders"},
			msg:  "contested",
		},
		{
			name: "only home or Switzerland may reach mail",
			policy: `
rules:
  - match: {kind: mailbox}
    allow_reach: [home, CH]
    allow_unknown: true
`,
			want: []string{"lumen-archi.fr", "lumen-studio.com"},
			msg:  "which the rule does not allow",
		},
		{
			name: "by country and region globs, case ignored",
			policy: `
rules:
  - match: {country: "C?", region: "*-1"}
    require_category: [home, home+foreign]
`,
			want: []string{"lumen-montreal-office", "lumen-ningxia-mirror", "lumen-shanghai-competition"},
		},
		{
			name: "the policy's home overrides the scan's",
			policy: `
home: FR
rules:
  - match: {provider: ovh}
    require_category: home
`,
			home: "EU",
			want: []string{"lumen-quebec-office"},
		},
		{
			name: "foreign is relative to the policy's home",
			policy: `
home: DE
rules:
  - match: {provider: hetzner}
    deny_reach: foreign
`,
			want: []string{"lumen-helsinki-replica", "lumen-us-mirror"},
		},
		{
			name: "tag present with any value",
			policy: `
rules:
  - match: {tag: {DATA: "*"}}
    except: [{tag: {data: public}}]
    deny_reach: [US]
`,
			want: []string{"lumen-client-files", "lumen-invoices", "lumen-old-exports", "lumen-plans-paris"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := scan
			if tt.home != "" && tt.home != scan.Home {
				s = demoScan(t, tt.home)
			}
			p := mustParse(t, tt.policy)
			vs := p.Check(s)
			if got := violators(vs); !slices.Equal(got, tt.want) && (len(got) > 0 || len(tt.want) > 0) {
				t.Errorf("violators = %q\nwant %q", got, tt.want)
			}
			for _, v := range vs {
				if s.Assets[v.Index].Identity() != v.Item || v.Line == 0 || v.Rule == "" {
					t.Errorf("violation does not point at its item and rule: %+v", v)
				}
				msg := tt.msg
				if msg != "" && v.Item.Name == "lumen-client-files" {
					// Its US reach comes through its copy, and says so.
					msg = strings.Replace(msg, "(territorial)", "(territorial, through its copy in us-east-1)", 1)
				}
				if msg != "" && !strings.Contains(v.Message, msg) {
					t.Errorf("message %q lacks %q", v.Message, msg)
				}
			}
		})
	}
}

func TestViolationString(t *testing.T) {
	p := mustParse(t, "# comment\nrules:\n  - name: no US soil\n    deny_reach: [US]\n    basis: territorial\n")
	vs := p.Check(demoScan(t, "EU"))
	var line string
	for _, v := range vs {
		if v.Item.Name == "lumen-old-exports" {
			line = v.String()
		}
	}
	want := `aws/lumen-prod bucket lumen-old-exports: rule "no US soil" (line 3): reached by United States (territorial), which the rule denies`
	if line != want {
		t.Errorf("got  %s\nwant %s", line, want)
	}
	by := ByItem(vs)
	if len(by) != len(vs) {
		t.Errorf("ByItem grouped %d violations into %d items", len(vs), len(by))
	}
}

func TestCheckNil(t *testing.T) {
	var p *Policy
	if vs := p.Check(demoScan(t, "EU")); vs != nil {
		t.Errorf("nil policy: %v", vs)
	}
	if vs := mustParse(t, "rules: [{deny_reach: US}]").Check(nil); vs != nil {
		t.Errorf("nil scan: %v", vs)
	}
}

// A malformed policy gives every problem, each with its file and line.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"empty file", "", []string{"test.yaml: the policy is empty"}},
		{"only comments", "# nothing\n", []string{"test.yaml: the policy is empty"}},
		{"YAML syntax", "rules:\n  - deny_reach: [US\n", []string{"test.yaml:1: did not find expected"}},
		{"tab indentation", "rules:\n\t- deny_reach: US\n", []string{"test.yaml:2:"}},
		{"not a mapping", "- deny_reach: US\n", []string{"test.yaml:1: a policy is a mapping"}},
		{"no rules", "home: EU\n", []string{"test.yaml:1: the policy has no rules"}},
		{"rules not a list", "rules:\n  deny_reach: US\n", []string{"test.yaml:2: rules must be a list"}},
		{"unknown top key", "home: EU\nrule:\n  - deny_reach: US\n", []string{`test.yaml:2: unknown key "rule" in policy`}},
		{"bad home", "home: Europe\nrules: [{deny_reach: US}]\n", []string{"test.yaml:1: home jurisdiction \"Europe\""}},
		{"misspelt key", "rules:\n  - deny_rech: [US]\n", []string{
			`test.yaml:2: unknown key "deny_rech" in rule 1`, "test.yaml:2: rule 1 demands nothing"}},
		{"two demands", "rules:\n  - name: both\n    deny_reach: US\n    require_category: home\n", []string{
			"test.yaml:2: both gives both deny_reach and require_category"}},
		{"bad jurisdiction", "rules:\n  - deny_reach: [US, Mars]\n", []string{`test.yaml:2: deny_reach: "Mars" is not a jurisdiction`}},
		{"bad category", "rules:\n  - require_category:\n      - home\n      - abroad\n", []string{`test.yaml:4: require_category: unknown category "abroad"`}},
		{"bad basis", "rules:\n  - deny_reach: US\n    basis: agreement\n", []string{`test.yaml:3: basis: "agreement" is not territorial or operator`}},
		{"bad bool", "rules:\n  - deny_reach: US\n    allow_unknown: sometimes\n", []string{"test.yaml:3: allow_unknown must be true or false"}},
		{"basis on a category rule", "rules:\n  - require_category: home\n    basis: operator\n", []string{"test.yaml:2: rule 1: basis"}},
		{"unknown matcher key", "rules:\n  - deny_reach: US\n    except:\n      - bucket: \"*-public\"\n", []string{
			`test.yaml:4: unknown key "bucket" in except (want one of provider, account, kind, name, region, country, tag)`}},
		{"matcher not a mapping", "rules:\n  - deny_reach: US\n    match: aws\n", []string{"test.yaml:3: match: each entry must be a mapping"}},
		{"tag not a mapping", "rules:\n  - deny_reach: US\n    match: {tag: health}\n", []string{"test.yaml:3: match: tag must be a mapping"}},
		{"repeated key", "rules:\n  - deny_reach: US\n    deny_reach: CN\n", []string{`test.yaml:3: rule 1: "deny_reach" is given twice`}},
		{"empty list", "rules:\n  - deny_reach: []\n", []string{"test.yaml:2: deny_reach is empty"}},
		{"rule not a mapping", "rules:\n  - deny US\n", []string{"test.yaml:2: rule 1 must be a mapping"}},
		{"several problems at once", "home: XX\nrules:\n  - deny_reach: [Mars]\n  - require_category: nowhere\n", []string{
			"test.yaml:1:", "test.yaml:3:", "test.yaml:4:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse([]byte(tt.src), "test.yaml")
			if err == nil {
				t.Fatalf("parsed: %+v", p)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "client-a.yaml")
	src := `# client-a: health data stays with EU operators
home: EU
rules:
  - deny_reach: [US, CN]          # jurisdictions (ISO codes, or "foreign")
    except:
      - name: "*-public"
  - require_category: home
    match: {tag: {data: health}}
`
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if p.Path != path || p.Home != "EU" || len(p.Rules) != 2 || p.Rules[0].Line != 4 || p.Rules[1].Line != 7 ||
		p.Rules[0].Name != "rule 1" || len(p.Rules[0].Except) != 1 || p.Rules[1].Match[0].Tags["data"] != "health" {
		t.Errorf("loaded %+v", p)
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing file: %v", err)
	}
}

func TestGlob(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"*-public", "lumen-website-public", true},
		{"*-public", "lumen-public-tenders", false},
		{"*", "", true},
		{"", "", true},
		{"", "x", false},
		{"a?c", "abc", true},
		{"a?c", "ac", false},
		{"*a*b*c*", "xxaxxbxxcxx", true},
		{"*a*b*c*", "xxaxxcxxbxx", false},
		{"LUMEN-*", "lumen-photos", true},
		{"é*", "École", true},
		{"**a", "bbba", true},
		{"*" + strings.Repeat("a*", 30) + "b", strings.Repeat("a", 200), false},
	}
	for _, tt := range tests {
		if got := glob(tt.pattern, tt.s); got != tt.want {
			t.Errorf("glob(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("rules: [{deny_reach: US, except: [{name: '*-public'}]}]"))
	f.Add([]byte("home: EU\nrules:\n  - require_category: home\n    match: {tag: {data: health}}\n"))
	f.Add([]byte("rules:\n  - match: [{}, 3, [x]]\n"))
	scan := &inventory.Scan{Home: "EU", Assets: []inventory.Item{{Name: "x", Category: reach.CategoryUnknown}}}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse(data, "fuzz.yaml")
		if err == nil {
			p.Check(scan)
		}
	})
}

// A policy judges an item's copies: a bucket at home whose replica is in
// the United States breaks a rule against US soil, and the violation
// names the copy.
func TestPolicyJudgesCopies(t *testing.T) {
	a := providers.Asset{Provider: "aws", Account: "prod", AccountID: "111111111111", Kind: providers.KindBucket,
		Name: "records", Region: "eu-west-3", Evidence: geo.EvidenceAPI,
		Copies: []providers.Copy{{Region: "us-east-1", Why: "S3 replication rule to bucket records-dr"}}}
	s := &inventory.Scan{Home: reach.HomeEU, Assets: []inventory.Item{inventory.Judge(a, reach.HomeEU)}}
	p := mustParse(t, "rules:\n  - name: no US soil\n    deny_reach: US\n    basis: territorial\n")
	vs := p.Check(s)
	if len(vs) != 1 || !strings.Contains(vs[0].String(), "through its copy in us-east-1") {
		t.Fatalf("violations = %v, want records, through its copy in us-east-1", vs)
	}
	a.Copies = nil
	s.Assets[0] = inventory.Judge(a, reach.HomeEU)
	if vs := p.Check(s); len(vs) != 0 {
		t.Errorf("without the copy: %v, want none", vs)
	}
}
