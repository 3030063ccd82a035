package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/reach"
)

// filterBar is the search entry and the facet filters above the table.
type filterBar struct {
	root    *fyne.Container
	search  *widget.Entry
	selects [facetCategory + 1]*widget.Select
	opts    [facetCategory + 1][]option
	count   *widget.Label
	clear   *widget.Button

	view *itemView
	// OnChanged is called after the user changed the filter.
	OnChanged func()
	quiet     bool
}

// facetAll is the first choice of each facet's selector.
func facetAll(fc facet) string {
	switch fc {
	case facetProvider:
		return tr("All providers")
	case facetAccount:
		return tr("All accounts")
	case facetCountry:
		return tr("All countries")
	case facetKind:
		return tr("All kinds")
	}
	return tr("All categories")
}

// facetName is what an unset selector shows: short, for a narrow box.
func facetName(fc facet) string {
	switch fc {
	case facetProvider:
		return tr("Provider")
	case facetAccount:
		return tr("Account")
	case facetCountry:
		return tr("Country")
	case facetKind:
		return tr("Kind")
	}
	return tr("Category")
}

func newFilterBar(v *itemView) *filterBar {
	f := &filterBar{view: v}
	f.search = widget.NewEntry()
	f.search.SetPlaceHolder(tr("Search (Ctrl+F)"))
	f.search.OnChanged = f.onSearch
	f.count = &widget.Label{}
	f.clear = &widget.Button{Text: tr("Clear"), Icon: theme.ContentClearIcon(), Importance: widget.LowImportance, OnTapped: f.Clear}
	// Fixed widths: a selector as wide as its choice would make the row
	// jump at every pick.
	grid := container.NewHBox()
	cell := fyne.NewSize(110, f.search.MinSize().Height)
	for fc := range f.selects {
		s := widget.NewSelect(nil, f.onFacet)
		s.PlaceHolder = facetName(facet(fc))
		f.selects[fc] = s
		grid.Add(container.NewGridWrap(cell, s))
	}
	f.root = container.NewBorder(nil, nil, nil, container.NewHBox(grid, f.count, f.clear), f.search)
	return f
}

// Refill rebuilds each facet's choices from the view's items, keeping
// the current choice where it still exists. Main thread.
func (f *filterBar) Refill() {
	f.quiet = true
	defer func() { f.quiet = false }()
	cur := f.view.Filter()
	want := [...]string{cur.Provider, cur.Account, cur.Country, cur.Kind, string(cur.Category)}
	for fc, s := range f.selects {
		f.opts[fc] = f.view.Options(facet(fc))
		labels := []string{facetAll(facet(fc))}
		sel := 0
		for i, o := range f.opts[fc] {
			labels = append(labels, fmt.Sprintf("%s (%d)", o.Label, o.Count))
			if o.Value == want[fc] && want[fc] != "" {
				sel = i + 1
			}
		}
		s.Options = labels
		if sel == 0 {
			s.ClearSelected()
		} else {
			s.SetSelectedIndex(sel)
		}
	}
	f.quiet = false
	f.changed()
}

// filter reads the widgets.
func (f *filterBar) filter() itemFilter {
	val := func(fc facet) string {
		i := f.selects[fc].SelectedIndex() - 1
		if i < 0 || i >= len(f.opts[fc]) {
			return ""
		}
		return f.opts[fc][i].Value
	}
	return itemFilter{
		Query:    f.search.Text,
		Provider: val(facetProvider),
		Account:  val(facetAccount),
		Country:  val(facetCountry),
		Kind:     val(facetKind),
		Category: reach.Category(val(facetCategory)),
	}
}

func (f *filterBar) changed() {
	if f.quiet {
		return
	}
	// "All …" shows as the facet's short name.
	f.quiet = true
	for _, s := range f.selects {
		if s.SelectedIndex() == 0 {
			s.ClearSelected()
		}
	}
	f.quiet = false
	flt := f.filter()
	f.view.SetFilter(flt)
	f.count.SetText(f.view.Summary())
	if flt.Active() {
		f.clear.Enable()
	} else {
		f.clear.Disable()
	}
	if f.OnChanged != nil {
		f.OnChanged()
	}
}

// SetFacet picks a value of one facet ("" for all). Main thread.
func (f *filterBar) SetFacet(fc facet, value string) {
	for i, o := range f.opts[fc] {
		if o.Value == value {
			f.selects[fc].SetSelectedIndex(i + 1)
			return
		}
	}
	f.selects[fc].ClearSelected()
}

// Focus puts the cursor in the search entry. Main thread.
func (f *filterBar) Focus(c fyne.Canvas) { c.Focus(f.search) }

func (f *filterBar) onSearch(string) { f.changed() }
func (f *filterBar) onFacet(string)  { f.changed() }

// Clear removes every filter. Main thread.
func (f *filterBar) Clear() {
	f.quiet = true
	f.search.SetText("")
	for _, s := range f.selects {
		s.ClearSelected()
	}
	f.quiet = false
	f.changed()
}
