package present

import (
	"github.com/reachmap/reachmap/reach"
)

// The legal model's finer facts, in words: how strongly a law reaches
// (statute, control, contested), whether it applies yet or lapsed, a
// closed service, the entity an EU customer contracts with, the parent's
// Data Privacy Framework entry and a sovereign offer's certifications.

// Strength says how directly a reach entry's law reaches the data, with
// its reason: "By statute: …", "Through control: …", "Contested: …". It is
// "" for an entry without strength (an agreement, which is context).
func (s *Speaker) Strength(j reach.Jurisdiction) string {
	var out string
	switch j.Strength {
	case reach.StrengthStatute:
		out = s.l("By statute: the law names this kind of company, or the data is on its soil.")
	case reach.StrengthControl:
		out = s.l("Through control: the law reaches a parent that controls the operator.")
	case reach.StrengthContested:
		out = s.l("Contested: a construct designed to cut this reach, or an ownership whose reach is disputed.")
	default:
		return ""
	}
	if j.StrengthReason != "" {
		out += " " + j.StrengthReason
	}
	return out
}

// StrengthWord is the strength alone, for a table or a list: "statute",
// "control", "contested".
func (s *Speaker) StrengthWord(st reach.Strength) string {
	switch st {
	case reach.StrengthStatute:
		return s.l("statute")
	case reach.StrengthControl:
		return s.l("control")
	case reach.StrengthContested:
		return s.l("contested")
	}
	return ""
}

// LawStatus says when an entry's laws do not apply today: "Applies from
// 18 August 2026." or "Lapsed on 12 June 2026.", else "".
func (s *Speaker) LawStatus(j reach.Jurisdiction) string {
	switch j.Status {
	case reach.StatusPending:
		return s.l("Applies from {{.Date}}.", "Date", j.From)
	case reach.StatusLapsed:
		return s.l("Lapsed on {{.Date}}.", "Date", j.Until)
	}
	return ""
}

// LawTime says a law's dates, for a list of laws: "applies from
// 2026-08-18", "in force since 2018-03-23", "lapsed on …", or "".
func (s *Speaker) LawTime(l reach.Law) string {
	today := reach.Today()
	switch {
	case l.Until != "" && today >= l.Until:
		return s.l("lapsed on {{.Date}}", "Date", l.Until)
	case l.From != "" && today < l.From:
		return s.l("applies from {{.Date}}", "Date", l.From)
	case l.From != "":
		return s.l("in force since {{.Date}}", "Date", l.From)
	}
	return ""
}

// ServiceStatus says, in the past tense, that a service has closed:
// "This service closed on 2021-10-29; its successor is
// germanywestcentral." It is "" for a live service.
func (s *Speaker) ServiceStatus(status, until, successor string) string {
	if status != reach.StatusHistoric {
		return ""
	}
	if successor != "" {
		return s.l("This service closed on {{.Until}}; its successor is {{.Successor}}. What follows is how it was.", "Until", until, "Successor", successor)
	}
	return s.l("This service closed on {{.Until}}. What follows is how it was.", "Until", until)
}

// ContractingEntity names the company an EU customer signs with, or "".
func (s *Speaker) ContractingEntity(o reach.Operator) string {
	c := o.ContractingEntity
	if c == nil {
		return ""
	}
	out := s.l("EU customers contract with {{.Entity}}.", "Entity", s.Entity(c.Name, c.Country))
	if c.Unverified {
		out += " " + s.l("(unverified)")
	}
	return out
}

// DPF says whether the ultimate parent is on the Data Privacy Framework
// list, with the date it was checked, or "" when not recorded.
func (s *Speaker) DPF(o reach.Operator) string {
	d := o.DPF
	if d == nil {
		return ""
	}
	var out string
	switch {
	case d.Checked == "" && d.Certified:
		out = s.l("{{.Entity}} says it is certified under the EU–US Data Privacy Framework (the list was not checked).", "Entity", d.Entity)
	case d.Checked == "":
		out = s.l("{{.Entity}} is not known to be on the EU–US Data Privacy Framework list (the list was not checked).", "Entity", d.Entity)
	case d.Certified:
		out = s.l("{{.Entity}} is certified under the EU–US Data Privacy Framework (list checked {{.Date}}).", "Entity", d.Entity, "Date", d.Checked)
	default:
		out = s.l("{{.Entity}} is not on the EU–US Data Privacy Framework list (checked {{.Date}}).", "Entity", d.Entity, "Date", d.Checked)
	}
	if d.Unverified {
		out += " " + s.l("(unverified)")
	}
	return out
}

// Certifications names a sovereign offer's qualifications, or "".
func (s *Speaker) Certifications(o reach.Operator) string {
	if len(o.Certifications) == 0 {
		return ""
	}
	list := ""
	for i, c := range o.Certifications {
		if i > 0 {
			list += ", "
		}
		list += c
	}
	return s.l("Certification: {{.List}}.", "List", list)
}
