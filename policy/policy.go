// Package policy checks a scan against a person's rules: which
// jurisdictions may reach which data. A policy is a small YAML file, for
// example one per client of an IT contractor:
//
//	# client-a: health data stays with EU operators
//	home: EU
//	rules:
//	  - name: nothing under US or Chinese reach
//	    deny_reach: [US, CN]
//	    except:
//	      - name: "*-public"
//	  - name: health data stays home
//	    match: {tag: {data: health}}
//	    require_category: home
//
// A rule picks items with match (any of several matchers; none means every
// item) minus except, then makes exactly one demand of them: deny_reach
// (none of these jurisdictions may reach the item), allow_reach (only
// these may) or require_category (the item's category relative to home).
// Jurisdictions are ISO country codes, EU (every EU/EEA state and the
// Union), home, or foreign (anything outside home).
//
// The policy package imports no GUI toolkit: the CLI turns violations into
// exit code 3, the window marks the violating items.
package policy

import (
	"fmt"
	"slices"
	"strings"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/reach"
)

// Policy is a parsed policy file.
type Policy struct {
	// Path names the file in messages.
	Path string
	// Home, when set, is the home jurisdiction the rules are judged
	// against; otherwise each scan's own home is used.
	Home  reach.Home
	Rules []Rule
}

// Rule is one demand on the items it matches.
type Rule struct {
	// Name is the rule's name in messages: its "name" key, or "rule N".
	Name string
	// Line is where the rule starts in the file.
	Line int
	// Match selects the items the rule applies to: those matching any
	// matcher, or every item when empty. Except removes items again.
	Match  []Matcher
	Except []Matcher

	// Exactly one of DenyReach, AllowReach and RequireCategory is set.
	DenyReach       []Jurisdiction
	AllowReach      []Jurisdiction
	RequireCategory []reach.Category

	// Basis limits the reach entries a reach rule looks at (territorial,
	// operator); empty means both. Agreement entries are context and are
	// never looked at.
	Basis []reach.Basis
	// AllowContested ignores contested reach (a sovereign-cloud
	// subsidiary's foreign parent).
	AllowContested bool
	// AllowUnknown accepts items whose place or operator is unknown under
	// a reach rule. By default they violate it: nothing proves they comply.
	AllowUnknown bool
}

// Matcher selects items. Every field set must match (a glob: * any run of
// characters, ? one character; case is ignored). Country matches the
// country of the item's location, or its area ("EU") when only that is
// known. Tags maps a tag key to a glob for its value ("*": the tag is set).
type Matcher struct {
	Provider, Account, Kind, Name, Region, Country string
	Tags                                           map[string]string
	Line                                           int
}

// Jurisdiction is a token of a reach rule: a country code, "EU" (the
// EU/EEA and the Union), "home" or "foreign".
type Jurisdiction string

const (
	JurisdictionHome    Jurisdiction = "home"
	JurisdictionForeign Jurisdiction = "foreign"
)

// covers reports whether the token covers a reach entry (its country
// code or "EU"), given the home jurisdiction. "home" and "foreign" follow
// reach.Home.Covers, so the Union entry (e-Evidence) is within a member
// state's home as it is in the category.
func (j Jurisdiction) covers(e reach.Jurisdiction, home reach.Home) bool {
	switch j {
	case JurisdictionHome:
		return home.Covers(e)
	case JurisdictionForeign:
		return home != "" && !home.Covers(e)
	}
	return reach.Home(j).Includes(e.Country)
}

// Violation is an item that breaks a rule.
type Violation struct {
	// Index is the item's index in the scan's Assets.
	Index int                `json:"index"`
	Item  inventory.Identity `json:"item"`
	// Rule is the rule's name, RuleIndex its place in the file (from 0),
	// Line its line.
	Rule      string `json:"rule"`
	RuleIndex int    `json:"rule_index"`
	Line      int    `json:"line"`
	// Message says what is wrong, for people.
	Message string `json:"message"`
}

// String is the violation on one line:
// `aws/lumen-prod bucket lumen-old-exports: rule "no US" (line 4): reached by United States (…)`.
func (v Violation) String() string {
	return fmt.Sprintf("%s: rule %q (line %d): %s", v.Item, v.Rule, v.Line, v.Message)
}

// ByItem groups violations by the index of the item they concern, for a
// table that marks violating rows.
func ByItem(vs []Violation) map[int][]Violation {
	out := map[int][]Violation{}
	for _, v := range vs {
		out[v.Index] = append(out[v.Index], v)
	}
	return out
}

// Check returns every violation of the policy in a scan, by item then by
// rule. A nil policy or scan has none.
func (p *Policy) Check(scan *inventory.Scan) []Violation {
	if p == nil || scan == nil {
		return nil
	}
	home := scan.Home
	if p.Home != "" && p.Home != scan.Home {
		// Categories depend on home; reach and location do not.
		scan = scan.WithHome(p.Home)
		home = p.Home
	}
	var out []Violation
	for i, it := range scan.Assets {
		for ri, r := range p.Rules {
			if !r.applies(it) {
				continue
			}
			if msg := r.check(it, home); msg != "" {
				out = append(out, Violation{Index: i, Item: it.Identity(), Rule: r.Name, RuleIndex: ri, Line: r.Line, Message: msg})
			}
		}
	}
	return out
}

func (r Rule) applies(it inventory.Item) bool {
	in := len(r.Match) == 0
	for _, m := range r.Match {
		if m.matches(it) {
			in = true
			break
		}
	}
	if !in {
		return false
	}
	for _, m := range r.Except {
		if m.matches(it) {
			return false
		}
	}
	return true
}

func (m Matcher) matches(it inventory.Item) bool {
	country := it.Location.Country
	if country == "" {
		country = it.Location.Area
	}
	for _, f := range []struct{ pattern, value string }{
		{m.Provider, it.Provider}, {m.Account, it.Account}, {m.Kind, string(it.Kind)},
		{m.Name, it.Name}, {m.Region, it.Region}, {m.Country, country},
	} {
		if f.pattern != "" && !glob(f.pattern, f.value) {
			return false
		}
	}
	for k, pattern := range m.Tags {
		v, ok := tag(it.Tags, k)
		if !ok || !glob(pattern, v) {
			return false
		}
	}
	return true
}

// tag looks a tag up ignoring the case of its key: providers differ in how
// they spell keys, people in how they type them.
func tag(tags map[string]string, key string) (string, bool) {
	if v, ok := tags[key]; ok {
		return v, true
	}
	for k, v := range tags {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return "", false
}

// check returns why an item breaks the rule, or "".
func (r Rule) check(it inventory.Item, home reach.Home) string {
	if len(r.RequireCategory) > 0 {
		if slices.Contains(r.RequireCategory, it.Category) {
			return ""
		}
		var want []string
		for _, c := range r.RequireCategory {
			want = append(want, CategoryLabel(c))
		}
		return fmt.Sprintf("its category is %s; the rule requires %s", CategoryLabel(it.Category), strings.Join(want, " or "))
	}

	var offending []reach.Jurisdiction
	for _, j := range it.Reach {
		if j.Basis == reach.BasisAgreement || (j.Contested && r.AllowContested) ||
			(len(r.Basis) > 0 && !slices.Contains(r.Basis, j.Basis)) {
			continue
		}
		covered := slices.ContainsFunc(r.DenyReach, func(t Jurisdiction) bool { return t.covers(j, home) })
		if len(r.AllowReach) > 0 {
			covered = !slices.ContainsFunc(r.AllowReach, func(t Jurisdiction) bool { return t.covers(j, home) })
		}
		if covered {
			offending = append(offending, j)
		}
	}
	if len(offending) > 0 {
		verb := "which the rule denies"
		if len(r.AllowReach) > 0 {
			verb = "which the rule does not allow"
		}
		return "reached by " + describe(offending) + ", " + verb
	}
	if it.Category == reach.CategoryUnknown && !r.AllowUnknown {
		why := "where it is stored is unknown"
		note := it.Location.Note
		if it.Location.Known() {
			why, note = "who runs it is unknown", it.Operator.Note
		}
		if note != "" {
			why += " (" + note + ")"
		}
		return "cannot be checked: " + why + "; add allow_unknown: true to the rule to accept such items"
	}
	return ""
}

// describe lists reach entries for people, grouped by jurisdiction:
// "United States (territorial; operator: CLOUD Act, 18 U.S.C. § 2713)".
func describe(js []reach.Jurisdiction) string {
	var order []string
	parts := map[string][]string{}
	for _, j := range js {
		cc := strings.ToUpper(j.Country)
		if _, ok := parts[cc]; !ok {
			order = append(order, cc)
		}
		p := string(j.Basis)
		if j.Basis == reach.BasisOperator && j.Law != "" {
			p += ": " + j.Law
		}
		if j.Contested {
			p += ", contested"
		}
		parts[cc] = append(parts[cc], p)
	}
	var out []string
	for _, cc := range order {
		out = append(out, reach.CountryLabel(cc)+" ("+strings.Join(parts[cc], "; ")+")")
	}
	return strings.Join(out, " and ")
}

// CategoryLabel is a category as a person reads it in a violation.
func CategoryLabel(c reach.Category) string {
	switch c {
	case reach.CategoryHome:
		return "home (only home jurisdictions reach it)"
	case reach.CategoryHomeForeign:
		return "home+foreign (on home soil, a foreign law reaches it)"
	case reach.CategoryForeign:
		return "foreign (stored outside home)"
	case reach.CategoryUnknown:
		return "unknown"
	}
	return string(c)
}

// glob matches a whole string against a pattern where * is any run of
// characters and ? one character, ignoring case.
func glob(pattern, s string) bool {
	p, v := []rune(strings.ToLower(pattern)), []rune(strings.ToLower(s))
	// Iterative matching with one backtrack point: linear for the
	// patterns people write, and no recursion on hostile ones.
	pi, vi, star, mark := 0, 0, -1, 0
	for vi < len(v) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == v[vi]):
			pi++
			vi++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, vi
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			vi = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}
