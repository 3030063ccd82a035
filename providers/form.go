package providers

import "strings"

// A Form describes a provider kind's section of the Accounts screen as
// plain data, free of any toolkit: ui draws it (a card with a title, then
// the parts that are set, in the order of the fields below) and calls its
// hooks. The texts are message keys: the English text, a Go template such
// as "key {{.Key}}", that ui translates.
type Form struct {
	Title    Text
	Subtitle Text
	// Checklist lists things found on this computer (AWS profiles), each
	// with a tick box.
	Checklist *Checklist
	// Lines is a list the user types, one value per line (mail domains).
	Lines *Lines
	// Records lists saved entries (S3-compatible endpoints), each with a
	// Remove button, and a form that adds one.
	Records *Records
	// Actions are buttons under the section's list.
	Actions []Action
	// Messages are the other texts the form's hooks may return (items'
	// notes, the checks' refusals), listed so that a test can check that
	// every one is in the translation catalogs.
	Messages []Text
}

// Text is a message key with its data as name, value pairs: Text{Key:
// "key {{.Key}}", Args: []string{"Key", "AKIA…"}}. Set instead of Key,
// Plain is shown as it is (a code, a URL: nothing to translate), and
// Provider stands for the display name of that provider id ("hetzner" →
// "Hetzner Online"), which the legal model knows and ui shows.
type Text struct {
	Key      string
	Args     []string
	Plain    string
	Provider string
}

// T is a Text with its arguments.
func T(key string, args ...string) Text { return Text{Key: key, Args: args} }

// Plain is a Text shown as it is.
func Plain(s string) Text { return Text{Plain: s} }

// String is the English text, with its arguments filled in (a provider's
// id for a Provider text).
func (t Text) String() string {
	switch {
	case t.Plain != "":
		return t.Plain
	case t.Provider != "":
		return t.Provider
	}
	s := t.Key
	for i := 0; i+1 < len(t.Args); i += 2 {
		s = strings.ReplaceAll(s, "{{."+t.Args[i]+"}}", t.Args[i+1])
	}
	return s
}

// Problem is what a form's check or a command-line flag refuses, as a
// Text, so that the window can translate it and the command line print it
// in English. It never holds a secret.
type Problem struct {
	// Field is the key of the form field (or the flag) at fault, if one.
	Field string
	Text
}

func (p *Problem) Error() string { return p.Text.String() }

// Checklist is a list of things found on this computer, ticked unless the
// user unticked them, so that one found later is scanned without another
// visit to the screen.
type Checklist struct {
	// Load finds the items. It reads local files and is called off the
	// UI thread; the window may replace it (tests pass fakes).
	Load func() ([]Item, error)
	// Empty is shown when Load finds none; Failed, with {{.Error}}, when
	// it fails.
	Empty, Failed Text
	// Excluded is the preference key (a string list) of the unticked ids.
	Excluded string
	// Pick returns the options to scan: those Saved read, with every
	// item found (the ids Load returned) that is not excluded.
	Pick func(saved Options, found []string) Options
	// Option, when set, is a text each item may carry, typed under it (the
	// role with which an AWS profile's whole organization is scanned).
	Option *ItemOption
}

// ItemOption is a text a checklist item may carry; empty means none.
type ItemOption struct {
	Label, Placeholder Text
	// Get reads the item's value; Set checks and saves it (an empty value
	// forgets it), returning a *Problem it refuses. UI thread.
	Get func(s Settings, id string) string
	Set func(s Settings, id, value string) error
}

// Item is one entry of a checklist: its id, and notes that tell it from
// the others, shown as "id (note; note)".
type Item struct {
	ID    string
	Notes []Text
}

// Label is the item's English label.
func (it Item) Label() string {
	if len(it.Notes) == 0 {
		return it.ID
	}
	notes := make([]string, len(it.Notes))
	for i, n := range it.Notes {
		notes[i] = n.String()
	}
	return it.ID + " (" + strings.Join(notes, "; ") + ")"
}

// Lines is a list the user types; Set normalises and saves it. UI thread.
type Lines struct {
	Placeholder Text
	Get         func(s Settings) []string
	Set         func(s Settings, values []string)
}

// Records are saved entries with an add form.
type Records struct {
	// Fields are the add form's fields, in order.
	Fields []Field
	// AddLabel is the add button's label.
	AddLabel Text
	// List returns the saved entries. UI thread.
	List func(s Settings) []Record
	// Add checks the form's values (by field key), saves the secret ones
	// with SetSecret and the rest in preferences; on error it saves
	// nothing. Its error is a *Problem. Called on the UI thread, when the
	// user presses the add button (a keyring may take a moment then).
	Add func(s Settings, values map[string]string) error
	// Remove forgets an entry and its secret; the entry is forgotten even
	// when the keyring fails, and the error says so. UI thread.
	Remove func(s Settings, id string) error
}

// Record is one saved entry, described by its parts ("https://… ·
// Hetzner · fsn1 · key AKIA…"); it never holds a secret.
type Record struct {
	ID    string
	Parts []Text
}

// FieldKind is how a field is entered.
type FieldKind int

const (
	FieldText   FieldKind = iota // one line of text
	FieldSecret                  // text that is never shown, kept in the keyring
	FieldChoice                  // one of Choices, or none
	FieldFile                    // a file's path, typed or chosen in a file dialog
)

// Field is one input of an add form.
type Field struct {
	Key         string
	Label       Text
	Kind        FieldKind
	Placeholder Text
	// Choices are the ids a FieldChoice offers; ChoiceNames are what the
	// list shows for each (Text.Provider for a provider id).
	Choices     []string
	ChoiceNames []Text
	// SameRow puts the field next to the previous one, under its label.
	SameRow bool
	// Extensions, for a FieldFile, are the file names the dialog offers
	// (".json"); none offers every file.
	Extensions []string
	// Suggest, when set, is called as the field changes; what it returns
	// fills other fields (pasting an endpoint URL selects its provider
	// and region).
	Suggest func(value string) []Suggestion
}

// Suggestion sets field Key to Value; IfEmpty only when it is empty.
type Suggestion struct {
	Key, Value string
	IfEmpty    bool
}

// Action is a button of a section.
type Action struct {
	Label Text
	// Icon names the button's icon: "refresh" or "document".
	Icon string
	// Reload, when set, makes the button load the checklist again.
	Reload bool
	// Show, when set, makes the button open a dialog with a title, an
	// introduction and a text to read and copy.
	Show func() (title, intro Text, body string)
	// SignIn, when set, makes the button sign in through the browser.
	SignIn *SignIn
}
