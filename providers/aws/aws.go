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
	"errors"
	"fmt"
	"strings"

	"github.com/reachmap/reachmap/providers"
)

// providerID is the legal model's id for Amazon Web Services.
const providerID = "aws"

// Factory builds one provider per profile named in Config.AWSProfiles.
// Building has no side effects: profiles are read when a scan starts.
var Factory = providers.Factory{Name: "aws", New: newProviders}

func newProviders(cfg providers.Config) ([]providers.Provider, error) {
	var out []providers.Provider
	seen := map[string]bool{}
	for _, name := range cfg.AWSProfiles {
		name = strings.TrimSpace(name)
		if name == "" {
			return nil, errors.New("empty AWS profile name")
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		out = append(out, &Provider{profile: name, opts: defaultOptions()})
	}
	return out, nil
}

// Provider scans the account behind one AWS profile.
type Provider struct {
	profile string
	opts    options
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
	sc.s = s
	sc.s3 = s.s3()
	sc.placeS3()
	return sc.run(ctx)
}

// Interface guards.
var _ providers.Provider = (*Provider)(nil)
