package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"reachmap/reach"
)

// itemTable is the table of all items, driven by an itemView.
type itemTable struct {
	view  *itemView
	table *widget.Table

	// OnSelected is called with an item id when the user picks a row.
	OnSelected func(id int)
	// quiet suppresses OnSelected while the map drives the selection.
	quiet bool
}

func newItemTable(v *itemView) *itemTable {
	t := &itemTable{view: v}
	t.table = widget.NewTableWithHeaders(t.size, t.createCell, t.updateCell)
	t.table.ShowHeaderColumn = false
	t.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	t.table.UpdateHeader = t.updateHeader
	for i, c := range columns {
		t.table.SetColumnWidth(i, c.Width)
	}
	t.table.OnSelected = t.onSelected
	return t
}

func (t *itemTable) size() (int, int) { return len(t.view.rows), len(columns) }

func (t *itemTable) createCell() fyne.CanvasObject {
	sw := canvas.NewRectangle(okGrey)
	sw.SetMinSize(fyne.NewSize(12, 12))
	sw.CornerRadius = 6
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewStack(container.NewCenter(sw), l)
}

func (t *itemTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	st := o.(*fyne.Container)
	sw := st.Objects[0].(*fyne.Container).Objects[0].(*canvas.Rectangle)
	l := st.Objects[1].(*widget.Label)
	if id.Row >= len(t.view.rows) {
		return
	}
	it := t.view.items[t.view.rows[id.Row]]
	if id.Col == 0 {
		sw.FillColor = categoryColor(it.Category)
		sw.Show()
		sw.Refresh()
		l.SetText("")
		return
	}
	sw.Hide()
	l.SetText(columns[id.Col].Text(it))
}

func (t *itemTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 || id.Col >= len(columns) {
		b.SetText("")
		return
	}
	title := columns[id.Col].Title
	if id.Col == t.view.sortCol {
		if t.view.desc {
			title += " ▼"
		} else {
			title += " ▲"
		}
	}
	b.SetText(title)
	col := id.Col
	b.OnTapped = func() {
		t.view.SortBy(col)
		t.table.Refresh()
	}
}

func (t *itemTable) onSelected(id widget.TableCellID) {
	if id.Row < 0 || id.Row >= len(t.view.rows) || t.quiet {
		return
	}
	if t.OnSelected != nil {
		t.OnSelected(t.view.rows[id.Row])
	}
}

// Select shows item id as selected without calling OnSelected. Main thread.
func (t *itemTable) Select(id int) {
	row := t.view.RowOf(id)
	t.quiet = true
	defer func() { t.quiet = false }()
	if row < 0 {
		t.table.UnselectAll()
		return
	}
	cell := widget.TableCellID{Row: row, Col: 1}
	t.table.Select(cell)
	t.table.ScrollTo(cell)
}

// Refresh redraws after the view changed. Main thread.
func (t *itemTable) Refresh() { t.table.Refresh() }

// categoryOptions are the category filter's choices, "All" first.
func categoryOptions() []string {
	out := []string{"All categories"}
	for _, c := range reach.Categories {
		out = append(out, categoryLabel(c))
	}
	return out
}

func categoryFromOption(s string) reach.Category {
	for _, c := range reach.Categories {
		if categoryLabel(c) == s {
			return c
		}
	}
	return ""
}
