package ui

import (
	"image/color"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/mapdraw"
	"github.com/reachmap/reachmap/policy"
	"github.com/reachmap/reachmap/present"
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

// detailPanel shows one item: where it is and how sure we are, who runs
// it, who can reach it and under which law (one link per law), the
// policy rules it breaks, and what the scan could not see. The advisory
// notice is shown once, at the foot of the panel.
type detailPanel struct {
	box   *fyne.Container
	root  *container.Scroll // box, scrolled
	title string            // the item shown, "" for none

	// OnSelect is called when the user picks another item listed in the
	// panel (one stored at the same place).
	OnSelect func(id int)
}

// detailInput is what the panel shows; it holds no widgets.
type detailInput struct {
	Item       *inventory.Item
	Home       reach.Home
	ByHome     bool // the map's colour mode, for the guide shown with no item
	Violations []policy.Violation
	// Colocated are the other items drawn in the same disc on the map.
	Colocated []colocated
}

type colocated struct {
	ID   int
	Name string
}

func newDetailPanel() *detailPanel {
	d := &detailPanel{box: container.NewVBox()}
	d.root = container.NewVScroll(d.box)
	return d
}

func (d *detailPanel) onSelect(id int) {
	if d.OnSelect != nil {
		d.OnSelect(id)
	}
}

// Show fills the panel for in.Item, or shows how to read the map when it
// is nil. Main thread.
func (d *detailPanel) Show(in detailInput) {
	d.box.RemoveAll()
	d.title = ""
	if in.Item == nil {
		d.showGuide(in.Home, in.ByHome)
	} else {
		d.title = in.Item.Name
		d.showItem(in)
	}
	d.box.Add(widget.NewSeparator())
	d.box.Add(advisoryNotice())
	// Before the window has a size, wrapped text laid out at zero width
	// costs a measurement per word, so only the new set of children is
	// pushed to the renderer (without it the window would keep drawing the
	// panel's previous content); the first layout measures them once.
	if d.root.Size().Width > 0 {
		d.box.Refresh()
		d.root.ScrollToTop()
	} else {
		canvas.Refresh(d.box)
	}
}

// Title is the name of the item shown, "" when none is.
func (d *detailPanel) Title() string { return d.title }

// showGuide explains the map to someone who has never heard of the
// CLOUD Act, while nothing is selected.
func (d *detailPanel) showGuide(home reach.Home, byHome bool) {
	d.box.Add(heading(tr("How to read the map")))
	d.box.Add(para(tr("Each dot is a place where your data is stored: a bucket, a mailbox, a database.")))
	d.box.Add(para(tr("A government can demand data stored on its soil. Some can also demand data from companies based in their country wherever those companies store it: the US CLOUD Act makes a US provider hand over data kept in its Dublin or Frankfurt data centre.")))
	if byHome {
		d.box.Add(withSwatch(mapdraw.CategoryColor(reach.CategoryHome), para(tr("Green: only {{.Home}} law can reach this data.", "Home", say.HomeName(home)))))
		d.box.Add(withSwatch(mapdraw.CategoryColor(reach.CategoryHomeForeign), para(tr("Orange: on {{.Home}} soil, but a foreign law reaches it too, through the company that runs it.", "Home", say.HomeName(home)))))
		d.box.Add(withSwatch(mapdraw.CategoryColor(reach.CategoryForeign), para(tr("Red: stored abroad, so that country's law reaches it."))))
		d.box.Add(para(tr("A disc with a number stands for several places close together; the band round its edge shows their colours. Zoom in or click it to see them. Switch to “By jurisdiction” to see which country's law reaches each one.")))
	} else {
		d.box.Add(para(tr("So the colour of a dot says where the data is, and a ring around it says that another country's law reaches it through the company that runs it. Switch to “Relative to {{.Home}}” to see at once what only {{.Home}} law can reach.", "Home", say.HomeName(home))))
	}
	d.box.Add(dim(tr("Select a dot or a row of the table to see who can reach that data, under which law.")))
}

func (d *detailPanel) showItem(in detailInput) {
	it := in.Item
	title := widget.NewLabelWithStyle(it.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapBreak
	title.SizeName = theme.SizeNameSubHeadingText
	d.box.Add(title)
	d.box.Add(withSwatch(mapdraw.CategoryColor(it.Category), para(say.ItemSentence(*it, in.Home))))
	acct := it.Account
	if it.AccountID != "" && it.AccountID != it.Account {
		acct += " (" + it.AccountID + ")"
	}
	facts := []string{reach.ProviderName(it.Provider), say.Kind(string(it.Kind)), tr("account {{.Account}}", "Account", acct)}
	d.box.Add(dim(strings.Join(facts, " · ")))

	if len(in.Violations) > 0 {
		d.box.Add(heading(tr("Breaks your policy")))
		for _, v := range in.Violations {
			l := para(tr("Rule “{{.Rule}}” (line {{.Line}}): {{.Message}}", "Rule", v.Rule, "Line", v.Line, "Message", v.Message))
			l.Importance = widget.DangerImportance
			d.box.Add(withIcon(theme.ErrorIcon(), l))
		}
	}

	d.box.Add(heading(tr("Where the data is")))
	d.box.Add(para(say.LocationSentence(it.Location, it.Region)))
	if it.Location.Known() || it.Location.Area != "" {
		ev := para(say.EvidenceSentence(it.Location))
		if present.WeakEvidence(it.Location) {
			ev.Importance = widget.WarningImportance
			d.box.Add(withIcon(theme.WarningIcon(), ev))
		} else {
			d.box.Add(ev)
		}
	}
	if it.Location.Note != "" {
		d.box.Add(dim(it.Location.Note))
	}
	if st := say.ServiceStatus(it.Status, it.Until, it.Successor); st != "" {
		l := para(st)
		l.Importance = widget.WarningImportance
		d.box.Add(withIcon(theme.HistoryIcon(), l))
	}

	if len(it.Copies) > 0 {
		d.box.Add(heading(tr("Copies of the data")))
		for _, c := range it.Copies {
			d.box.Add(copyBlock(c))
		}
	}

	d.box.Add(heading(tr("Who runs it")))
	d.box.Add(para(say.OperatorSentence(it.Operator)))
	if it.Operator.Note != "" {
		d.box.Add(dim(it.Operator.Note))
	}
	for _, f := range []string{say.ContractingEntity(it.Operator), say.DPF(it.Operator), say.Certifications(it.Operator)} {
		if f != "" {
			d.box.Add(para(f))
		}
	}

	if it.ProviderConfidence != "" || len(it.Signals) > 0 {
		d.box.Add(heading(tr("How the provider was found")))
		if c := say.ProviderConfidence(it.ProviderConfidence); c != "" {
			d.box.Add(para(c))
		}
		for _, sg := range it.Signals {
			d.box.Add(dim(say.Signal(sg)))
		}
	}

	d.box.Add(heading(tr("Whose laws reach it")))
	var context []reach.Jurisdiction
	n := 0
	for _, j := range it.Reach {
		if j.Basis == reach.BasisAgreement {
			context = append(context, j)
			continue
		}
		d.box.Add(jurisdictionBlock(j))
		n++
	}
	if n == 0 {
		d.box.Add(para(tr("Unknown: the scan could not place this item or name who runs it.")))
	}
	if len(context) > 0 {
		d.box.Add(heading(tr("Treaty channels (context, not reach)")))
		for _, j := range context {
			d.box.Add(jurisdictionBlock(j))
		}
	}

	if len(in.Colocated) > 0 {
		d.box.Add(heading(tr("Also at this place")))
		for _, c := range in.Colocated {
			id := c.ID
			d.box.Add(&widget.Button{Text: c.Name, Importance: widget.LowImportance, Alignment: widget.ButtonAlignLeading,
				OnTapped: func() { d.onSelect(id) }})
		}
	}

	if len(it.Gaps) > 0 {
		d.box.Add(heading(tr("What the scan could not see")))
		for _, g := range it.Gaps {
			d.box.Add(gapBlock(g))
		}
	}
}

// gapBlock shows one gap: where, what went wrong and what to do.
func gapBlock(g providers.Gap) fyne.CanvasObject {
	where := []string{reach.ProviderName(g.Provider)}
	if g.Account != "" {
		where = append(where, tr("account {{.Account}}", "Account", g.Account))
	}
	if g.Region != "" {
		where = append(where, tr("region {{.Region}}", "Region", g.Region))
	}
	if g.Item != "" {
		where = append(where, g.Item)
	}
	box := container.NewVBox(widget.NewLabelWithStyle(strings.Join(where, " · "), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	box.Add(para(g.Error))
	if g.Hint != "" {
		h := para(tr("What to do: {{.Hint}}", "Hint", g.Hint))
		h.Importance = widget.HighImportance
		box.Add(h)
	}
	return withIcon(theme.WarningIcon(), box)
}

func heading(s string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return container.NewVBox(widget.NewSeparator(), l)
}

func para(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// dim is secondary text: notes, hints and summaries, smaller but in the
// normal text colour (Fyne's low-importance grey is too faint to read on
// the dark theme). Not italic: the main window draws regular and bold
// text only, since each further style loads faces of its own, the
// bundled one and the system's fallback (some 3 MB of the window's heap).
func dim(s string) *widget.Label {
	l := para(s)
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// withIcon puts an icon beside the first line of o.
func withIcon(r fyne.Resource, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, container.NewVBox(container.NewPadded(widget.NewIcon(r))), nil, o)
}

// withSwatch puts a coloured dot beside the first line of o.
func withSwatch(c color.Color, o fyne.CanvasObject) fyne.CanvasObject {
	dot := canvas.NewCircle(c)
	// A label's first line sits one inner padding below its top.
	pad := (theme.TextSize()+2*theme.InnerPadding()-14)/2 + 1
	box := container.New(&topOffset{y: pad}, container.NewGridWrap(fyne.NewSquareSize(14), dot))
	return container.NewBorder(nil, nil, box, nil, o)
}

// topOffset lays its one object out at its minimum size, y units down.
type topOffset struct{ y float32 }

func (l *topOffset) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return objs[0].MinSize().AddWidthHeight(0, l.y)
}

func (l *topOffset) Layout(objs []fyne.CanvasObject, _ fyne.Size) {
	objs[0].Move(fyne.NewPos(0, l.y))
	objs[0].Resize(objs[0].MinSize())
}

// advisoryNotice is the one place the panel says what Reachmap is not.
func advisoryNotice() fyne.CanvasObject {
	l := dim(tr("Advisory, not legal advice: Reachmap shows which laws can reach data, from public sources, to help you ask the right questions. Knowledge base reviewed on {{.Date}}.", "Date", reach.Reviewed()))
	return withIcon(theme.InfoIcon(), l)
}

// jurisdictionBlock is one government that reaches the item: its name,
// on what basis, and each law behind it as a link to its source.
func jurisdictionBlock(j reach.Jurisdiction) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(say.CountryName(j.Country)+" — "+say.Basis(j), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	rows := container.NewVBox(head)
	laws := reach.LawsOf(j)
	for _, l := range laws {
		label := l.Label()
		if l.Unverified {
			label += " " + tr("(unverified)")
		}
		rows.Add(lawLink(label, l.Source))
		if l.Summary != "" {
			rows.Add(dim(l.Summary))
		}
	}
	if len(laws) == 0 && j.Law != "" {
		rows.Add(lawLink(j.Law, j.Source))
	}
	if st := say.LawStatus(j); st != "" {
		rows.Add(para(st))
	}
	if st := say.Strength(j); st != "" {
		rows.Add(dim(st))
	}
	if j.Note != "" {
		rows.Add(dim(j.Note))
	}
	if j.Copy != "" {
		rows.Add(dim(tr("Through its copy in {{.Region}}", "Region", j.Copy)))
	}
	return withSwatch(blocOf(j.Country).Color, rows)
}

// copyBlock is one copy: where it is, why, and in which account.
func copyBlock(c inventory.Copy) fyne.CanvasObject {
	rows := container.NewVBox(para(say.LocationSentence(c.Location, c.Region)))
	if c.Why != "" {
		rows.Add(dim(c.Why))
	}
	if c.AccountID != "" {
		rows.Add(dim(tr("In account {{.Account}}", "Account", c.AccountID)))
	}
	return withSwatch(blocOf(c.Location.Country).Color, rows)
}

// lawLink is a law's name linking to its text, or plain text when the
// knowledge base has no usable source.
func lawLink(label, source string) fyne.CanvasObject {
	u, err := url.Parse(source)
	if err != nil || source == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return para(label)
	}
	link := widget.NewHyperlink(label, u)
	link.Wrapping = fyne.TextWrapWord
	return link
}
