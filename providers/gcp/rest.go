package gcp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// The read-only guard: every request this package sends, the Cloud
// Storage client's included, goes through readOnly, which refuses any
// method but GET and HEAD before the request leaves the process. Google's
// list and get calls are all GETs; a create, patch, delete or the POST of
// an upload never is.

// NotReadOnlyError is returned, before anything is sent, for a request
// that could change a project.
type NotReadOnlyError struct{ Method, URL string }

func (e *NotReadOnlyError) Error() string {
	return fmt.Sprintf("reachmap refused %s %s: only GET and HEAD requests may leave the process", e.Method, e.URL)
}

type readOnly struct{ next http.RoundTripper }

func (g readOnly) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		if r.Body != nil {
			r.Body.Close()
		}
		u := *r.URL
		u.RawQuery = ""
		return nil, &NotReadOnlyError{Method: r.Method, URL: u.String()}
	}
	return g.next.RoundTrip(r)
}

// apiError is a failed call, as Google's JSON error body describes it
// (https://cloud.google.com/apis/design/errors).
type apiError struct {
	Code    int
	Status  string // PERMISSION_DENIED, RESOURCE_EXHAUSTED, …
	Reason  string // SERVICE_DISABLED, accessNotConfigured, …
	Service string // the API named by a SERVICE_DISABLED detail
	Message string
	Timeout bool
}

func (e *apiError) Error() string {
	switch {
	case e.Timeout:
		return "the API did not answer in time"
	case e.Status != "":
		return fmt.Sprintf("%d %s: %s", e.Code, e.Status, e.Message)
	}
	return fmt.Sprintf("HTTP %d: %s", e.Code, e.Message)
}

// disabled reports whether the error says the API is not enabled.
func (e *apiError) disabled() bool {
	return e.Reason == "SERVICE_DISABLED" || e.Reason == "accessNotConfigured" ||
		strings.Contains(e.Message, "has not been used in project") || strings.Contains(e.Message, "is disabled")
}

// parseError reads Google's error body; a body that is not one still gives
// the status.
func parseError(code int, body []byte) *apiError {
	var b struct {
		Error struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
			Status  string `json:"status"`
			Errors  []struct {
				Reason string `json:"reason"`
			} `json:"errors"`
			Details []struct {
				Type     string            `json:"@type"`
				Reason   string            `json:"reason"`
				Metadata map[string]string `json:"metadata"`
			} `json:"details"`
		} `json:"error"`
	}
	e := &apiError{Code: code}
	if json.Unmarshal(body, &b) == nil && b.Error.Message != "" {
		e.Message, e.Status = b.Error.Message, b.Error.Status
		for _, d := range b.Error.Details {
			if d.Reason != "" {
				e.Reason = d.Reason
				e.Service = d.Metadata["service"]
			}
		}
		if e.Reason == "" && len(b.Error.Errors) > 0 {
			e.Reason = b.Error.Errors[0].Reason
		}
	} else {
		e.Message = strings.TrimSpace(string(body))
		if len(e.Message) > 200 {
			e.Message = e.Message[:200]
		}
		if e.Message == "" {
			e.Message = http.StatusText(code)
		}
	}
	return e
}

// api calls Google's REST APIs: plain JSON over the guarded client, so
// that Reachmap needs none of the large generated API packages.
type api struct {
	client *http.Client
	// base, when set, replaces https://SERVICE.UNIVERSE for every service
	// (a loopback stand-in in tests).
	base     string
	universe string
	// retries is how often a 429 or 503 is tried again; backoff the first
	// wait, doubled each time (a Retry-After header wins).
	retries int
	backoff time.Duration
	// timeout bounds one request.
	timeout time.Duration
}

func (a *api) url(service, path string) string {
	if a.base != "" {
		return strings.TrimSuffix(a.base, "/") + path
	}
	u := a.universe
	if u == "" {
		u = "googleapis.com"
	}
	return "https://" + service + "." + u + path
}

// get fetches one JSON document into out, trying again after a 429 or a
// 503 with backoff.
func (a *api) get(ctx context.Context, rawURL string, out any) error {
	wait := a.backoff
	for attempt := 0; ; attempt++ {
		code, body, hdr, err := a.once(ctx, rawURL)
		if err != nil {
			return err
		}
		if code == http.StatusOK {
			if err := json.Unmarshal(body, out); err != nil {
				return fmt.Errorf("the API's answer is not the JSON Google documents: %w", err)
			}
			return nil
		}
		if (code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable) && attempt < a.retries {
			d := wait
			if s, err := strconv.Atoi(hdr.Get("Retry-After")); err == nil && s >= 0 {
				d = min(time.Duration(s)*time.Second, 30*time.Second)
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(d):
			}
			wait *= 2
			continue
		}
		return parseError(code, body)
	}
}

func (a *api) once(ctx context.Context, rawURL string) (int, []byte, http.Header, error) {
	rctx, cancel := context.WithTimeout(ctx, a.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return 0, nil, nil, err
	}
	resp, err := a.client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return 0, nil, nil, ctx.Err()
		}
		if errors.Is(err, context.DeadlineExceeded) || isTimeout(err) {
			return 0, nil, nil, &apiError{Timeout: true}
		}
		return 0, nil, nil, scrubURL(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		if ctx.Err() != nil {
			return 0, nil, nil, ctx.Err()
		}
		if rctx.Err() != nil {
			return 0, nil, nil, &apiError{Timeout: true}
		}
		return 0, nil, nil, err
	}
	return resp.StatusCode, body, resp.Header, nil
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// scrubURL drops the query of a URL error (a page token, never a secret,
// but long) so the gap reads well.
func scrubURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if u, perr := url.Parse(ue.URL); perr == nil {
			u.RawQuery = ""
			return fmt.Errorf("%s %s: %w", ue.Op, u.String(), ue.Err)
		}
	}
	return err
}

// pages calls get for every page of a list: Google's lists answer a
// nextPageToken until the last page. each gets the raw page and returns
// its token.
func (a *api) pages(ctx context.Context, rawURL string, each func(raw json.RawMessage) (string, error)) error {
	token := ""
	for range 10000 {
		u := rawURL
		if token != "" {
			sep := "?"
			if strings.Contains(u, "?") {
				sep = "&"
			}
			u += sep + "pageToken=" + url.QueryEscape(token)
		}
		var raw json.RawMessage
		if err := a.get(ctx, u, &raw); err != nil {
			return err
		}
		next, err := each(raw)
		if err != nil {
			return err
		}
		if next == "" || next == token {
			return nil
		}
		token = next
	}
	return errors.New("the API kept answering more pages; stopped after 10000")
}
