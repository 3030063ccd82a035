package aws

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/reachmap/reachmap/providers"
)

// The IAM Identity Center button of the AWS section: what the window asks
// and what it shows, over an SSOFlow.

const (
	fieldSSOURL    = "start-url"
	fieldSSORegion = "sso-region"
)

func ssoSignIn() *providers.SignIn {
	return &providers.SignIn{
		Label: providers.T("Sign in with IAM Identity Center…"),
		Title: providers.T("Sign in with IAM Identity Center"),
		Intro: providers.T("Enter your AWS access portal URL and the region of your IAM Identity Center. Reachmap shows a code, opens the browser, and waits while you approve. The session is shared with the AWS CLI."),
		Fields: []providers.Field{
			{Key: fieldSSOURL, Label: providers.T("AWS access portal URL"), Placeholder: providers.Plain("https://my-company.awsapps.com/start")},
			{Key: fieldSSORegion, Label: providers.T("IAM Identity Center region"), Placeholder: providers.Plain("eu-west-3")},
		},
		NameLabel: providers.T("Profile name"),
		Start:     startSignIn,
	}
}

func startSignIn(ctx context.Context, v map[string]string) (*providers.SignInCode, error) {
	f, err := StartSSO(ctx, v[fieldSSOURL], v[fieldSSORegion])
	if err != nil {
		return nil, err
	}
	roles := map[string]SSORole{}
	session := ssoSessionName(f.StartURL)
	return &providers.SignInCode{
		Code: f.UserCode, URL: f.VerifyURL,
		Wait: func(ctx context.Context) ([]providers.Choice, error) {
			if err := f.Wait(ctx); err != nil {
				return nil, err
			}
			rs, err := f.Roles(ctx)
			if err != nil {
				return nil, err
			}
			if len(rs) == 0 {
				return nil, fmt.Errorf("this sign-in reaches no account: ask for a permission set")
			}
			var out []providers.Choice
			for _, r := range rs {
				roles[r.ID()] = r
				out = append(out, providers.Choice{ID: r.ID(), Label: providers.Plain(r.Label())})
			}
			return out, nil
		},
		Name: func(id string) string { return profileNameFor(roles[id]) },
		Save: func(_ context.Context, id, name string) error {
			r, ok := roles[id]
			if !ok {
				return fmt.Errorf("pick an account and role")
			}
			return f.Save(session, strings.TrimSpace(name), r)
		},
	}, nil
}

var notNameRE = regexp.MustCompile(`[^A-Za-z0-9_.-]+`)

// ssoSessionName is the sso-session a start URL gets: the portal's first
// host label ("my-company" for https://my-company.awsapps.com/start),
// as `aws configure sso` would suggest.
func ssoSessionName(startURL string) string {
	u, err := url.Parse(startURL)
	name := ""
	if err == nil {
		name, _, _ = strings.Cut(u.Hostname(), ".")
	}
	if name = strings.Trim(notNameRE.ReplaceAllString(name, "-"), "-"); name == "" {
		name = "sso"
	}
	return name
}

// profileNameFor suggests "account-role", as the CLI does.
func profileNameFor(r SSORole) string {
	base := r.AccountName
	if base == "" {
		base = r.AccountID
	}
	return strings.Trim(notNameRE.ReplaceAllString(base+"-"+r.Role, "-"), "-")
}

// ssoMessages are the sign-in's refusals, for Form.Messages.
var ssoMessages = []providers.Text{providers.T(msgSSOExpired), providers.T(msgSSODenied), providers.T(msgSSOURL), providers.T(msgSSORegion)}
