package gcp

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/providertest"
)

func scanOf(t *testing.T, p providers.Provider) *providertest.Recorder {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	rec := &providertest.Recorder{}
	if err := p.Scan(ctx, rec); err != nil {
		t.Fatalf("Scan: %v", err)
	}
	return rec
}

// TestBucketLocations runs one fake-gcs-server per location and checks
// each bucket's place: a region is a city, a dual-region its first region
// with the second as a copy, a multi-region an area with its countries.
func TestBucketLocations(t *testing.T) {
	cases := []struct {
		location, wantType, wantCountry, wantArea string
		copies                                    []string
	}{
		{"EUROPE-WEST9", typeRegion, "FR", "", nil},
		{"EU", typeMulti, "", "EU", nil},
		{"EUR4", typeDual, "FI", "", []string{"europe-west4"}},
		{"NAM4", typeDual, "US", "", []string{"us-east1"}},
	}
	for _, c := range cases {
		t.Run(c.location, func(t *testing.T) {
			gcs := fakeGCS(t, c.location)
			name := "lumen-" + strings.ToLower(c.location)
			createBucket(t, gcs, name)
			rec := scanOf(t, testProvider(gcs, "", "lumen-prod"))
			a := rec.Named(t, name)
			if a.Provider != "gcp" || a.Kind != providers.KindBucket || a.AccountID != "lumen-prod" || a.Account != "lumen-prod" {
				t.Errorf("asset %+v", a)
			}
			if !strings.EqualFold(a.Region, c.location) {
				t.Errorf("region %q, want the location code %q as Google gives it", a.Region, c.location)
			}
			if a.Tags["location_type"] != c.wantType {
				t.Errorf("location_type %q, want %q", a.Tags["location_type"], c.wantType)
			}
			loc := a.Location
			if loc == nil {
				l, ok := geo.Lookup("gcp", a.Region)
				if !ok {
					t.Fatalf("region %q is in no catalog", a.Region)
				}
				loc = &l
			}
			if loc.Country != c.wantCountry || loc.Area != c.wantArea {
				t.Errorf("placed at %q/%q, want %q/%q (%s)", loc.Country, loc.Area, c.wantCountry, c.wantArea, loc.Note)
			}
			if c.location == "EUROPE-WEST9" && loc.City != "Paris" {
				t.Errorf("europe-west9 is in %q, want Paris", loc.City)
			}
			if c.wantType == typeMulti && !strings.Contains(loc.Note, "FR") {
				t.Errorf("multi-region note does not name the countries: %q", loc.Note)
			}
			if got := providertest.CopyRegions(a); !slices.Equal(got, c.copies) {
				t.Errorf("copies %v, want %v", got, c.copies)
			}
			// Only the emulator is configured: the other stores say so.
			if len(rec.Gaps) == 0 || !strings.Contains(rec.Gaps[0].Hint, EnvAPIEndpoint) {
				t.Errorf("gaps %+v, want the other stores reported as not scanned", rec.Gaps)
			}
		})
	}
}

func TestCustomDualRegion(t *testing.T) {
	p := place("EU", []string{"EUROPE-WEST1", "EUROPE-WEST9"})
	if p.Type != typeDual || p.Loc == nil || p.Loc.Country != "BE" {
		t.Fatalf("custom dual-region %+v", p)
	}
	if got := providertest.CopyRegions(providers.Asset{Copies: p.Copies}); !slices.Equal(got, []string{"europe-west9"}) {
		t.Errorf("copies %v", got)
	}
	if asia := place("ASIA1", nil); asia.Loc == nil || asia.Loc.Country != "JP" || len(asia.Copies) != 1 {
		t.Errorf("ASIA1 %+v", asia)
	}
	if s := place("u-france-east1", nil); s.Type != typeRegion || operatorFor("", "u-france-east1") != "s3ns" {
		t.Errorf("S3NS region %+v operator %q", s, operatorFor("", "u-france-east1"))
	}
	if operatorFor("googleapis.com", "europe-west9") != "" {
		t.Error("a Google region is Google's")
	}
}

// TestOtherStores reads every REST store of a project from the stand-in,
// over its pages.
func TestOtherStores(t *testing.T) {
	api := newStandIn(t, 0)
	rec := scanOf(t, testProvider("", api.URL, "lumen-prod"))
	for _, g := range rec.Gaps {
		if g.Account == "lumen-prod" && !strings.Contains(g.Error, "Cloud Storage") {
			t.Errorf("unexpected gap %+v", g)
		}
	}
	orders := rec.Named(t, "orders")
	if orders.Region != "europe-west9" || orders.Kind != providers.KindDatabase {
		t.Errorf("orders %+v", orders)
	}
	if len(orders.Copies) != 1 || orders.Copies[0].Region != "us-east4" || orders.Copies[0].Item != "orders-replica" {
		t.Errorf("orders' replica as a copy: %+v", orders.Copies)
	}
	if r := rec.Named(t, "orders-replica"); r.Tags["replica_of"] != "orders" || r.Region != "us-east4" {
		t.Errorf("replica %+v", r)
	}
	if a := rec.Named(t, "analytics"); a.Location == nil || a.Location.Area != "EU" || a.Tags["service"] != "bigquery" {
		t.Errorf("BigQuery EU dataset %+v", a)
	}
	if a := rec.Named(t, "paris"); a.Region != "europe-west9" || a.Location != nil {
		t.Errorf("BigQuery regional dataset %+v", a)
	}
	if a := rec.Named(t, "(default)"); a.Region != "nam5" || a.Location == nil || a.Location.Country != "US" {
		t.Errorf("Firestore nam5 %+v", a)
	}
	legacy := rec.Named(t, "legacy")
	if legacy.Tags["location_type"] != typeMulti || rec.Named(t, "(default)").Tags["location_type"] != typeMulti {
		t.Errorf("eur3 and nam5 are multi-regions: %v", legacy.Tags)
	}
	if legacy.Tags["service"] != "datastore" || legacy.Location == nil || legacy.Location.Country != "BE" || !slices.Equal(providertest.CopyRegions(legacy), []string{"europe-west4"}) {
		t.Errorf("Datastore eur3 %+v", legacy)
	}
	if a := rec.Named(t, "web-1"); a.Kind != providers.KindVolume || a.Region != "europe-west9" {
		t.Errorf("zonal disk %+v", a)
	}
	if a := rec.Named(t, "db-ha"); a.Region != "europe-west3" || a.Tags["replica_zones"] != "europe-west3-a,europe-west3-b" {
		t.Errorf("regional disk %+v", a)
	}
	if a := rec.Named(t, "web-1-daily"); a.Kind != providers.KindSnapshot || a.Location == nil || a.Location.Area != "EU" {
		t.Errorf("snapshot in eu %+v", a)
	}
	if a := rec.Named(t, "db-ha-weekly"); a.Region != "europe-west3" || !slices.Equal(providertest.CopyRegions(a), []string{"us-central1"}) {
		t.Errorf("snapshot in two locations %+v", a)
	}
}

// TestErrorsAreGaps: a denied permission names the role, a disabled API
// the command that enables it, a 429 is retried and then a gap.
func TestErrorsAreGaps(t *testing.T) {
	api := newStandIn(t, 0)
	rec := scanOf(t, testProvider("", api.URL, "lumen-denied"))
	hints := map[string]string{}
	for _, g := range rec.Gaps {
		hints[strings.SplitN(g.Error, ":", 2)[0]] = g.Hint
	}
	want := map[string]string{
		"listing Cloud SQL instances": "roles/cloudsql.viewer",
		"listing BigQuery datasets":   "gcloud services enable bigquery.googleapis.com --project lumen-denied",
		"listing persistent disks":    "quota",
		"listing snapshots":           "quota",
	}
	for what, hint := range want {
		if !strings.Contains(hints[what], hint) {
			t.Errorf("%s: hint %q, want it to say %q (gaps %+v)", what, hints[what], hint, rec.Gaps)
		}
	}
	// Firestore answered after two 429s.
	if a := rec.Named(t, "(default)"); a.Region != "europe-west9" {
		t.Errorf("firestore after retries %+v", a)
	}
}

func TestEveryProjectAndTimeout(t *testing.T) {
	api := newStandIn(t, 0)
	p := testProvider("", api.URL)
	p.all = true
	rec := scanOf(t, p)
	accounts := map[string]bool{}
	for _, a := range rec.Assets {
		accounts[a.AccountID] = true
	}
	if !accounts["lumen-prod"] || !accounts["lumen-denied"] || accounts["lumen-old"] {
		t.Errorf("projects scanned %v: want both active ones from the two pages, not the deleted one", accounts)
	}

	slow := newStandIn(t, 2*time.Second)
	p = testProvider("", slow.URL, "lumen-prod")
	p.cfg.timeout = 100 * time.Millisecond
	rec = scanOf(t, p)
	timedOut := 0
	for _, g := range rec.Gaps {
		if strings.Contains(g.Hint, "did not answer in time") {
			timedOut++
		}
	}
	if timedOut < 5 {
		t.Errorf("%d timeout gaps, want one per REST store: %+v", timedOut, rec.Gaps)
	}
}

// testKey is a service-account key whose token_uri is the stand-in.
func testKey(t testing.TB, tokenURL string) (keyJSON []byte, privateKey string) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKCS8PrivateKey(k)
	pemKey := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	b, _ := json.Marshal(map[string]string{
		"type": "service_account", "project_id": "lumen-prod", "private_key_id": "k1",
		"private_key": pemKey, "client_email": "reachmap@lumen-prod.iam.gserviceaccount.com",
		"client_id": "1", "token_uri": tokenURL,
	})
	return b, pemKey
}

func TestServiceAccountKeySignsIn(t *testing.T) {
	api := newStandIn(t, 0)
	key, _ := testKey(t, api.URL+"/token")
	p := testProvider("", api.URL, "lumen-prod")
	p.keyJSON = key
	rec := scanOf(t, p)
	rec.Named(t, "orders")
	if !slices.Contains(api.authSeen(), "Bearer ya29.standin-token") {
		t.Error("the key's token was not used")
	}
}

func TestExpiredCredentials(t *testing.T) {
	api := newStandIn(t, 0)
	rec := scanOf(t, testProvider("", api.URL, "expired"))
	found := false
	for _, g := range rec.Gaps {
		if strings.Contains(g.Hint, "gcloud auth application-default login") && strings.Contains(g.Error, "401") {
			found = true
		}
	}
	if !found {
		t.Errorf("no 401 gap: %+v", rec.Gaps)
	}
}
