package aws

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
	"github.com/aws/aws-sdk-go-v2/feature/s3/manager"
	"github.com/aws/smithy-go"
)

// class is what kind of failure an error is, which decides the gap's
// wording and hint and whether the scan of a region goes on.
type class int

const (
	classOther          class = iota
	classCanceled             // the scan was cancelled: no gap, the caller knows
	classDenied               // AccessDenied & co: a policy or an SCP said no
	classExpired              // temporary credentials expired
	classSSO                  // the SSO session must be renewed
	classNoProfile            // the named profile is not in the shared files
	classNoCredentials        // nothing in the credential chain produced keys
	classBadCredentials       // the keys were rejected (or the region is not enabled)
	classRegionDisabled       // the region is an opt-in region not enabled
	classThrottled            // still throttled after the retryer gave up
	classTimeout              // the endpoint did not answer in time
	classUnreachable          // connection refused, reset, DNS failure
	classNoSuchBucket         // the bucket went away during the scan
	classNoService            // the service has no endpoint in this region
	classRefused              // our read-only guard refused the call (a bug)
	classBadResponse          // the endpoint answered, but not like an AWS API
)

var (
	deniedCodes = map[string]bool{
		"AccessDenied": true, "AccessDeniedException": true, "UnauthorizedOperation": true,
		"AuthorizationError": true, "AuthorizationErrorException": true, "Forbidden": true,
		"UnauthorizedException": true, "NotAuthorized": true, "AllAccessDisabled": true,
	}
	expiredCodes = map[string]bool{
		"ExpiredToken": true, "ExpiredTokenException": true, "TokenRefreshRequired": true,
		"RequestExpired": true,
	}
	badCredentialCodes = map[string]bool{
		"InvalidClientTokenId": true, "UnrecognizedClientException": true, "AuthFailure": true,
		"InvalidAccessKeyId": true, "SignatureDoesNotMatch": true, "InvalidSignatureException": true,
		"IncompleteSignature": true, "MissingAuthenticationToken": true,
	}
	throttleCodes = map[string]bool{
		"Throttling": true, "ThrottlingException": true, "ThrottledException": true,
		"RequestThrottledException": true, "TooManyRequestsException": true,
		"RequestLimitExceeded": true, "RequestThrottled": true, "SlowDown": true,
		"EC2ThrottledException": true, "ProvisionedThroughputExceededException": true,
		"BandwidthLimitExceeded": true, "LimitExceededException": true,
		"ServiceUnavailable": true, "503ServiceUnavailable": true,
	}
)

// classify sorts an SDK error into a class.
func classify(err error) class {
	if err == nil {
		return classOther
	}
	var guard *NotReadOnlyError
	if errors.As(err, &guard) {
		return classRefused
	}
	if errors.Is(err, context.Canceled) {
		return classCanceled
	}
	var noProfile config.SharedConfigProfileNotExistError
	if errors.As(err, &noProfile) {
		return classNoProfile
	}
	var ssoErr *ssocreds.InvalidTokenError
	if errors.As(err, &ssoErr) || strings.Contains(err.Error(), "cached SSO token") {
		return classSSO
	}
	var api smithy.APIError
	if errors.As(err, &api) {
		code := api.ErrorCode()
		switch {
		case code == "OptInRequired":
			return classRegionDisabled
		case deniedCodes[code]:
			return classDenied
		case expiredCodes[code]:
			return classExpired
		case badCredentialCodes[code]:
			return classBadCredentials
		case throttleCodes[code]:
			return classThrottled
		case code == "NoSuchBucket", code == "NotFound" && isS3(err):
			// A HEAD answer has no body, so a missing bucket is a bare 404.
			return classNoSuchBucket
		}
	}
	// An answer whose body could not be read still has a status, and a
	// proxy, an emulator or a WAF in between speaks no AWS protocol.
	switch httpStatus(err) {
	case http.StatusForbidden:
		return classDenied
	case http.StatusUnauthorized:
		return classBadCredentials
	case http.StatusTooManyRequests:
		return classThrottled
	}
	var deser *smithy.DeserializationError
	if errors.As(err, &deser) {
		return classBadResponse
	}
	var notFound manager.BucketNotFound
	if errors.As(err, &notFound) {
		return classNoSuchBucket
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		if dnsErr.IsNotFound {
			return classNoService
		}
		return classUnreachable
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return classTimeout
	}
	var timeout interface{ Timeout() bool }
	if errors.As(err, &timeout) && timeout.Timeout() {
		return classTimeout
	}
	if errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH) {
		return classUnreachable
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return classUnreachable
	}
	if strings.Contains(err.Error(), "failed to retrieve credentials") ||
		strings.Contains(err.Error(), "no EC2 IMDS role found") ||
		strings.Contains(err.Error(), "static credentials are empty") {
		return classNoCredentials
	}
	return classOther
}

// httpStatus is the HTTP status of a failed call's answer, or 0.
func httpStatus(err error) int {
	var resp interface{ HTTPStatusCode() int }
	if errors.As(err, &resp) {
		return resp.HTTPStatusCode()
	}
	return 0
}

func isS3(err error) bool {
	var op *smithy.OperationError
	return errors.As(err, &op) && op.Service() == "S3"
}

// describe is the readable reason for a gap: the service and operation,
// then the API's own code and message, or a short sentence for transport
// failures. It never includes credentials (the SDK never puts them in
// errors) and avoids Go error chains people cannot read.
func describe(err error) string {
	prefix := ""
	var op *smithy.OperationError
	if errors.As(err, &op) {
		prefix = op.Service() + " " + op.Operation() + ": "
	}
	var api smithy.APIError
	if errors.As(err, &api) && api.ErrorCode() != "UnknownError" {
		msg := strings.TrimSpace(api.ErrorMessage())
		if msg == "" {
			return prefix + api.ErrorCode()
		}
		return prefix + api.ErrorCode() + ": " + msg
	}
	var attempts *retry.MaxAttemptsError
	attemptNote := ""
	if errors.As(err, &attempts) {
		attemptNote = fmt.Sprintf(" (after %d attempts)", attempts.Attempt)
	}
	switch classify(err) {
	case classDenied:
		return prefix + fmt.Sprintf("AccessDenied (HTTP %d; the answer's body could not be read)", httpStatus(err))
	case classTimeout:
		return prefix + "timed out" + attemptNote
	case classUnreachable:
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			return prefix + "could not connect to " + redactURL(urlErr.URL) + ": " + rootCause(err) + attemptNote
		}
		return prefix + rootCause(err) + attemptNote
	case classSSO:
		return prefix + "the SSO session has expired or is not logged in"
	case classNoSuchBucket:
		// manager.GetBucketRegion reports a 404 without the operation.
		if prefix == "" {
			prefix = "S3 HeadBucket: "
		}
		return prefix + "NoSuchBucket: the bucket no longer exists"
	case classBadResponse:
		status := ""
		if code := httpStatus(err); code != 0 {
			status = fmt.Sprintf(" (HTTP %d)", code)
		}
		return prefix + "the endpoint's answer is not an AWS API response" + status + attemptNote
	}
	return prefix + rootCause(err) + attemptNote
}

// rootCause is the innermost error's text: "connection refused" rather than
// the whole "operation error …: https response error …: dial tcp …" chain.
func rootCause(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}

// redactURL keeps the scheme, host and path of a request URL and drops the
// query, which for presigned-style requests could carry signatures.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "the endpoint"
	}
	u.RawQuery = ""
	u.User = nil
	return u.String()
}

// hintFor says what to do next about a failure.
func hintFor(c class, err error, profile string) string {
	action := ""
	var op *smithy.OperationError
	if errors.As(err, &op) {
		action = actionFor(op.Service(), op.Operation())
	}
	switch c {
	case classDenied:
		if action != "" {
			return fmt.Sprintf("Allow %s for profile %q (reachmap aws-policy prints the minimal read-only policy), or check whether an organization SCP denies it in this region.", action, profile)
		}
		return fmt.Sprintf("Grant profile %q the read-only policy printed by reachmap aws-policy, or check for an organization SCP.", profile)
	case classExpired:
		return fmt.Sprintf("The temporary credentials have expired: refresh them (for SSO: aws sso login --profile %s) and scan again.", profile)
	case classSSO:
		return fmt.Sprintf("Run aws sso login --profile %s, then scan again.", profile)
	case classNoProfile:
		return fmt.Sprintf("Create it with aws configure --profile %s (or aws configure sso --profile %s), or pick a profile that exists.", profile, profile)
	case classNoCredentials:
		return fmt.Sprintf("No credentials were found for profile %q: run aws configure --profile %s, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.", profile, profile)
	case classBadCredentials:
		return fmt.Sprintf("AWS rejected the access key of profile %q: check it in the credentials file or create a new key.", profile)
	case classRegionDisabled:
		return "This opt-in region is not enabled for the account; enable it under Account → AWS Regions only if you use it."
	case classThrottled:
		return "AWS kept throttling the requests after several retries; scan again later."
	case classTimeout:
		return "The endpoint did not answer in time; check the network connection or proxy and scan again."
	case classUnreachable:
		return "Could not reach the AWS endpoint; check the network connection, proxy, or any AWS_ENDPOINT_URL setting."
	case classNoSuchBucket:
		return "The bucket was deleted while the scan ran; scan again to confirm."
	case classBadResponse:
		return "Something other than the AWS API answered: check AWS_ENDPOINT_URL or endpoint_url settings and any HTTP proxy. A local emulator may not offer this service."
	case classRefused:
		return "This is a bug in Reachmap: it tried a call outside its read-only allowlist. Please report it."
	}
	return ""
}

// errorCode is the service's error code, or "".
func errorCode(err error) string {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api.ErrorCode()
	}
	return ""
}
