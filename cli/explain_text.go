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
		ev := evidencePhrase(e.loc)
		if e.region == "default" {
			ev = "the provider's stated location, " + string(e.loc.Confidence) + " confidence"
		}
		fmt.Fprintf(w, "%s is %s (%s).\n", subject, placePhrase(e.loc), ev)
	} else {
		fmt.Fprintf(w, "Where %s keeps this data is not known.\n", subject)
	}
	if e.loc.Note != "" {
		fmt.Fprintf(w, "  %s\n", sentence(e.loc.Note))
	}

	op := e.assessment.Operator
	if op.Country != "" {
		fmt.Fprintf(w, "It is operated by %s%s.\n", entityPhrase(op.Name, op.Country), parentsPhrase(op.Parents))
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
		fmt.Fprintln(w, "Reached by:")
		for _, j := range reached {
			fmt.Fprintf(w, "  - %s\n", reachLine(j))
			if j.Note != "" {
				fmt.Fprintf(w, "      %s\n", sentence(j.Note))
			}
		}
	}
	blocking := blockingContext(reached)
	if len(context)+len(blocking) > 0 {
		fmt.Fprintln(w, "Context, not reach:")
		for _, j := range context {
			fmt.Fprintf(w, "  - %s: %s.\n", reach.CountryLabel(j.Country), lawsPhrase(reach.LawsOf(j)))
			if j.Note != "" {
				fmt.Fprintf(w, "      %s\n", sentence(j.Note))
			}
		}
		for _, b := range blocking {
			fmt.Fprintf(w, "  - %s: %s.\n", reach.CountryLabel(b.country), lawsPhrase([]reach.Law{b.law}))
			fmt.Fprintf(w, "      Blocking rule: %s\n", sentence(b.law.Summary))
		}
	}
	fmt.Fprintf(w, "Relative to %s: %s — %s\n", e.home.Label(), e.category, categoryPhrase(e.category, e.assessment, e.loc, e.home))
	fmt.Fprintf(w, "\n%s\n", reach.Advisory())
}

func reachLine(j reach.Jurisdiction) string {
	var b strings.Builder
	b.WriteString(reach.CountryLabel(j.Country))
	b.WriteString(" (")
	b.WriteString(string(j.Basis))
	if j.Via != "" {
		b.WriteString(", via " + j.Via)
	}
	if j.Contested {
		b.WriteString(", contested")
	}
	b.WriteString(")")
	if laws := reach.LawsOf(j); len(laws) > 0 {
		b.WriteString(": " + lawsPhrase(laws))
	} else if j.Basis == reach.BasisTerritorial {
		b.WriteString(": territorial jurisdiction, no specific law recorded")
	}
	return b.String()
}

func lawsPhrase(laws []reach.Law) string {
	parts := make([]string, 0, len(laws))
	for _, l := range laws {
		p := l.Label() + " — " + l.Source
		if l.InForce != "" && l.Kind == reach.LawAgreement {
			p += " (in force " + l.InForce + ")"
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

func placePhrase(l geo.Location) string {
	switch {
	case l.City != "" && l.Country != "":
		return "in " + l.City + ", " + reach.CountryLabel(l.Country)
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
	n := reach.CountryLabel(cc)
	switch {
	case strings.HasPrefix(n, "United "), strings.HasSuffix(n, "lands"), strings.HasSuffix(n, "Islands"),
		n == "Philippines", n == "Isle of Man", n == "European Union":
		return "the " + n
	}
	return n
}

func evidencePhrase(l geo.Location) string {
	ev := map[geo.Evidence]string{
		geo.EvidenceAPI:     "the provider's API",
		geo.EvidenceCatalog: "region catalog",
		geo.EvidenceDNS:     "DNS host name",
		geo.EvidenceGeoIP:   "GeoIP guess, weak",
	}[l.Evidence]
	if ev == "" {
		ev = string(l.Evidence)
	}
	if l.Confidence != "" {
		ev += ", " + string(l.Confidence) + " confidence"
	}
	return ev
}

func entityPhrase(name, cc string) string {
	return name + " (" + reach.CountryLabel(cc) + ")"
}

func parentsPhrase(ps []reach.Entity) string {
	var b strings.Builder
	for i, p := range ps {
		if i == 0 {
			b.WriteString(", a subsidiary of ")
		} else {
			b.WriteString(", itself owned by ")
		}
		b.WriteString(entityPhrase(p.Name, p.Country))
	}
	return b.String()
}

func categoryPhrase(c reach.Category, a reach.Assessment, loc geo.Location, home reach.Home) string {
	var s string
	switch c {
	case reach.CategoryHome:
		s = "only jurisdictions within " + homeName(home) + " reach it."
	case reach.CategoryHomeForeign:
		s = "on home soil, but a foreign law also reaches it."
	case reach.CategoryForeign:
		s = "stored outside " + homeName(home) + "."
	default:
		switch {
		case a.Operator.Country != "" && loc.Known():
			s = "Reachmap cannot name one territory for this area."
		case a.Operator.Country != "":
			s = "Reachmap cannot tell where it is."
		case loc.Known():
			s = "Reachmap cannot tell who runs it."
		default:
			s = "Reachmap cannot tell where it is or who runs it."
		}
	}
	for _, j := range a.Reach {
		if j.Contested && !home.Includes(j.Country) {
			return s + " Part of that foreign reach is contested."
		}
	}
	return s
}

// homeName is the home as it reads in a sentence: "the EU/EEA", "France".
func homeName(h reach.Home) string {
	if h == reach.HomeEU {
		return "the EU/EEA"
	}
	return theCountry(string(h))
}

// sentence makes a note end like a sentence.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}
