package store

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/reach"
)

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// savedStore makes a store holding two demo scans, closed, its WAL folded
// into the main file, and returns its path and the page size.
func savedStore(t *testing.T) (path string, pageSize int, rootPages map[string]int) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "scans.db")
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := st.Save(ctx, demoScan(t, "EU")); err != nil {
			t.Fatal(err)
		}
	}
	st.db.QueryRow(`PRAGMA page_size`).Scan(&pageSize)
	rootPages = map[string]int{}
	rows, err := st.db.Query(`SELECT name, rootpage FROM sqlite_schema WHERE type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		var root int
		rows.Scan(&name, &root)
		rootPages[name] = root
	}
	rows.Close()
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Fatal("the WAL was not folded into the store on close")
	}
	return path, pageSize, rootPages
}

// overwrite puts garbage over one page of a file (page numbers from 1).
func overwrite(t *testing.T, path string, page, pageSize, from int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	start := (page-1)*pageSize + from
	for i := start; i < page*pageSize && i < len(b); i++ {
		b[i] = byte(0xA5 ^ i)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// A damaged file or another program's database gives a clear error and is
// never written to.
func TestDamagedStoreIsLeftAlone(t *testing.T) {
	tests := []struct {
		name string
		// make writes the file and returns its path.
		make func(t *testing.T) string
		// openErr is the error Open must give; nil when Open must succeed
		// and the damage show when the scans are read.
		openErr error
	}{
		{"text file", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "scans.db")
			os.WriteFile(p, bytes.Repeat([]byte("these are my notes, not a database\n"), 200), 0o600)
			return p
		}, ErrCorrupt},
		{"short file", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "scans.db")
			os.WriteFile(p, []byte("SQLite"), 0o600)
			return p
		}, ErrCorrupt},
		{"truncated store", func(t *testing.T) string {
			p, _, _ := savedStore(t)
			b, _ := os.ReadFile(p)
			os.WriteFile(p, b[:60], 0o600)
			return p
		}, ErrCorrupt},
		{"header damaged", func(t *testing.T) string {
			p, _, _ := savedStore(t)
			overwrite(t, p, 1, 16, 0) // the magic string
			return p
		}, ErrCorrupt},
		{"schema page damaged", func(t *testing.T) string {
			p, size, _ := savedStore(t)
			overwrite(t, p, 1, size, 100) // page 1 after the file header
			return p
		}, ErrCorrupt},
		{"items table damaged", func(t *testing.T) string {
			p, size, roots := savedStore(t)
			overwrite(t, p, roots["items"], size, 0)
			return p
		}, nil},
		{"another program's database", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "scans.db")
			db, err := sql.Open("sqlite", p)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(`CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')`); err != nil {
				t.Fatal(err)
			}
			db.Close()
			return p
		}, ErrNotStore},
		{"another program's application id", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "scans.db")
			db, err := sql.Open("sqlite", p)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(`PRAGMA application_id = 1234`); err != nil {
				t.Fatal(err)
			}
			db.Close()
			return p
		}, ErrNotStore},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.make(t)
			before := sum(t, path)
			st, err := Open(path)
			switch {
			case tt.openErr != nil:
				if !errors.Is(err, tt.openErr) {
					t.Fatalf("Open = %v, want %v", err, tt.openErr)
				}
				t.Log(err)
				for _, want := range []string{path, "left untouched", "move it aside"} {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("error does not say %q: %v", want, err)
					}
				}
			case err != nil:
				t.Fatalf("Open = %v; the schema is sound, so Open must succeed and reading fail", err)
			default:
				// The damage is in the items: reading and saving fail,
				// and say the store is damaged.
				if _, err := st.Last(ctx); !errors.Is(err, ErrCorrupt) {
					t.Errorf("Last = %v, want ErrCorrupt", err)
				} else {
					t.Log(err)
				}
				if _, err := st.Save(ctx, demoScan(t, "EU")); !errors.Is(err, ErrCorrupt) {
					t.Errorf("Save = %v, want ErrCorrupt", err)
				}
				if err := st.Verify(ctx); !errors.Is(err, ErrCorrupt) {
					t.Errorf("Verify = %v, want ErrCorrupt", err)
				}
				st.Close()
			}
			if sum(t, path) != before {
				t.Error("the damaged file was modified")
			}
		})
	}
}

// A store written by a newer Reachmap (a higher user_version) is refused
// and left as it is.
func TestNewerSchemaIsLeftAlone(t *testing.T) {
	path, _, _ := savedStore(t)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA user_version = 99`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := sum(t, path)
	st, err := Open(path)
	if err == nil {
		st.Close()
		t.Fatal("Open accepted a store of schema version 99")
	}
	if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), "version 99") || !strings.Contains(err.Error(), "newer") {
		t.Errorf("Open = %v, want ErrNewerSchema naming version 99", err)
	}
	if sum(t, path) != before {
		t.Error("the newer store was modified")
	}
}

// Migrations are numbered in order, and a failing step rolls the whole
// migration back: no half-made schema is left behind.
func TestMigrations(t *testing.T) {
	for i, m := range migrations {
		if m.version != i+1 || m.name == "" || len(m.stmts) == 0 {
			t.Errorf("migration %d: version %d, name %q, %d statements", i, m.version, m.name, len(m.stmts))
		}
	}

	// A file of ours at version 0 that already holds the last table the
	// first step creates: that step fails at its end.
	path := filepath.Join(t.TempDir(), "scans.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA application_id = 1382247792; CREATE TABLE tags (x)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "migrate to version 1") {
		t.Fatalf("Open = %v, want a failed migration", err)
	}
	db, _ = sql.Open("sqlite", path)
	defer db.Close()
	var v, scans int
	db.QueryRow(`PRAGMA user_version`).Scan(&v)
	db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'scans'`).Scan(&scans)
	if v != 0 || scans != 0 {
		t.Errorf("after a failed migration: version %d, scans table %d; want 0, 0", v, scans)
	}

	// An empty file is a new store, migrated to the newest version.
	path = filepath.Join(t.TempDir(), "scans.db")
	os.WriteFile(path, nil, 0o600)
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var app int
	st.db.QueryRow(`PRAGMA user_version`).Scan(&v)
	st.db.QueryRow(`PRAGMA application_id`).Scan(&app)
	if v != schemaVersion() || app != applicationID {
		t.Errorf("after migration: version %d, application id %#x", v, app)
	}
}

// A store of schema version 1, written before items had account ids and a
// full record, opens, is migrated, and gives its scans back as they were:
// no account id, no copies, the columns' values.
func TestMigrateFromVersion1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "scans.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range append(migrations[0].stmts,
		`PRAGMA user_version = 1`,
		`INSERT INTO scans VALUES (1, '2026-05-01T10:00:00Z', '2026-05-01T10:00:01Z', 'EU', '2026-04-01', 1, 0, 0, 1, 0, 0)`,
		`INSERT INTO items VALUES (1, 0, 'aws', 'prod', 'bucket', 'old-bucket', 'eu-west-1', '',
			'IE', '', 'Dublin', 53.35, -6.26, 'api', 'high', '', 'Amazon Web Services, Inc.', 'US',
			'{"name":"Amazon Web Services, Inc.","country":"US"}', 'home+foreign')`,
		`INSERT INTO reach VALUES (1, 0, 0, 'US', 'operator', 'CLOUD Act', 'https://www.law.cornell.edu/uscode/text/18/2713', '', 0, '')`,
	) {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	db.Close()
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := st.Get(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Assets) != 1 {
		t.Fatalf("items = %+v", s.Assets)
	}
	it := s.Assets[0]
	if it.Name != "old-bucket" || it.AccountID != "" || it.Copies != nil || it.Location.City != "Dublin" ||
		len(it.Reach) != 1 || it.Reach[0].Law != "CLOUD Act" || it.Reach[0].Copy != "" {
		t.Errorf("migrated item = %+v", it)
	}
	// A scan saved after the migration keeps its new fields.
	s.Assets[0].AccountID = "111111111111"
	s.Assets[0].Copies = []inventory.Copy{{Region: "us-east-1", Why: "replication", Reach: []reach.Jurisdiction{}}}
	id, err := st.Save(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	got, err := st.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Assets[0].AccountID != "111111111111" || len(got.Assets[0].Copies) != 1 || got.Assets[0].Copies[0].Region != "us-east-1" {
		t.Errorf("after a save on the migrated store: %+v", got.Assets[0])
	}
}
