package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/reach"
)

// explain's text: the place, the operator, the reach and the category of
// one region, for a person at a terminal.

func (e explanation) writeText(w io.Writer) {
	name := reach.ProviderName(e.provider)
	subject := name
	switch {
	case e.region == "default":
		// A provider with one site: its name says it all.
	case e.region != "" && e.regionName != "":
		subject += " " + e.region + " (" + e.regionName + ")"
	case e.region != "":
		subject += " " + e.region
	}
	if e.loc.Known() {
		ev := say.EvidenceSentence(e.loc)
		if e.region == "default" {
			ev = say.StatedEvidenceSentence(e.loc)
		}
		fmt.Fprintf(w, "%s is %s. %s\n", subject, placePhrase(e.loc), ev)
	} else {
		fmt.Fprintf(w, "Where %s keeps this data is not known.\n", subject)
	}
	if e.loc.Note != "" {
		fmt.Fprintf(w, "  %s\n", sentence(e.loc.Note))
	}
	svc := e.assessment.Service
	if st := say.ServiceStatus(svc.Status, svc.Until, svc.Successor); st != "" {
		fmt.Fprintf(w, "Historic: %s\n", st)
	}
	was := func(now, then string) string {
		if svc.Historic() {
			return then
		}
		return now
	}

	op := e.assessment.Operator
	if op.Country != "" {
		fmt.Fprintf(w, "It %s operated by %s\n", was("is", "was"), say.OperatorSentence(op))
		if op.Note != "" {
			fmt.Fprintf(w, "  %s\n", sentence(op.Note))
		}
		if e.op.Source != "" {
			unv := ""
			if e.op.Unverified {
				unv = "; partly unverified"
			}
			fmt.Fprintf(w, "  Operator source: %s (reviewed %s%s).\n", e.op.Source, e.op.Reviewed, unv)
		}
		for _, line := range []string{say.ContractingEntity(op), say.DPF(op), say.Certifications(op)} {
			if line != "" {
				fmt.Fprintf(w, "  %s\n", line)
			}
		}
		if d := op.DPF; d != nil && d.Note != "" {
			fmt.Fprintf(w, "    %s\n", sentence(d.Note))
		}
	} else {
		fmt.Fprintln(w, "Its operator is not known.")
		if op.Note != "" {
			fmt.Fprintf(w, "  %s\n", sentence(op.Note))
		}
	}

	var reached, context []reach.Jurisdiction
	for _, j := range e.assessment.Reach {
		if j.Basis == reach.BasisAgreement {
			context = append(context, j)
		} else {
			reached = append(reached, j)
		}
	}
	if len(reached) == 0 {
		fmt.Fprintln(w, "Reached by: no jurisdiction Reachmap can name, as neither the place nor the operator is known.")
	} else {
		fmt.Fprintln(w, was("Reached by:", "Was reached by:"))
		for _, j := range reached {
			fmt.Fprintf(w, "  - %s\n", reachLine(j))
			if st := say.LawStatus(j); st != "" {
				fmt.Fprintf(w, "      %s\n", st)
			}
			if st := say.Strength(j); st != "" {
				fmt.Fprintf(w, "      %s\n", st)
			}
			if j.Note != "" {
				fmt.Fprintf(w, "      %s\n", sentence(j.Note))
			}
		}
	}
	blocking := blockingContext(reached)
	if len(context)+len(blocking) > 0 {
		fmt.Fprintln(w, "Context, not reach:")
		for _, j := range context {
			fmt.Fprintf(w, "  - %s: %s.\n", say.CountryName(j.Country), lawsPhrase(reach.LawsOf(j)))
			if j.Note != "" {
				fmt.Fprintf(w, "      %s\n", sentence(j.Note))
			}
		}
		for _, b := range blocking {
			fmt.Fprintf(w, "  - %s: %s.\n", say.CountryName(b.country), lawsPhrase([]reach.Law{b.law}))
			fmt.Fprintf(w, "      Blocking rule: %s\n", sentence(b.law.Summary))
		}
	}
	var foreign []reach.Jurisdiction
	for _, j := range reached {
		if !e.home.Covers(j) {
			foreign = append(foreign, j)
		}
	}
	judged := say.CategorySentence(e.category, foreign, e.home)
	if c := say.ContestedReach(e.assessment.Reach, e.home); c != "" {
		judged += " " + c
	}
	fmt.Fprintf(w, "Relative to %s: %s. %s\n", say.HomeName(e.home), e.category, judged)
	fmt.Fprintf(w, "\n%s\n", reach.Advisory())
}

func reachLine(j reach.Jurisdiction) string {
	var b strings.Builder
	b.WriteString(say.CountryName(j.Country))
	b.WriteString(" (")
	b.WriteString(string(j.Basis))
	if j.Via != "" {
		b.WriteString(", via " + j.Via)
	}
	if j.Strength != "" {
		b.WriteString(", strength " + string(j.Strength))
	}
	b.WriteString(")")
	if laws := reach.LawsOf(j); len(laws) > 0 {
		b.WriteString(": " + lawsPhrase(laws))
	}
	return b.String()
}

func lawsPhrase(laws []reach.Law) string {
	parts := make([]string, 0, len(laws))
	for _, l := range laws {
		p := l.Label() + " — " + l.Source
		if t := say.LawTime(l); t != "" && (l.Kind == reach.LawAgreement || l.Until != "" || l.From > reach.Today()) {
			p += " (" + t + ")"
		}
		if l.Unverified {
			p += " (unverified)"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

type blockingNote struct {
	country string
	law     reach.Law
}

// blockingContext names the blocking statutes of the territory when a
// foreign operator reaches data there: the case they exist for (a US order
// for data in Dublin meets GDPR art. 48).
func blockingContext(reached []reach.Jurisdiction) []blockingNote {
	var out []blockingNote
	for _, t := range reached {
		if t.Basis != reach.BasisTerritorial {
			continue
		}
		foreign := false
		for _, j := range reached {
			if j.Basis == reach.BasisOperator && !sameSoil(t.Country, j.Country) {
				foreign = true
			}
		}
		if !foreign {
			continue
		}
		for _, l := range reach.Blocking(t.Country) {
			out = append(out, blockingNote{t.Country, l})
		}
	}
	return out
}

// sameSoil treats an EU member operator as local to data known only to be
// "somewhere in the EU".
func sameSoil(territory, operator string) bool {
	if territory == operator {
		return true
	}
	return territory == "EU" && reach.HomeEU.Includes(operator)
}

// placePhrase is where a place is, as it reads after "is" in English:
// "in Dublin, Ireland", "in the United States". The sentences around the
// facts (placed, operated, reached by) are explain's own and English
// only; the facts themselves (evidence, owners, category, names) come
// from present, in the window's words.
func placePhrase(l geo.Location) string {
	switch {
	case l.City != "" && l.Country != "":
		return "in " + l.City + ", " + say.CountryName(l.Country)
	case l.Country != "":
		return "in " + theCountry(l.Country)
	case strings.EqualFold(l.Area, "EU"):
		return "somewhere in the EU/EEA"
	default:
		return "in the area " + l.Area
	}
}

// theCountry names a country as it reads after "in": "the United States",
// "Germany".
func theCountry(cc string) string {
	n := say.CountryName(cc)
	switch {
	case strings.HasPrefix(n, "United "), strings.HasSuffix(n, "lands"), strings.HasSuffix(n, "Islands"),
		n == "Philippines", n == "Isle of Man", n == "European Union":
		return "the " + n
	}
	return n
}

// sentence makes a note end like a sentence.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}
