package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/providers"
)

// The records part of a provider's section: the saved entries, each with
// a Remove button, and the form that adds one (S3-compatible endpoints).

// addForm builds the add form from the kind's fields. A field marked
// SameRow shares the previous field's row (provider and region).
func (a *accountsScreen) addForm(s *formSection) fyne.CanvasObject {
	r := s.form.Records
	s.entries, s.choices = map[string]*widget.Entry{}, map[string]*widget.Select{}
	form := widget.NewForm()
	var row []fyne.CanvasObject
	var label string
	flush := func() {
		switch len(row) {
		case 0:
			return
		case 1:
			form.Append(label, row[0])
		default:
			form.Append(label, container.NewGridWithColumns(len(row), row...))
		}
		row = nil
	}
	for _, fd := range r.Fields {
		var w fyne.CanvasObject
		switch fd.Kind {
		case providers.FieldChoice:
			names := make([]string, len(fd.ChoiceNames))
			for i, n := range fd.ChoiceNames {
				names[i] = trText(n)
			}
			sel := widget.NewSelect(names, nil)
			sel.PlaceHolder = trText(fd.Placeholder)
			s.choices[fd.Key] = sel
			w = sel
		default:
			e := widget.NewEntry()
			if fd.Kind == providers.FieldSecret {
				e = widget.NewPasswordEntry()
			}
			e.SetPlaceHolder(trText(fd.Placeholder))
			if fd.Suggest != nil {
				suggest := fd.Suggest
				e.OnChanged = func(v string) { a.suggest(s, suggest(v)) }
			}
			s.entries[fd.Key] = e
			w = e
			if fd.Kind == providers.FieldFile {
				w = a.fileField(e, fd.Extensions)
			}
		}
		if !fd.SameRow {
			flush()
			label = trText(fd.Label)
		}
		row = append(row, w)
	}
	flush()
	s.err = widget.NewLabel("")
	s.err.Importance = widget.DangerImportance
	s.err.Wrapping = fyne.TextWrapWord
	s.err.Hide()
	s.add = widget.NewButtonWithIcon(trText(r.AddLabel), theme.ContentAddIcon(), func() { a.onAdd(s) })
	return container.NewVBox(form, s.err, container.NewHBox(layout.NewSpacer(), s.add))
}

// suggest fills fields from what another field says.
func (a *accountsScreen) suggest(s *formSection, sugs []providers.Suggestion) {
	for _, sg := range sugs {
		if sel, ok := s.choices[sg.Key]; ok {
			if i := indexOf(a.choiceIDs(s, sg.Key), sg.Value); i >= 0 && (!sg.IfEmpty || sel.SelectedIndex() < 0) {
				sel.SetSelectedIndex(i)
			}
		}
		if e, ok := s.entries[sg.Key]; ok && (!sg.IfEmpty || e.Text == "") {
			e.SetText(sg.Value)
		}
	}
}

func (a *accountsScreen) choiceIDs(s *formSection, key string) []string {
	for _, fd := range s.form.Records.Fields {
		if fd.Key == key {
			return fd.Choices
		}
	}
	return nil
}

// values are the form's fields by key; a choice gives its id.
func (a *accountsScreen) values(s *formSection) map[string]string {
	v := map[string]string{}
	for k, e := range s.entries {
		v[k] = e.Text
	}
	for k, sel := range s.choices {
		ids := a.choiceIDs(s, k)
		if i := sel.SelectedIndex(); i >= 0 && i < len(ids) {
			v[k] = ids[i]
		}
	}
	return v
}

// onAdd checks the form and saves the entry (its secret in the keyring).
func (a *accountsScreen) onAdd(s *formSection) {
	if err := s.form.Records.Add(a.d.settings, a.values(s)); err != nil {
		s.err.SetText(errText(err))
		s.err.Show()
		return
	}
	s.err.Hide()
	for _, e := range s.entries {
		e.SetText("")
	}
	for _, sel := range s.choices {
		sel.ClearSelected()
	}
	a.showRecords(s)
	a.OnChanged()
}

func (a *accountsScreen) showRecords(s *formSection) {
	s.records.RemoveAll()
	for _, rec := range s.form.Records.List(a.d.settings) {
		parts := make([]string, len(rec.Parts))
		for i, p := range rec.Parts {
			parts[i] = trText(p)
		}
		id := rec.ID
		rm := widget.NewButtonWithIcon(tr("Remove"), theme.DeleteIcon(), func() { a.onRemove(s, id) })
		rm.Importance = widget.LowImportance
		s.records.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.StorageIcon()), rm, para(strings.Join(parts, " · "))))
	}
	s.records.Refresh()
}

// onRemove forgets an entry and deletes its secret.
func (a *accountsScreen) onRemove(s *formSection, id string) {
	if err := s.form.Records.Remove(a.d.settings, id); err != nil {
		s.err.SetText(errText(err))
		s.err.Show()
	}
	a.showRecords(s)
	a.OnChanged()
}
