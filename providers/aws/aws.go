// Package aws finds where an AWS account keeps data: S3 buckets with the
// region S3 itself reports, and the databases, file systems, volumes,
// snapshots, archives, backup vaults and mail services in every enabled
// region.
//
// Credentials come the AWS way (shared config and credentials files, named
// and SSO profiles, environment variables), and AWS_ENDPOINT_URL and
// AWS_ENDPOINT_URL_<SERVICE> are honoured by every client, which is how the
// tests point it at local servers. Every call passes a read-only allowlist
// before it leaves the process. Failures (a denied region, an expired SSO
// token, throttling, a dead endpoint) become gaps with a hint; the scan goes
// on and reports what it could see.
package aws

import (
	"context"
	"fmt"

	"github.com/reachmap/reachmap/providers"
)

// providerID is the legal model's id for Amazon Web Services.
const providerID = "aws"

// Provider scans the account behind one AWS profile.
type Provider struct {
	profile string
	opts    options
	// orgRole, when set, makes the scan cover the profile's organization.
	orgRole string
	// claims are shared by the providers of one scan: an account reached
	// by two profiles is scanned once.
	claims *accountClaims
}

// Name is "aws:PROFILE".
func (p *Provider) Name() string { return "aws:" + p.profile }

// Scan lists the account's data stores into sink. It returns an error only
// when nothing could be scanned (no credentials, every call refused) or the
// context was cancelled; everything else is reported as gaps.
func (p *Provider) Scan(ctx context.Context, sink providers.Sink) error {
	sc := newScanner(p.profile, sink)
	sc.progress("loading credentials", 0, 0)
	s, err := openSession(ctx, p.profile, p.opts)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		c := classify(err)
		switch c {
		case classNoService:
			// An unknown STS or SSO host name is a network problem here,
			// not a service missing from a region.
			c = classUnreachable
		case classOther, classNoCredentials, classExpired, classBadCredentials:
			if s != nil && s.sso {
				// An SSO profile's credentials fail this way when the session
				// is missing or stale; a login cures it. Network failures keep
				// their own hint.
				c = classSSO
			}
		}
		g := sc.gap("", "", c, err)
		sink.Gap(g)
		return fmt.Errorf("aws profile %s: %s", p.profile, g.Error)
	}
	var id string
	if !elsewhere(s) {
		id, err = callerAccount(ctx, s)
		switch c := classify(err); {
		case err == nil:
		case ctx.Err() != nil:
			return ctx.Err()
		case c == classBadCredentials || c == classExpired || c == classSSO || c == classNoCredentials ||
			c == classUnreachable || c == classTimeout:
			// Every other call would fail the same way.
			g := sc.gap("", "", c, err)
			sink.Gap(g)
			return fmt.Errorf("aws profile %s: nothing could be scanned: %s", p.profile, g.Error)
		default:
			// STS answers any valid credentials; a server that does not
			// (an emulator, a proxy) leaves the account without its id.
			id = ""
		}
	}
	if owner, ok := p.claims.claim(id, p.profile); !ok {
		sc.progress(fmt.Sprintf("account %s is scanned once, as %s", id, owner), 0, 0)
		return nil
	}
	if p.orgRole != "" {
		return p.scanOrganization(ctx, s, id, sink)
	}
	return scanAccount(ctx, s, p.profile, id, sink)
}

// elsewhere reports whether every service of the profile goes to another
// company's S3-compatible endpoint: there is no AWS account to ask about.
func elsewhere(s *session) bool {
	host := endpointHost(s.s3().Options().BaseEndpoint)
	if host == "" {
		return false
	}
	place, named := placeEndpoint(host, nil)
	return named && place.provider != providerID && endpointHost(s.cfg.BaseEndpoint) == host
}

// scanAccount scans one account with a loaded session, under a label.
func scanAccount(ctx context.Context, s *session, label, id string, sink providers.Sink) error {
	sc := newScanner(label, sink)
	// A copy of its own: the organization's members are made from s while
	// this account is scanned.
	as := *s
	as.tags = newTagIndex()
	sc.s, sc.accountID, sc.collect = &as, id, true
	sc.s3 = s.s3()
	sc.placeS3()
	err := sc.run(ctx)
	sc.enrich(ctx)
	sc.flush()
	return err
}

// Interface guards.
var _ providers.Provider = (*Provider)(nil)
