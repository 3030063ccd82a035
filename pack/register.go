package pack

import (
	"encoding/csv"
	"io"
	"slices"
	"strings"

	"github.com/reachmap/reachmap/report"
)

// bom starts the register so that spreadsheet programs read it as UTF-8.
const bom = "\ufeff"

// RegisterHeader is the register's column heads in the view's language:
// the columns of a DPO's record of processing.
func RegisterHeader(v report.View) []string {
	w := v.W
	return []string{w.DataStore, w.Account, w.Provider, w.Territory, w.City, w.Operator, w.Parent,
		w.ContractingEntity, w.Laws, w.Sources, w.Strength, w.Category, w.Confidence, w.Evidence, w.Copies, w.Gaps}
}

// WriteRegister writes register.csv: a byte order mark, the header in the
// view's language, then one row per data store in the order of the
// reports. Lists within a cell are joined with "; ".
func WriteRegister(w io.Writer, v report.View) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(RegisterHeader(v)); err != nil {
		return err
	}
	for _, it := range v.Items {
		if err := cw.Write(registerRow(it, v.W.Colon)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func registerRow(it report.ItemView, colon string) []string {
	var laws, sources, strength []string
	for _, r := range it.Reach {
		for _, l := range r.Laws {
			laws = appendNew(laws, r.Country+colon+l.Label)
			if l.URL != "" {
				sources = appendNew(sources, l.URL)
			}
		}
		if r.StrengthWord != "" {
			strength = appendNew(strength, r.Country+colon+r.StrengthWord)
		}
	}
	name := it.Name
	if it.Kind != "" {
		name += " (" + it.Kind + ")"
	}
	return []string{
		name, it.Account, it.Provider, it.Place, it.City, it.Operator, strings.Join(it.Chain, "; "),
		it.ContractingEntity, strings.Join(laws, "; "), strings.Join(sources, "; "), strings.Join(strength, "; "),
		it.CatLabel, it.Confidence, it.EvidenceKind, strings.Join(it.Copies, "; "), strings.Join(it.Gaps, "; "),
	}
}

func appendNew(xs []string, x string) []string {
	if slices.Contains(xs, x) {
		return xs
	}
	return append(xs, x)
}
