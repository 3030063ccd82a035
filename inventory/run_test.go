package inventory

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/demo"
	"github.com/reachmap/reachmap/reach"
)

func demoScan(t *testing.T, home reach.Home) *Scan {
	t.Helper()
	s, err := Run(context.Background(), Options{Providers: []providers.Provider{&demo.Provider{}}, Home: home}, nil)
	if err != nil {
		t.Fatalf("demo scan: %v", err)
	}
	return s
}

// The demo estate must show everything the app can show: many AWS regions,
// other clouds, European hosts, mail, gaps, and every category.
func TestDemoEstateCoversEverything(t *testing.T) {
	s := demoScan(t, "EU")
	if len(s.Assets) < 40 {
		t.Errorf("demo has %d items, want at least 40", len(s.Assets))
	}
	awsRegions := map[string]bool{}
	provs := map[string]bool{}
	for _, it := range s.Assets {
		provs[it.Provider] = true
		if it.Provider == "aws" && it.Kind == providers.KindBucket && it.Region != "" {
			awsRegions[it.Region] = true
		}
	}
	if len(awsRegions) < 8 || !awsRegions["eu-west-1"] || !awsRegions["eu-central-1"] {
		t.Errorf("AWS bucket regions %v: want ≥8 including eu-west-1 and eu-central-1", awsRegions)
	}
	for _, p := range []string{"azure", "gcp", "hetzner", "ovh", "scaleway", "microsoft-365", "google-workspace", "proton"} {
		if !provs[p] {
			t.Errorf("demo lacks provider %s", p)
		}
	}
	counts := s.Counts()
	for _, c := range reach.Categories {
		if counts[c] == 0 {
			t.Errorf("demo has no item in category %s (counts %v)", c, counts)
		}
	}
	if len(s.Gaps) == 0 {
		t.Error("demo has no scan-level gap")
	}
	itemGap := false
	for _, it := range s.Assets {
		itemGap = itemGap || len(it.Gaps) > 0
	}
	if !itemGap {
		t.Error("demo has no item with a gap")
	}
}

// The classic cases, end to end through Run.
func TestDemoKnownItems(t *testing.T) {
	s := demoScan(t, "EU")
	find := func(name string) Item {
		for _, it := range s.Assets {
			if it.Name == name {
				return it
			}
		}
		t.Fatalf("no item %q", name)
		return Item{}
	}
	tests := []struct {
		name     string
		country  string
		reach    []string // sorted; "EU" is the e-Evidence Regulation (basis union)
		category reach.Category
	}{
		{"lumen-renders-dublin", "IE", []string{"EU", "IE", "US"}, reach.CategoryHomeForeign},
		{"lumen-client-files", "DE", []string{"DE", "EU", "US"}, reach.CategoryHomeForeign},
		{"lumen-old-exports", "US", []string{"EU", "US"}, reach.CategoryForeign},
		{"lumen-photos", "DE", []string{"DE", "EU"}, reach.CategoryHome},
		{"lumen-website", "FR", []string{"EU", "FR"}, reach.CategoryHome},
		{"lumen-shanghai-competition", "CN", []string{"CN"}, reach.CategoryForeign},
		{"claire-martin.fr", "CH", []string{"CH", "EU"}, reach.CategoryForeign},
		{"lumen-scratch", "", nil, reach.CategoryUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := find(tt.name)
			if it.Location.Country != tt.country {
				t.Errorf("country %q, want %q", it.Location.Country, tt.country)
			}
			var got []string
			for _, j := range it.Reach {
				if j.Basis != reach.BasisAgreement && !slices.Contains(got, j.Country) {
					got = append(got, j.Country)
				}
			}
			slices.Sort(got)
			want := slices.Clone(tt.reach)
			slices.Sort(want)
			if !slices.Equal(got, want) && tt.reach != nil {
				t.Errorf("reach %v, want %v", got, want)
			}
			if it.Category != tt.category {
				t.Errorf("category %s, want %s", it.Category, tt.category)
			}
		})
	}
}

// Home changes the category, never the location or reach.
func TestWithHome(t *testing.T) {
	eu := demoScan(t, "EU")
	fr := eu.WithHome("FR")
	for i := range eu.Assets {
		a, b := eu.Assets[i], fr.Assets[i]
		if a.Name != b.Name || a.Location != b.Location || len(a.Reach) != len(b.Reach) {
			t.Fatalf("item %d changed beyond its category", i)
		}
		if a.Name == "lumen-photos" && b.Category != reach.CategoryForeign {
			t.Errorf("a Hetzner bucket in Germany is %s for a French home, want foreign", b.Category)
		}
		if a.Name == "lumen-website" && b.Category != reach.CategoryHome {
			t.Errorf("an OVH bucket in Gravelines is %s for a French home, want home", b.Category)
		}
	}
	if eu.Assets[0].Category == "" || fr.Home != "FR" || eu.Home != "EU" {
		t.Error("WithHome must not touch the original scan")
	}
}

// The JSON output must keep the field names of the contract in the README ("Command line").
func TestJSONContract(t *testing.T) {
	s := demoScan(t, "EU")
	var buf bytes.Buffer
	if err := WriteJSON(&buf, s); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	requireKeys(t, "scan", doc, "scanned_at", "home", "assets", "gaps")
	if _, err := time.Parse(time.RFC3339, doc["scanned_at"].(string)); err != nil {
		t.Errorf("scanned_at is not RFC 3339: %v", err)
	}
	for _, a := range doc["assets"].([]any) {
		asset := a.(map[string]any)
		requireKeys(t, "asset", asset, "provider", "account", "kind", "name", "region", "location", "operator", "reach", "category", "gaps")
		requireKeys(t, "location", asset["location"].(map[string]any), "country", "lat", "lon", "evidence", "confidence")
		requireKeys(t, "operator", asset["operator"].(map[string]any), "name", "country")
		if _, ok := asset["gaps"].([]any); !ok {
			t.Errorf("%v: gaps must be an array, got %T", asset["name"], asset["gaps"])
		}
		reachList, ok := asset["reach"].([]any)
		if !ok {
			t.Fatalf("%v: reach must be an array", asset["name"])
		}
		for _, r := range reachList {
			requireKeys(t, "reach", r.(map[string]any), "country", "basis")
		}
	}
	for _, g := range doc["gaps"].([]any) {
		requireKeys(t, "gap", g.(map[string]any), "provider", "account", "error")
	}
	var again bytes.Buffer
	_ = WriteJSON(&again, s)
	round, err := ReadJSON(&again)
	if err != nil {
		t.Fatal(err)
	}
	if len(round.Assets) != len(s.Assets) || round.Assets[3].Name != s.Assets[3].Name || !round.ScannedAt.Equal(s.ScannedAt) {
		t.Error("JSON round trip lost data")
	}
}

func requireKeys(t *testing.T, what string, m map[string]any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("%s lacks %q: %v", what, k, m)
		}
	}
}

func TestCSV(t *testing.T) {
	s := demoScan(t, "EU")
	var buf bytes.Buffer
	if err := Write(&buf, s, "csv"); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], CSVHeader) {
		t.Errorf("header %v", rows[0])
	}
	if len(rows) != len(s.Assets)+1 {
		t.Fatalf("%d rows for %d items", len(rows)-1, len(s.Assets))
	}
	col := slices.Index(CSVHeader, "reach")
	for i, r := range rows[1:] {
		if r[0] != s.Assets[i].Provider || r[3] != s.Assets[i].Name {
			t.Errorf("row %d is %v", i, r[:4])
		}
		if s.Assets[i].Name == "lumen-renders-dublin" && r[col] != "IE:territorial; US:operator" && !bytes.Contains([]byte(r[col]), []byte("US:operator")) {
			t.Errorf("reach column %q", r[col])
		}
	}
	if err := Write(&buf, s, "yaml"); err == nil {
		t.Error("an unknown format must be an error")
	}
}

// fake is a provider for the tests of Run's own behaviour.
type fake struct {
	name   string
	assets []providers.Asset
	gaps   []providers.Gap
	err    error
	block  bool
}

func (f *fake) Name() string { return f.name }
func (f *fake) Scan(ctx context.Context, sink providers.Sink) error {
	for _, a := range f.assets {
		sink.Asset(a)
	}
	for _, g := range f.gaps {
		sink.Gap(g)
	}
	if f.block {
		<-ctx.Done()
		return ctx.Err()
	}
	return f.err
}

func registryOf(ps ...providers.Provider) []providers.Provider { return ps }

func TestRunPartialFailureIsAGap(t *testing.T) {
	ok := &fake{name: "ok", assets: []providers.Asset{{Provider: "hetzner", Account: "a", Kind: providers.KindBucket, Name: "b", Region: "fsn1", Evidence: geo.EvidenceCatalog}}}
	bad := &fake{name: "aws:broken", err: errors.New("no credentials for profile broken")}
	s, err := Run(context.Background(), Options{Providers: registryOf(ok, bad), Home: "EU"}, nil)
	if err != nil {
		t.Fatalf("one failing provider must not fail the scan: %v", err)
	}
	if len(s.Assets) != 1 || len(s.Gaps) != 1 || s.Gaps[0].Provider != "aws:broken" {
		t.Errorf("assets %d, gaps %+v", len(s.Assets), s.Gaps)
	}

	// A provider that reported why it failed gets no second gap.
	explained := &fake{name: "aws:sso", err: errors.New("aws profile sso: expired"),
		gaps: []providers.Gap{{Provider: "aws", Account: "sso", Error: "expired", Hint: "run: aws sso login --profile sso"}}}
	s, err = Run(context.Background(), Options{Providers: registryOf(ok, explained), Home: "EU"}, nil)
	if err != nil || len(s.Gaps) != 1 || s.Gaps[0].Hint == "" {
		t.Errorf("err %v, gaps %+v: want the provider's own gap only", err, s.Gaps)
	}

	_, err = Run(context.Background(), Options{Providers: registryOf(bad), Home: "EU"}, nil)
	if err == nil {
		t.Error("a scan where every provider failed must fail")
	}
	_, err = Run(context.Background(), Options{Providers: registryOf(), Home: "EU"}, nil)
	if !errors.Is(err, ErrNothingToScan) {
		t.Errorf("empty scan: %v", err)
	}
}

func TestRunCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := Run(ctx, Options{Providers: registryOf(&fake{name: "slow", block: true}), Home: "EU"}, nil)
		done <- err
	}()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled scan returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after its context was cancelled")
	}
}

// An unknown region code is shown as unknown with a gap, never guessed.
func TestUnknownRegionIsAGap(t *testing.T) {
	it := Judge(providers.Asset{Provider: "aws", Account: "p", Kind: providers.KindBucket, Name: "x", Region: "mars-north-1", Evidence: geo.EvidenceAPI}, "EU")
	if it.Location.Known() || it.Category != reach.CategoryUnknown {
		t.Errorf("location %+v category %s", it.Location, it.Category)
	}
	if len(it.Gaps) != 1 || it.Gaps[0].Region != "mars-north-1" {
		t.Errorf("gaps %+v", it.Gaps)
	}
}
