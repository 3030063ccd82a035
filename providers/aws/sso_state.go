package aws

import (
	"encoding/json"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
)

// ssoState is what the token cache holds for an SSO profile.
type ssoState int

const (
	ssoNone    ssoState = iota // no token: nobody has signed in here
	ssoValid                   // a token that has not expired, or can be refreshed
	ssoExpired                 // a token past its time, with nothing to refresh it
)

// ssoSignedIn reads the token cache entry named key (an sso-session's
// name, or a legacy profile's start URL), as `aws sso login` and the
// window's sign-in write it, so that the Accounts screen says whether a
// profile is signed in rather than always telling the person to sign in.
// It reads the expiry and whether a refresh token is there, never the
// token itself.
func ssoSignedIn(key string, now time.Time) ssoState {
	if key == "" {
		return ssoNone
	}
	path, err := ssocreds.StandardCachedTokenFilepath(key)
	if err != nil {
		return ssoNone
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return ssoNone
	}
	var c struct {
		ExpiresAt             string `json:"expiresAt"`
		RefreshToken          string `json:"refreshToken"`
		RegistrationExpiresAt string `json:"registrationExpiresAt"`
	}
	if json.Unmarshal(b, &c) != nil {
		return ssoNone
	}
	if t, err := time.Parse(time.RFC3339, c.ExpiresAt); err == nil && now.Before(t) {
		return ssoValid
	}
	// The SDK refreshes an expired token with the refresh token while the
	// client registration lasts.
	if reg, err := time.Parse(time.RFC3339, c.RegistrationExpiresAt); err == nil && c.RefreshToken != "" && now.Before(reg) {
		return ssoValid
	}
	return ssoExpired
}
