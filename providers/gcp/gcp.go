// Package gcp finds where a Google Cloud project keeps data: Cloud Storage
// buckets, Cloud SQL instances and their replicas, BigQuery datasets,
// Firestore and Datastore databases, Compute Engine persistent disks and
// snapshots. It signs in the Google way (Application Default Credentials,
// or a service-account key kept in the keyring), reads only, and reports a
// disabled API or a denied permission as a gap naming the API to enable or
// the role to grant.
//
// Every API, Cloud Storage included (on the emulator STORAGE_EMULATOR_HOST
// names, as Google's clients do), is read with plain REST calls on
// Google's documented JSON and golang.org/x/oauth2/google: the Cloud
// Storage Go client and the generated API packages would add some 85 MB to
// the binary for a handful of list calls. Every request passes a
// read-only guard (rest.go).
package gcp

import (
	"context"
	"errors"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/reachmap/reachmap/internal/bounded"
	"github.com/reachmap/reachmap/providers"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/google"
)

// Environment variables read by the scan. STORAGE_EMULATOR_HOST is the
// Google client's own; EnvAPIEndpoint points the other APIs at one base
// URL (a stand-in or a proxy), without credentials, like the emulator.
const (
	EnvStorageEmulator = "STORAGE_EMULATOR_HOST"
	EnvAPIEndpoint     = "REACHMAP_GCP_API_ENDPOINT"
)

// Scopes are the read-only OAuth scopes a service-account key asks for.
// (A user's gcloud sign-in carries its own scopes.)
var Scopes = []string{
	"https://www.googleapis.com/auth/cloud-platform.read-only",
	"https://www.googleapis.com/auth/devstorage.read_only",
	"https://www.googleapis.com/auth/bigquery.readonly",
	"https://www.googleapis.com/auth/compute.readonly",
}

// config is how a provider reaches Google; tests point it at loopback.
type config struct {
	storageEmulator string // host:port or URL of a Cloud Storage emulator
	apiBase         string // base URL for every REST API, or ""
	retries         int
	backoff         time.Duration
	timeout         time.Duration
	parallel        int
}

func defaultConfig(env func(string) string) config {
	return config{
		storageEmulator: env(EnvStorageEmulator),
		apiBase:         env(EnvAPIEndpoint),
		retries:         4,
		backoff:         time.Second,
		timeout:         30 * time.Second,
		parallel:        4,
	}
}

// standIn reports whether the APIs are an emulator's or a stand-in's,
// which nothing signs for.
func (c config) standIn() bool { return c.storageEmulator != "" || c.apiBase != "" }

// Provider scans the projects one identity can see.
type Provider struct {
	name     string
	label    string // who signs in, for gaps: "application default credentials", a key's e-mail
	keyJSON  []byte // a service-account key, or nil for ADC
	projects []string
	all      bool
	cfg      config
}

// Name implements providers.Provider.
func (p *Provider) Name() string { return p.name }

// session is one scan's clients.
type session struct {
	http *http.Client
	// storageURL is the Cloud Storage emulator's base URL, or "".
	storageURL string
	api        *api
	universe   string
}

func (p *Provider) connect(ctx context.Context) (*session, error) {
	s, err := p.connectAPIs(ctx)
	if err == nil && p.cfg.storageEmulator != "" {
		s.storageURL = p.cfg.storageEmulator
		if !strings.Contains(s.storageURL, "://") {
			s.storageURL = "http://" + s.storageURL
		}
		s.storageURL = strings.TrimSuffix(s.storageURL, "/")
	}
	return s, err
}

func (p *Provider) connectAPIs(ctx context.Context) (*session, error) {
	base := http.DefaultTransport
	if p.keyJSON == nil && p.cfg.standIn() {
		// An emulator or a stand-in: nothing to sign.
		c := &http.Client{Transport: readOnly{base}}
		return &session{http: c, api: p.newAPI(c, "")}, nil
	}
	var creds *google.Credentials
	var err error
	// The token exchange's own client, with a timeout: oauth2 sends it
	// without the scan's context (see cancellable).
	ctx = context.WithValue(ctx, oauth2.HTTPClient, &http.Client{Timeout: p.cfg.timeout})
	if p.keyJSON != nil {
		// The token exchange (a POST to the key's token_uri) is the one
		// request outside the guard: it signs in and changes nothing.
		creds, err = google.CredentialsFromJSONWithType(ctx, p.keyJSON, google.ServiceAccount, Scopes...)
	} else {
		creds, err = google.FindDefaultCredentials(ctx, Scopes...)
	}
	if err != nil {
		return nil, err
	}
	universe, _ := creds.GetUniverseDomain()
	ts := oauth2.ReuseTokenSource(nil, cancellable{ctx: ctx, ts: creds.TokenSource})
	c := &http.Client{Transport: &oauth2.Transport{Source: ts, Base: readOnly{base}}}
	return &session{http: c, api: p.newAPI(c, universe), universe: universe}, nil
}

func (p *Provider) newAPI(c *http.Client, universe string) *api {
	return &api{client: c, base: p.cfg.apiBase, universe: universe,
		retries: p.cfg.retries, backoff: p.cfg.backoff, timeout: p.cfg.timeout}
}

// cancellable makes a token fetch return once the scan is cancelled:
// oauth2's JWT and refresh exchanges take no context of their own. The
// abandoned exchange ends by itself within the client's timeout.
type cancellable struct {
	ctx context.Context
	ts  oauth2.TokenSource
}

func (c cancellable) Token() (*oauth2.Token, error) {
	type result struct {
		t   *oauth2.Token
		err error
	}
	ch := make(chan result, 1)
	go func() {
		t, err := c.ts.Token()
		ch <- result{t, err}
	}()
	select {
	case r := <-ch:
		return r.t, r.err
	case <-c.ctx.Done():
		return nil, c.ctx.Err()
	}
}

// Scan implements providers.Provider.
func (p *Provider) Scan(ctx context.Context, sink providers.Sink) error {
	s, projects, err := p.plan(ctx, sink)
	if s == nil || err != nil {
		return err
	}
	return p.scanProjects(ctx, sink, s, projects)
}

// plan signs in and lists the projects to scan. With no credentials it
// reports a gap and returns no session.
func (p *Provider) plan(ctx context.Context, sink providers.Sink) (*session, []string, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	s, err := p.connect(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		sink.Gap(providers.Gap{Provider: "gcp", Account: p.label,
			Error: "no Google credentials: " + credError(err),
			Hint:  "Run gcloud auth application-default login, set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file, or choose a key in Accounts."})
		return nil, nil, nil
	}
	if u := s.universe; u != "" && u != "googleapis.com" && !s3nsUniverse(u) {
		// A partner-operated cloud Reachmap does not know: its items are
		// placed, but the operator the legal model gives is Google's.
		sink.Gap(providers.Gap{Provider: "gcp", Account: p.label,
			Error: "the credentials belong to the universe " + u + ", a partner-operated Google Cloud that Reachmap does not know; its items are shown with Google as operator",
			Hint:  "Report the universe domain and its operator so the legal model can learn it."})
	}
	projects := p.projects
	if p.all {
		found, err := searchProjects(ctx, s.api)
		if err != nil {
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			if g, ok := gapFor(ctx, p.label, svcProjects, "listing projects", err); ok {
				sink.Gap(g)
			}
		}
		for _, f := range found {
			projects = appendNew(projects, f.ID)
		}
	}
	return s, projects, nil
}

// scanProjects reads every store of each project through session s.
func (p *Provider) scanProjects(ctx context.Context, sink providers.Sink, s *session, projects []string) error {
	total := len(projects) * len(stores)
	var mu sync.Mutex
	done := 0
	type job struct {
		project string
		store   store
	}
	var jobs []job
	for _, pr := range projects {
		for _, st := range stores {
			jobs = append(jobs, job{pr, st})
		}
	}
	sink.Progress(providers.Progress{Provider: "gcp", Account: p.label, Stage: "projects", Done: 0, Total: total})
	bounded.Each(ctx, p.cfg.parallel, jobs, func(j job) {
		sc := &scan{ctx: ctx, s: s, project: j.project, sink: sink, emulator: p.cfg.storageEmulator != "" && p.cfg.apiBase == ""}
		j.store.run(sc)
		mu.Lock()
		done++
		d := done
		mu.Unlock()
		sink.Progress(providers.Progress{Provider: "gcp", Account: j.project, Stage: j.store.name, Done: d, Total: total})
	})
	return ctx.Err()
}

// credError says why no credentials were found without quoting a file's
// content (the oauth2 errors name paths, never keys).
func credError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Op + " " + pe.Path + ": " + pe.Err.Error()
	}
	msg := err.Error()
	if len(msg) > 300 {
		msg = msg[:300]
	}
	return msg
}

func appendNew(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// scan is one project's scan of one store.
type scan struct {
	ctx      context.Context
	s        *session
	project  string
	sink     providers.Sink
	emulator bool // only the Cloud Storage emulator is configured
}

// asset fills in what every asset of the project shares and reports it.
func (sc *scan) asset(a providers.Asset) {
	a.Provider = "gcp"
	a.Account = sc.project
	a.AccountID = sc.project
	if op := operatorFor(sc.s.universe, a.Region); op != "" {
		a.Operator = op
	}
	sc.sink.Asset(a)
}

// fail reports a failed call as a gap, unless the scan was cancelled.
func (sc *scan) fail(svc service, what string, err error) {
	if g, ok := gapFor(sc.ctx, sc.project, svc, what, err); ok {
		sc.sink.Gap(g)
	}
}

// store is one kind of data store a project may hold.
type store struct {
	name string
	run  func(*scan)
}

var stores = []store{
	{"buckets", scanBuckets},
	{"cloud-sql", scanSQL},
	{"bigquery", scanBigQuery},
	{"firestore", scanFirestore},
	{"disks", scanDisks},
	{"snapshots", scanSnapshots},
}
