package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/inventory"
)

// changesScreen compares the two newest saved scans: new data under
// foreign reach first, then what is no longer under it, then every item
// added, removed or changed.
type changesScreen struct {
	root     *fyne.Container
	box      *fyne.Container
	sections []changeSection // shown now

	// OnSelect is called when the user picks an item to see on the map.
	OnSelect func(inventory.Identity)
}

func newChangesScreen() *changesScreen {
	c := &changesScreen{box: container.NewVBox()}
	c.root = container.NewStack(container.NewVScroll(container.NewPadded(readable(c.box, 900, false))))
	c.Show(nil, nil, nil)
	return c
}

// changeRow is one item in a section of the Changes screen.
type changeRow struct {
	ID     inventory.Identity
	Name   string
	Detail string
}

// changeSection is a heading and its items; Alarm marks the sections
// about more foreign reach.
type changeSection struct {
	Title string
	Alarm bool
	Good  bool
	Rows  []changeRow
}

// changeSections orders a diff for people, in present's sections. It
// holds no widgets.
func changeSections(ch inventory.Changes) []changeSection {
	var out []changeSection
	for _, sec := range say.Sections(ch) {
		cs := changeSection{Title: sec.Title, Alarm: sec.Alarm, Good: sec.Good}
		for _, it := range sec.Items {
			cs.Rows = append(cs.Rows, changeRow{ID: it.Identity(), Name: it.Name, Detail: say.ItemLine(it)})
		}
		for _, c := range sec.Changes {
			cs.Rows = append(cs.Rows, changeRow{ID: c.New.Identity(), Name: c.New.Name, Detail: say.ChangeLine(c)})
		}
		out = append(out, cs)
	}
	return out
}

// Show fills the screen: ch is nil when no scan is saved; prev is nil
// after the first saved scan. Main thread.
func (c *changesScreen) Show(ch *inventory.Changes, prev, cur *inventory.Scan) {
	c.box.RemoveAll()
	c.sections = nil
	title := widget.NewLabelWithStyle(tr("Changes since the previous scan"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	c.box.Add(title)
	switch {
	case ch == nil || cur == nil:
		c.box.Add(para(tr("No scan of your accounts is saved yet. Each scan is saved on this computer (the demo estate is not); from the second one on, this page shows what changed, above all data that came within reach of a foreign government.")))
		return
	case prev == nil:
		c.box.Add(para(tr("The first saved scan is from {{.When}}. The next scan will show what changed since.", "When", when(cur.ScannedAt))))
		return
	}
	c.box.Add(para(tr("Scan of {{.New}} compared with the scan of {{.Old}}, relative to {{.Home}}.", "New", when(cur.ScannedAt), "Old", when(prev.ScannedAt), "Home", say.HomeName(ch.Home))))
	if ch.Empty() {
		c.box.Add(withIcon(theme.ConfirmIcon(), para(say.Unchanged(*ch))))
		return
	}
	c.sections = changeSections(*ch)
	for _, s := range c.sections {
		c.box.Add(c.section(s))
	}
	c.box.Add(dim(say.Unchanged(*ch)))
}

func (c *changesScreen) onSelect(id inventory.Identity) {
	if c.OnSelect != nil {
		c.OnSelect(id)
	}
}

func (c *changesScreen) section(s changeSection) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(s.Title+" ("+itoa(len(s.Rows))+")", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	icon := theme.InfoIcon()
	switch {
	case s.Alarm:
		head.Importance = widget.DangerImportance
		icon = theme.WarningIcon()
	case s.Good:
		head.Importance = widget.SuccessImportance
		icon = theme.ConfirmIcon()
	}
	box := container.NewVBox(widget.NewSeparator(), withIcon(icon, head))
	for _, r := range s.Rows {
		id := r.ID
		b := &widget.Button{Text: r.Name, Importance: widget.LowImportance, Alignment: widget.ButtonAlignLeading,
			OnTapped: func() { c.onSelect(id) }}
		detail := dim(strings.TrimSpace(r.Detail))
		box.Add(container.NewBorder(nil, nil, b, nil, detail))
	}
	return box
}
