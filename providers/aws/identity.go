package aws

import (
	"context"
	"sync"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// Account identity: every AWS item carries the 12 digits of its account,
// which sts:GetCallerIdentity gives any credentials without a permission.
// Profiles are labels people choose; the id is what stays when a profile
// is renamed, and what tells that two profiles reach one account.

// callerAccount asks STS whose credentials these are.
func callerAccount(ctx context.Context, s *session) (string, error) {
	cctx, cancel := context.WithTimeout(ctx, s.opts.credentialTimeout)
	defer cancel()
	out, err := s.sts().GetCallerIdentity(cctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return "", err
	}
	return sdkaws.ToString(out.Account), nil
}

func (s *session) sts() *sts.Client {
	return sts.NewFromConfig(s.cfg, func(o *sts.Options) { o.Region = s.home })
}

// accountClaims remember which label scans which account, so that profiles
// (or an organization's members and a profile of one of them) reaching the
// same account scan it once. One is shared by the providers of one scan.
type accountClaims struct {
	mu sync.Mutex
	m  map[string]string
}

func newAccountClaims() *accountClaims { return &accountClaims{m: map[string]string{}} }

// claim gives the account to label unless another label has it; it
// returns the label that scans it. An empty id (unknown) is never shared.
func (c *accountClaims) claim(id, label string) (owner string, ok bool) {
	if c == nil || id == "" {
		return label, true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if o, taken := c.m[id]; taken {
		return o, o == label
	}
	c.m[id] = label
	return label, true
}
