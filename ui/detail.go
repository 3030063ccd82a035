package ui

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"reachmap/geo"
	"reachmap/inventory"
	"reachmap/reach"
)

// detailPanel shows one item: where it is and how sure we are, who runs it,
// who can reach it and under which law, and what the scan could not see.
type detailPanel struct {
	box    *fyne.Container
	scroll *container.Scroll
}

func newDetailPanel() *detailPanel {
	d := &detailPanel{box: container.NewVBox()}
	d.scroll = container.NewVScroll(d.box)
	d.Show(nil, "EU")
	return d
}

// Show fills the panel for it, or shows a hint when it is nil. Main thread.
func (d *detailPanel) Show(it *inventory.Item, home reach.Home) {
	d.box.RemoveAll()
	if it == nil {
		d.box.Add(widget.NewLabelWithStyle("Select an item on the map or in the table", fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
		d.box.Add(advisoryLabel())
		return
	}
	title := widget.NewLabelWithStyle(it.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapBreak
	swatch := canvas.NewRectangle(categoryColor(it.Category))
	swatch.SetMinSize(fyne.NewSize(14, 14))
	swatch.CornerRadius = 7
	d.box.Add(title)
	d.box.Add(container.NewHBox(container.NewCenter(swatch), widget.NewLabel(categorySentence(*it, home))))
	d.box.Add(para(fmt.Sprintf("%s · %s · account %s", reach.ProviderName(it.Provider), it.Kind, it.Account)))

	d.box.Add(heading("Where the data is"))
	d.box.Add(para(locationSentence(it.Location, it.Region)))

	d.box.Add(heading("Who runs it"))
	d.box.Add(para(operatorSentence(it.Operator)))

	d.box.Add(heading("Whose laws reach it"))
	for _, j := range it.Reach {
		d.box.Add(jurisdictionRow(j))
	}
	if len(it.Reach) == 0 {
		d.box.Add(para("Unknown: the scan could not place this item."))
	}

	if len(it.Gaps) > 0 {
		d.box.Add(heading("What the scan could not see"))
		for _, g := range it.Gaps {
			s := g.Error
			if g.Hint != "" {
				s += "\nWhat to do: " + g.Hint
			}
			d.box.Add(para(s))
		}
	}
	d.box.Add(widget.NewSeparator())
	d.box.Add(advisoryLabel())
	d.scroll.ScrollToTop()
}

func heading(s string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return l
}

func para(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func advisoryLabel() fyne.CanvasObject {
	l := widget.NewLabelWithStyle(reach.Advisory(), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.LowImportance
	return l
}

// jurisdictionRow is "Ireland — territorial" or "United States — operator:
// CLOUD Act, 18 U.S.C. § 2713" with the law as a link to its source.
func jurisdictionRow(j reach.Jurisdiction) fyne.CanvasObject {
	name := geo.CountryName(j.Country)
	if name == "" {
		name = j.Country
	}
	basis := string(j.Basis)
	switch j.Basis {
	case reach.BasisTerritorial:
		basis = "the data sits there"
	case reach.BasisOperator:
		basis = "operator"
		if j.Via != "" {
			basis = "operator, through " + j.Via
		}
	case reach.BasisAgreement:
		basis = "treaty channel (context, not reach)"
	}
	if j.Contested {
		basis += " — contested"
	}
	sw := canvas.NewRectangle(blocOf(j.Country).Color)
	sw.SetMinSize(fyne.NewSize(10, 10))
	head := container.NewHBox(container.NewCenter(sw), widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), widget.NewLabel("("+basis+")"))
	rows := container.NewVBox(head)
	if j.Law != "" {
		if u, err := url.Parse(j.Source); err == nil && j.Source != "" {
			link := widget.NewHyperlink(j.Law, u)
			link.Wrapping = fyne.TextWrapWord
			rows.Add(container.NewPadded(link))
		} else {
			rows.Add(para(j.Law))
		}
	}
	if j.Note != "" {
		n := para(j.Note)
		n.Importance = widget.LowImportance
		rows.Add(n)
	}
	return rows
}

// locationSentence says where, how we know and how sure we are.
func locationSentence(l geo.Location, region string) string {
	var b strings.Builder
	place := placeText(inventory.Item{Location: l})
	if place == "unknown" {
		b.WriteString("Unknown location.")
	} else {
		b.WriteString(place)
		if region != "" {
			b.WriteString(" (region " + region + ")")
		}
		b.WriteString(".")
	}
	fmt.Fprintf(&b, "\nEvidence: %s; confidence: %s.", evidenceText(l.Evidence), l.Confidence)
	if l.Note != "" {
		b.WriteString("\n" + l.Note)
	}
	return b.String()
}

func evidenceText(e geo.Evidence) string {
	switch e {
	case geo.EvidenceAPI:
		return "the provider's own API"
	case geo.EvidenceCatalog:
		return "a documented region code"
	case geo.EvidenceDNS:
		return "a documented hostname pattern"
	case geo.EvidenceGeoIP:
		return "an IP database's guess (registration country, weak)"
	}
	return "none"
}

func operatorSentence(o reach.Operator) string {
	if o.Name == "" {
		return "Unknown operator."
	}
	s := fmt.Sprintf("%s (%s)", o.Name, countryOrCode(o.Country))
	for _, p := range o.Parents {
		s += fmt.Sprintf(", owned by %s (%s)", p.Name, countryOrCode(p.Country))
	}
	s += "."
	if o.Contested {
		s += " Its independence from its parent is contested."
	}
	if o.Note != "" {
		s += "\n" + o.Note
	}
	return s
}

func countryOrCode(cc string) string {
	if n := geo.CountryName(cc); n != "" {
		return n
	}
	return cc
}

// categorySentence explains the category in plain words.
func categorySentence(it inventory.Item, home reach.Home) string {
	foreign := it.Foreign(home)
	var names []string
	for _, j := range foreign {
		n := countryOrCode(j.Country)
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	switch it.Category {
	case reach.CategoryHome:
		return "Only " + home.Label() + " law reaches this data."
	case reach.CategoryHomeForeign:
		return "Stored in " + home.Label() + ", but " + strings.Join(names, " and ") + " law also reaches it."
	case reach.CategoryForeign:
		return "Stored outside " + home.Label() + "; reached by " + strings.Join(names, " and ") + "."
	}
	return "We cannot tell where this is or who runs it."
}
