package present

import (
	"github.com/reachmap/reachmap/reach"
)

// Entity is a company and its country: "Amazon.com, Inc. (United
// States)", or the name alone when the country is not known.
func (s *Speaker) Entity(name, cc string) string {
	if cc == "" {
		return name
	}
	return s.l("{{.Name}} ({{.Country}})", "Name", name, "Country", s.CountryName(cc))
}

// OperatorChain names the operator and the companies that own it:
// "Amazon Web Services, Inc. (United States), owned by Amazon.com, Inc.
// (United States)". It is "" when the operator is not known.
func (s *Speaker) OperatorChain(o reach.Operator) string {
	if o.Name == "" {
		return ""
	}
	out := s.Entity(o.Name, o.Country)
	for _, p := range o.Parents {
		out += ", " + s.l("owned by {{.Name}} ({{.Country}})", "Name", p.Name, "Country", s.CountryName(p.Country))
	}
	return out
}

// Owners names each company that owns the operator, nearest first, for a
// layout that lists them one a line.
func (s *Speaker) Owners(o reach.Operator) []string {
	var out []string
	for _, p := range o.Parents {
		out = append(out, s.Entity(p.Name, p.Country))
	}
	return out
}

// OperatorSentence is the operator chain as a sentence, saying when the
// operator's independence from its parent is contested.
func (s *Speaker) OperatorSentence(o reach.Operator) string {
	if o.Name == "" {
		return s.l("Unknown operator.")
	}
	out := s.OperatorChain(o) + "."
	if o.Contested {
		out += " " + s.l("Its independence from its parent is contested.")
	}
	return out
}
