package providers

import "context"

// SignIn is a button that signs in through the browser (an OAuth device
// authorization, such as IAM Identity Center's): the window asks for
// Fields, calls Start, shows the code with a button that opens the page,
// waits, lets the person pick one of the choices and name it, then calls
// Save and loads the section's checklist again. Start, Wait and Save run
// off the UI thread; ctx is cancelled by the dialog's Cancel button. None
// of them returns a token or a secret: the window only shows what they
// report.
type SignIn struct {
	Label  Text
	Title  Text
	Intro  Text
	Fields []Field
	// NameLabel labels the name the picked choice is saved under.
	NameLabel Text
	// Start begins the sign-in with the fields' values.
	Start func(ctx context.Context, values map[string]string) (*SignInCode, error)
}

// SignInCode is a sign-in waiting for the person in the browser.
type SignInCode struct {
	// Code is shown as it is; URL is the page to open.
	Code, URL string
	// Wait returns once the person approved, with what they may pick.
	Wait func(ctx context.Context) ([]Choice, error)
	// Name suggests the name a choice is saved under.
	Name func(choice string) string
	// Save records the choice under the name; its error is shown.
	Save func(ctx context.Context, choice, name string) error
}

// Choice is one thing a sign-in may pick (an account and role).
type Choice struct {
	ID    string
	Label Text
}
