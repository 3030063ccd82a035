package aws

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"

	"github.com/reachmap/reachmap/internal/bounded"
	"github.com/reachmap/reachmap/providers"
)

// Organizations: a profile of the management account (or of a delegated
// administrator) and a role name cover every ACTIVE member account. The
// role is assumed in each member, chained from the profile's credentials,
// and the members are scanned concurrently, orgConcurrency at a time. The
// management account itself is scanned with the profile's own credentials.

// member is one account of the organization.
type member struct {
	id, name string
}

// scanOrganization lists the organization's accounts and scans them all.
func (p *Provider) scanOrganization(ctx context.Context, s *session, selfID string, sink providers.Sink) error {
	members, err := listMembers(ctx, s)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		sc := newScanner(p.profile, sink)
		g := sc.gap("", "", classify(err), err)
		g.Error = fmt.Sprintf("could not list the accounts of the organization with profile %s, so only its own account is scanned: %s", p.profile, g.Error)
		g.Hint = fmt.Sprintf("Use a profile of the organization's management account or of a delegated administrator, allowed organizations:ListAccounts; or scan without the organization role %s.", p.orgRole)
		sink.Gap(g)
		members = nil
	}
	var scanned, failed atomic.Int64
	work := []member{{id: selfID, name: p.profile}}
	for _, m := range members {
		if m.id != selfID { // the management account is listed too
			work = append(work, m)
		}
	}
	bounded.Each(ctx, p.opts.orgConcurrency, work, func(m member) {
		if ctx.Err() != nil {
			return
		}
		var err error
		if m.id == selfID {
			// The profile's own account, with its own credentials: once.
			err = scanAccount(ctx, s, p.profile, selfID, sink)
		} else {
			if _, ok := p.claims.claim(m.id, m.name); !ok {
				return
			}
			err = p.scanMember(ctx, s, selfID, m, sink)
		}
		if err != nil {
			failed.Add(1)
		} else {
			scanned.Add(1)
		}
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	if scanned.Load() == 0 && failed.Load() > 0 {
		return fmt.Errorf("aws profile %s: no account of the organization could be scanned", p.profile)
	}
	return nil
}

// listMembers returns the organization's ACTIVE accounts.
func listMembers(ctx context.Context, s *session) ([]member, error) {
	cctx, cancel := context.WithTimeout(ctx, s.opts.callTimeout)
	defer cancel()
	c := organizations.NewFromConfig(s.cfg, func(o *organizations.Options) { o.Region = s.home })
	var out []member
	in := &organizations.ListAccountsInput{}
	for more := true; more; {
		page, err := c.ListAccounts(cctx, in)
		if err != nil {
			return out, err
		}
		for _, a := range page.Accounts {
			if a.State != "" && a.State != orgtypes.AccountStateActive {
				continue
			}
			// Older answers carry only Status.
			if a.State == "" && a.Status != "" && a.Status != orgtypes.AccountStatusActive {
				continue
			}
			name := sdkaws.ToString(a.Name)
			if name == "" {
				name = sdkaws.ToString(a.Id)
			}
			out = append(out, member{id: sdkaws.ToString(a.Id), name: name})
		}
		in.NextToken = page.NextToken
		more = sdkaws.ToString(page.NextToken) != ""
	}
	return out, nil
}

// roleARN is the role's ARN in an account; a role given as an ARN is a
// pattern only for its own account, so its name is taken.
func roleARN(partition, account, role string) string {
	if strings.HasPrefix(role, "arn:") {
		if i := strings.LastIndex(role, "/"); i >= 0 {
			role = role[i+1:]
		}
	}
	return fmt.Sprintf("arn:%s:iam::%s:role/%s", partition, account, role)
}

// memberSession is the management session with the member's role, assumed
// through STS with the profile's credentials (stscreds), and cached.
func memberSession(s *session, account, role string) *session {
	ms := *s
	ms.cfg = s.cfg.Copy()
	ms.sso = false
	arn := roleARN(s.partition.id, account, role)
	ms.cfg.Credentials = sdkaws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(s.sts(), arn, func(o *stscreds.AssumeRoleOptions) {
		o.RoleSessionName = "reachmap"
	}))
	return &ms
}

// scanMember assumes the role in a member account and scans it. A member
// that refuses the role is one gap naming it, the role and what to do.
func (p *Provider) scanMember(ctx context.Context, s *session, selfID string, m member, sink providers.Sink) error {
	ms := memberSession(s, m.id, p.orgRole)
	cctx, cancel := context.WithTimeout(ctx, s.opts.credentialTimeout)
	_, err := ms.cfg.Credentials.Retrieve(cctx)
	cancel()
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		sink.Gap(providers.Gap{
			Provider: providerID, Account: m.name,
			Error: fmt.Sprintf("account %s (%s) of the organization refused the role %s: %s", m.id, m.name, roleARN(s.partition.id, m.id, p.orgRole), describe(unwrapAssume(err))),
			Hint: fmt.Sprintf("Create the role %s in account %s (%s) with the policy of `reachmap aws-policy`, trusting account %s (the profile %s), or, if it exists, let this profile assume it; then scan again.",
				p.orgRole, m.id, m.name, selfID, p.profile),
		})
		return err
	}
	return scanAccount(ctx, ms, m.name, m.id, sink)
}

// unwrapAssume drops the credential cache's wrapping, keeping STS's words.
func unwrapAssume(err error) error {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err
		}
		if _, ok := u.(interface{ ErrorCode() string }); ok {
			return u
		}
		err = u
	}
}
