package pack

import (
	"fmt"
	"strings"

	"github.com/reachmap/reachmap/report"
)

// The PDF's pages after the summary: every data store, the laws, what
// could not be checked, the accounts, the changes and the closing notice.

// items writes one block per data store: territory with evidence and
// confidence; operator, owners and contracting entity; the laws that reach
// it with their sources; its copies; its gaps.
func (d *doc) items() {
	v := d.v
	d.heading(v.W.DataStores, true)
	d.para(v.ItemsLead, false, 8.5, colMuted)
	d.Ln(2)
	for _, it := range v.Items {
		d.item(it)
	}
}

func (d *doc) item(it report.ItemView) {
	w := d.v.W
	// Keep a store on one page: its lines, each reach with its laws.
	h := 14 + 4.6*8
	for _, r := range it.Reach {
		h += 4.6 + 7.6*float64(len(r.Laws))
	}
	d.room(min(h, pageH-2*margin-10))
	d.Ln(1.5)
	y0, page := d.GetY(), d.PageNo()
	d.indented(4, fmt.Sprintf("%d. %s", it.N, it.Name), true, 10.5, colInk)
	d.indented(4, it.Kind+" · "+it.Provider+" · "+w.Account+" "+it.Account+" · "+it.CatLabel, false, 8.5, colMuted)
	d.Ln(0.8)
	place := it.Place
	if it.Region != "" {
		place += " (" + it.Region + ")"
	}
	if it.Weak {
		place += " — " + w.WeakEvidence
	}
	d.labelled(4, w.Territory, place)
	d.labelled(4, w.Evidence, it.EvidenceKind+"; "+strings.ToLower(w.Confidence)+w.Colon+it.Confidence)
	d.labelled(4, w.Host, it.Host)
	d.labelled(4, w.Operator, it.Operator)
	d.labelled(4, w.Owners, strings.Join(it.Chain, "; "))
	d.labelled(4, w.ContractingEntity, it.ContractingEntity)
	for _, f := range it.OpFacts {
		d.indented(4, f, false, 8.5, colInk)
	}
	if it.Historic != "" {
		d.indented(4, it.Historic, true, 9, catColour["foreign"])
	}
	if it.OpContested {
		d.labelled(4, w.Operator, w.Contested+(map[bool]string{true: " — " + it.OpNote}[it.OpNote != ""]))
	}
	d.labelled(4, w.Category, it.CatSentence)
	if len(it.Reach) == 0 {
		d.labelled(4, w.ReachedBy, w.NoJurisdiction)
	}
	for _, r := range it.Reach {
		d.reach(r)
	}
	for _, r := range it.Context {
		var laws []string
		for _, l := range r.Laws {
			laws = append(laws, l.Label)
		}
		d.labelled(8, w.Context, r.Country+" — "+strings.Join(laws, "; "))
	}
	d.labelled(4, w.Copies, orNone(strings.Join(it.Copies, "; "), w.NoCopies))
	d.labelled(4, w.Gaps, orNone(strings.Join(it.Gaps, "; "), w.NoGapsItem))
	d.labelled(4, w.Tags, it.Tags)
	// A bar in the item's category colour down its left side.
	d.fill(catColour[it.CatKey])
	y1 := d.GetY()
	if d.PageNo() != page {
		y0 = margin
	}
	if y1 > y0 {
		d.Rect(margin, y0, 1.4, y1-y0, "F")
	}
	d.draw(colLine)
	d.SetLineWidth(0.2)
	d.Line(margin, y1+1, pageW-margin, y1+1)
	d.Ln(2)
}

// reach writes one jurisdiction that reaches an item, with each law's
// citation and its source as a link.
func (d *doc) reach(r report.ReachView) {
	w := d.v.W
	head := r.Country + " (" + r.Basis
	if r.StrengthWord != "" {
		head += ", " + w.StrengthShort + w.Colon + r.StrengthWord
	}
	head += ")"
	if r.Status != "" {
		head += " — " + r.Status
	}
	if r.Contested && r.StrengthWord == "" {
		head += " — " + w.Contested
	}
	if r.Via != "" {
		head += " — " + r.Via
	}
	c := catColour["home"]
	if r.Foreign {
		c = catColour["foreign"]
	}
	d.room(12)
	d.fill(c)
	d.Rect(margin+6, d.GetY()+0.8, 1, 3, "F")
	d.labelled(9, w.ReachedBy, head)
	for _, l := range r.Laws {
		label := l.Label
		if l.Unverified {
			label += " (" + w.Unverified + ")"
		}
		d.indented(13, label, false, 8.5, colInk)
		if l.URL != "" {
			d.link(13, l.URL)
		}
	}
	if r.WeakStrength && r.Strength != "" {
		d.indented(13, r.Strength, false, 7.5, colMuted)
	}
	if r.Note != "" {
		d.indented(13, r.Note, false, 7.5, colMuted)
	}
}

// link writes a source as a clickable address.
func (d *doc) link(indent float64, url string) {
	d.SetX(margin + indent)
	d.SetLeftMargin(margin + indent)
	d.font(false, 7.5)
	d.colour(colAccent)
	d.WriteLinkString(3.6, url, url)
	d.SetLeftMargin(margin)
	d.Ln(4)
}

func orNone(s, none string) string {
	if s == "" {
		return none
	}
	return s
}

// laws writes each law cited, once, with its source, then the blocking
// statutes of the territories where data is kept.
func (d *doc) laws() {
	v := d.v
	d.heading(v.W.LawsCited, true)
	d.para(v.W.LawsLead, false, 8.5, colMuted)
	d.Ln(2)
	if len(v.Laws) == 0 {
		d.para(v.W.NoLaw, false, 9.5, colInk)
	}
	for _, l := range v.Laws {
		d.law(l)
	}
	if len(v.Blocking) > 0 {
		d.Ln(3)
		d.para(v.W.BlockingTitle, true, 11, colInk)
		d.para(v.W.BlockingLead, false, 8.5, colMuted)
		d.Ln(2)
		for _, l := range v.Blocking {
			d.law(l)
		}
	}
}

func (d *doc) law(l report.LawView) {
	w := d.v.W
	d.room(24)
	title := l.Name
	if l.Citation != "" {
		title += " — " + l.Citation
	}
	d.para(title, true, 9.5, colInk)
	d.para(l.Meta, false, 7.5, colMuted)
	if l.Summary != "" {
		d.para(l.Summary, false, 8.5, colInk)
	}
	if l.Unverified {
		note := w.NotVerified
		if l.Note != "" {
			note += w.Colon + l.Note
		}
		d.para(note, false, 8, catColour["foreign"])
	}
	if l.URL != "" {
		d.SetX(margin)
		d.font(true, 8)
		d.colour(colMuted)
		d.Write(3.6, w.Source+w.Colon)
		d.link(0, l.URL)
	} else {
		d.para(w.Source+w.Colon+w.NotRecorded, false, 8, colMuted)
	}
	d.Ln(2)
}

// unchecked writes the scan's gaps: accounts denied, regions and items
// it could not look into.
func (d *doc) unchecked() {
	v := d.v
	d.heading(v.W.Unchecked, false)
	if len(v.Gaps) == 0 {
		d.para(v.W.NoGaps, false, 9.5, colInk)
		return
	}
	d.para(v.W.UncheckedLead, false, 8.5, colMuted)
	d.Ln(1)
	for _, g := range v.Gaps {
		where := g.Provider
		for _, s := range []string{g.Account, g.Region, g.Item} {
			if s != "" {
				where += " · " + s
			}
		}
		text := v.W.Colon + g.Error
		if g.Hint != "" {
			text += " — " + v.W.WhatToDo + v.W.Colon + g.Hint
		}
		d.bullet(where, text, catColour["foreign"])
	}
}

// accounts writes every account the scan was given.
func (d *doc) accounts() {
	v := d.v
	d.heading(v.W.AccountsScanned, false)
	d.para(v.W.AccountsLead, false, 8.5, colMuted)
	d.Ln(1)
	for _, a := range v.Accounts {
		d.bullet(a.Provider+" · "+a.Account, v.W.Colon+a.Found, colAccent)
	}
}

// changes is the page of changes since the previous scan.
func (d *doc) changes() {
	v := d.v
	c := v.Changes
	if c == nil {
		return
	}
	d.heading(v.W.Changes, true)
	d.para(c.From, false, 9.5, colMuted)
	d.Ln(2)
	for _, sec := range c.Sections {
		col := colInk
		switch {
		case sec.Alarm:
			col = catColour["foreign"]
		case sec.Good:
			col = catColour["home"]
		}
		d.room(14)
		d.para(fmt.Sprintf("%s (%d)", sec.Title, len(sec.Lines)), true, 10.5, col)
		d.Ln(1)
		for _, l := range sec.Lines {
			d.bullet("", l, col)
		}
		d.Ln(2)
	}
	if c.Unchanged != "" {
		d.para(c.Unchanged, false, 9.5, colInk)
	}
}

// notice closes the document: the scan and knowledge base dates, the
// manifest and the advisory notice.
func (d *doc) notice() {
	v := d.v
	d.heading(v.W.AboutPack, false)
	d.room(70)
	d.para(v.W.Manifest, true, 10, colInk)
	d.Ln(1)
	d.labelled(0, v.W.ToolVersion, "Reachmap "+v.Version)
	d.labelled(0, v.W.KBDate, v.Reviewed)
	d.labelled(0, v.W.ScanID, v.ScanID)
	d.labelled(0, v.W.ScanDate, v.ScannedAt)
	d.labelled(0, v.W.HomeJurisdiction, v.Home)
	d.labelled(0, v.W.Written, v.Generated)
	var files []string
	for _, f := range Files {
		if f != FilePDF {
			files = append(files, f)
		}
	}
	d.labelled(0, v.W.Files, strings.Join(files, ", "))
	d.Ln(3)
	d.advisory()
	d.Ln(3)
	d.para(v.Footer, false, 7.5, colMuted)
}
