package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/reachmap/reachmap/mapdraw"
)

// itemTable is the table of all items, driven by an itemView: a colour
// swatch per row, headers that sort when tapped, and a selection kept in
// step with the map's.
type itemTable struct {
	view *itemView
	root *widget.Table

	// OnSelected is called with an item id when the user picks a row.
	OnSelected func(id int)
	// quiet suppresses OnSelected while the map drives the selection.
	quiet bool
	// selected is the item the table was last told or tapped to select.
	selected int
}

func newItemTable(v *itemView) *itemTable {
	t := &itemTable{view: v, selected: -1}
	t.root = widget.NewTableWithHeaders(t.size, t.createCell, t.updateCell)
	t.root.ShowHeaderColumn = false
	t.root.CreateHeader = t.createHeader
	t.root.UpdateHeader = t.updateHeader
	for i, c := range columns {
		t.root.SetColumnWidth(i, c.Width)
	}
	t.root.OnSelected = t.onSelected
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
		sw.FillColor = mapdraw.CategoryColor(t.view.items[item].Category)
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
	return &widget.Button{Importance: widget.LowImportance, Alignment: widget.ButtonAlignLeading}
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
	// The sort order is an icon, not a ▲ or ▼ in the title: NotoSans has
	// neither, and one missing glyph makes the window load a whole system
	// font (a math font here, some 3 MB) to draw it, or a box where none
	// has it (as under Wine).
	b.Icon, b.IconPlacement = nil, widget.ButtonIconTrailingText
	if id.Col == t.view.sortCol {
		b.Icon = theme.MenuDropUpIcon()
		if t.view.desc {
			b.Icon = theme.MenuDropDownIcon()
		}
	}
	b.SetText(title)
	col := id.Col
	b.OnTapped = func() { t.sortBy(col) }
}

// sortBy sorts by a column, keeping the selected item in view.
func (t *itemTable) sortBy(col int) {
	t.view.SortBy(col)
	t.root.Refresh()
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
		t.root.UnselectAll()
		return
	}
	t.selected = id
	cell := widget.TableCellID{Row: row, Col: colName}
	t.root.Select(cell)
	t.root.ScrollTo(cell)
}

// ShowPolicy gives the policy column its width when a policy is in
// force (the column itself comes and goes with the view's violations).
// Main thread.
func (t *itemTable) ShowPolicy(on bool) {
	if on {
		t.root.SetColumnWidth(colPolicy, columns[colPolicy].Width)
	}
}

// Refresh redraws after the view changed. Main thread.
func (t *itemTable) Refresh() { t.root.Refresh() }
