package aws

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// A ListBuckets page of 10,000 buckets is about 1.5 MB of XML. The SDK's
// generic decoder reads it token by token through encoding/xml and spends
// about 50 ms on it here, as long as the round trip the scan is waiting
// for. The scan needs three things from the page: each bucket's Name and
// BucketRegion, and the ContinuationToken. fastListBuckets reads those
// from the document S3 sends (a flat, namespace-free, attribute-free
// layout) in one pass. Anything it does not recognise, and every error
// answer, goes to the SDK's own decoder untouched, so the result is the
// SDK's wherever the fast reader is unsure.

// withFastListBuckets is a ListBuckets option that installs the decoder.
func withFastListBuckets(o *s3.Options) {
	o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
		sdk, ok := st.Deserialize.Get(listDecoderID)
		if !ok {
			return fmt.Errorf("s3 ListBuckets: no %s middleware to replace", listDecoderID)
		}
		_, err := st.Deserialize.Swap(listDecoderID, &listBucketsDecoder{sdk: sdk})
		return err
	})
}

// listDecoderID is the id the SDK gives every operation's decoder.
const listDecoderID = "OperationDeserializer"

type listBucketsDecoder struct {
	sdk middleware.DeserializeMiddleware
}

func (*listBucketsDecoder) ID() string { return listDecoderID }

func (d *listBucketsDecoder) HandleDeserialize(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
	out, md, err := next.HandleDeserialize(ctx, in)
	resp, ok := out.RawResponse.(*smithyhttp.Response)
	if err != nil || !ok || resp.StatusCode < 200 || resp.StatusCode >= 300 {
		return d.sdk.HandleDeserialize(ctx, in, replay{out, md, err})
	}
	body, rerr := io.ReadAll(resp.Body)
	resp.Body.Close()
	if rerr != nil {
		return out, md, &smithy.DeserializationError{Err: fmt.Errorf("failed to read ListBuckets response body: %w", rerr)}
	}
	if page, ok := parseListBuckets(body); ok {
		out.Result = page
		return out, md, nil
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return d.sdk.HandleDeserialize(ctx, in, replay{out, md, nil})
}

// replay hands the SDK decoder a response that has already arrived.
type replay struct {
	out middleware.DeserializeOutput
	md  middleware.Metadata
	err error
}

func (r replay) HandleDeserialize(context.Context, middleware.DeserializeInput) (middleware.DeserializeOutput, middleware.Metadata, error) {
	return r.out, r.md, r.err
}

// parseListBuckets reads a ListAllMyBucketsResult document. It accepts
// only what S3 and compatible servers send: an optional XML declaration,
// the root element with attributes, child elements without attributes or
// prefixes, text with the five predefined entities and character
// references. It reports false for anything else (comments, CDATA, a
// DOCTYPE, a namespace prefix, a bucket without a name, malformed text),
// and the caller then uses the SDK's decoder.
func parseListBuckets(doc []byte) (*s3.ListBucketsOutput, bool) {
	p := xmlReader{b: doc}
	p.space()
	if bytes.HasPrefix(p.b[p.i:], []byte("<?")) {
		// The declarations S3 and compatible servers send; any other
		// version or encoding is the SDK's to accept or refuse.
		ok := false
		for _, decl := range xmlDecls {
			if bytes.HasPrefix(p.b[p.i:], []byte(decl)) {
				p.i += len(decl)
				ok = true
				break
			}
		}
		if !ok {
			return nil, false
		}
	}
	p.space()
	if !p.rootStart("ListAllMyBucketsResult") {
		return nil, false
	}
	out := &s3.ListBucketsOutput{}
	for {
		name, end, ok := p.tag()
		if !ok {
			return nil, false
		}
		if end {
			if name != "ListAllMyBucketsResult" {
				return nil, false
			}
			p.space()
			return out, p.i == len(p.b)
		}
		switch name {
		case "Buckets":
			if !p.buckets(out) {
				return nil, false
			}
		case "ContinuationToken":
			v, ok := p.text(name)
			if !ok {
				return nil, false
			}
			out.ContinuationToken = sdkaws.String(v)
		case "Prefix":
			v, ok := p.text(name)
			if !ok {
				return nil, false
			}
			out.Prefix = sdkaws.String(v)
		default:
			// Owner, and whatever a later API version adds.
			if foldsTo(name, "Buckets", "ContinuationToken", "Prefix") || !p.skip(name) {
				return nil, false
			}
		}
	}
}

var xmlDecls = []string{
	`<?xml version="1.0" encoding="UTF-8"?>`,
	`<?xml version="1.0" encoding="utf-8"?>`,
	`<?xml version="1.0"?>`,
}

// xmlReader walks a document held in memory. Positions are byte offsets;
// every method leaves i after what it consumed, or reports false.
type xmlReader struct {
	b []byte
	i int
}

func (p *xmlReader) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\r', '\n':
			p.i++
		default:
			return
		}
	}
}

// rootStart reads <name attributes...>. The attributes (xmlns
// declarations) are checked for form and otherwise ignored. A
// self-closing or differently named root is refused.
func (p *xmlReader) rootStart(name string) bool {
	n, ok := p.openName()
	if !ok || n != name {
		return false
	}
	for {
		sp := p.i
		p.space()
		if p.i < len(p.b) && p.b[p.i] == '>' {
			p.i++
			return true
		}
		// An attribute: name="value" or name='value', after some space.
		if p.i == sp {
			return false
		}
		if _, ok := p.name(true); !ok || p.i+1 >= len(p.b) || p.b[p.i] != '=' {
			return false
		}
		q := p.b[p.i+1]
		if q != '"' && q != '\'' {
			return false
		}
		end := bytes.IndexByte(p.b[p.i+2:], q)
		if end < 0 {
			return false
		}
		v := p.b[p.i+2 : p.i+2+end]
		if bytes.IndexByte(v, '<') >= 0 {
			return false
		}
		if _, ok := unescape(v); !ok {
			return false
		}
		p.i += 2 + end + 1
	}
}

// openName reads the '<' and name of a start tag.
func (p *xmlReader) openName() (string, bool) {
	if p.i >= len(p.b) || p.b[p.i] != '<' {
		return "", false
	}
	p.i++
	return p.name(false)
}

// name reads an XML name made of ASCII letters, digits, '_', '-' and '.',
// starting with a letter or '_'; ':' is admitted only where asked (an
// xmlns:prefix attribute). Names outside this set are left to the SDK.
func (p *xmlReader) name(colon bool) (string, bool) {
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		if !(isNameByte(c) || colon && c == ':') || p.i == start && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
			break
		}
		p.i++
	}
	return string(p.b[start:p.i]), p.i > start
}

// tag skips whitespace and reads one start tag <name> or end tag </name>.
// Text between elements other than whitespace, and tags with attributes,
// prefixes or self-closing slashes, are refused.
func (p *xmlReader) tag() (name string, end, ok bool) {
	p.space()
	if p.i+1 >= len(p.b) || p.b[p.i] != '<' {
		return "", false, false
	}
	p.i++
	if p.b[p.i] == '/' {
		end = true
		p.i++
	}
	name, ok = p.name(false)
	if !ok || p.i >= len(p.b) || p.b[p.i] != '>' {
		return "", false, false
	}
	p.i++
	return name, end, true
}

// isNameByte admits the ASCII letters and digits of element names; ':'
// (a prefix), '!' and '?' (comments, CDATA, instructions) are not.
func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}

// text reads character data up to </name>, which it consumes.
func (p *xmlReader) text(name string) (string, bool) {
	start := p.i
	end := bytes.IndexByte(p.b[start:], '<')
	if end < 0 {
		return "", false
	}
	raw := p.b[start : start+end]
	p.i = start + end
	n, close, ok := p.tag()
	if !ok || !close || n != name {
		return "", false
	}
	return unescape(raw)
}

// skip consumes the rest of element name, which may contain elements of
// its own, up to and including its end tag.
func (p *xmlReader) skip(name string) bool {
	for {
		// Character data, if any, runs to the next tag.
		end := bytes.IndexByte(p.b[p.i:], '<')
		if end < 0 {
			return false
		}
		if _, ok := unescape(p.b[p.i : p.i+end]); !ok {
			return false
		}
		p.i += end
		n, close, ok := p.tag()
		if !ok {
			return false
		}
		if close {
			return n == name
		}
		if !p.skip(n) {
			return false
		}
	}
}

// buckets reads <Bucket> elements up to </Buckets>.
func (p *xmlReader) buckets(out *s3.ListBucketsOutput) bool {
	for {
		name, end, ok := p.tag()
		if !ok {
			return false
		}
		if end {
			return name == "Buckets"
		}
		if name != "Bucket" {
			if foldsTo(name, "Bucket") || !p.skip(name) {
				return false
			}
			continue
		}
		var b s3types.Bucket
		for {
			field, end, ok := p.tag()
			if !ok {
				return false
			}
			if end {
				if field != "Bucket" {
					return false
				}
				break
			}
			switch field {
			case "Name", "BucketRegion", "BucketArn":
				v, ok := p.text(field)
				if !ok {
					return false
				}
				switch field {
				case "Name":
					b.Name = sdkaws.String(v)
				case "BucketRegion":
					b.BucketRegion = sdkaws.String(v)
				default:
					b.BucketArn = sdkaws.String(v)
				}
			default:
				// CreationDate is not read: the scan does not use it. So
				// unlike the SDK, a malformed date does not fail the page.
				if foldsTo(field, "Name", "BucketRegion", "BucketArn") || !p.skip(field) {
					return false
				}
			}
		}
		if b.Name == nil {
			return false
		}
		out.Buckets = append(out.Buckets, b)
	}
}

// unescape decodes the five predefined entities and character references.
// It refuses any other entity, a bare '<' or '>' cannot occur here, and
// invalid UTF-8.
func unescape(raw []byte) (string, bool) {
	if !utf8.Valid(raw) {
		return "", false
	}
	if bytes.IndexByte(raw, '&') < 0 {
		s := string(raw)
		return s, xmlText(s)
	}
	var sb bytes.Buffer
	sb.Grow(len(raw))
	for len(raw) > 0 {
		amp := bytes.IndexByte(raw, '&')
		if amp < 0 {
			sb.Write(raw)
			break
		}
		sb.Write(raw[:amp])
		raw = raw[amp:]
		semi := bytes.IndexByte(raw, ';')
		if semi < 0 {
			return "", false
		}
		ent := string(raw[1:semi])
		raw = raw[semi+1:]
		switch ent {
		case "amp":
			sb.WriteByte('&')
		case "lt":
			sb.WriteByte('<')
		case "gt":
			sb.WriteByte('>')
		case "quot":
			sb.WriteByte('"')
		case "apos":
			sb.WriteByte('\'')
		default:
			r, ok := charRef(ent)
			if !ok {
				return "", false
			}
			sb.WriteRune(r)
		}
	}
	s := sb.String()
	return s, xmlText(s)
}

// xmlText reports whether s holds only characters XML allows in text, as
// encoding/xml checks them. A carriage return is refused too: the SDK's
// decoder turns "\r\n" into "\n", and the fast reader does not copy that.
func xmlText(s string) bool {
	for _, r := range s {
		if r == '\r' || !(r == '\t' || r == '\n' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= utf8.MaxRune) {
			return false
		}
	}
	return true
}

// foldsTo reports whether name is one of want in another case: the SDK
// matches element names without regard to case, so such a document is
// left to it.
func foldsTo(name string, want ...string) bool {
	for _, w := range want {
		if strings.EqualFold(name, w) {
			return true
		}
	}
	return false
}

// charRef decodes "#65" or "#x41".
func charRef(ent string) (rune, bool) {
	if len(ent) < 2 || ent[0] != '#' {
		return 0, false
	}
	base, digits := 10, ent[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil || n == 0 || n > utf8.MaxRune || !utf8.ValidRune(rune(n)) {
		return 0, false
	}
	return rune(n), true
}
