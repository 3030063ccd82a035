package aws

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/logging"

	"github.com/reachmap/reachmap/providers"
)

// S3-compatible object stores (Hetzner, OVHcloud, Scaleway, Backblaze, a
// self-hosted MinIO…) speak the S3 API, so they are listed with the same
// client, read-only guard, pagination and error handling as AWS. What
// differs is whose they are and where: an endpoint usually serves one
// region, named by its host name (geo.S3Endpoint) or by the user.

// CompatProvider lists the buckets behind one S3-compatible endpoint.
type CompatProvider struct {
	ep   S3Endpoint
	opts options
}

// Name is "s3:KEY@URL".
func (p *CompatProvider) Name() string { return "s3:" + p.ep.String() }

// String is Name: a provider printed in a log or an error (%v, %+v) must
// not show its secret key, as printing its fields would.
func (p *CompatProvider) String() string { return p.Name() }

// GoString is String for %#v.
func (p *CompatProvider) GoString() string { return "aws.CompatProvider{" + p.ep.String() + "}" }

// compatPlace decides whose an endpoint is and where (placeEndpoint: the
// user's choice first, then the host name). It fails only on a URL that
// cannot be an endpoint.
func compatPlace(ep S3Endpoint) (host string, place s3Place, err error) {
	u, ok := ep.parsedURL()
	if !ok {
		return "", s3Place{}, fmt.Errorf("%q is not an endpoint URL: give it as https://host[:port]", ep.URL)
	}
	host = u.Hostname()
	place, _ = placeEndpoint(host, &ep)
	return host, place, nil
}

// Scan lists the endpoint's buckets into sink.
func (p *CompatProvider) Scan(ctx context.Context, sink providers.Sink) error {
	host, place, err := compatPlace(p.ep)
	label := host
	if label == "" {
		label = p.ep.URL
	}
	sc := newScanner(label, sink)
	sc.hint = func(c class, err error) string { return compatHint(c, host, place) }
	if err != nil {
		sc.provider = "s3-compatible"
		sink.Gap(providers.Gap{Provider: sc.provider, Account: label, Error: err.Error(), Hint: "Correct the endpoint URL in Accounts."})
		return err
	}
	sc.provider, sc.place = place.provider, place
	if p.ep.SecretAccessKey == "" || p.ep.AccessKeyID == "" {
		g := providers.Gap{Provider: sc.provider, Account: label, Error: "no access key or secret key for " + p.ep.String(),
			Hint: "Enter the access key and its secret for this endpoint in Accounts; the secret is kept in the system keyring."}
		sink.Gap(g)
		return errors.New(g.Error)
	}
	if place.unknown != "" {
		sink.Gap(providers.Gap{Provider: sc.provider, Account: label, Error: place.unknown,
			Hint: "Without a provider and region the buckets are listed as unknown: Reachmap cannot tell whose law reaches them."})
	}

	sc.progress("listing S3 buckets", 0, 1)
	// The signature names a region. Most compatible services take their
	// own region code, some only "us-east-1": try the first, then the
	// second, before reporting the keys as refused.
	var buckets []bucket
	for i, region := range signingRegions(place) {
		sc.s = compatSession(p.ep, region, p.opts)
		sc.s3 = sc.s.s3()
		lctx, cancel := context.WithTimeout(ctx, p.opts.callTimeout)
		buckets, _, err = listBuckets(lctx, sc.s3, p.opts.pageSize)
		cancel()
		if err == nil || !wrongRegion(err) || i == len(signingRegions(place))-1 {
			break
		}
	}
	if err != nil {
		sc.fail("", "", err)
	} else {
		sc.ok()
	}
	sc.reportBuckets(ctx, buckets)
	sc.step("s3")
	if err := ctx.Err(); err != nil {
		return err
	}
	if sc.succeeded.Load() == 0 && sc.firstFail != nil {
		return fmt.Errorf("S3 endpoint %s: %s", label, sc.firstFail.Error)
	}
	return nil
}

// signingRegions are the regions to sign with, in order.
func signingRegions(p s3Place) []string {
	switch {
	case p.provider == "cloudflare":
		return []string{"auto"} // R2 takes "auto" whatever the jurisdiction
	case p.region == "" || p.region == fallbackRegion:
		return []string{fallbackRegion}
	}
	return []string{p.region, fallbackRegion}
}

// wrongRegion reports an answer that may mean the signature named a region
// the server does not use.
func wrongRegion(err error) bool {
	var api smithy.APIError
	if !errors.As(err, &api) {
		return false
	}
	switch api.ErrorCode() {
	case "AuthorizationHeaderMalformed", "SignatureDoesNotMatch", "InvalidRegion", "InvalidRequest":
		return true
	}
	return false
}

// compatSession is a session for one endpoint with static keys. It carries
// the same read-only guard, retryer and HTTP client as a profile's.
func compatSession(ep S3Endpoint, region string, o options) *session {
	cfg := sdkaws.Config{
		Region:       region,
		Credentials:  credentials.NewStaticCredentialsProvider(ep.AccessKeyID, ep.SecretAccessKey, ""),
		HTTPClient:   newHTTPClient(o),
		Retryer:      func() sdkaws.Retryer { return newRetryer(o) },
		BaseEndpoint: sdkaws.String(strings.TrimRight(strings.TrimSpace(ep.URL), "/")),
		AppID:        "reachmap",
		Logger:       logging.Nop{},
	}
	guard(&cfg, o)
	part, _ := partitionOf(region)
	return &session{profile: ep.String(), cfg: cfg, home: region, partition: part, opts: o}
}

// compatHint says what to do about a failure at an S3-compatible endpoint,
// in its terms rather than AWS profiles'.
func compatHint(c class, host string, p s3Place) string {
	switch c {
	case classBadCredentials, classExpired:
		return fmt.Sprintf("%s refused the access key: check the key id and secret in Accounts, and the region (%s).", host, cmp.Or(p.region, "none set"))
	case classDenied:
		return fmt.Sprintf("The key may not list the buckets on %s: give it read access to them.", host)
	case classThrottled:
		return fmt.Sprintf("%s kept throttling the requests after several retries; scan again later.", host)
	case classTimeout, classUnreachable, classNoService:
		return fmt.Sprintf("Could not reach %s: check the endpoint URL and the network connection.", host)
	case classBadResponse:
		return fmt.Sprintf("Something other than an S3 API answered at %s: check the endpoint URL.", host)
	case classNoSuchBucket:
		return "The bucket was deleted while the scan ran; scan again to confirm."
	case classRefused:
		return hintFor(c, nil, "")
	}
	return ""
}
