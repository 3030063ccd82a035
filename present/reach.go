package present

import (
	"slices"
	"strings"

	"github.com/reachmap/reachmap/reach"
)

// The reach list comes in three lengths, agreements always left out
// (they are context, not reach) and each jurisdiction named once, in the
// order of the list (territory first):
//   - ReachCodes, for a table cell: "IE · US";
//   - ReachNames, for a tooltip or a row: "Ireland, United States";
//   - ReachBases, for a change: "United States (territorial, operator)".

// ReachCodes lists the reaching jurisdictions by code: "IE · US", or "?"
// when none is known.
func ReachCodes(js []reach.Jurisdiction) string {
	cs := reachOrder(js)
	if len(cs) == 0 {
		return "?"
	}
	return strings.Join(cs, " · ")
}

// ReachNames lists the reaching jurisdictions by name: "Ireland, United
// States", or "" when none is known.
func (s *Speaker) ReachNames(js []reach.Jurisdiction) string {
	var names []string
	for _, cc := range reachOrder(js) {
		if n := s.CountryName(cc); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

// ReachBases lists the reaching jurisdictions with the basis of each:
// "United States (territorial, operator)", or "no foreign jurisdiction"
// when the list is empty (it is mostly a list of foreign reach).
func (s *Speaker) ReachBases(js []reach.Jurisdiction) string {
	bases := map[string][]string{}
	for _, j := range js {
		if j.Basis == reach.BasisAgreement {
			continue
		}
		cc := strings.ToUpper(j.Country)
		bases[cc] = append(bases[cc], string(j.Basis))
	}
	order := reachOrder(js)
	if len(order) == 0 {
		return s.l("no foreign jurisdiction")
	}
	out := make([]string, len(order))
	for i, cc := range order {
		out[i] = s.CountryName(cc) + " (" + strings.Join(bases[cc], ", ") + ")"
	}
	return strings.Join(out, ", ")
}

// reachOrder is the codes of the reach list, upper case, once each, in
// order, agreements left out.
func reachOrder(js []reach.Jurisdiction) []string {
	var cs []string
	for _, j := range js {
		cc := strings.ToUpper(j.Country)
		if j.Basis == reach.BasisAgreement || slices.Contains(cs, cc) {
			continue
		}
		cs = append(cs, cc)
	}
	return cs
}

// Basis says why a government reaches the data: "the data is on its
// soil", "through Amazon Web Services, Inc., the company that runs it".
func (s *Speaker) Basis(j reach.Jurisdiction) string {
	var out string
	switch j.Basis {
	case reach.BasisTerritorial:
		out = s.l("the data is on its soil")
	case reach.BasisOperator:
		out = s.l("the company that runs it is based there")
		switch {
		case j.Via != "" && (j.Strength == reach.StrengthControl || j.Strength == reach.StrengthContested):
			out = s.l("through {{.Via}}, which owns the company that runs it", "Via", j.Via)
		case j.Via != "":
			out = s.l("through {{.Via}}, the company that runs it", "Via", j.Via)
		}
	case reach.BasisAgreement:
		out = s.l("treaty channel")
	case reach.BasisUnion:
		out = s.l("Union law: the provider offers services in the Union")
	default:
		out = string(j.Basis)
	}
	if j.Contested {
		out += " " + s.l("(contested)")
	}
	return out
}
