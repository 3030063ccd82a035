package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/providers/aws"
)

// entriesIn lists the entries inside objects, containers walked.
func entriesIn(objs []fyne.CanvasObject) []*widget.Entry {
	var out []*widget.Entry
	for _, o := range objs {
		switch v := o.(type) {
		case *widget.Entry:
			out = append(out, v)
		case *fyne.Container:
			out = append(out, entriesIn(v.Objects)...)
		}
	}
	return out
}

// Each AWS profile shows its account id once a scan has learned it, and
// carries the role that scans its whole organization, saved as typed.
func TestAccountsAWSIdsAndOrgRole(t *testing.T) {
	h := newHarness(t, harnessOpts{profiles: []aws.Profile{{Name: "mgmt", Region: "eu-west-1", Source: "config"}}})
	h.start(false)
	h.m.showScreen(screenAccounts)
	a := h.m.accounts
	a.ShowAccountIDs(&inventory.Scan{Assets: []inventory.Item{{Provider: "aws", Account: "mgmt", AccountID: "123456789012"}}})
	objs := a.section("aws").list.Objects
	var check *widget.Check
	for _, o := range objs {
		if c, ok := o.(*widget.Check); ok {
			check = c
		}
	}
	if check == nil || !strings.Contains(check.Text, "mgmt") || !strings.Contains(check.Text, "123456789012") {
		t.Fatalf("profile label %v, want the account id", check)
	}
	es := entriesIn(objs)
	if len(es) != 1 {
		t.Fatalf("%d entries under the profile, want the organization role", len(es))
	}
	test.Type(es[0], "ReachmapReadOnly")
	if got := h.app.Preferences().StringList("accounts.aws_org_roles"); len(got) != 1 || got[0] != "mgmt=ReachmapReadOnly" {
		t.Errorf("saved roles %v", got)
	}
}
