package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// itemTable is the table of all items, driven by an itemView: a colour
// swatch per row, headers that sort when tapped, and a selection kept in
// step with the map's.
type itemTable struct {
	view  *itemView
	table *widget.Table

	// OnSelected is called with an item id when the user picks a row.
	OnSelected func(id int)
	// OnSorted is called after a header tap changed the order.
	OnSorted func()
	// quiet suppresses OnSelected while the map drives the selection.
	quiet bool
	// selected is the item the table was last told or tapped to select.
	selected int
}

func newItemTable(v *itemView) *itemTable {
	t := &itemTable{view: v, selected: -1}
	t.table = widget.NewTableWithHeaders(t.size, t.createCell, t.updateCell)
	t.table.ShowHeaderColumn = false
	t.table.CreateHeader = t.createHeader
	t.table.UpdateHeader = t.updateHeader
	for i, c := range columns {
		t.table.SetColumnWidth(i, c.Width)
	}
	t.table.OnSelected = t.onSelected
	return t
}

func (t *itemTable) size() (int, int) { return len(t.view.rows), t.columns() }

// columns hides the policy column while no policy is loaded.
func (t *itemTable) columns() int {
	if t.view.violations == nil {
		return colPolicy
	}
	return len(columns)
}

func (t *itemTable) createCell() fyne.CanvasObject {
	sw := canvas.NewCircle(okGrey)
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewStack(container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(12), sw)), l)
}

func (t *itemTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	st := o.(*fyne.Container)
	swBox := st.Objects[0]
	sw := swBox.(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*canvas.Circle)
	l := st.Objects[1].(*widget.Label)
	if id.Row >= len(t.view.rows) || id.Col >= len(columns) {
		return
	}
	item := t.view.rows[id.Row]
	if id.Col == colSwatch {
		sw.FillColor = categoryColor(t.view.items[item].Category)
		swBox.Show()
		sw.Refresh()
		l.SetText("")
		return
	}
	swBox.Hide()
	l.Importance = widget.MediumImportance
	if id.Col == colPolicy {
		l.Importance = widget.DangerImportance
	}
	l.SetText(columns[id.Col].Text(t.view, item))
}

func (t *itemTable) createHeader() fyne.CanvasObject {
	b := widget.NewButton("", nil)
	b.Importance = widget.LowImportance
	b.Alignment = widget.ButtonAlignLeading
	return b
}

func (t *itemTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 || id.Col >= len(columns) {
		b.SetText("")
		b.OnTapped = nil
		return
	}
	title := ""
	if columns[id.Col].Title != "" {
		title = tr(columns[id.Col].Title)
	}
	if id.Col == t.view.sortCol {
		if t.view.desc {
			title += " ▼"
		} else {
			title += " ▲"
		}
	}
	b.SetText(title)
	col := id.Col
	b.OnTapped = func() { t.sortBy(col) }
}

// sortBy sorts by a column, keeping the selected item in view.
func (t *itemTable) sortBy(col int) {
	t.view.SortBy(col)
	t.table.Refresh()
	if t.OnSorted != nil {
		t.OnSorted()
	}
}

func (t *itemTable) onSelected(id widget.TableCellID) {
	if id.Row < 0 || id.Row >= len(t.view.rows) || t.quiet {
		return
	}
	t.selected = t.view.rows[id.Row]
	if t.OnSelected != nil {
		t.OnSelected(t.view.rows[id.Row])
	}
}

// Select shows item id as selected and scrolls to it, without calling
// OnSelected. -1, or an item filtered out, clears the selection. Main
// thread.
func (t *itemTable) Select(id int) {
	row := t.view.RowOf(id)
	t.quiet = true
	defer func() { t.quiet = false }()
	if row < 0 {
		t.selected = -1
		t.table.UnselectAll()
		return
	}
	t.selected = id
	cell := widget.TableCellID{Row: row, Col: colName}
	t.table.Select(cell)
	t.table.ScrollTo(cell)
}

// Selected is the item selected in the table, or -1.
func (t *itemTable) Selected() int { return t.selected }

// Refresh redraws after the view changed. Main thread.
func (t *itemTable) Refresh() { t.table.Refresh() }
