// Package store keeps every scan in an embedded SQLite database, so that
// the window opens at once on the last picture and "what changed since last
// Monday" can be answered without rescanning.
//
// The database is a single file (by default scans.db in the user's
// configuration directory) opened through the pure-Go modernc.org/sqlite
// driver, in WAL mode. Each scan is written in one transaction: a crash or
// a kill in the middle of a save leaves the scans saved before it intact.
// The schema is versioned with PRAGMA user_version and migrated forward in
// a transaction. A file that is damaged, is not a Reachmap store, or was
// written by a newer Reachmap is refused with a clear error and never
// written to.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

var (
	// ErrCorrupt: the file is damaged or is not a SQLite database.
	ErrCorrupt = errors.New("the scan store is damaged or is not a database")
	// ErrNotStore: the file is a SQLite database of another program.
	ErrNotStore = errors.New("the file is a database, but not a Reachmap scan store")
	// ErrNewerSchema: a newer Reachmap wrote the store; this one cannot
	// read it safely and leaves it alone.
	ErrNewerSchema = errors.New("the scan store was written by a newer version of Reachmap")
	// ErrNotFound: no scan has the id asked for.
	ErrNotFound = errors.New("no such scan")
)

// Store is an open scan store. Its methods are safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
}

// DefaultPath is where the GUI and the CLI keep scans unless told
// otherwise: scans.db in Reachmap's directory under os.UserConfigDir
// (~/.config/reachmap on Linux, ~/Library/Application Support/reachmap on
// macOS, %AppData%\reachmap on Windows).
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the configuration directory: %w", err)
	}
	return filepath.Join(dir, "reachmap", "scans.db"), nil
}

// sqliteMagic starts every SQLite 3 database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// Open opens the store at path, creating it (and its directory) if
// needed, and migrates its schema to the newest version.
//
// Open reads before it writes: a file that is not a SQLite database, is
// another program's database, or has a schema newer than this program
// knows gives an error wrapping ErrCorrupt, ErrNotStore or ErrNewerSchema,
// and the file is left exactly as it was.
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("open scan store: no path given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open scan store %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, fmt.Errorf("open scan store: create its directory: %w", err)
	}
	if err := checkHeader(abs); err != nil {
		return nil, err
	}
	// Scans name a person's buckets and domains: create the file readable
	// by its owner only (SQLite gives the -wal and -shm files the same mode).
	if f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600); err == nil {
		f.Close()
	} else if !errors.Is(err, os.ErrExist) {
		return nil, fmt.Errorf("open scan store %s: %w", abs, err)
	}

	// The connection settings below change nothing in the file: WAL mode,
	// the one persistent setting, is set only after the checks.
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	// FULL syncs the WAL on every commit: a saved scan survives a power
	// cut, not only a crash. One sync per scan costs nothing noticeable.
	q.Add("_pragma", "synchronous(FULL)")
	// Writers take the lock at BEGIN, so two processes saving at once
	// wait for each other instead of failing on a lock upgrade.
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", fileURI(abs)+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open scan store %s: %w", abs, err)
	}
	s := &Store{db: db, path: abs}
	if err := s.init(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// fileURI writes a path as an SQLite file: URI. The path is escaped: the
// driver splits its options at the first "?", and SQLite reads "#" and
// "%" specially, yet all three are legal in a file name.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter: file:///C:/…
	}
	return "file://" + (&url.URL{Path: p}).EscapedPath()
}

// checkHeader refuses a non-empty file that does not start like a SQLite
// database, before SQLite sees it.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open scan store %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, 100)
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF) {
		return nil // an empty file is a new database
	}
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("open scan store %s: %w", path, err)
	}
	if n < len(head) || !bytes.Equal(head[:len(sqliteMagic)], sqliteMagic) {
		return refuse(path, ErrCorrupt, "it does not start with a SQLite header")
	}
	return nil
}

// init checks what the file is, then switches to WAL and migrates.
func (s *Store) init(ctx context.Context) error {
	var appID, version, tables int
	err := s.db.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&appID)
	if err == nil {
		err = s.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version)
	}
	if err == nil {
		// Reading the schema makes SQLite parse it: a damaged first page
		// shows here rather than in the middle of a save.
		err = s.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&tables)
	}
	if err != nil {
		if damaged(err) {
			return refuse(s.path, ErrCorrupt, err.Error())
		}
		return fmt.Errorf("open scan store %s: %w", s.path, err)
	}
	switch {
	case appID != 0 && appID != applicationID:
		return refuse(s.path, ErrNotStore, fmt.Sprintf("its application id is %#x", appID))
	case appID == 0 && tables > 0:
		return refuse(s.path, ErrNotStore, fmt.Sprintf("it already holds another program's tables (%d)", tables))
	case version > schemaVersion():
		return refuse(s.path, ErrNewerSchema, fmt.Sprintf("schema version %d; this program knows up to %d: update Reachmap", version, schemaVersion()))
	}

	var mode string
	if err := s.db.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode); err != nil {
		return s.wrap("set WAL mode", err)
	}
	if mode != "wal" {
		return fmt.Errorf("open scan store %s: journal mode is %q, want wal (is the file on a network share?)", s.path, mode)
	}
	if err := migrate(ctx, s.db); err != nil {
		return s.wrap("migrate", err)
	}
	return nil
}

// refuse builds the error for a file Open will not touch, saying what to
// do about it.
func refuse(path string, kind error, detail string) error {
	what := "move it aside and Reachmap will start a new store"
	if kind == ErrNewerSchema {
		what = "use a newer Reachmap, or move it aside to start a new store"
	}
	return fmt.Errorf("open scan store %s: %w (%s); the file was left untouched: %s", path, kind, detail, what)
}

// damaged reports whether SQLite found the file malformed or not a
// database at all.
func damaged(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return true
	}
	return false
}

// wrap adds context to an error of the store, and marks damage as
// ErrCorrupt so that callers can tell the user to move the file aside.
func (s *Store) wrap(op string, err error) error {
	if damaged(err) {
		return fmt.Errorf("scan store %s: %s: %w: %v (move the file aside and Reachmap will start a new store)", s.path, op, ErrCorrupt, err)
	}
	return fmt.Errorf("scan store %s: %s: %w", s.path, op, err)
}

// Path returns the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// Verify runs SQLite's full integrity check. It reads the whole file, so
// it is for a "check the store" action or a test, not for every start.
func (s *Store) Verify(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return s.wrap("integrity check", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return s.wrap("integrity check", err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return s.wrap("integrity check", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("scan store %s: %w: integrity check: %v", s.path, ErrCorrupt, problems)
	}
	return nil
}

// Close closes the database. The WAL is checkpointed into the main file
// when the last connection closes.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close scan store %s: %w", s.path, err)
	}
	return nil
}
