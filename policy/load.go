package policy

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/reachmap/reachmap/reach"
)

// Load reads a policy file. A malformed file gives an error that lists
// every problem found, each as "FILE:LINE: what is wrong".
func Load(path string) (*Policy, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read policy: %w", err)
	}
	return Parse(data, path)
}

// Parse reads a policy from YAML; name stands for the file in messages.
func Parse(data []byte, name string) (*Policy, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, syntaxError(name, err)
	}
	p := &parser{name: name}
	pol := &Policy{Path: name}
	if doc.Kind == 0 || len(doc.Content) == 0 || doc.Content[0].Kind == yaml.ScalarNode && doc.Content[0].Tag == "!!null" {
		return nil, fmt.Errorf("%s: the policy is empty: give a list of rules", name)
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: a policy is a mapping with home and rules", name, root.Line)
	}
	var rules *yaml.Node
	p.fields(root, "policy", []string{"home", "rules"}, func(key string, v *yaml.Node) {
		switch key {
		case "home":
			if s, ok := p.scalar(v, "home"); ok {
				h, err := reach.ParseHome(s)
				if err != nil {
					p.errf(v, "%v", err)
				}
				pol.Home = h
			}
		case "rules":
			rules = v
		}
	})
	switch {
	case rules == nil:
		p.errf(root, "the policy has no rules: add a rules list")
	case rules.Kind != yaml.SequenceNode:
		p.errf(rules, "rules must be a list, each entry starting with -")
	case len(rules.Content) == 0:
		p.errf(rules, "the rules list is empty")
	default:
		for i, rn := range rules.Content {
			if r, ok := p.rule(rn, i); ok {
				pol.Rules = append(pol.Rules, r)
			}
		}
	}
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	return pol, nil
}

// yamlLine finds the line number yaml.v3 puts in its syntax errors.
var yamlLine = regexp.MustCompile(`line (\d+): `)

// syntaxError restates a YAML syntax error as "FILE:LINE: …".
func syntaxError(name string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := yamlLine.FindStringSubmatchIndex(msg); m != nil && m[0] == 0 {
		return fmt.Errorf("%s:%s: %s", name, msg[m[2]:m[3]], msg[m[1]:])
	}
	return fmt.Errorf("%s: %s", name, msg)
}

type parser struct {
	name string
	errs []error
}

func (p *parser) errf(n *yaml.Node, format string, args ...any) {
	p.errs = append(p.errs, fmt.Errorf("%s:%d: %s", p.name, n.Line, fmt.Sprintf(format, args...)))
}

// fields walks a mapping, refusing unknown and repeated keys.
func (p *parser) fields(n *yaml.Node, what string, known []string, each func(key string, v *yaml.Node)) {
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		switch {
		case !slices.Contains(known, key):
			p.errf(k, "unknown key %q in %s (want one of %s)", key, what, strings.Join(known, ", "))
		case seen[key]:
			p.errf(k, "%s: %q is given twice", what, key)
		default:
			seen[key] = true
			each(key, v)
		}
	}
}

func (p *parser) scalar(n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		p.errf(n, "%s must be a single value", what)
		return "", false
	}
	return strings.TrimSpace(n.Value), true
}

// list reads a value or a list of values ("US" or [US, CN]).
func (p *parser) list(n *yaml.Node, what string) []*yaml.Node {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			p.errf(n, "%s is empty", what)
			return nil
		}
		return []*yaml.Node{n}
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			p.errf(n, "%s is empty", what)
		}
		var out []*yaml.Node
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				p.errf(c, "%s: each entry must be a single value", what)
				continue
			}
			out = append(out, c)
		}
		return out
	}
	p.errf(n, "%s must be a value or a list of values", what)
	return nil
}

func (p *parser) boolean(n *yaml.Node, what string) bool {
	s, ok := p.scalar(n, what)
	if !ok {
		return false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		p.errf(n, "%s must be true or false, not %q", what, s)
	}
	return b
}

var ruleKeys = []string{"name", "match", "except", "deny_reach", "allow_reach", "require_category", "basis", "allow_contested", "allow_unknown"}

func (p *parser) rule(n *yaml.Node, i int) (Rule, bool) {
	r := Rule{Name: fmt.Sprintf("rule %d", i+1), Line: n.Line}
	if n.Kind != yaml.MappingNode {
		p.errf(n, "%s must be a mapping such as {deny_reach: [US]}", r.Name)
		return r, false
	}
	before := len(p.errs)
	var demands []string
	p.fields(n, r.Name, ruleKeys, func(key string, v *yaml.Node) {
		switch key {
		case "name":
			if s, ok := p.scalar(v, "name"); ok && s != "" {
				r.Name = s
			}
		case "match":
			r.Match = p.matchers(v, "match")
		case "except":
			r.Except = p.matchers(v, "except")
		case "deny_reach", "allow_reach":
			demands = append(demands, key)
			var js []Jurisdiction
			for _, c := range p.list(v, key) {
				if j, ok := p.jurisdiction(c, key); ok {
					js = append(js, j)
				}
			}
			if key == "deny_reach" {
				r.DenyReach = js
			} else {
				r.AllowReach = js
			}
		case "require_category":
			demands = append(demands, key)
			for _, c := range p.list(v, key) {
				cat := reach.Category(strings.ToLower(strings.TrimSpace(c.Value)))
				if !slices.Contains(reach.Categories, cat) {
					p.errf(c, "require_category: unknown category %q (want home, home+foreign, foreign or unknown)", c.Value)
					continue
				}
				r.RequireCategory = append(r.RequireCategory, cat)
			}
		case "basis":
			for _, c := range p.list(v, key) {
				b := reach.Basis(strings.ToLower(strings.TrimSpace(c.Value)))
				if b != reach.BasisTerritorial && b != reach.BasisOperator {
					p.errf(c, "basis: %q is not territorial or operator", c.Value)
					continue
				}
				r.Basis = append(r.Basis, b)
			}
		case "allow_contested":
			r.AllowContested = p.boolean(v, key)
		case "allow_unknown":
			r.AllowUnknown = p.boolean(v, key)
		}
	})
	switch {
	case len(demands) == 0:
		p.errf(n, "%s demands nothing: give one of deny_reach, allow_reach or require_category", r.Name)
	case len(demands) > 1:
		p.errf(n, "%s gives both %s: write one rule for each", r.Name, strings.Join(demands, " and "))
	case len(r.RequireCategory) > 0 && (len(r.Basis) > 0 || r.AllowContested || r.AllowUnknown):
		p.errf(n, "%s: basis, allow_contested and allow_unknown apply to deny_reach and allow_reach only", r.Name)
	}
	return r, len(p.errs) == before
}

// jurisdiction reads a token of a reach rule.
func (p *parser) jurisdiction(n *yaml.Node, what string) (Jurisdiction, bool) {
	s := strings.TrimSpace(n.Value)
	switch strings.ToLower(s) {
	case "home":
		return JurisdictionHome, true
	case "foreign":
		return JurisdictionForeign, true
	}
	h, err := reach.ParseHome(s)
	if err != nil {
		p.errf(n, "%s: %q is not a jurisdiction: want an ISO country code such as US, EU, home or foreign", what, s)
		return "", false
	}
	return Jurisdiction(h), true
}

var matcherKeys = []string{"provider", "account", "kind", "name", "region", "country", "tag"}

// matchers reads one matcher or a list of them.
func (p *parser) matchers(n *yaml.Node, what string) []Matcher {
	nodes := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		nodes = n.Content
		if len(nodes) == 0 {
			p.errf(n, "%s is empty", what)
		}
	}
	var out []Matcher
	for _, mn := range nodes {
		if mn.Kind != yaml.MappingNode || len(mn.Content) == 0 {
			p.errf(mn, "%s: each entry must be a mapping such as {name: \"*-public\"}", what)
			continue
		}
		m := Matcher{Line: mn.Line}
		p.fields(mn, what, matcherKeys, func(key string, v *yaml.Node) {
			if key == "tag" {
				if v.Kind != yaml.MappingNode || len(v.Content) == 0 {
					p.errf(v, "%s: tag must be a mapping such as {data: health}", what)
					return
				}
				m.Tags = map[string]string{}
				for i := 0; i+1 < len(v.Content); i += 2 {
					k, val := v.Content[i], v.Content[i+1]
					s, ok := p.scalar(val, what+" tag "+k.Value)
					if !ok {
						continue
					}
					if _, dup := m.Tags[k.Value]; dup {
						p.errf(k, "%s: tag %q is given twice", what, k.Value)
					}
					m.Tags[k.Value] = s
				}
				return
			}
			if s, ok := p.scalar(v, what+" "+key); ok {
				if s == "" {
					p.errf(v, "%s %s is empty", what, key)
				}
				switch key {
				case "provider":
					m.Provider = s
				case "account":
					m.Account = s
				case "kind":
					m.Kind = s
				case "name":
					m.Name = s
				case "region":
					m.Region = s
				case "country":
					m.Country = s
				}
			}
		})
		out = append(out, m)
	}
	return out
}
