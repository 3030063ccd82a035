package inventory

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

// WriteJSON writes the scan in the JSON contract the README states ("Command line").
func WriteJSON(w io.Writer, s *Scan) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

// CSVHeader is the column list of WriteCSV: the JSON contract's fields,
// flattened for a spreadsheet or a record of processing.
var CSVHeader = []string{
	"provider", "account", "kind", "name", "region",
	"country", "city", "lat", "lon", "evidence", "confidence",
	"operator", "operator_country", "reach", "laws", "category", "gaps",
	"scanned_at", "home",
	// Columns added later go at the end, so that a sheet read by column
	// position keeps working.
	"provider_confidence", "signals",
}

// WriteCSV writes one row per item. Reach is written as
// "IE:territorial; US:operator"; laws and gaps are joined with "; ".
func WriteCSV(w io.Writer, s *Scan) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, it := range s.Assets {
		var rs, laws, gaps []string
		for _, j := range it.Reach {
			r := j.Country + ":" + string(j.Basis)
			if j.Contested {
				r += "(contested)"
			}
			rs = append(rs, r)
			if j.Law != "" {
				laws = append(laws, j.Law)
			}
		}
		for _, g := range it.Gaps {
			gaps = append(gaps, g.Error)
		}
		loc := it.Location
		row := []string{
			it.Provider, it.Account, string(it.Kind), it.Name, it.Region,
			cmpOr(loc.Country, loc.Area), loc.City, ftoa(loc.Lat), ftoa(loc.Lon), string(loc.Evidence), string(loc.Confidence),
			it.Operator.Name, it.Operator.Country, strings.Join(rs, "; "), strings.Join(dedupe(laws), "; "),
			string(it.Category), strings.Join(gaps, "; "),
			s.ScannedAt.Format("2006-01-02T15:04:05Z07:00"), string(s.Home),
			string(it.ProviderConfidence), signalsCell(it.Signals),
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Formats lists the output formats Write knows.
var Formats = []string{"json", "csv"}

// Write writes the scan in the named format.
func Write(w io.Writer, s *Scan, format string) error {
	switch format {
	case "json":
		return WriteJSON(w, s)
	case "csv":
		return WriteCSV(w, s)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// ReadJSON reads a scan written by WriteJSON.
func ReadJSON(r io.Reader) (*Scan, error) {
	var s Scan
	if err := json.NewDecoder(r).Decode(&s); err != nil {
		return nil, fmt.Errorf("read scan: %w", err)
	}
	if _, err := reach.ParseHome(string(s.Home)); err != nil {
		return nil, fmt.Errorf("read scan: home: %w", err)
	}
	return &s, nil
}

// signalsCell writes signals as "mx: example.ch MX 10 host (seppmail)",
// joined with "; ".
func signalsCell(sigs []providers.Signal) string {
	out := make([]string, 0, len(sigs))
	for _, sg := range sigs {
		c := sg.Probe + ": " + sg.Record
		if sg.Provider != "" {
			c += " (" + sg.Provider + ")"
		}
		out = append(out, c)
	}
	return strings.Join(out, "; ")
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
