package geo

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		provider, region string
		city, country    string
	}{
		{"aws", "eu-west-1", "Dublin", "IE"},
		{"aws", "eu-central-1", "Frankfurt", "DE"},
		{"aws", "cn-north-1", "Beijing", "CN"},
		{"aws", "eusc-de-east-1", "Brandenburg", "DE"},
		{"aws", "us-gov-west-1", "Boardman", "US"},
		{"azure", "germanywestcentral", "Frankfurt", "DE"},
		{"azure", "germanycentral", "Frankfurt", "DE"},
		{"azure", "germanynortheast", "Magdeburg", "DE"},
		{"azure", "chinanorth", "Beijing", "CN"},
		{"gcp", "europe-west9", "Paris", "FR"},
		{"hetzner", "fsn1", "Falkenstein", "DE"},
		{"ovh", "gra", "Gravelines", "FR"},
		{"scaleway", "fr-par", "Paris", "FR"},
		{"exoscale", "ch-gva-2", "Geneva", "CH"},
		{"backblaze", "eu-central-003", "Amsterdam", "NL"},
		{"infomaniak", "us-east-1", "Geneva", "CH"},
		{"oracle", "eu-frankfurt-1", "Frankfurt", "DE"},
		{"digitalocean", "fra1", "Frankfurt", "DE"},

		// Case and space do not matter.
		{"AWS", " EU-West-1 ", "Dublin", "IE"},
		{"gcp", "EUROPE-WEST9", "Paris", "FR"},

		// Zones and data centres resolve to their region.
		{"aws", "eu-west-1a", "Dublin", "IE"},
		{"aws", "us-gov-west-1b", "Boardman", "US"},
		{"gcp", "europe-west9-b", "Paris", "FR"},
		{"gcp", "us-central1-f", "Council Bluffs", "US"},
		{"scaleway", "fr-par-2", "Paris", "FR"},
		{"hetzner", "fsn1-dc14", "Falkenstein", "DE"},
		{"ovh", "GRA11", "Gravelines", "FR"},
		{"ovh", "DE1", "Frankfurt", "DE"},
		{"ovh", "US-EAST-VA-1", "Vint Hill", "US"},
	}
	for _, tt := range tests {
		loc, ok := Lookup(tt.provider, tt.region)
		if !ok {
			t.Errorf("Lookup(%q, %q): not found", tt.provider, tt.region)
			continue
		}
		if loc.City != tt.city || loc.Country != tt.country {
			t.Errorf("Lookup(%q, %q) = %s, %s; want %s, %s", tt.provider, tt.region, loc.City, loc.Country, tt.city, tt.country)
		}
		if loc.Evidence != EvidenceCatalog || loc.Confidence != ConfidenceHigh {
			t.Errorf("Lookup(%q, %q): evidence %q confidence %q; want catalog, high", tt.provider, tt.region, loc.Evidence, loc.Confidence)
		}
		if loc.Lat == 0 && loc.Lon == 0 {
			t.Errorf("Lookup(%q, %q): no coordinates", tt.provider, tt.region)
		}
		if loc.Area != "" || !loc.Known() {
			t.Errorf("Lookup(%q, %q) = %+v; want a known place without area", tt.provider, tt.region, loc)
		}
	}
}

func TestLookupNotes(t *testing.T) {
	for _, tt := range []struct{ provider, region, want string }{
		{"azure", "germanycentral", "historic"},
		{"aws", "cn-northwest-1", "operated by"},
		{"ovh", "us-east-va", "separate US entity"},
		{"aws", "eusc-de-east-1", "Sovereign"},
	} {
		loc, ok := Lookup(tt.provider, tt.region)
		if !ok || !strings.Contains(loc.Note, tt.want) {
			t.Errorf("Lookup(%q, %q).Note = %q; want it to mention %q", tt.provider, tt.region, loc.Note, tt.want)
		}
	}
}

func TestLookupAreas(t *testing.T) {
	tests := []struct {
		provider, region string
		area, country    string
		conf             Confidence
	}{
		{"cloudflare", "eu", "EU", "", ConfidenceLow},
		{"cloudflare", "fedramp", "US", "US", ConfidenceMedium},
		{"cloudflare", "us", "US", "US", ConfidenceMedium},
		{"cloudflare", "weur", "Western Europe", "", ConfidenceLow},
		{"cloudflare", "WNAM", "Western North America", "", ConfidenceLow},
		{"cloudflare", "auto", "Worldwide", "", ConfidenceLow},
		{"gcp", "EU", "EU", "", ConfidenceLow},
		{"gcp", "ASIA1", "Japan", "JP", ConfidenceMedium},
		{"ibm", "eu", "EU", "", ConfidenceLow},
	}
	for _, tt := range tests {
		loc, ok := Lookup(tt.provider, tt.region)
		if !ok {
			t.Errorf("Lookup(%q, %q): not found", tt.provider, tt.region)
			continue
		}
		if loc.Area != tt.area || loc.Country != tt.country || loc.Confidence != tt.conf {
			t.Errorf("Lookup(%q, %q) = area %q country %q confidence %q; want %q %q %q",
				tt.provider, tt.region, loc.Area, loc.Country, loc.Confidence, tt.area, tt.country, tt.conf)
		}
		if loc.City != "" {
			t.Errorf("Lookup(%q, %q).City = %q; an area has no city", tt.provider, tt.region, loc.City)
		}
		if loc.Evidence != EvidenceCatalog || loc.Note == "" || !loc.Known() {
			t.Errorf("Lookup(%q, %q) = %+v; want catalog evidence, a note, known", tt.provider, tt.region, loc)
		}
	}
}

func TestLookupUnknown(t *testing.T) {
	for _, tt := range []struct{ provider, region string }{
		{"aws", "eu-west-9"},
		{"aws", ""},
		{"aws", "eu-west-1-"},
		{"aws", "europe-west9"},
		{"azure", "eu-west-1"},
		{"gcp", "europe-west9-bb"},
		{"hetzner", "fsn2"},
		{"nosuchcloud", "eu-west-1"},
		{"", "eu-west-1"},
	} {
		if loc, ok := Lookup(tt.provider, tt.region); ok {
			t.Errorf("Lookup(%q, %q) = %+v; want not found", tt.provider, tt.region, loc)
		}
		if _, ok := RegionOf(tt.provider, tt.region); ok {
			t.Errorf("RegionOf(%q, %q) found; want not found", tt.provider, tt.region)
		}
	}
}

func TestRegionOf(t *testing.T) {
	r, ok := RegionOf("aws", "EU-WEST-1")
	if !ok {
		t.Fatal("RegionOf(aws, EU-WEST-1): not found")
	}
	want := Region{Provider: "aws", Code: "eu-west-1", Name: "Europe (Ireland)", City: "Dublin", Country: "IE", Partition: "aws"}
	r.Lat, r.Lon, r.Note = 0, 0, ""
	if r != want {
		t.Errorf("RegionOf(aws, EU-WEST-1) = %+v; want %+v", r, want)
	}
	for code, partition := range map[string]string{
		"cn-north-1":     "aws-cn",
		"us-gov-east-1":  "aws-us-gov",
		"eusc-de-east-1": "aws-eusc",
	} {
		if r, _ := RegionOf("aws", code); r.Partition != partition {
			t.Errorf("RegionOf(aws, %s).Partition = %q; want %q", code, r.Partition, partition)
		}
	}
}

func TestClosest(t *testing.T) {
	got := Closest("aws", "eu-west-9", 3)
	for _, want := range []string{"eu-west-1", "eu-west-2", "eu-west-3"} {
		if !slices.Contains(got, want) {
			t.Errorf("Closest(aws, eu-west-9, 3) = %v; want it to contain %s", got, want)
		}
	}
	if len(got) > 3 {
		t.Errorf("Closest returned %d codes; want at most 3", len(got))
	}

	for _, tt := range []struct {
		provider, region string
		want             string
	}{
		{"azure", "germanywestcentrl", "germanywestcentral"},
		{"azure", "germany", "germanynorth"},
		{"gcp", "europe-west", "europe-west1"},
		{"hetzner", "fsn", "fsn1"},
		{"hetzner", "falkenstein", "fsn1"},
		{"scaleway", "FR-PAR-9", "fr-par"},
		{"oracle", "frankfurt", "eu-frankfurt-1"},
		// An unknown provider suggests provider ids.
		{"amazon", "eu-west-1", ""},
		{"azur", "eu-west-1", "azure"},
		{"hetzer", "fsn1", "hetzner"},
	} {
		got := Closest(tt.provider, tt.region, 5)
		if tt.want == "" {
			continue
		}
		if !slices.Contains(got, tt.want) {
			t.Errorf("Closest(%q, %q, 5) = %v; want it to contain %q", tt.provider, tt.region, got, tt.want)
		}
	}
	if got := Closest("aws", "zzzzzzzzzzzz", 3); len(got) != 0 {
		t.Errorf("Closest(aws, zzzzzzzzzzzz) = %v; want nothing", got)
	}
	if got := Closest("aws", "eu-west-9", 0); got != nil {
		t.Errorf("Closest(n=0) = %v; want nil", got)
	}
}

func TestRegions(t *testing.T) {
	rs := Regions("AWS")
	if len(rs) < 30 {
		t.Fatalf("Regions(aws) has %d entries; want the full catalog", len(rs))
	}
	if !slices.IsSortedFunc(rs, func(a, b Region) int { return strings.Compare(a.Code, b.Code) }) {
		t.Error("Regions(aws) is not sorted by code")
	}
	rs[0].City = "changed"
	if Regions("aws")[0].City == "changed" {
		t.Error("Regions returns the catalog itself, not a copy")
	}
	if Regions("nosuchcloud") != nil {
		t.Error("Regions(unknown) is not nil")
	}
}

func TestCatalogProviders(t *testing.T) {
	got := CatalogProviders()
	if !slices.IsSorted(got) {
		t.Errorf("CatalogProviders() = %v; not sorted", got)
	}
	for _, p := range []string{
		"alibaba", "aws", "azure", "backblaze", "cloudflare", "digitalocean", "exoscale", "gcp", "hetzner",
		"huawei", "ibm", "infomaniak", "ionos", "linode", "oracle", "ovh", "scaleway", "tencent", "vultr", "wasabi",
	} {
		if !slices.Contains(got, p) {
			t.Errorf("CatalogProviders() lacks %q", p)
		}
	}
	got[0] = "changed"
	if CatalogProviders()[0] == "changed" {
		t.Error("CatalogProviders returns the internal slice, not a copy")
	}
}

// TestCatalogEntries checks every entry of every catalog: well-formed code,
// a name, a valid country, coordinates on the globe and inside the country.
func TestCatalogEntries(t *testing.T) {
	partitions := map[string]bool{"aws": true, "aws-cn": true, "aws-us-gov": true, "aws-eusc": true}
	total := 0
	for _, p := range CatalogProviders() {
		rs := Regions(p)
		if len(rs) == 0 {
			t.Errorf("%s: empty catalog", p)
		}
		for _, r := range rs {
			total++
			id := p + " " + r.Code
			if r.Provider != p {
				t.Errorf("%s: Provider = %q", id, r.Provider)
			}
			if r.Code == "" || r.Code != strings.ToLower(strings.TrimSpace(r.Code)) {
				t.Errorf("%s: code must be lower case and trimmed", id)
			}
			if r.Name == "" {
				t.Errorf("%s: no name", id)
			}
			if (p == "aws") != (r.Partition != "") || (r.Partition != "" && !partitions[r.Partition]) {
				t.Errorf("%s: partition %q", id, r.Partition)
			}
			if r.Lat < -90 || r.Lat > 90 || r.Lon < -180 || r.Lon > 180 || math.IsNaN(r.Lat) || math.IsNaN(r.Lon) {
				t.Errorf("%s: coordinates %v,%v off the globe", id, r.Lat, r.Lon)
			}
			if r.Area != "" {
				if r.Country != "" && !ValidCountry(r.Country) {
					t.Errorf("%s: area country %q is not ISO 3166-1", id, r.Country)
				}
				if r.City == "" && (r.Lat != 0 || r.Lon != 0) {
					t.Errorf("%s: coordinates without a representative place", id)
				}
				if r.Note == "" {
					t.Errorf("%s: an area needs a note", id)
				}
				continue
			}
			if r.City == "" {
				t.Errorf("%s: no city", id)
			}
			if !ValidCountry(r.Country) || r.Country != strings.ToUpper(r.Country) {
				t.Errorf("%s: country %q is not an upper-case ISO 3166-1 alpha-2 code", id, r.Country)
				continue
			}
			b, ok := countryBoxes[r.Country]
			if !ok {
				t.Errorf("%s: no test bounding box for %s; add one to countryBoxes", id, r.Country)
				continue
			}
			if r.Lat < b.minLat || r.Lat > b.maxLat || r.Lon < b.minLon || r.Lon > b.maxLon {
				t.Errorf("%s: %s at %v,%v is outside %s (%s)", id, r.City, r.Lat, r.Lon, r.Country, CountryName(r.Country))
			}
		}
	}
	t.Logf("%d regions of %d providers", total, len(CatalogProviders()))
}

// countryBoxes are rough bounding boxes (lat, lon) of the countries the
// catalogs use, to catch swapped or mistyped coordinates.
var countryBoxes = map[string]struct{ minLat, maxLat, minLon, maxLon float64 }{
	"AE": {22, 26.5, 51, 56.5},
	"AR": {-55, -21, -74, -53},
	"AT": {46.3, 49.1, 9.5, 17.2},
	"AU": {-44, -10, 112, 154},
	"BE": {49.4, 51.6, 2.5, 6.5},
	"BG": {41.2, 44.3, 22.3, 28.7},
	"BH": {25.5, 26.4, 50.3, 50.9},
	"BR": {-34, 5.3, -74, -34},
	"CA": {41.6, 83.2, -141, -52.6},
	"CH": {45.8, 47.9, 5.9, 10.5},
	"CL": {-56, -17.5, -76, -66},
	"CN": {18, 53.6, 73.5, 135},
	"CO": {-4.3, 12.5, -79, -66.8},
	"DE": {47.2, 55.1, 5.8, 15.1},
	"DK": {54.5, 57.8, 8, 15.2},
	"EG": {22, 31.7, 24.7, 36.9},
	"ES": {27.6, 43.8, -18.2, 4.4},
	"FI": {59.8, 70.1, 20.5, 31.6},
	"FR": {41.3, 51.1, -5.2, 9.6},
	"GB": {49.9, 60.9, -8.7, 1.8},
	"HK": {22.1, 22.6, 113.8, 114.5},
	"ID": {-11, 6, 95, 141},
	"HR": {42.4, 46.6, 13.5, 19.5},
	"IE": {51.4, 55.4, -10.5, -6},
	"IL": {29.4, 33.4, 34.2, 35.9},
	"IN": {6.7, 35.7, 68, 97.4},
	"IT": {36.6, 47.1, 6.6, 18.6},
	"JP": {24, 45.6, 122.9, 146},
	"KR": {33, 38.7, 124.6, 131},
	"MX": {14.5, 32.7, -118.4, -86.7},
	"MY": {0.8, 7.4, 99.6, 119.3},
	"NL": {50.7, 53.6, 3.3, 7.3},
	"NO": {57.9, 71.2, 4.6, 31.1},
	"NZ": {-47.3, -34.4, 166.4, 178.6},
	"PE": {-18.4, 0, -81.4, -68.6},
	"PH": {4.6, 21.1, 116.9, 126.6},
	"PL": {49, 54.9, 14.1, 24.2},
	"QA": {24.5, 26.2, 50.7, 51.7},
	"RS": {42.2, 46.2, 18.8, 23.1},
	"RU": {41.2, 81.9, 19.6, 180},
	"SA": {16.3, 32.2, 34.5, 55.7},
	"SE": {55.3, 69.1, 11, 24.2},
	"SG": {1.15, 1.48, 103.6, 104.1},
	"TH": {5.6, 20.5, 97.3, 105.7},
	"TR": {35.8, 42.1, 26, 44.8},
	"TW": {21.9, 25.3, 120, 122},
	"US": {18.9, 71.4, -179.2, -66.9},
	"ZA": {-34.9, -22.1, 16.4, 32.9},
}

// TestOneCityOnePoint checks that a city name means the same point wherever
// it is used, across providers.
func TestOneCityOnePoint(t *testing.T) {
	type point struct {
		cc       string
		lat, lon float64
	}
	seen := map[string]point{}
	for _, p := range CatalogProviders() {
		for _, r := range Regions(p) {
			if r.Area != "" || r.City == "" {
				continue
			}
			pt := point{r.Country, r.Lat, r.Lon}
			if prev, ok := seen[r.City]; ok && prev != pt {
				t.Errorf("%s %s: %s is %v here but %v elsewhere", p, r.Code, r.City, pt, prev)
			}
			seen[r.City] = pt
		}
	}
}

func TestCountries(t *testing.T) {
	if len(countryNames) != 249 {
		t.Errorf("%d country codes; ISO 3166-1 assigns 249", len(countryNames))
	}
	for code, name := range countryNames {
		if len(code) != 2 || code != strings.ToUpper(code) || name == "" {
			t.Errorf("bad country entry %q: %q", code, name)
		}
	}
	for cc, want := range map[string]string{
		"DE": "Germany", "de": "Germany", "IE": "Ireland", "US": "United States", "GB": "United Kingdom",
		"CN": "China", "KR": "South Korea", "TW": "Taiwan", "HK": "Hong Kong", "CH": "Switzerland",
		"EU": "", "UK": "", "XK": "", "ZZ": "", "": "", "DEU": "",
	} {
		if got := CountryName(cc); got != want {
			t.Errorf("CountryName(%q) = %q; want %q", cc, got, want)
		}
		if got := ValidCountry(cc); got != (want != "") {
			t.Errorf("ValidCountry(%q) = %v", cc, got)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	queries := []struct{ provider, region string }{
		{"aws", "eu-west-1"},
		{"azure", "germanywestcentral"},
		{"gcp", "europe-west9"},
		{"gcp", "europe-west9-b"},
		{"hetzner", "fsn1"},
		{"AWS", "EU-CENTRAL-1"},
		{"aws", "nowhere-1"},
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		q := queries[i%len(queries)]
		Lookup(q.provider, q.region)
	}
}

func TestRegionSampleSpreadsOverTheCatalog(t *testing.T) {
	all := Regions("aws")
	got := RegionSample("aws", 4)
	if len(got) != 4 || got[0] != all[0].Code {
		t.Fatalf("RegionSample(aws, 4) = %v, want 4 codes from %s on", got, all[0].Code)
	}
	for i := 1; i < len(got); i++ {
		if got[i] <= got[i-1] {
			t.Errorf("sample not spread in catalog order: %v", got)
		}
	}
	if n := len(RegionSample("hetzner", 100)); n != len(Regions("hetzner")) {
		t.Errorf("a sample larger than the catalog gave %d codes, want all %d", n, len(Regions("hetzner")))
	}
	if got := RegionSample("no-such-provider", 3); len(got) != 0 {
		t.Errorf("unknown provider: %v", got)
	}
}
