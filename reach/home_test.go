package reach

// Categories against a home, homes themselves, and the what-if list.

import (
	"slices"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/geo"
)

func TestCategorize(t *testing.T) {
	de := geo.Location{Country: "DE", Lat: 50, Lon: 8}
	op := Operator{Name: "X GmbH", Country: "DE"}
	terr := func(cc string) Jurisdiction { return Jurisdiction{Country: cc, Basis: BasisTerritorial} }
	oper := func(cc string) Jurisdiction { return Jurisdiction{Country: cc, Basis: BasisOperator} }
	agree := func(cc string) Jurisdiction { return Jurisdiction{Country: cc, Basis: BasisAgreement} }
	tests := []struct {
		name string
		a    Assessment
		loc  geo.Location
		home Home
		want Category
	}{
		{"all home", Assessment{Operator: op, Reach: []Jurisdiction{terr("DE"), oper("DE")}}, de, HomeEU, CategoryHome},
		{"agreement never counts", Assessment{Operator: op, Reach: []Jurisdiction{terr("DE"), oper("DE"), agree("GB")}}, de, HomeEU, CategoryHome},
		{"home soil, foreign operator", Assessment{Operator: op, Reach: []Jurisdiction{terr("DE"), oper("US")}}, de, HomeEU, CategoryHomeForeign},
		{"contested still counts", Assessment{Operator: op, Reach: []Jurisdiction{terr("DE"), {Country: "US", Basis: BasisOperator, Contested: true}}}, de, "DE", CategoryHomeForeign},
		{"foreign soil", Assessment{Operator: op, Reach: []Jurisdiction{terr("US"), oper("DE")}}, geo.Location{Country: "US"}, HomeEU, CategoryForeign},
		{"EEA state is EU home", Assessment{Operator: op, Reach: []Jurisdiction{terr("NO"), oper("IS")}}, geo.Location{Country: "NO"}, HomeEU, CategoryHome},
		{"country home excludes its neighbours", Assessment{Operator: op, Reach: []Jurisdiction{terr("FR"), oper("DE")}}, geo.Location{Country: "FR"}, "FR", CategoryHomeForeign},
		{"unknown location", Assessment{Operator: op, Reach: []Jurisdiction{oper("DE")}}, geo.Location{}, HomeEU, CategoryUnknown},
		{"unknown operator", Assessment{Reach: []Jurisdiction{terr("DE")}}, de, HomeEU, CategoryUnknown},
		{"area without a territory", Assessment{Operator: op, Reach: []Jurisdiction{oper("DE")}}, geo.Location{Area: "Worldwide"}, HomeEU, CategoryUnknown},
		{"no home set", Assessment{Operator: op, Reach: []Jurisdiction{terr("DE"), oper("DE")}}, de, "", CategoryUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Categorize(tt.a, tt.loc, tt.home); got != tt.want {
				t.Errorf("Categorize = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestParseHome(t *testing.T) {
	tests := []struct {
		in      string
		want    Home
		wantErr bool
	}{
		{"EU", HomeEU, false},
		{"eu", HomeEU, false},
		{" EEA ", HomeEU, false},
		{"eu/eea", HomeEU, false},
		{"FR", "FR", false},
		{"fr", "FR", false},
		{"uk", "GB", false},
		{"CH", "CH", false},
		{"", "", true},
		{"  ", "", true},
		{"XX", "", true},
		{"FRA", "", true},
		{"Europe", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseHome(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("ParseHome(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestHomeIncludesAndLabel(t *testing.T) {
	tests := []struct {
		home Home
		j    string
		want bool
	}{
		{HomeEU, "EU", true},
		{HomeEU, "DE", true},
		{HomeEU, "ie", true},
		{HomeEU, "NO", true},
		{HomeEU, "LI", true},
		{HomeEU, "CH", false},
		{HomeEU, "GB", false},
		{HomeEU, "US", false},
		{HomeEU, "", false},
		{"FR", "FR", true},
		{"FR", "fr", true},
		{"FR", "DE", false},
		{"FR", "EU", false},
		{"", "FR", false},
	}
	for _, tt := range tests {
		if got := tt.home.Includes(tt.j); got != tt.want {
			t.Errorf("Home(%q).Includes(%q) = %v, want %v", tt.home, tt.j, got, tt.want)
		}
	}
	labels := map[Home]string{HomeEU: "EU/EEA", "FR": "France", "CH": "Switzerland", "GB": "United Kingdom"}
	for h, want := range labels {
		if got := h.Label(); got != want {
			t.Errorf("Home(%q).Label() = %q, want %q", h, got, want)
		}
	}
}

func TestSuggestions(t *testing.T) {
	t.Run("no AWS region is home-only for the EU", func(t *testing.T) {
		if got := HomeOnly(HomeEU, "aws"); len(got) != 0 {
			t.Errorf("HomeOnly(EU, aws) = %d options, first %s", len(got), got[0].Region)
		}
	})
	t.Run("Hetzner's German and Finnish sites are, its US ones are not", func(t *testing.T) {
		var codes []string
		for _, o := range HomeOnly(HomeEU, "hetzner") {
			codes = append(codes, o.Region)
			if o.Category != CategoryHome || o.Provider != "hetzner" {
				t.Errorf("option %+v", o)
			}
		}
		for _, want := range []string{"fsn1", "nbg1", "hel1"} {
			if !slices.Contains(codes, want) {
				t.Errorf("missing %s in %v", want, codes)
			}
		}
		if slices.Contains(codes, "ash") {
			t.Errorf("ash is in the US: %v", codes)
		}
	})
	t.Run("closed services are never suggested", func(t *testing.T) {
		for _, o := range HomeOnly("DE", "") {
			if o.Provider == "azure" {
				t.Errorf("suggested %s %s", o.Provider, o.Region)
			}
		}
	})
	t.Run("all providers, sorted", func(t *testing.T) {
		all := HomeOnly(HomeEU, "")
		if !slices.IsSortedFunc(all, func(a, b Option) int {
			return strings.Compare(a.Provider+" "+a.Region, b.Provider+" "+b.Region)
		}) {
			t.Error("HomeOnly is not sorted by provider and region")
		}
		providers := map[string]bool{}
		for _, o := range all {
			providers[o.Provider] = true
		}
		for _, p := range []string{"hetzner", "ovh", "scaleway", "tuta"} {
			if !providers[p] {
				t.Errorf("%s offers EU-only regions but is not listed", p)
			}
		}
	})
	t.Run("alternatives to AWS are the nearest of other providers", func(t *testing.T) {
		alts := Alternatives(HomeEU, "aws", 8)
		if len(alts) < 3 {
			t.Fatalf("only %d alternatives", len(alts))
		}
		seen := map[string]bool{}
		for i, o := range alts {
			if o.Provider == "aws" || o.Category != CategoryHome || seen[o.Provider] {
				t.Errorf("alternative %d = %s %s %s", i, o.Provider, o.Region, o.Category)
			}
			seen[o.Provider] = true
			if i > 0 && o.DistanceKM < alts[i-1].DistanceKM {
				t.Errorf("not nearest first: %v then %v km", alts[i-1].DistanceKM, o.DistanceKM)
			}
		}
		if !seen["hetzner"] {
			t.Errorf("hetzner missing from %v", seen)
		}
	})
	t.Run("a mail service gets mail services", func(t *testing.T) {
		alts := Alternatives(HomeEU, "proton", 8)
		if len(alts) == 0 {
			t.Fatal("no alternatives to proton")
		}
		for _, o := range alts {
			if _, fixed := FixedLocation(o.Provider); !fixed || o.Region != "default" {
				t.Errorf("alternative %s %s is not a mail service", o.Provider, o.Region)
			}
		}
	})
	t.Run("no alternatives asked", func(t *testing.T) {
		if got := Alternatives(HomeEU, "aws", 0); got != nil {
			t.Errorf("got %v", got)
		}
	})
}

func TestHaversine(t *testing.T) {
	// Paris to Berlin is about 878 km.
	if d := haversineKM(48.8566, 2.3522, 52.52, 13.405); d < 860 || d > 895 {
		t.Errorf("Paris-Berlin = %.0f km", d)
	}
	if d := haversineKM(10, 20, 10, 20); d != 0 {
		t.Errorf("same point = %v", d)
	}
}

// The Union entry (e-Evidence, Regulation (EU) 2023/1543) counts against a
// home outside the Union only: README, "How Reachmap counts".
func TestHomeCoversUnionEntry(t *testing.T) {
	union := Jurisdiction{Country: "EU", Basis: BasisUnion}
	for _, tt := range []struct {
		home Home
		want bool
	}{
		{HomeEU, true}, {"DE", true}, {"DK", true}, {"FR", true},
		{"CH", false}, {"NO", false}, {"US", false}, {"GB", false},
	} {
		if got := tt.home.Covers(union); got != tt.want {
			t.Errorf("%s covers the union entry = %v, want %v", tt.home, got, tt.want)
		}
	}
	if !Home("US").Covers(Jurisdiction{Country: "GB", Basis: BasisAgreement}) {
		t.Error("an agreement is context and never foreign")
	}
	if Home("DE").Covers(Jurisdiction{Country: "US", Basis: BasisOperator}) {
		t.Error("a US operator is foreign to a German home")
	}
}
