package aws

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// s3Doc is a ListBuckets answer laid out the way S3 sends it.
func s3Doc(token string, buckets ...[2]string) string {
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	sb.WriteString(`<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">`)
	sb.WriteString(`<Owner><DisplayName>owner</DisplayName><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID></Owner><Buckets>`)
	for _, b := range buckets {
		fmt.Fprintf(&sb, `<Bucket><Name>%s</Name><CreationDate>2024-05-01T10:00:00.000Z</CreationDate><BucketRegion>%s</BucketRegion><BucketArn>arn:aws:s3:::%s</BucketArn></Bucket>`, b[0], b[1], b[0])
	}
	sb.WriteString(`</Buckets>`)
	if token != "" {
		fmt.Fprintf(&sb, `<ContinuationToken>%s</ContinuationToken>`, token)
	}
	sb.WriteString(`<Prefix></Prefix></ListAllMyBucketsResult>`)
	return sb.String()
}

// decodeWith sends a ListBuckets whose answer is status and body, without
// a network: the transport returns them directly. fast chooses Reachmap's
// decoder or the SDK's alone.
func decodeWith(t testing.TB, status int, body string, fast bool) (*s3.ListBucketsOutput, error) {
	t.Helper()
	c := s3.New(s3.Options{
		Region:      "eu-west-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
		HTTPClient: doFunc(func(r *http.Request) (*http.Response, error) {
			return &http.Response{
				StatusCode: status,
				Header:     http.Header{"Content-Type": {"application/xml"}},
				Body:       io.NopCloser(strings.NewReader(body)),
				Request:    r,
			}, nil
		}),
		RetryMaxAttempts: 1,
	})
	var opts []func(*s3.Options)
	if fast {
		opts = append(opts, withFastListBuckets)
	}
	return c.ListBuckets(context.Background(), &s3.ListBucketsInput{MaxBuckets: sdkaws.Int32(1000)}, opts...)
}

type doFunc func(*http.Request) (*http.Response, error)

func (f doFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

// pageOf is what the scan reads from a page.
func pageOf(out *s3.ListBucketsOutput) string {
	var sb strings.Builder
	for _, b := range out.Buckets {
		fmt.Fprintf(&sb, "%q@%q arn=%q\n", sdkaws.ToString(b.Name), sdkaws.ToString(b.BucketRegion), sdkaws.ToString(b.BucketArn))
	}
	fmt.Fprintf(&sb, "token=%q prefix=%q", sdkaws.ToString(out.ContinuationToken), sdkaws.ToString(out.Prefix))
	return sb.String()
}

func TestFastListBucketsReadsWhatS3Sends(t *testing.T) {
	doc := s3Doc("tok/en+1==",
		[2]string{"photos-eu", "eu-west-1"},
		[2]string{"logs.example.com", "us-east-1"},
		[2]string{"legacy", ""})
	page, ok := parseListBuckets([]byte(doc))
	if !ok {
		t.Fatal("the fast reader refused a plain S3 answer")
	}
	want := `"photos-eu"@"eu-west-1" arn="arn:aws:s3:::photos-eu"
"logs.example.com"@"us-east-1" arn="arn:aws:s3:::logs.example.com"
"legacy"@"" arn="arn:aws:s3:::legacy"
token="tok/en+1==" prefix=""`
	if got := pageOf(page); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	sdk, err := decodeWith(t, 200, doc, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := pageOf(sdk); got != want {
		t.Errorf("the SDK reads the same document as\n%s", got)
	}
}

func TestFastListBucketsLeavesOddDocumentsToTheSDK(t *testing.T) {
	plain := s3Doc("", [2]string{"a-bucket", "eu-west-1"})
	cases := map[string]string{
		"comment":          strings.Replace(plain, "<Buckets>", "<!-- hi --><Buckets>", 1),
		"cdata":            strings.Replace(plain, "<Name>a-bucket</Name>", "<Name><![CDATA[a-bucket]]></Name>", 1),
		"prefix":           strings.Replace(strings.Replace(plain, "<Name>a-bucket</Name>", "<s3:Name>a-bucket</s3:Name>", 1), "<ListAllMyBucketsResult ", `<ListAllMyBucketsResult xmlns:s3="x" `, 1),
		"other case":       strings.Replace(plain, "<BucketRegion>eu-west-1</BucketRegion>", "<bucketregion>eu-west-1</bucketregion>", 1),
		"self-closing":     strings.Replace(plain, "<Prefix></Prefix>", "<Prefix/>", 1),
		"attribute":        strings.Replace(plain, "<Bucket>", `<Bucket id="1">`, 1),
		"unknown entity":   strings.Replace(plain, "a-bucket", "a&nbsp;bucket", 1),
		"control char":     strings.Replace(plain, "a-bucket", "a\x01bucket", 1),
		"carriage return":  strings.Replace(plain, "a-bucket", "a\r\nbucket", 1),
		"trailing element": plain + "<More/>",
		"other root":       strings.Replace(strings.Replace(plain, "<ListAllMyBucketsResult ", "<Result ", 1), "</ListAllMyBucketsResult>", "</Result>", 1),
		"no name":          strings.Replace(plain, "<Name>a-bucket</Name>", "", 1),
		"truncated":        plain[:len(plain)/2],
	}
	for name, doc := range cases {
		t.Run(name, func(t *testing.T) {
			if page, ok := parseListBuckets([]byte(doc)); ok {
				t.Fatalf("the fast reader accepted it:\n%s", pageOf(page))
			}
			// Through the client, the SDK's decoder answers exactly as it
			// would alone: the same page, or the same kind of error.
			fast, ferr := decodeWith(t, 200, doc, true)
			sdk, serr := decodeWith(t, 200, doc, false)
			if (ferr == nil) != (serr == nil) {
				t.Fatalf("with the fast reader: %v; the SDK alone: %v", ferr, serr)
			}
			if ferr == nil && pageOf(fast) != pageOf(sdk) {
				t.Errorf("with the fast reader:\n%s\nthe SDK alone:\n%s", pageOf(fast), pageOf(sdk))
			}
		})
	}
}

func TestFastListBucketsDecodesEntities(t *testing.T) {
	doc := s3Doc("a&amp;b&lt;c&gt;d&quot;e&apos;f&#65;&#x42;", [2]string{"b", "eu-west-1"})
	page, ok := parseListBuckets([]byte(doc))
	if !ok {
		t.Fatal("refused entities")
	}
	if got, want := sdkaws.ToString(page.ContinuationToken), `a&b<c>d"e'fAB`; got != want {
		t.Errorf("token %q, want %q", got, want)
	}
}

// Error answers are the SDK's to read: the scan classifies them by code.
func TestFastListBucketsLeavesErrorsToTheSDK(t *testing.T) {
	body := `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R1</RequestId></Error>`
	_, err := decodeWith(t, 403, body, true)
	var api smithy.APIError
	if !errors.As(err, &api) || api.ErrorCode() != "AccessDenied" {
		t.Fatalf("got %v, want the SDK's AccessDenied", err)
	}
	if c := classify(err); c != classDenied {
		t.Errorf("classified as %v, want denied", c)
	}
}

// FuzzFastListBuckets checks the fast reader against the SDK's decoder:
// whatever the fast reader accepts, the SDK reads the same way.
func FuzzFastListBuckets(f *testing.F) {
	f.Add([]byte(s3Doc("", [2]string{"a-bucket", "eu-west-1"})))
	f.Add([]byte(s3Doc("t&amp;1", [2]string{"x", "us-east-1"}, [2]string{"y.z", ""})))
	f.Add([]byte(`<ListAllMyBucketsResult><Buckets><Bucket><Name>n</Name><Extra><A>1</A>t</Extra></Bucket></Buckets></ListAllMyBucketsResult>`))
	f.Add([]byte(`<ListAllMyBucketsResult><Buckets></Buckets><ContinuationToken>&#x10FFFF;</ContinuationToken></ListAllMyBucketsResult>`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		page, ok := parseListBuckets(doc)
		if !ok {
			return
		}
		sdk, err := decodeWith(t, 200, string(doc), false)
		if err != nil {
			// The one documented difference: the fast reader does not read
			// CreationDate, so a malformed date does not fail the page.
			if bytes.Contains(doc, []byte("CreationDate")) && strings.Contains(err.Error(), "pars") {
				return
			}
			t.Fatalf("the fast reader accepted what the SDK refuses (%v):\n%s", err, pageOf(page))
		}
		if got, want := pageOf(page), pageOf(sdk); got != want {
			t.Fatalf("fast reader:\n%s\nSDK:\n%s", got, want)
		}
	})
}

// The fast reader must take the pages real servers send, or the scan
// quietly falls back to the slow decoder: versitygw's and moto's answers
// are read both ways and must agree.
func TestFastListBucketsReadsRealServers(t *testing.T) {
	servers := map[string]func(t *testing.T) *s3.Client{
		"versitygw": func(t *testing.T) *s3.Client {
			s, _ := versityBuckets(t, 3)
			return rawS3(s.url, versityRegion, versityAccess, versitySecret)
		},
		"moto": func(t *testing.T) *s3.Client {
			c := rawS3(freshMoto(t), "us-east-1", motoAccess, motoSecret)
			createBuckets(t, c, "eu-west-3", []string{"paris-1", "paris-2"})
			createBuckets(t, c, "us-east-1", []string{"virginia"})
			return c
		},
	}
	for name, connect := range servers {
		t.Run(name, func(t *testing.T) {
			c := connect(t)
			var body []byte
			keep := func(o *s3.Options) {
				o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
					return st.Deserialize.Add(middleware.DeserializeMiddlewareFunc("keepBody",
						func(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
							out, md, err := next.HandleDeserialize(ctx, in)
							if resp, ok := out.RawResponse.(*smithyhttp.Response); ok && err == nil {
								body, err = io.ReadAll(resp.Body)
								resp.Body = io.NopCloser(bytes.NewReader(body))
							}
							return out, md, err
						}), middleware.After)
				})
			}
			sdk, err := c.ListBuckets(context.Background(), &s3.ListBucketsInput{MaxBuckets: sdkaws.Int32(1000)}, keep)
			if err != nil {
				t.Fatal(err)
			}
			page, ok := parseListBuckets(body)
			if !ok {
				t.Fatalf("the fast reader refused %s's page:\n%s", name, body)
			}
			if len(page.Buckets) != 3 || pageOf(page) != pageOf(sdk) {
				t.Errorf("fast reader:\n%s\nSDK:\n%s", pageOf(page), pageOf(sdk))
			}
		})
	}
}
