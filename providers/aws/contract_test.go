package aws

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/providertest"
)

// The shared provider contract (providertest), run by an AWS profile and
// by an S3-compatible endpoint against the tests' real servers.

// TestContract runs the contract on a profile scanning moto.
func TestContract(t *testing.T) {
	profile := func(t *testing.T, endpoint string) providers.Provider {
		files := writeFiles(t, testProfile{name: "acme", region: "eu-west-1", endpoint: endpoint, access: motoAccess, secret: motoSecret})
		return testProvider("acme", testOptions(files))
	}
	providertest.Run(t, providertest.Case{
		New: func(t *testing.T) providers.Provider { return profile(t, freshMoto(t)) },
		Slow: func(t *testing.T) providers.Provider {
			f := newFront(t, freshMoto(t))
			f.delay = 5 * time.Second
			return profile(t, f.URL())
		},
		// One region refuses every call, as an SCP closing it would; the
		// rest of the account is scanned.
		Partial: func(t *testing.T) providers.Provider {
			endpoint := freshMoto(t)
			createBuckets(t, rawS3(endpoint, "eu-west-1", motoAccess, motoSecret), "eu-west-1", []string{"acme-contract"})
			f := newFront(t, endpoint)
			f.faultFor = regionFaults("sa-east-1", map[string]fault{
				"ec2": {status: 403, code: "UnauthorizedOperation", message: "explicit deny in a service control policy"},
				"*":   {status: 403, code: "AccessDenied", message: "explicit deny in a service control policy"},
			})
			return profile(t, f.URL())
		},
		Secrets: []string{motoSecret},
		Guard: func(t *testing.T, endpoint string) providertest.Calls {
			files := writeFiles(t, testProfile{name: "p", region: "eu-west-1", endpoint: endpoint, access: motoAccess, secret: motoSecret})
			o := testOptions(files)
			o.maxAttempts = 1
			s, err := openSession(context.Background(), "p", o)
			if err != nil {
				t.Fatal(err)
			}
			return providertest.Calls{Writes: mutatingCalls(s), Read: func(ctx context.Context) error {
				_, err := s.s3().ListBuckets(ctx, &s3.ListBucketsInput{})
				return err
			}}
		},
	})
}

// TestCompatContract runs the contract on an S3-compatible endpoint
// served by versitygw.
func TestCompatContract(t *testing.T) {
	endpoint := func(url string) *CompatProvider {
		return &CompatProvider{ep: providers.S3Endpoint{URL: url, Provider: "wasabi", Region: versityRegion,
			AccessKeyID: versityAccess, SecretAccessKey: versitySecret}, opts: testOptions(nil)}
	}
	providertest.Run(t, providertest.Case{
		New: func(t *testing.T) providers.Provider {
			s, _ := versityBuckets(t, 2)
			return endpoint(s.url)
		},
		Slow: func(t *testing.T) providers.Provider {
			s, _ := versityBuckets(t, 2)
			f := newFront(t, s.url)
			f.delay = 5 * time.Second
			return endpoint(f.URL())
		},
		// An endpoint named as AWS's own, where each bucket's region is
		// S3's answer: the server sends no BucketRegion, and the HeadBucket
		// of one bucket is refused. That bucket becomes a gap; the others
		// are placed.
		Partial: func(t *testing.T) providers.Provider {
			s := need(t, usVersity)
			names := bucketNames("contract", 3)
			createBuckets(t, rawS3(s.url, "us-east-1", versityAccess, versitySecret), "us-east-1", names)
			f := newFront(t, s.url)
			f.stripBucketRegion = true
			f.faultFor = func(r *http.Request, op, _ string) *fault {
				if op == "S3.HeadBucket" && strings.Trim(r.URL.Path, "/") == names[0] {
					return &fault{status: http.StatusForbidden, code: "AccessDenied", message: "Access Denied"}
				}
				return nil
			}
			p := endpoint(f.URL())
			p.ep.Provider, p.ep.Region = "aws", ""
			return p
		},
		Secrets: []string{versitySecret},
		Guard: func(t *testing.T, url string) providertest.Calls {
			o := testOptions(nil)
			o.maxAttempts = 1
			c := compatSession(providers.S3Endpoint{URL: url, AccessKeyID: versityAccess, SecretAccessKey: versitySecret}, "us-east-1", o).s3()
			b := sdkaws.String("acme-invoices")
			return providertest.Calls{
				Writes: map[string]func(context.Context) error{
					"PutObject": func(ctx context.Context) error {
						_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: sdkaws.String("x"), Body: strings.NewReader("data")})
						return err
					},
					"DeleteBucket": func(ctx context.Context) error {
						_, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: b})
						return err
					},
					"DeleteObjects": func(ctx context.Context) error {
						_, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: b, Delete: &s3types.Delete{Objects: []s3types.ObjectIdentifier{{Key: sdkaws.String("x")}}}})
						return err
					},
					"PutBucketPolicy": func(ctx context.Context) error {
						_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: b, Policy: sdkaws.String("{}")})
						return err
					},
				},
				Read: func(ctx context.Context) error {
					_, err := c.ListBuckets(ctx, &s3.ListBucketsInput{})
					return err
				},
			}
		},
	})
}
