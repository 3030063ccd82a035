package mail

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// domainProfile is UTS #46 lookup processing (map case and compatibility
// forms, check bidi and joiners) plus strict STD3 host-name rules, so an
// underscore or a space is refused here rather than sent to a resolver.
var domainProfile = idna.New(
	idna.MapForLookup(),
	idna.Transitional(false),
	idna.StrictDomainName(true),
	idna.ValidateLabels(true),
	idna.BidiRule(),
	idna.VerifyDNSLength(true),
)

// normalizeDomain turns what a person typed into the ASCII (punycode) name
// to query and the Unicode name to show. It accepts an e-mail address and
// takes its domain, and it ignores a trailing root dot.
func normalizeDomain(in string) (ascii, display string, err error) {
	s := strings.TrimSpace(in)
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	s = strings.TrimSuffix(s, ".")
	if s == "" {
		return "", "", errors.New("empty domain name")
	}
	if !utf8.ValidString(s) {
		// idna would turn the bad bytes into U+FFFD and encode that.
		return "", "", fmt.Errorf("%q is not valid UTF-8", s)
	}
	if _, err := netip.ParseAddr(strings.Trim(s, "[]")); err == nil {
		return "", "", fmt.Errorf("%q is an IP address, not a domain name", s)
	}
	ascii, err = domainProfile.ToASCII(s)
	if err != nil {
		return "", "", fmt.Errorf("%q is not a valid domain name: %w", s, err)
	}
	ascii = strings.ToLower(ascii)
	// The ASCII form must pass the same checks: this refuses punycode
	// that decodes to something the profile would not have produced.
	if again, err := domainProfile.ToASCII(ascii); err != nil || again != ascii {
		return "", "", fmt.Errorf("%q is not a valid domain name (its ASCII form %q does not validate)", s, ascii)
	}
	if !strings.Contains(ascii, ".") {
		return "", "", fmt.Errorf("%q has a single label; give a full domain such as example.com", s)
	}
	// A numeric top-level label is never a real TLD, and names such as
	// 1.2.3 would otherwise pass as host names.
	if tld := ascii[strings.LastIndexByte(ascii, '.')+1:]; strings.Trim(tld, "0123456789") == "" {
		return "", "", fmt.Errorf("%q has a numeric top-level label", s)
	}
	display, err = idna.Display.ToUnicode(ascii)
	if err != nil {
		display = ascii
	}
	return ascii, display, nil
}
