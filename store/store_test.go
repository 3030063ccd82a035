package store

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/demo"
	"github.com/reachmap/reachmap/reach"
)

var ctx = context.Background()

func demoScan(t testing.TB, home reach.Home) *inventory.Scan {
	t.Helper()
	s, err := inventory.Run(ctx, inventory.Options{Providers: []providers.Provider{&demo.Provider{}}, Home: home}, nil)
	if err != nil {
		t.Fatalf("demo scan: %v", err)
	}
	return s
}

func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "sub", "scans.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// canonical is the form Get documents: UTC times, empty rather than nil
// slices, nil rather than empty tags.
func canonical(s *inventory.Scan) *inventory.Scan {
	out := *s
	out.ScannedAt = s.ScannedAt.UTC()
	if out.Gaps == nil {
		out.Gaps = []providers.Gap{}
	}
	out.Assets = make([]inventory.Item, len(s.Assets))
	for i, it := range s.Assets {
		if it.Reach == nil {
			it.Reach = []reach.Jurisdiction{}
		}
		if it.Gaps == nil {
			it.Gaps = []providers.Gap{}
		}
		if len(it.Tags) == 0 {
			it.Tags = nil
		}
		out.Assets[i] = it
	}
	return &out
}

// fill sets every field of v, recursively, to a value derived from seed,
// so that a field added to the scan types later is filled too and a store
// that forgets it fails the round trip.
func fill(v reflect.Value, seed *int) {
	*seed++
	n := *seed
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("v%d – é “quoted” ' ; DROP TABLE items; --", n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(n))
	case reflect.Float64, reflect.Float32:
		v.SetFloat(float64(n) + 0.123456789012345)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			v.Set(reflect.ValueOf(time.Date(2026, 3, 1, 8, 30, n%60, 123456789, time.UTC)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), seed)
			}
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(s.Index(i), seed)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for range 2 {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(k, seed)
			fill(e, seed)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), seed)
		v.Set(p)
	default:
		panic("fill: unhandled kind " + v.Kind().String())
	}
}

func filledScan() *inventory.Scan {
	var s inventory.Scan
	seed := 0
	fill(reflect.ValueOf(&s).Elem(), &seed)
	return &s
}

func TestRoundTrip(t *testing.T) {
	paris := time.FixedZone("CEST", 2*3600)
	tests := []struct {
		name string
		scan *inventory.Scan
	}{
		{"demo estate, home EU", demoScan(t, "EU")},
		{"demo estate, home FR", demoScan(t, "FR")},
		{"every field filled", filledScan()},
		{"no items, no gaps", &inventory.Scan{ScannedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Home: "DE", Reviewed: "2026-01-01"}},
		{"local time, unknown item, empty tags", &inventory.Scan{
			ScannedAt: time.Date(2026, 6, 1, 9, 0, 0, 0, paris), Home: "EU",
			Assets: []inventory.Item{{
				Provider: "self-hosted", Account: "x", Kind: providers.KindMailbox, Name: "x.example",
				Location: geo.Unknown("no MX"), Category: reach.CategoryUnknown, Tags: map[string]string{},
			}},
		}},
	}
	st := openTemp(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := st.Save(ctx, tt.scan)
			if err != nil {
				t.Fatal(err)
			}
			got, err := st.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			want := canonical(tt.scan)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("scan %d differs after a round trip:\n got %+v\nwant %+v", id, got, want)
			}
			last, err := st.Last(ctx)
			if err != nil || !reflect.DeepEqual(last, want) {
				t.Errorf("Last is not the scan just saved (err %v)", err)
			}
		})
	}
}

// The columns a person filters on are real columns, not JSON.
func TestQueryableColumns(t *testing.T) {
	st := openTemp(t)
	scan := demoScan(t, "EU")
	id, err := st.Save(ctx, scan)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, it := range scan.Assets {
		if it.Provider == "aws" && it.Account == "lumen-prod" && it.Kind == providers.KindBucket &&
			it.Location.Country == "US" && it.Category == reach.CategoryForeign {
			want++
		}
	}
	var got int
	err = st.db.QueryRowContext(ctx, `SELECT count(*) FROM items WHERE scan_id = ? AND provider = 'aws'
		AND account = 'lumen-prod' AND kind = 'bucket' AND country = 'US' AND category = 'foreign'`, id).Scan(&got)
	if err != nil || got != want || want == 0 {
		t.Errorf("items by columns: %d, want %d (err %v)", got, want, err)
	}
	var reachedByUS, region, name int
	if err := st.db.QueryRowContext(ctx, `SELECT count(DISTINCT item_seq) FROM reach WHERE scan_id = ? AND country = 'US' AND basis = 'operator'`, id).Scan(&reachedByUS); err != nil {
		t.Fatal(err)
	}
	if err := st.db.QueryRowContext(ctx, `SELECT count(*) FROM items WHERE scan_id = ? AND region = 'eu-west-3' AND name LIKE 'lumen-%'`, id).Scan(&region); err != nil {
		t.Fatal(err)
	}
	if err := st.db.QueryRowContext(ctx, `SELECT count(*) FROM tags t JOIN items i ON i.scan_id = t.scan_id AND i.seq = t.item_seq
		WHERE t.scan_id = ? AND t.key = 'data' AND t.value = 'client'`, id).Scan(&name); err != nil {
		t.Fatal(err)
	}
	if reachedByUS < 20 || region < 3 || name < 2 {
		t.Errorf("reached by US: %d, in eu-west-3: %d, tagged data=client: %d", reachedByUS, region, name)
	}
}

func TestListGetLast(t *testing.T) {
	st := openTemp(t)
	if s, err := st.Last(ctx); s != nil || err != nil {
		t.Fatalf("Last on an empty store = %v, %v; want nil, nil", s, err)
	}
	if l, err := st.List(ctx); err != nil || len(l) != 0 {
		t.Fatalf("List on an empty store = %v, %v", l, err)
	}
	var scans []*inventory.Scan
	var ids []int64
	for i, home := range []reach.Home{"EU", "FR", "DE"} {
		s := demoScan(t, home)
		s.ScannedAt = time.Date(2026, 5, 4+7*i, 6, 0, 0, 0, time.UTC)
		id, err := st.Save(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) > 0 && id <= ids[len(ids)-1] {
			t.Errorf("id %d after %d: ids must grow", id, ids[len(ids)-1])
		}
		scans, ids = append(scans, s), append(ids, id)
	}
	list, err := st.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 {
		t.Fatalf("List has %d scans, want 3", len(list))
	}
	for i, sum := range list {
		s := scans[2-i]
		if sum.ID != ids[2-i] || !sum.ScannedAt.Equal(s.ScannedAt) || sum.Home != s.Home || sum.Reviewed != reach.Reviewed() ||
			sum.Items != len(s.Assets) || sum.Gaps != len(s.AllGaps()) || time.Since(sum.SavedAt) > time.Minute {
			t.Errorf("summary %d = %+v", i, sum)
		}
		for _, c := range reach.Categories {
			if sum.Counts[c] != s.Counts()[c] {
				t.Errorf("summary %d: %s count %d, want %d", i, c, sum.Counts[c], s.Counts()[c])
			}
		}
	}
	for i, id := range ids {
		got, err := st.Get(ctx, id)
		if err != nil || !reflect.DeepEqual(got, canonical(scans[i])) {
			t.Errorf("Get(%d) is not the scan saved (err %v)", id, err)
		}
	}
	last, err := st.Last(ctx)
	if err != nil || last.Home != "DE" {
		t.Errorf("Last = home %v, err %v; want the DE scan", last.Home, err)
	}
	if _, err := st.Get(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(9999) = %v, want ErrNotFound", err)
	}
}

func TestSaveRejects(t *testing.T) {
	st := openTemp(t)
	bad := demoScan(t, "EU")
	bad.Assets[3].Location.Lat = math.NaN()
	tests := []struct {
		name string
		scan *inventory.Scan
		want string
	}{
		{"nil scan", nil, "no scan"},
		{"coordinates not a number", bad, bad.Assets[3].Name},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := st.Save(ctx, tt.scan); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Save = %v, want an error naming %q", err, tt.want)
			}
			if l, _ := st.List(ctx); len(l) != 0 {
				t.Errorf("a refused save left %d scans", len(l))
			}
		})
	}
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "scans.db")
	scan := demoScan(t, "EU")
	for round := range 3 {
		st, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if _, err := st.Save(ctx, scan); err != nil {
			t.Fatal(err)
		}
		list, err := st.List(ctx)
		if err != nil || len(list) != round+1 {
			t.Errorf("round %d: %d scans (err %v)", round, len(list), err)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("store mode %v: scans name a person's buckets, want 0600", fi.Mode().Perm())
	}
	if st, err := Open(path); err != nil {
		t.Fatal(err)
	} else {
		defer st.Close()
		if err := st.Verify(ctx); err != nil {
			t.Error(err)
		}
		var v int
		st.db.QueryRow(`PRAGMA user_version`).Scan(&v)
		var mode string
		st.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
		if v != schemaVersion() || mode != "wal" {
			t.Errorf("user_version %d, journal mode %s; want %d, wal", v, mode, schemaVersion())
		}
	}
}

// The GUI and a cron job may save into one store at the same moment.
func TestConcurrentSaves(t *testing.T) {
	path := filepath.Join(t.TempDir(), "scans.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	scan := demoScan(t, "EU")
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		st := a
		if i%2 == 1 {
			st = b
		}
		wg.Go(func() {
			if _, err := st.Save(ctx, scan); err != nil {
				errs <- err
			}
			if _, err := st.Last(ctx); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	list, err := a.List(ctx)
	if err != nil || len(list) != 8 {
		t.Errorf("%d scans saved, want 8 (err %v)", len(list), err)
	}
}

// File names may hold characters that URIs and the driver's options treat
// specially; macOS keeps the store under "Application Support".
func TestOddPaths(t *testing.T) {
	for _, name := range []string{"Application Support", "we#ird", "per%20cent", "q?mark&x=1", "ünïcødé", "semi;colon"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), name)
			path := filepath.Join(dir, "scans.db")
			st, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.Save(ctx, demoScan(t, "EU")); err != nil {
				t.Fatal(err)
			}
			var timeout int
			st.db.QueryRow(`PRAGMA busy_timeout`).Scan(&timeout)
			st.Close()
			if timeout != 10000 {
				t.Errorf("busy_timeout %d: the connection options were lost", timeout)
			}
			ents, _ := os.ReadDir(dir)
			if len(ents) != 1 || ents[0].Name() != "scans.db" {
				t.Errorf("files in %s: %v", dir, ents)
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	if _, err := Open(""); err == nil {
		t.Error("Open(\"\") succeeded")
	}
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o600)
	if _, err := Open(filepath.Join(file, "scans.db")); err == nil {
		t.Error("Open under a file succeeded")
	}
}

func TestDefaultPath(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("HOME", dir)
	p, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(p, dir) || filepath.Base(p) != "scans.db" || filepath.Base(filepath.Dir(p)) != "reachmap" {
		t.Errorf("DefaultPath = %s", p)
	}
}

// bigScan is a scan of n synthetic items, each with reach, a gap and tags,
// told apart by tag so that a test can rebuild it from its scan time.
func bigScan(n int, at time.Time) *inventory.Scan {
	s := &inventory.Scan{ScannedAt: at.UTC(), Home: "EU", Reviewed: "2026-01-01", Gaps: []providers.Gap{{Provider: "aws", Account: "big", Region: "ap-east-1", Error: "OptInRequired"}}}
	for i := range n {
		s.Assets = append(s.Assets, inventory.Item{
			Provider: "aws", Account: "big", Kind: providers.KindBucket,
			Name: fmt.Sprintf("bucket-%d-%06d", at.Unix(), i), Region: "us-east-1",
			Location: geo.Location{Country: "US", City: "Ashburn", Lat: 39.04 + float64(i)/1e6, Lon: -77.49, Evidence: geo.EvidenceAPI, Confidence: geo.ConfidenceHigh},
			Operator: reach.Operator{Name: "Amazon Web Services, Inc.", Country: "US", Parents: []reach.Entity{{Name: "Amazon.com, Inc.", Country: "US"}}},
			Reach: []reach.Jurisdiction{
				{Country: "US", Basis: reach.BasisTerritorial, Law: "Stored Communications Act", Source: "https://www.law.cornell.edu/uscode/text/18/2703"},
				{Country: "US", Basis: reach.BasisOperator, Law: "CLOUD Act, 18 U.S.C. § 2713", Source: "https://www.law.cornell.edu/uscode/text/18/2713", Via: "Amazon Web Services, Inc."},
			},
			Category: reach.CategoryForeign,
			Gaps:     []providers.Gap{{Provider: "aws", Account: "big", Item: "x", Error: fmt.Sprintf("gap %d", i)}},
			Tags:     map[string]string{"n": fmt.Sprint(i), "at": fmt.Sprint(at.Unix())},
		})
	}
	return s
}

func BenchmarkLast(b *testing.B) {
	for _, n := range []int{50, 1000, 5000} {
		b.Run(fmt.Sprint(n, " items"), func(b *testing.B) {
			st := openTemp(b)
			if _, err := st.Save(ctx, bigScan(n, time.Now())); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				if _, err := st.Last(ctx); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "items/s")
		})
	}
}

func BenchmarkSave(b *testing.B) {
	st := openTemp(b)
	scan := bigScan(1000, time.Now())
	for b.Loop() {
		if _, err := st.Save(ctx, scan); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(1000*float64(b.N)/b.Elapsed().Seconds(), "items/s")
}
