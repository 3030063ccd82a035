package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

// Summary describes a saved scan without its items: what a list of past
// scans shows.
type Summary struct {
	ID        int64      `json:"id"`
	ScannedAt time.Time  `json:"scanned_at"`
	SavedAt   time.Time  `json:"saved_at"`
	Home      reach.Home `json:"home"`
	// Reviewed is the knowledge base's version the scan was judged with.
	Reviewed string `json:"kb_reviewed"`
	Items    int    `json:"items"`
	// Gaps counts the scan's gaps and its items' gaps.
	Gaps int `json:"gaps"`
	// Counts is the number of items in each of reach.Categories.
	Counts map[reach.Category]int `json:"counts"`
}

// timeFormat keeps the nanoseconds: a scan read back is the scan saved.
const timeFormat = time.RFC3339Nano

// Save writes a scan in one transaction and returns its id. Ids grow: a
// later save has a larger id. Times are stored in UTC.
func (s *Store) Save(ctx context.Context, scan *inventory.Scan) (id int64, err error) {
	if scan == nil {
		return 0, errors.New("save scan: no scan")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, s.wrap("save scan: begin", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	counts := scan.Counts()
	res, err := tx.ExecContext(ctx, `INSERT INTO scans
		(scanned_at, saved_at, home, kb_reviewed, items, gaps, n_home, n_home_foreign, n_foreign, n_unknown)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		scan.ScannedAt.UTC().Format(timeFormat), time.Now().UTC().Format(timeFormat),
		string(scan.Home), scan.Reviewed, len(scan.Assets), len(scan.AllGaps()),
		counts[reach.CategoryHome], counts[reach.CategoryHomeForeign], counts[reach.CategoryForeign], counts[reach.CategoryUnknown])
	if err != nil {
		return 0, s.wrap("save scan", err)
	}
	if id, err = res.LastInsertId(); err != nil {
		return 0, s.wrap("save scan: read its id", err)
	}
	if err := insertItems(ctx, tx, id, scan); err != nil {
		return 0, s.wrap(fmt.Sprintf("save scan %d", id), err)
	}
	if err := tx.Commit(); err != nil {
		return 0, s.wrap(fmt.Sprintf("save scan %d: commit", id), err)
	}
	return id, nil
}

func insertItems(ctx context.Context, tx *sql.Tx, id int64, scan *inventory.Scan) error {
	itemStmt, err := tx.PrepareContext(ctx, `INSERT INTO items
		(scan_id, seq, provider, account, kind, name, region, host,
		 country, area, city, lat, lon, evidence, confidence, location_note,
		 operator_name, operator_country, operator, category, account_id, detail)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer itemStmt.Close()
	reachStmt, err := tx.PrepareContext(ctx, `INSERT INTO reach
		(scan_id, item_seq, seq, country, basis, law, source, via, contested, note, detail)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer reachStmt.Close()
	gapStmt, err := tx.PrepareContext(ctx, `INSERT INTO gaps
		(scan_id, seq, item_seq, provider, account, region, item, error, hint)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer gapStmt.Close()
	tagStmt, err := tx.PrepareContext(ctx, `INSERT INTO tags (scan_id, item_seq, key, value) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer tagStmt.Close()

	gapSeq := 0
	addGap := func(itemSeq any, g providers.Gap) error {
		_, err := gapStmt.ExecContext(ctx, id, gapSeq, itemSeq, g.Provider, g.Account, g.Region, g.Item, g.Error, g.Hint)
		gapSeq++
		return err
	}
	for _, g := range scan.Gaps {
		if err := addGap(nil, g); err != nil {
			return fmt.Errorf("gap: %w", err)
		}
	}
	for i, it := range scan.Assets {
		op, err := json.Marshal(it.Operator)
		if err != nil {
			return fmt.Errorf("item %s: operator: %w", it.Name, err)
		}
		l := it.Location
		if !finite(l.Lat) || !finite(l.Lon) {
			return fmt.Errorf("item %s: coordinates %v, %v are not numbers", it.Name, l.Lat, l.Lon)
		}
		detail, err := itemDetail(it)
		if err != nil {
			return fmt.Errorf("item %s: %w", it.Name, err)
		}
		if _, err := itemStmt.ExecContext(ctx, id, i, it.Provider, it.Account, string(it.Kind), it.Name, it.Region, it.Host,
			l.Country, l.Area, l.City, l.Lat, l.Lon, string(l.Evidence), string(l.Confidence), l.Note,
			it.Operator.Name, it.Operator.Country, string(op), string(it.Category), it.AccountID, detail); err != nil {
			return fmt.Errorf("item %s: %w", it.Name, err)
		}
		for k, j := range it.Reach {
			jd, err := json.Marshal(j)
			if err != nil {
				return fmt.Errorf("item %s: reach: %w", it.Name, err)
			}
			if _, err := reachStmt.ExecContext(ctx, id, i, k, j.Country, string(j.Basis), j.Law, j.Source, j.Via, j.Contested, j.Note, string(jd)); err != nil {
				return fmt.Errorf("item %s: reach: %w", it.Name, err)
			}
		}
		for _, g := range it.Gaps {
			if err := addGap(i, g); err != nil {
				return fmt.Errorf("item %s: gap: %w", it.Name, err)
			}
		}
		for k, v := range it.Tags {
			if _, err := tagStmt.ExecContext(ctx, id, i, k, v); err != nil {
				return fmt.Errorf("item %s: tag %s: %w", it.Name, k, err)
			}
		}
	}
	return nil
}

// Get loads a saved scan. It returns an error wrapping ErrNotFound when no
// scan has that id.
//
// A loaded scan equals the saved one with these normal forms: times are in
// UTC, Assets, Gaps and every item's Reach and Gaps are empty slices rather
// than nil, and an item without tags has nil Tags.
func (s *Store) Get(ctx context.Context, id int64) (*inventory.Scan, error) {
	// One read transaction: a scan saved by another process meanwhile
	// cannot mix into the one being read.
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, s.wrap("load scan", err)
	}
	defer tx.Rollback()
	scan, err := load(ctx, tx, id)
	if err != nil {
		return nil, s.wrap(fmt.Sprintf("load scan %d", id), err)
	}
	return scan, nil
}

// Last loads the newest saved scan (the one with the largest id), or
// returns nil, nil when the store holds none.
func (s *Store) Last(ctx context.Context) (*inventory.Scan, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, s.wrap("load last scan", err)
	}
	defer tx.Rollback()
	var id int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM scans ORDER BY id DESC LIMIT 1`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, s.wrap("load last scan", err)
	}
	scan, err := load(ctx, tx, id)
	if err != nil {
		return nil, s.wrap(fmt.Sprintf("load last scan (%d)", id), err)
	}
	return scan, nil
}

// List returns a summary of every saved scan, newest first.
func (s *Store) List(ctx context.Context) ([]Summary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, scanned_at, saved_at, home, kb_reviewed, items, gaps,
		n_home, n_home_foreign, n_foreign, n_unknown FROM scans ORDER BY id DESC`)
	if err != nil {
		return nil, s.wrap("list scans", err)
	}
	defer rows.Close()
	out := []Summary{}
	for rows.Next() {
		var (
			sum                       Summary
			scanned, saved, home      string
			nHome, nHF, nFor, nUnkown int
		)
		if err := rows.Scan(&sum.ID, &scanned, &saved, &home, &sum.Reviewed, &sum.Items, &sum.Gaps,
			&nHome, &nHF, &nFor, &nUnkown); err != nil {
			return nil, s.wrap("list scans", err)
		}
		if sum.ScannedAt, err = parseTime(scanned); err != nil {
			return nil, s.wrap(fmt.Sprintf("list scans: scan %d", sum.ID), err)
		}
		if sum.SavedAt, err = parseTime(saved); err != nil {
			return nil, s.wrap(fmt.Sprintf("list scans: scan %d", sum.ID), err)
		}
		sum.Home = reach.Home(home)
		sum.Counts = map[reach.Category]int{
			reach.CategoryHome: nHome, reach.CategoryHomeForeign: nHF,
			reach.CategoryForeign: nFor, reach.CategoryUnknown: nUnkown,
		}
		out = append(out, sum)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("list scans", err)
	}
	return out, nil
}

// querier is what load needs of a transaction.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// load reads one scan with four queries (items, reach, gaps, tags), each
// in scan order, so that loading costs a few milliseconds per thousand
// items and the window can open on it at once.
func load(ctx context.Context, q querier, id int64) (*inventory.Scan, error) {
	var scanned, home string
	scan := &inventory.Scan{Assets: []inventory.Item{}, Gaps: []providers.Gap{}}
	var nItems int
	err := q.QueryRowContext(ctx, `SELECT scanned_at, home, kb_reviewed, items FROM scans WHERE id = ?`, id).
		Scan(&scanned, &home, &scan.Reviewed, &nItems)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: %d", ErrNotFound, id)
	}
	if err != nil {
		return nil, err
	}
	if scan.ScannedAt, err = parseTime(scanned); err != nil {
		return nil, err
	}
	scan.Home = reach.Home(home)
	scan.Assets = make([]inventory.Item, 0, nItems)

	in := newInterner()
	if err := loadItems(ctx, q, id, scan, in); err != nil {
		return nil, fmt.Errorf("items: %w", err)
	}
	if len(scan.Assets) != nItems {
		return nil, fmt.Errorf("%w: scan %d records %d items but holds %d", ErrCorrupt, id, nItems, len(scan.Assets))
	}
	if err := loadReach(ctx, q, id, scan, in); err != nil {
		return nil, fmt.Errorf("reach: %w", err)
	}
	if err := loadGaps(ctx, q, id, scan, in); err != nil {
		return nil, fmt.Errorf("gaps: %w", err)
	}
	if err := loadTags(ctx, q, id, scan, in); err != nil {
		return nil, fmt.Errorf("tags: %w", err)
	}
	in.shareTags(scan.Assets)
	return scan, nil
}

func loadItems(ctx context.Context, q querier, id int64, scan *inventory.Scan, in *interner) error {
	rows, err := q.QueryContext(ctx, `SELECT seq, provider, account, kind, name, region, host,
		country, area, city, lat, lon, evidence, confidence, location_note, operator, category, account_id, detail
		FROM items WHERE scan_id = ? ORDER BY seq`, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			it                              inventory.Item
			seq                             int
			kind, evidence, confidence, cat string
			op, detail                      []byte
		)
		l := &it.Location
		if err := rows.Scan(&seq, &it.Provider, &it.Account, &kind, &it.Name, &it.Region, &it.Host,
			&l.Country, &l.Area, &l.City, &l.Lat, &l.Lon, &evidence, &confidence, &l.Note, &op, &cat,
			&it.AccountID, &detail); err != nil {
			return err
		}
		if len(detail) > 0 {
			// The full record holds the fields without a column; the
			// columns below still decide the ones they hold.
			if err := json.Unmarshal(detail, &it); err != nil {
				return fmt.Errorf("%w: item %d: detail: %v", ErrCorrupt, seq, err)
			}
		}
		if seq != len(scan.Assets) {
			return fmt.Errorf("%w: item %d missing", ErrCorrupt, len(scan.Assets))
		}
		if err := json.Unmarshal(op, &it.Operator); err != nil {
			return fmt.Errorf("%w: item %d: operator: %v", ErrCorrupt, seq, err)
		}
		it.Kind = providers.Kind(kind)
		l.Evidence, l.Confidence = geo.Evidence(evidence), geo.Confidence(confidence)
		it.Category = reach.Category(cat)
		it.Reach = []reach.Jurisdiction{}
		it.Gaps = []providers.Gap{}
		in.item(&it)
		scan.Assets = append(scan.Assets, it)
	}
	return rows.Err()
}

// item returns the item a child row points at, or an error when the row
// names an item the scan does not have.
func item(scan *inventory.Scan, seq int) (*inventory.Item, error) {
	if seq < 0 || seq >= len(scan.Assets) {
		return nil, fmt.Errorf("%w: row for item %d of %d", ErrCorrupt, seq, len(scan.Assets))
	}
	return &scan.Assets[seq], nil
}

func loadReach(ctx context.Context, q querier, id int64, scan *inventory.Scan, in *interner) error {
	rows, err := q.QueryContext(ctx, `SELECT item_seq, country, basis, law, source, via, contested, note, detail
		FROM reach WHERE scan_id = ? ORDER BY item_seq, seq`, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	// An item's rows are read into buf and keyed by their raw columns;
	// items whose rows are the same (every bucket of one region at one
	// provider) share one exactly sized list (interner.reach).
	var (
		buf   []reach.Jurisdiction
		key   strings.Builder
		cur   = -1
		flush = func() {
			if cur >= 0 {
				scan.Assets[cur].Reach = in.reach(key.String(), buf)
			}
		}
	)
	for rows.Next() {
		var (
			seq    int
			j      reach.Jurisdiction
			basis  string
			detail []byte
		)
		if err := rows.Scan(&seq, &j.Country, &basis, &j.Law, &j.Source, &j.Via, &j.Contested, &j.Note, &detail); err != nil {
			return err
		}
		if _, err := item(scan, seq); err != nil {
			return err
		}
		if seq != cur {
			if seq < cur {
				return fmt.Errorf("%w: reach rows out of order at item %d", ErrCorrupt, seq)
			}
			flush()
			cur, buf = seq, buf[:0]
			key.Reset()
		}
		key.WriteString(lengthPrefixed(j.Country, basis, j.Law, j.Source, j.Via, strconv.FormatBool(j.Contested), j.Note, string(detail)))
		if len(detail) > 0 {
			var full reach.Jurisdiction
			if err := json.Unmarshal(detail, &full); err != nil {
				return fmt.Errorf("%w: item %d: reach detail: %v", ErrCorrupt, seq, err)
			}
			// Fields without a column come from the record.
			full.Country, full.Law, full.Source, full.Via, full.Contested, full.Note = j.Country, j.Law, j.Source, j.Via, j.Contested, j.Note
			j = full
		}
		j.Basis = reach.Basis(basis)
		in.jurisdiction(&j)
		buf = append(buf, j)
	}
	flush()
	return rows.Err()
}

func loadGaps(ctx context.Context, q querier, id int64, scan *inventory.Scan, in *interner) error {
	rows, err := q.QueryContext(ctx, `SELECT item_seq, provider, account, region, item, error, hint
		FROM gaps WHERE scan_id = ? ORDER BY seq`, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			seq sql.NullInt64
			g   providers.Gap
		)
		if err := rows.Scan(&seq, &g.Provider, &g.Account, &g.Region, &g.Item, &g.Error, &g.Hint); err != nil {
			return err
		}
		in.gap(&g)
		if !seq.Valid {
			scan.Gaps = append(scan.Gaps, g)
			continue
		}
		it, err := item(scan, int(seq.Int64))
		if err != nil {
			return err
		}
		it.Gaps = append(it.Gaps, g)
	}
	return rows.Err()
}

func loadTags(ctx context.Context, q querier, id int64, scan *inventory.Scan, in *interner) error {
	rows, err := q.QueryContext(ctx, `SELECT item_seq, key, value FROM tags WHERE scan_id = ?`, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			seq        int
			key, value string
		)
		if err := rows.Scan(&seq, &key, &value); err != nil {
			return err
		}
		it, err := item(scan, seq)
		if err != nil {
			return err
		}
		if it.Tags == nil {
			it.Tags = map[string]string{}
		}
		internStr(in, &key)
		internStr(in, &value)
		it.Tags[key] = value
	}
	return rows.Err()
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeFormat, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: time %q: %v", ErrCorrupt, s, err)
	}
	return t.UTC(), nil
}

// itemDetail is the item's JSON record without the parts that have rows of
// their own (reach, gaps, tags): what keeps its copies, and any field the
// contract gains later, through a save and a load.
func itemDetail(it inventory.Item) (string, error) {
	it.Reach, it.Gaps, it.Tags = nil, nil, nil
	b, err := json.Marshal(it)
	if err != nil {
		return "", fmt.Errorf("detail: %w", err)
	}
	return string(b), nil
}
