package cli

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/present"
	"github.com/reachmap/reachmap/reach"
	"github.com/reachmap/reachmap/store"
)

// errTooFew is returned when the store holds fewer scans than asked for.
var errTooFew = errors.New("fewer than two scans to compare")

// side is one of the two scans compared: a store id or a file.
type side struct {
	ID        int64      `json:"id,omitempty"`
	File      string     `json:"file,omitempty"`
	ScannedAt string     `json:"scanned_at"`
	Home      reach.Home `json:"home"`
	Items     int        `json:"items"`
	scan      *inventory.Scan
}

func (s side) label() string {
	when := s.scan.ScannedAt.UTC().Format("2 Jan 2006 15:04 MST")
	if s.File != "" {
		return s.File + " (" + when + ")"
	}
	return say.ScanLabel(s.ID, when)
}

func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	db := fs.String("db", "", "the scan store (default: "+defaultStoreHint()+")")
	format := fs.String("format", "text", "output format: text or json")
	lang := langFlag(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `Usage: reachmap diff [OLD [NEW]] [--db PATH] [--format text|json] [--lang en|fr]

Shows what changed between two scans: stores added, removed, moved or
re-operated, and above all data newly under foreign reach. OLD and NEW are
ids of saved scans or JSON files written by 'reachmap scan --format json'.
With no argument it compares the last two saved scans; with one, that scan
with the last one. Exit 1 when there are fewer than two scans.`)
		fs.PrintDefaults()
	}
	// Flags may come after the scans: reachmap diff 3 4 --format json.
	pos, code, done := parseInterleaved(fs, args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) > 2 {
		fmt.Fprintf(stderr, "reachmap diff: unexpected argument %q: give at most two scans\n", pos[2])
		return ExitUsage
	}
	if !useLanguage("diff", *lang, stderr) {
		return ExitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "reachmap diff: --format %q: want text or json\n", *format)
		return ExitUsage
	}

	old, cur, err := diffSides(context.Background(), *db, pos)
	if err != nil {
		fmt.Fprintf(stderr, "reachmap diff: %v\n", err)
		return ExitFailed
	}
	ch := inventory.Diff(old.scan, cur.scan)
	if *format == "json" {
		err = writeDiffJSON(stdout, old, cur, ch)
	} else {
		err = writeDiffText(stdout, old, cur, ch)
	}
	if err != nil {
		fmt.Fprintf(stderr, "reachmap diff: %v\n", err)
		return ExitFailed
	}
	return ExitOK
}

// isID tells a store id from a file name: digits only. A file named "3"
// is given as ./3.
func isID(arg string) bool {
	_, err := strconv.ParseInt(arg, 10, 64)
	return err == nil && !strings.ContainsAny(arg, "+-")
}

// diffSides loads the two scans the arguments name. The store is opened
// only when an argument is an id or missing, and never created by diff.
func diffSides(ctx context.Context, db string, pos []string) (old, cur side, err error) {
	var st *store.Store
	openStore := func() (*store.Store, error) {
		if st != nil {
			return st, nil
		}
		path := db
		if path == "" {
			p, err := store.DefaultPath()
			if err != nil {
				return nil, err
			}
			path = p
		}
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%w: no scan store at %s yet (run reachmap scan first, or give --db)", errTooFew, path)
		}
		s, err := store.Open(path)
		if err != nil {
			return nil, err
		}
		st = s
		return st, nil
	}
	defer func() {
		if st != nil {
			st.Close()
		}
	}()

	// Missing arguments are the newest saved scans.
	if len(pos) < 2 {
		s, err := openStore()
		if err != nil {
			return old, cur, err
		}
		list, err := s.List(ctx)
		if err != nil {
			return old, cur, err
		}
		need := 2 - len(pos)
		if len(list) < need || (len(pos) == 1 && isID(pos[0]) && len(list) < 2) {
			return old, cur, fmt.Errorf("%w: the store %s holds %d", errTooFew, s.Path(), len(list))
		}
		if len(pos) == 0 {
			pos = []string{strconv.FormatInt(list[1].ID, 10), strconv.FormatInt(list[0].ID, 10)}
		} else {
			pos = append(pos, strconv.FormatInt(list[0].ID, 10))
		}
	}
	sides := make([]side, 2)
	for i, arg := range pos {
		var sd side
		if isID(arg) {
			s, err := openStore()
			if err != nil {
				return old, cur, err
			}
			sd.ID, _ = strconv.ParseInt(arg, 10, 64)
			if sd.scan, err = s.Get(ctx, sd.ID); err != nil {
				return old, cur, err
			}
		} else {
			sd.File = arg
			if sd.scan, err = readScanFile(arg); err != nil {
				return old, cur, err
			}
		}
		sd.ScannedAt = sd.scan.ScannedAt.UTC().Format("2006-01-02T15:04:05Z07:00")
		sd.Home, sd.Items = sd.scan.Home, len(sd.scan.Assets)
		sides[i] = sd
	}
	return sides[0], sides[1], nil
}

func readScanFile(path string) (*inventory.Scan, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := inventory.ReadJSON(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (want a file written by reachmap scan --format json)", path, err)
	}
	return s, nil
}

// diffJSON is diff's JSON output: the two scans, every change, and the
// lists a script acts on.
type diffJSON struct {
	Old side `json:"old"`
	New side `json:"new"`
	inventory.Changes
	NewForeign      []inventory.Identity `json:"new_foreign"`
	MoreForeign     []inventory.Identity `json:"more_foreign"`
	NoLongerForeign []inventory.Identity `json:"no_longer_foreign"`
	LessForeign     []inventory.Identity `json:"less_foreign"`
}

func writeDiffJSON(w io.Writer, old, cur side, ch inventory.Changes) error {
	ids := func(items []inventory.Item) []inventory.Identity {
		out := []inventory.Identity{}
		for _, it := range items {
			out = append(out, it.Identity())
		}
		return out
	}
	changeIDs := func(cs []inventory.Change) []inventory.Identity {
		out := []inventory.Identity{}
		for _, c := range cs {
			out = append(out, c.New.Identity())
		}
		return out
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(diffJSON{
		Old: old, New: cur, Changes: ch,
		NewForeign: ids(ch.NewForeign()), MoreForeign: changeIDs(ch.MoreForeign()),
		NoLongerForeign: ids(ch.NoLongerForeign()), LessForeign: changeIDs(ch.LessForeign()),
	})
}

// writeDiffText writes what changed for a person reading a cron mail:
// what newly sits under foreign reach first, the details after.
func writeDiffText(w io.Writer, old, cur side, ch inventory.Changes) error {
	p := &printer{w: w}
	p.f("%s\n", say.DiffHeader(old.label(), cur.label(), ch.Home))
	if ch.OldHome != "" {
		p.f("%s\n", say.DiffRejudged(ch.OldHome, ch.Home))
	}
	if ch.Empty() {
		p.f("\n%s\n", say.DiffNone(ch.Unchanged))
		return p.err
	}
	home := ch.Home
	changes := map[inventory.Identity]inventory.Change{}
	for _, c := range ch.Changed {
		changes[c.New.Identity()] = c
	}
	describe := func(it inventory.Item) string {
		if c, ok := changes[it.Identity()]; ok {
			return say.NowReached(changeText(c), say.ReachBases(c.New.Foreign(home)))
		}
		return say.NewReached(where(it), say.ReachBases(it.Foreign(home)))
	}

	for _, sec := range say.Sections(ch) {
		p.f("\n%s (%d):\n", sec.Title, sec.Len())
		for _, it := range sec.Items {
			switch sec.Kind {
			case present.SectionNewForeign:
				p.f("  ! %s: %s\n", it.Identity(), describe(it))
			case present.SectionNoLongerForeign:
				if c, ok := changes[it.Identity()]; ok && c.New.Region == it.Region {
					p.f("  + %s: %s\n", it.Identity(), changeText(c))
				} else {
					p.f("  + %s: %s\n", it.Identity(), say.Removed())
				}
			case present.SectionAdded:
				p.f("  + %s: %s, %s\n", it.Identity(), where(it), it.Category)
			case present.SectionRemoved:
				p.f("  - %s: %s\n", it.Identity(), say.WasAt(where(it), it.Category))
			}
		}
		for _, c := range sec.Changes {
			switch sec.Kind {
			case present.SectionMoreForeign:
				p.f("  ! %s: %s\n", c.New.Identity(), say.NowAlso(changeText(c), say.ReachBases(c.ForeignGained)))
			case present.SectionLessForeign:
				p.f("  + %s: %s\n", c.New.Identity(), say.NoLonger(changeText(c),
					say.ReachBases(c.ForeignLost), say.ReachBases(c.New.Foreign(home))))
			case present.SectionChanged:
				p.f("  ~ %s: %s\n", c.New.Identity(), changeText(c))
			}
		}
	}

	p.f("\n%s\n", say.DiffTotals(len(ch.Added), len(ch.Removed), len(ch.Changed), ch.Unchanged, len(ch.NewForeign()), len(ch.NoLongerForeign())))
	return p.err
}

// changeText says what changed about one store, in one line.
func changeText(c inventory.Change) string {
	var parts []string
	for _, what := range c.What {
		switch what {
		case inventory.ChangeLocation:
			parts = append(parts, say.Moved(where(c.Old), where(c.New)))
		case inventory.ChangeOperator:
			parts = append(parts, say.OperatorChanged(operatorText(c.Old.Operator), operatorText(c.New.Operator)))
		case inventory.ChangeCategory:
			parts = append(parts, say.CategoryChanged(c.Old.Category, c.New.Category))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, say.ReachChanged())
	}
	return strings.Join(parts, "; ")
}

// where is an item's place: "France (eu-west-3)", or "unknown".
func where(it inventory.Item) string {
	l := it.Location
	place := say.UnknownPlace()
	switch {
	case l.Country != "":
		place = say.CountryName(l.Country)
	case l.Area != "":
		place = l.Area
	}
	if it.Region != "" {
		place += " (" + it.Region + ")"
	}
	return place
}

// operatorText is the operator and its owners, or "unknown".
func operatorText(op reach.Operator) string {
	return cmp.Or(say.OperatorChain(op), say.UnknownOperator())
}

// printer keeps the first write error so that the text writer reads
// straight.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) f(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}
