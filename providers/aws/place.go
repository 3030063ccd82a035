package aws

import (
	"fmt"
	"net/url"
	"strings"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/geo/geoip"
	"github.com/reachmap/reachmap/providers"
)

// Where a scan's buckets are is decided here, for both ways of reaching an
// S3 API: an AWS profile, whose S3 calls may go to another company's
// endpoint, and an S3-compatible endpoint from Accounts. placeEndpoint
// decides whose an endpoint is and where; bucketAsset and headedBucket
// place each bucket from that and from what the server said about it.

// s3Place says whose storage a scan's buckets are. For AWS the region of
// each bucket is S3's answer. Another company's S3-compatible endpoint
// usually serves one region, which its host name or the user names.
type s3Place struct {
	provider string       // legal-model id of the company running the endpoint
	region   string       // the endpoint's region, when it pins one
	evidence geo.Evidence // how region was learned
	// country places a self-hosted server in the country its owner gave.
	country string
	// unknown, when set, says why the buckets cannot be placed at all (a
	// self-hosted server nobody said the location of).
	unknown string
}

// placeEndpoint decides whose the buckets behind the S3 endpoint at host
// are, and where. chosen is the endpoint as the user entered it in
// Accounts, whose provider and region come first; it is nil for an AWS
// profile's endpoint, where nobody chose. Then the host name decides
// (geo.S3Endpoint). named reports whether either said whose the endpoint
// is; when neither did, the place is a self-hosted server's, in the country
// its owner gave as its region, or unknown.
func placeEndpoint(host string, chosen *providers.S3Endpoint) (place s3Place, named bool) {
	var provider, region string
	if chosen != nil {
		provider, region = strings.ToLower(strings.TrimSpace(chosen.Provider)), strings.TrimSpace(chosen.Region)
	}
	place = s3Place{provider: provider, region: region, evidence: geo.EvidenceCatalog}
	hp, hr, known := geo.S3Endpoint(host)
	switch {
	case provider == "" && known:
		place.provider = hp
		if region == "" {
			place.region, place.evidence = hr, geo.EvidenceDNS
		}
	case provider != "" && region == "" && known && hp == provider:
		place.region, place.evidence = hr, geo.EvidenceDNS
	}
	named = place.provider != "" && place.provider != "self-hosted"
	switch {
	case !named && len(region) == 2 && geo.ValidCountry(region):
		// A server of one's own, placed by the country its owner gives.
		place.provider, place.region, place.country = "self-hosted", "", strings.ToUpper(region)
	case !named:
		place.provider, place.region = "self-hosted", ""
		place.unknown = fmt.Sprintf("%s is an S3 server Reachmap does not recognise; set its provider and region (or, for your own server, its country) in Accounts to place it", host)
	case place.provider == providerID:
		// AWS's own endpoint: S3's per-bucket answer is the truth.
		place.region = ""
	case place.region == "":
		place.unknown = fmt.Sprintf("%s does not say which of its regions %s is", place.provider, host)
		if chosen != nil {
			place.unknown += "; set the region in Accounts to place it"
		}
	}
	return place, named
}

// placeS3 looks at where the profile sends its calls. AWS's own endpoints
// and servers on this computer (emulators, tests) keep AWS's meaning.
// Another company's S3-compatible endpoint makes the buckets that
// company's, in the region its host name gives; if every service goes
// there, there is no AWS region to scan. Any other server is scanned as if
// it were AWS, and a gap says that this is an assumption.
func (sc *scanner) placeS3() {
	host := endpointHost(sc.s3.Options().BaseEndpoint)
	if host == "" {
		return
	}
	if place, named := placeEndpoint(host, nil); named {
		if place.provider != providerID {
			sc.place = place
			sc.s3Only = endpointHost(sc.s.cfg.BaseEndpoint) == host
		}
		return
	}
	if !providers.IsLocalHost(host) {
		sc.sink.Gap(providers.Gap{Provider: providerID, Account: sc.profile,
			Error: fmt.Sprintf("profile %s sends S3 calls to %s, which is not an endpoint Reachmap knows: its buckets are placed where that server says, as if AWS ran it", sc.profile, host),
			Hint:  "If another company runs this server, add it under S3-compatible storage in Accounts with its provider and region instead."})
	}
}

// endpointHost is the host of an endpoint override, or "" for none.
func endpointHost(base *string) string {
	if !customEndpoint(base) {
		return ""
	}
	u, err := url.Parse(*base)
	if err != nil {
		return ""
	}
	return u.Hostname()
}

// bucketAsset places a bucket whose server reported a region (maybe
// none). settled is false when a HeadBucket should tell; final says the
// HeadBucket has been made. On AWS the reported region is the truth.
// Another company's endpoint pins its own region; a reported region is
// kept only when it is one of that company's (an endpoint that lists the
// buckets of several regions, as Wasabi's does), since compatible servers
// often answer "us-east-1" whatever they are.
func (sc *scanner) bucketAsset(name, reported string, final bool) (a providers.Asset, settled bool) {
	p := sc.place
	a = sc.asset(providers.KindBucket, name, reported, sc.bucketTags())
	a.Provider = p.provider
	switch {
	case p.unknown != "" || p.country != "":
		a.Region = ""
		loc := geo.Unknown(p.unknown)
		if p.country != "" {
			loc = geo.Location{Country: p.country, Evidence: geo.EvidenceCatalog, Confidence: geo.ConfidenceMedium,
				Note: "the country its owner gave for this server; the point is the country, not the building"}
			loc.Lat, loc.Lon, _ = geoip.CountryPoint(p.country)
		}
		a.Location, a.Evidence = &loc, loc.Evidence
		if reported != "" {
			a.Tags["s3:reported-region"] = reported
		}
		return a, true
	case p.region == "":
		return a, reported != ""
	case reported == p.region:
	case reported != "":
		if _, ok := geo.Lookup(p.provider, reported); ok {
			return a, true
		}
		if !final {
			return a, false
		}
		a.Tags["s3:reported-region"] = reported
	case !final:
		return a, false
	}
	a.Region, a.Evidence = p.region, p.evidence
	return a, true
}

// headedBucket places a bucket once its HeadBucket has answered: in the
// region it gave; if it failed, in the endpoint's own region where the
// endpoint pins one (the HEAD only checked whether the bucket lives in
// another of the company's regions), else nowhere, with the failure as the
// bucket's gap.
func (sc *scanner) headedBucket(r regionResult, c class) providers.Asset {
	if r.err == nil {
		a, _ := sc.bucketAsset(r.bucket, r.region, true)
		return a
	}
	if sc.place.region != "" {
		a, _ := sc.bucketAsset(r.bucket, "", true)
		return a
	}
	a := sc.asset(providers.KindBucket, r.bucket, "", sc.bucketTags())
	a.Provider = sc.place.provider
	a.Evidence = geo.EvidenceUnknown
	g := sc.gap("", r.bucket, c, r.err)
	loc := geo.Unknown("S3 did not say where this bucket is: " + g.Error)
	a.Location = &loc
	a.Gaps = []providers.Gap{g}
	return a
}

// bucketTags are AWS's service tag, or for another company's endpoint the
// endpoint itself.
func (sc *scanner) bucketTags() map[string]string {
	if sc.place.provider == providerID {
		return map[string]string{"aws:service": "s3"}
	}
	return map[string]string{"s3:endpoint": sdkaws.ToString(sc.s3.Options().BaseEndpoint)}
}
