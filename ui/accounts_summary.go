package ui

import "strings"

// Configured says, kind by kind, what the Accounts screen holds, for the
// first-run card: each section's title with the things its checklist
// found on this computer, the lines typed and the entries saved ("Amazon
// Web Services (default, prod)"), and, apart, each section whose checklist
// could not look ("Amazon Web Services: reading ~/.aws/config: …"). It
// names no provider itself: a kind added to the registry shows here as it
// does on the Accounts screen. Main thread.
func (a *accountsScreen) Configured() (found, problems []string) {
	for _, s := range a.sections {
		title := trText(s.form.Title)
		var ids []string
		if s.form.Checklist != nil {
			ids = append(ids, s.foundIDs()...)
			if s.loadErr != nil {
				problems = append(problems, tr("{{.Kind}}: {{.Error}}", "Kind", title, "Error", s.loadErr.Error()))
			}
		}
		if s.form.Lines != nil {
			ids = append(ids, s.form.Lines.Get(a.d.settings)...)
		}
		if s.form.Records != nil {
			for _, rec := range s.form.Records.List(a.d.settings) {
				label := rec.ID
				if len(rec.Parts) > 0 {
					label = trText(rec.Parts[0])
				}
				ids = append(ids, label)
			}
		}
		if len(ids) > 0 {
			found = append(found, tr("{{.Kind}} ({{.Items}})", "Kind", title, "Items", strings.Join(ids, ", ")))
		}
	}
	return found, problems
}
