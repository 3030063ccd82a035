package ui

import (
	"context"
	"errors"
	"net/url"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/reachmap/reachmap/providers"
)

// fakeSignIn is a browser sign-in whose waiting step blocks until its
// context is cancelled, or answers at once.
func fakeSignIn(block bool, saved *[]string) *providers.SignIn {
	return &providers.SignIn{
		Label: providers.T("Sign in with IAM Identity Center…"), Title: providers.T("Sign in with IAM Identity Center"),
		Fields:    []providers.Field{{Key: "start-url", Label: providers.T("AWS access portal URL")}},
		NameLabel: providers.T("Profile name"),
		Start: func(ctx context.Context, v map[string]string) (*providers.SignInCode, error) {
			if v["start-url"] == "" {
				return nil, errors.New("no URL")
			}
			return &providers.SignInCode{Code: "ABCD-EFGH", URL: "https://device.example/?user_code=ABCD-EFGH",
				Wait: func(ctx context.Context) ([]providers.Choice, error) {
					if block {
						<-ctx.Done()
						return nil, ctx.Err()
					}
					return []providers.Choice{{ID: "1/ReadOnly", Label: providers.Plain("prod (1) · ReadOnly")}}, nil
				},
				Name: func(id string) string { return "prod-" + id[2:] },
				Save: func(_ context.Context, id, name string) error { *saved = append(*saved, id+" "+name); return nil },
			}, nil
		},
	}
}

func TestSignInShowsCodeOpensBrowserAndSaves(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.start(false)
	a := h.m.accounts
	var saved []string
	d := a.signIn(a.section("aws"), fakeSignIn(false, &saved))
	var opened []string
	d.open = func(u *url.URL) error { opened = append(opened, u.String()); return nil }
	test.Tap(d.next)
	h.settle()
	if d.status.Text != "no URL" {
		t.Errorf("empty URL: status %q", d.status.Text)
	}
	test.Type(d.entries["start-url"], "https://my-co.awsapps.com/start")
	test.Tap(d.next)
	h.settle()
	if d.codeLbl == nil || d.codeLbl.Text != "ABCD-EFGH" {
		t.Fatalf("code not shown")
	}
	if len(opened) != 1 || opened[0] != "https://device.example/?user_code=ABCD-EFGH" {
		t.Errorf("browser opened at %v", opened)
	}
	if d.choice == nil || d.choice.Selected != "prod (1) · ReadOnly" || d.name.Text != "prod-ReadOnly" {
		t.Fatalf("choices not shown: %v", d.choice)
	}
	test.Tap(d.next)
	h.settle()
	if len(saved) != 1 || saved[0] != "1/ReadOnly prod-ReadOnly" {
		t.Errorf("saved %v", saved)
	}
}

func TestSignInCancelStopsWaiting(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.start(false)
	a := h.m.accounts
	var saved []string
	d := a.signIn(a.section("aws"), fakeSignIn(true, &saved))
	d.open = func(*url.URL) error { return nil }
	test.Type(d.entries["start-url"], "https://my-co.awsapps.com/start")
	test.Tap(d.next)
	h.q.run() // the code arrives; the wait now blocks
	for d.codeLbl == nil {
		h.m.work.wg.Wait()
		h.q.run()
	}
	if d.stop.Text != "Cancel" {
		t.Fatalf("cancel button %q", d.stop.Text)
	}
	test.Tap(d.stop)
	h.settle() // returns only once the wait gave up
	if d.ctx.Err() == nil || len(saved) != 0 || d.choice != nil {
		t.Errorf("cancel: ctx %v saved %v", d.ctx.Err(), saved)
	}
}
