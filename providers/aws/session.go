package aws

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/backup"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	"github.com/aws/aws-sdk-go-v2/service/glacier"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/ses"
	"github.com/aws/aws-sdk-go-v2/service/workmail"
	"github.com/aws/smithy-go/logging"
)

// fallbackRegion is where global calls go when a profile names no region.
// S3 ListBuckets and ec2 DescribeRegions answer for the whole account from
// any region of the partition.
const fallbackRegion = "us-east-1"

// options tune a scan. The defaults suit a real account over the internet;
// tests shrink timeouts and page sizes to exercise edge cases quickly.
type options struct {
	// files are the shared config and credentials files; nil means the
	// SDK's own choice (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, ~/.aws).
	files *sharedFiles
	// pageSize is MaxBuckets for ListBuckets. 10,000 is S3's maximum, so
	// most accounts are listed in a single round trip.
	pageSize int32
	// headConcurrency bounds HeadBucket calls in flight for buckets whose
	// region ListBuckets did not report.
	headConcurrency int
	// callConcurrency bounds regional API calls in flight.
	callConcurrency int
	// skip names listers not run (lister.service); the tests' moto has no
	// Lightsail, so theirs skip it unless a stand-in serves it.
	skip map[string]bool
	// keys, when set, are an account's access keys entered in the window:
	// the session uses them instead of a profile of the shared files.
	keys *KeyAccount
	// orgConcurrency bounds the member accounts of an organization
	// scanned at once; each has its own callConcurrency.
	orgConcurrency int
	// maxAttempts and maxBackoff bound the SDK retryer (throttling, 5xx,
	// connection errors).
	maxAttempts int
	maxBackoff  time.Duration
	// dialTimeout bounds a TCP connect, responseTimeout the wait for
	// response headers; callTimeout bounds one listing (all its pages and
	// retries), credentialTimeout the credential check.
	dialTimeout       time.Duration
	responseTimeout   time.Duration
	callTimeout       time.Duration
	credentialTimeout time.Duration
	// cache remembers bucket regions learned through HeadBucket.
	cache *regionCache
	// wrapHTTP, when set, wraps the HTTP client every service uses; the
	// benchmarks count requests in flight with it.
	wrapHTTP func(sdkaws.HTTPClient) sdkaws.HTTPClient
	// dial, when set, replaces the TCP dialer: tests reach a provider's
	// real host name on a server of their own.
	dial func(ctx context.Context, network, addr string) (net.Conn, error)
}

func defaultOptions() options {
	return options{
		pageSize:          10000,
		headConcurrency:   64,
		callConcurrency:   24,
		orgConcurrency:    16,
		maxAttempts:       5,
		maxBackoff:        5 * time.Second,
		dialTimeout:       10 * time.Second,
		responseTimeout:   30 * time.Second,
		callTimeout:       3 * time.Minute,
		credentialTimeout: 30 * time.Second,
		cache:             sharedRegionCache,
	}
}

// session is one profile's loaded configuration, from which every client is
// built. Its aws.Config carries the read-only guard, so no client made from
// it can send a mutating call.
type session struct {
	profile   string
	cfg       sdkaws.Config
	home      string
	partition partition
	sso       bool
	opts      options
	// tags collects the tagging API's answers for one account's scan.
	tags *tagIndex
}

// openSession loads the profile the way the AWS CLI would and checks that it
// yields credentials. The error is classified by the caller.
func openSession(ctx context.Context, profile string, o options) (*session, error) {
	files := defaultSharedFiles()
	if o.files != nil {
		files = *o.files
	}
	prof, inFiles, err := profileInFiles(files, profile)
	if err != nil {
		return nil, err
	}

	load := []func(*config.LoadOptions) error{
		config.WithAppID("reachmap"),
		// The SDK would print warnings to stderr; Reachmap reports through
		// gaps, and only the UI decides what to show or log.
		config.WithLogger(logging.Nop{}),
		config.WithHTTPClient(newHTTPClient(o)),
		config.WithRetryer(func() sdkaws.Retryer { return newRetryer(o) }),
	}
	if o.files != nil {
		load = append(load, config.WithSharedConfigFiles(o.files.config), config.WithSharedCredentialsFiles(o.files.credentials))
	}
	switch {
	case o.keys != nil:
		// Keys from the window: no profile, the keys and their region.
		load = append(load, config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(o.keys.AccessKeyID, o.keys.secret, "")))
		if o.keys.Region != "" {
			load = append(load, config.WithRegion(o.keys.Region))
		}
	case profile != "default" || inFiles:
		// "default" with no such section in the files means: whatever the
		// SDK's default chain finds (environment keys, container or
		// instance role).
		load = append(load, config.WithSharedConfigProfile(profile))
	}
	cfg, err := config.LoadDefaultConfig(ctx, load...)
	if err != nil {
		return nil, fmt.Errorf("load AWS profile %s: %w", profile, err)
	}
	// After loading: the loader configures the HTTP client it was given
	// (a CA bundle), which a wrapper would hide from it.
	guard(&cfg, o)

	home := cfg.Region
	if home == "" {
		home = fallbackRegion
	}
	part, _ := partitionOf(home)
	s := &session{profile: profile, cfg: cfg, home: home, partition: part, sso: prof.SSO, opts: o}

	cctx, cancel := context.WithTimeout(ctx, o.credentialTimeout)
	defer cancel()
	if _, err := cfg.Credentials.Retrieve(cctx); err != nil {
		return s, fmt.Errorf("credentials for AWS profile %s: %w", profile, err)
	}
	return s, nil
}

// guard gives a loaded configuration what every session of Reachmap has:
// the read-only allowlist on every client, and the tests' HTTP wrapper.
func guard(cfg *sdkaws.Config, o options) {
	cfg.APIOptions = append(cfg.APIOptions, addReadOnlyGuard)
	if o.wrapHTTP != nil {
		cfg.HTTPClient = o.wrapHTTP(cfg.HTTPClient)
	}
}

// newRetryer is the SDK's standard retryer (backoff with jitter on
// throttling, 5xx and connection errors) within the scan's bounds.
func newRetryer(o options) sdkaws.Retryer {
	return retry.NewStandard(func(so *retry.StandardOptions) {
		so.MaxAttempts = o.maxAttempts
		so.MaxBackoff = o.maxBackoff
		// The client-side retry quota would turn a burst of throttled
		// HEADs into "retry quota exceeded" failures; concurrency is
		// already bounded, so backoff and the attempt cap are enough.
		so.RateLimiter = ratelimit.None
	})
}

// newHTTPClient is shared by every client of a session, so connections to
// an endpoint are reused across services and regions.
func newHTTPClient(o options) *awshttp.BuildableClient {
	idle := o.headConcurrency + o.callConcurrency
	return awshttp.NewBuildableClient().
		WithDialerOptions(func(d *net.Dialer) { d.Timeout = o.dialTimeout }).
		WithTransportOptions(func(t *http.Transport) {
			if o.dial != nil {
				t.DialContext = o.dial
			}
			t.ResponseHeaderTimeout = o.responseTimeout
			// Keep as many idle connections as requests run in parallel;
			// the SDK default of 10 per host would close and reopen the rest,
			// paying a handshake per HEAD.
			t.MaxIdleConnsPerHost = idle
			if t.MaxIdleConns < idle {
				t.MaxIdleConns = idle
			}
		})
}

// customEndpoint reports whether an endpoint override (AWS_ENDPOINT_URL,
// AWS_ENDPOINT_URL_<SERVICE>, endpoint_url in the profile) is in force.
func customEndpoint(base *string) bool { return base != nil && *base != "" }

func (s *session) s3() *s3.Client {
	return s3.NewFromConfig(s.cfg, func(o *s3.Options) {
		o.Region = s.home
		// A custom endpoint is a local or compatible server, usually reached
		// by IP or a single host name, where bucket.host names do not resolve.
		if customEndpoint(o.BaseEndpoint) {
			o.UsePathStyle = true
		}
	})
}

func (s *session) ec2(region string) *ec2.Client {
	return ec2.NewFromConfig(s.cfg, func(o *ec2.Options) { o.Region = region })
}

func (s *session) dynamodb(region string) *dynamodb.Client {
	return dynamodb.NewFromConfig(s.cfg, func(o *dynamodb.Options) { o.Region = region })
}

func (s *session) rds(region string) *rds.Client {
	return rds.NewFromConfig(s.cfg, func(o *rds.Options) { o.Region = region })
}

func (s *session) efs(region string) *efs.Client {
	return efs.NewFromConfig(s.cfg, func(o *efs.Options) { o.Region = region })
}

func (s *session) glacier(region string) *glacier.Client {
	return glacier.NewFromConfig(s.cfg, func(o *glacier.Options) { o.Region = region })
}

func (s *session) backup(region string) *backup.Client {
	return backup.NewFromConfig(s.cfg, func(o *backup.Options) { o.Region = region })
}

func (s *session) workmail(region string) *workmail.Client {
	return workmail.NewFromConfig(s.cfg, func(o *workmail.Options) { o.Region = region })
}

func (s *session) ses(region string) *ses.Client {
	return ses.NewFromConfig(s.cfg, func(o *ses.Options) { o.Region = region })
}

// regionCache remembers bucket regions per partition, endpoint and bucket.
// A bucket's region is fixed for its life, so entries never expire within
// a process; it is safe for concurrent use.
type regionCache struct {
	mu sync.Mutex
	m  map[string]string
}

func newRegionCache() *regionCache { return &regionCache{m: map[string]string{}} }

// sharedRegionCache serves every provider of the process, so a second scan
// (or a second profile of the same account) skips the HEADs.
var sharedRegionCache = newRegionCache()

func cacheKey(partition, endpoint, bucket string) string {
	return partition + "\x00" + endpoint + "\x00" + bucket
}

func (c *regionCache) get(key string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[key]
	return r, ok
}

func (c *regionCache) put(key, region string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = region
}
