package store

import (
	"context"
	"database/sql"
	"fmt"
)

// applicationID marks a SQLite file as a Reachmap scan store ("Rcmp"), so
// that Open never mistakes another program's database for one of ours.
const applicationID = 0x52636d70

// migration is one step of the schema. Steps are never edited once
// released: a change is a new step, so that every store, however old, can
// be brought to the current version in order.
type migration struct {
	version int
	name    string
	stmts   []string
}

// migrations lists every step, in order; version i+1 is migrations[i].
var migrations = []migration{
	{
		version: 1,
		name:    "scans, items, reach, gaps and tags",
		stmts: []string{
			// A scan and what a list of scans shows without loading items.
			`CREATE TABLE scans (
				id          INTEGER PRIMARY KEY,
				scanned_at  TEXT    NOT NULL, -- RFC 3339, UTC
				saved_at    TEXT    NOT NULL, -- RFC 3339, UTC
				home        TEXT    NOT NULL,
				kb_reviewed TEXT    NOT NULL, -- the knowledge base's version
				items       INTEGER NOT NULL,
				gaps        INTEGER NOT NULL, -- scan-level and item gaps
				n_home         INTEGER NOT NULL,
				n_home_foreign INTEGER NOT NULL,
				n_foreign      INTEGER NOT NULL,
				n_unknown      INTEGER NOT NULL
			)`,
			`CREATE INDEX scans_scanned_at ON scans (scanned_at)`,
			// One row per item, in scan order (seq). The columns a person
			// filters on are plain columns; the operator's parent chain is
			// nested and kept as JSON.
			`CREATE TABLE items (
				scan_id  INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
				seq      INTEGER NOT NULL,
				provider TEXT NOT NULL,
				account  TEXT NOT NULL,
				kind     TEXT NOT NULL,
				name     TEXT NOT NULL,
				region   TEXT NOT NULL,
				host     TEXT NOT NULL,
				country    TEXT NOT NULL,
				area       TEXT NOT NULL,
				city       TEXT NOT NULL,
				lat        REAL NOT NULL,
				lon        REAL NOT NULL,
				evidence   TEXT NOT NULL,
				confidence TEXT NOT NULL,
				location_note TEXT NOT NULL,
				operator_name    TEXT NOT NULL,
				operator_country TEXT NOT NULL,
				operator         TEXT NOT NULL, -- JSON of reach.Operator
				category TEXT NOT NULL,
				PRIMARY KEY (scan_id, seq)
			) WITHOUT ROWID`,
			`CREATE INDEX items_identity ON items (provider, account, kind, name)`,
			`CREATE INDEX items_country ON items (country, category)`,
			`CREATE TABLE reach (
				scan_id   INTEGER NOT NULL,
				item_seq  INTEGER NOT NULL,
				seq       INTEGER NOT NULL,
				country   TEXT NOT NULL,
				basis     TEXT NOT NULL,
				law       TEXT NOT NULL,
				source    TEXT NOT NULL,
				via       TEXT NOT NULL,
				contested INTEGER NOT NULL,
				note      TEXT NOT NULL,
				PRIMARY KEY (scan_id, item_seq, seq),
				FOREIGN KEY (scan_id, item_seq) REFERENCES items (scan_id, seq) ON DELETE CASCADE
			) WITHOUT ROWID`,
			`CREATE INDEX reach_country ON reach (country, basis)`,
			// item_seq is NULL for a gap of the scan itself (a denied
			// region), else the item the gap belongs to.
			`CREATE TABLE gaps (
				scan_id  INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
				seq      INTEGER NOT NULL,
				item_seq INTEGER,
				provider TEXT NOT NULL,
				account  TEXT NOT NULL,
				region   TEXT NOT NULL,
				item     TEXT NOT NULL,
				error    TEXT NOT NULL,
				hint     TEXT NOT NULL,
				PRIMARY KEY (scan_id, seq)
			) WITHOUT ROWID`,
			`CREATE TABLE tags (
				scan_id  INTEGER NOT NULL,
				item_seq INTEGER NOT NULL,
				key      TEXT NOT NULL,
				value    TEXT NOT NULL,
				PRIMARY KEY (scan_id, item_seq, key),
				FOREIGN KEY (scan_id, item_seq) REFERENCES items (scan_id, seq) ON DELETE CASCADE
			) WITHOUT ROWID`,
			`CREATE INDEX tags_key ON tags (key, value)`,
			fmt.Sprintf(`PRAGMA application_id = %d`, applicationID),
		},
	},
	{
		version: 2,
		name:    "account ids, and each item's and reach entry's full record",
		stmts: []string{
			// The provider's stable account id: scans are compared by it.
			`ALTER TABLE items ADD COLUMN account_id TEXT NOT NULL DEFAULT ''`,
			// detail is the item's JSON (its copies and any field added to
			// the contract later), so that a field needs no new column to
			// survive a save; the columns stay for queries. Empty for items
			// saved before this step.
			`ALTER TABLE items ADD COLUMN detail TEXT NOT NULL DEFAULT ''`,
			`ALTER TABLE reach ADD COLUMN detail TEXT NOT NULL DEFAULT ''`,
			`CREATE INDEX items_account_id ON items (provider, account_id, kind, name)`,
		},
	},
}

// schemaVersion is the newest schema this program knows.
func schemaVersion() int { return migrations[len(migrations)-1].version }

// migrate brings the schema to the newest version in one transaction, so
// that a crash leaves either the old or the new schema, never a mix.
// The version is read again inside the transaction: another process (the
// GUI and a cron job) may have migrated in the meantime.
func migrate(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin migration: %w", err)
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if v > schemaVersion() {
		return fmt.Errorf("%w (schema version %d; this program knows up to %d)", ErrNewerSchema, v, schemaVersion())
	}
	if v == schemaVersion() {
		return nil
	}
	for _, m := range migrations {
		if m.version <= v {
			continue
		}
		for _, stmt := range m.stmts {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("migrate to version %d (%s): %w", m.version, m.name, err)
			}
		}
		// user_version lives in the database header and changes with the
		// transaction: a rolled-back step leaves the old number.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, m.version)); err != nil {
			return fmt.Errorf("set schema version %d: %w", m.version, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit migration: %w", err)
	}
	return nil
}
