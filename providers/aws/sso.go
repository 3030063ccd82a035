package aws

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	oidctypes "github.com/aws/aws-sdk-go-v2/service/ssooidc/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/reachmap/reachmap/providers"
)

// IAM Identity Center (SSO) sign-in from the window, for people with no AWS
// CLI: the OAuth device authorization flow of SSO OIDC, then the accounts
// and roles the person may use. The token goes where the AWS CLI caches it
// (sso_cache.go), and the chosen account and role become a profile of the
// shared config file, so that the profile scanning reads it unchanged.
// Nothing here knows a toolkit: the window shows what an SSOFlow reports.

// The OAuth grant of the device flow, and the scope the CLI asks for.
const (
	deviceGrant = "urn:ietf:params:oauth:grant-type:device_code"
	ssoScope    = "sso:account:access"
)

// ssoCalls are the only operations the sign-in clients may send, by
// service ID: register this app, start and finish the device flow, then
// list what the token reaches and (for the scan) take a role's keys.
// Everything else, Logout included, is refused before it is serialised.
var ssoCalls = map[string]map[string]bool{
	ssooidc.ServiceID: {"RegisterClient": true, "StartDeviceAuthorization": true, "CreateToken": true},
	sso.ServiceID:     {"ListAccounts": true, "ListAccountRoles": true, "GetRoleCredentials": true},
}

// ssoSlowDown is what OAuth's slow_down adds to the polling interval.
var ssoSlowDown = 5 * time.Second

type ssoGuard struct{}

func (ssoGuard) ID() string { return "ReachmapSSOGuard" }

func (ssoGuard) HandleInitialize(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
	op, service := middleware.GetOperationName(ctx), middleware.GetServiceID(ctx)
	if !ssoCalls[service][op] {
		return middleware.InitializeOutput{}, middleware.Metadata{}, &NotReadOnlyError{Service: service, Operation: op}
	}
	return next.HandleInitialize(ctx, in)
}

func addSSOGuard(stack *middleware.Stack) error {
	return stack.Initialize.Add(ssoGuard{}, middleware.Before)
}

// ssoConfig is the configuration of the sign-in clients: no credentials
// (these calls are not signed), the guard, and the endpoints the SDK's
// own variables name (AWS_ENDPOINT_URL_SSO_OIDC, AWS_ENDPOINT_URL_SSO),
// which the SDK's ssocreds also honours when a scan takes the role.
func ssoConfig(region string, client *http.Client) sdkaws.Config {
	cfg := sdkaws.Config{Region: region, APIOptions: []func(*middleware.Stack) error{addSSOGuard}, AppID: "reachmap"}
	if client != nil {
		cfg.HTTPClient = client
	}
	return cfg
}

func endpointFromEnv(name string) *string {
	if v := strings.TrimSpace(os.Getenv(name)); v != "" {
		return &v
	}
	return nil
}

func newOIDCClient(cfg sdkaws.Config) *ssooidc.Client {
	return ssooidc.NewFromConfig(cfg, func(o *ssooidc.Options) { o.BaseEndpoint = endpointFromEnv("AWS_ENDPOINT_URL_SSO_OIDC") })
}

func newPortalClient(cfg sdkaws.Config) *sso.Client {
	return sso.NewFromConfig(cfg, func(o *sso.Options) { o.BaseEndpoint = endpointFromEnv("AWS_ENDPOINT_URL_SSO") })
}

// SSOFlow is one sign-in under way. Its token and client secret stay
// inside; String names the start URL only.
type SSOFlow struct {
	StartURL, Region string
	// UserCode is the code the person checks in the browser; VerifyURL
	// the page to open (with the code filled in when AWS gives one).
	UserCode, VerifyURL string
	// Expires is when the code stops working.
	Expires time.Time

	cfg                 sdkaws.Config
	clientID, secret    string
	registrationExpires time.Time
	deviceCode          string
	interval            time.Duration
	tok                 *ssoToken
	now                 func() time.Time
}

func (f *SSOFlow) String() string { return "IAM Identity Center sign-in to " + f.StartURL }

// GoString is String for %#v.
func (f *SSOFlow) GoString() string { return f.String() }

const (
	msgSSOExpired = "The sign-in code expired before it was approved; start again"
	msgSSODenied  = "The sign-in was refused in the browser"
	msgSSOURL     = "The portal URL begins with https://, such as https://my-company.awsapps.com/start"
	msgSSORegion  = "Unknown AWS region {{.Region}}"
)

// Errors of the sign-in the window tells apart.
var (
	ErrSSOExpired error = &providers.Problem{Text: providers.T(msgSSOExpired)}
	ErrSSODenied  error = &providers.Problem{Text: providers.T(msgSSODenied)}
)

// StartSSO registers Reachmap with the start URL's IAM Identity Center and
// starts a device authorization: the code to show and the page to open.
func StartSSO(ctx context.Context, startURL, region string) (*SSOFlow, error) {
	return startSSO(ctx, startURL, region, nil)
}

func startSSO(ctx context.Context, startURL, region string, client *http.Client) (*SSOFlow, error) {
	startURL, region = strings.TrimSpace(startURL), strings.TrimSpace(region)
	if err := checkStartURL(startURL); err != nil {
		return nil, err
	}
	if _, known := partitionOf(region); !known {
		return nil, &providers.Problem{Field: fieldSSORegion, Text: providers.T(msgSSORegion, "Region", region)}
	}
	f := &SSOFlow{StartURL: startURL, Region: region, cfg: ssoConfig(region, client), now: time.Now}
	oidc := newOIDCClient(f.cfg)
	reg, err := oidc.RegisterClient(ctx, &ssooidc.RegisterClientInput{
		ClientName: sdkaws.String("reachmap"), ClientType: sdkaws.String("public"),
		Scopes: []string{ssoScope}, GrantTypes: []string{deviceGrant, "refresh_token"}, IssuerUrl: sdkaws.String(startURL),
	})
	if err != nil {
		return nil, ssoError("register with IAM Identity Center", err)
	}
	f.clientID, f.secret = sdkaws.ToString(reg.ClientId), sdkaws.ToString(reg.ClientSecret)
	f.registrationExpires = time.Unix(reg.ClientSecretExpiresAt, 0)
	auth, err := oidc.StartDeviceAuthorization(ctx, &ssooidc.StartDeviceAuthorizationInput{
		ClientId: reg.ClientId, ClientSecret: reg.ClientSecret, StartUrl: sdkaws.String(startURL),
	})
	if err != nil {
		return nil, ssoError("start the sign-in", err)
	}
	f.UserCode, f.deviceCode = sdkaws.ToString(auth.UserCode), sdkaws.ToString(auth.DeviceCode)
	f.VerifyURL = sdkaws.ToString(auth.VerificationUriComplete)
	if f.VerifyURL == "" {
		f.VerifyURL = sdkaws.ToString(auth.VerificationUri)
	}
	f.interval = time.Duration(auth.Interval) * time.Second
	if f.interval <= 0 {
		f.interval = 5 * time.Second
	}
	f.Expires = f.now().Add(time.Duration(auth.ExpiresIn) * time.Second)
	return f, nil
}

func checkStartURL(u string) error {
	if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://127.0.0.1") {
		return &providers.Problem{Field: fieldSSOURL, Text: providers.T(msgSSOURL)}
	}
	return nil
}

// Wait polls for the token at the interval AWS asked for until the person
// approves, refuses, the code expires or ctx is cancelled. AWS's
// slow_down adds five seconds to the interval, as OAuth says.
func (f *SSOFlow) Wait(ctx context.Context) error {
	oidc := newOIDCClient(f.cfg)
	interval := f.interval
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(interval):
		}
		out, err := oidc.CreateToken(ctx, &ssooidc.CreateTokenInput{
			ClientId: &f.clientID, ClientSecret: &f.secret, DeviceCode: &f.deviceCode, GrantType: sdkaws.String(deviceGrant),
		})
		var pending *oidctypes.AuthorizationPendingException
		var slow *oidctypes.SlowDownException
		var expired *oidctypes.ExpiredTokenException
		var denied *oidctypes.AccessDeniedException
		switch {
		case err == nil:
			f.tok = &ssoToken{AccessToken: sdkaws.ToString(out.AccessToken), RefreshToken: sdkaws.ToString(out.RefreshToken),
				ExpiresAt: f.now().Add(time.Duration(out.ExpiresIn) * time.Second)}
			return nil
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.As(err, &pending):
		case errors.As(err, &slow):
			interval += ssoSlowDown
		case errors.As(err, &expired):
			return ErrSSOExpired
		case errors.As(err, &denied):
			return ErrSSODenied
		default:
			return ssoError("finish the sign-in", err)
		}
	}
}

// ssoError names the step that failed; the SDK's message never holds the
// token or secret (they travel in the request body, not the error).
func ssoError(step string, err error) error {
	return fmt.Errorf("could not %s: %w", step, err)
}
