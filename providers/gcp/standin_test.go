package gcp

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// standIn serves the JSON Google documents for the APIs the scan reads,
// with pages, a denied permission, a disabled API and quota errors:
//
//   - project "lumen-prod" has everything, over two pages where Google
//     pages;
//   - project "lumen-denied" refuses Cloud SQL (403 PERMISSION_DENIED),
//     has BigQuery disabled (403 SERVICE_DISABLED), answers Firestore
//     only after two 429s, and Compute always with 429;
//   - POST /token is an OAuth token endpoint for service-account keys.
type standIn struct {
	*httptest.Server
	delay    time.Duration
	requests atomic.Int64
	mu       sync.Mutex
	tries    map[string]int
	auth     []string // Authorization headers seen
}

func newStandIn(t testing.TB, delay time.Duration) *standIn {
	s := &standIn{delay: delay, tries: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func writeJSON(w http.ResponseWriter, code int, v string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	fmt.Fprint(w, v)
}

const denied = `{"error":{"code":403,"message":"The caller does not have permission","status":"PERMISSION_DENIED"}}`

const disabled = `{"error":{"code":403,"message":"BigQuery API has not been used in project lumen-denied before or it is disabled.","status":"PERMISSION_DENIED",
 "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SERVICE_DISABLED","domain":"googleapis.com","metadata":{"service":"bigquery.googleapis.com","consumer":"projects/lumen-denied"}}]}}`

const quota = `{"error":{"code":429,"message":"Quota exceeded for quota metric 'Read requests'","status":"RESOURCE_EXHAUSTED"}}`

func (s *standIn) serve(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	if s.delay > 0 {
		sleepCtx(r.Context(), s.delay)
	}
	s.mu.Lock()
	s.auth = append(s.auth, r.Header.Get("Authorization"))
	s.tries[r.URL.Path]++
	try := s.tries[r.URL.Path]
	s.mu.Unlock()
	page := r.URL.Query().Get("pageToken")
	p := r.URL.Path
	switch {
	case r.Method == http.MethodPost && p == "/token":
		writeJSON(w, 200, `{"access_token":"ya29.standin-token","token_type":"Bearer","expires_in":3600}`)
	case r.Method != http.MethodGet:
		writeJSON(w, 405, `{"error":{"code":405,"message":"read-only stand-in","status":"FAILED_PRECONDITION"}}`)

	case p == "/v3/projects:search" && page == "":
		writeJSON(w, 200, `{"projects":[{"projectId":"lumen-prod","displayName":"Lumen production","state":"ACTIVE"},
		 {"projectId":"lumen-old","state":"DELETE_REQUESTED"}],"nextPageToken":"p2"}`)
	case p == "/v3/projects:search" && page == "p2":
		writeJSON(w, 200, `{"projects":[{"projectId":"lumen-denied","displayName":"Lumen sandbox","state":"ACTIVE"}]}`)

	case p == "/v1/projects/lumen-prod/instances" && page == "":
		writeJSON(w, 200, `{"items":[{"kind":"sql#instance","name":"orders","region":"europe-west9","gceZone":"europe-west9-b",
		 "databaseVersion":"POSTGRES_16","instanceType":"CLOUD_SQL_INSTANCE","replicaNames":["orders-replica"]}],"nextPageToken":"s2"}`)
	case p == "/v1/projects/lumen-prod/instances" && page == "s2":
		writeJSON(w, 200, `{"items":[{"kind":"sql#instance","name":"orders-replica","region":"us-east4","databaseVersion":"POSTGRES_16",
		 "instanceType":"READ_REPLICA_INSTANCE","masterInstanceName":"lumen-prod:orders"}]}`)
	case p == "/bigquery/v2/projects/lumen-prod/datasets":
		if page == "" {
			writeJSON(w, 200, `{"kind":"bigquery#datasetList","datasets":[{"id":"lumen-prod:analytics","datasetReference":{"projectId":"lumen-prod","datasetId":"analytics"},"location":"EU"}],"nextPageToken":"b2"}`)
		} else {
			writeJSON(w, 200, `{"kind":"bigquery#datasetList","datasets":[{"id":"lumen-prod:paris","datasetReference":{"projectId":"lumen-prod","datasetId":"paris"},"location":"europe-west9"}]}`)
		}
	case p == "/v1/projects/lumen-prod/databases":
		writeJSON(w, 200, `{"databases":[{"name":"projects/lumen-prod/databases/(default)","locationId":"nam5","type":"FIRESTORE_NATIVE"},
		 {"name":"projects/lumen-prod/databases/legacy","locationId":"eur3","type":"DATASTORE_MODE"}]}`)
	case p == "/compute/v1/projects/lumen-prod/aggregated/disks":
		if page == "" {
			writeJSON(w, 200, `{"items":{"zones/europe-west9-a":{"disks":[{"name":"web-1","zone":"https://www.googleapis.com/compute/v1/projects/lumen-prod/zones/europe-west9-a","sizeGb":"10"}]},
			 "zones/us-central1-a":{"warning":{"code":"NO_RESULTS_ON_PAGE"}}},"nextPageToken":"d2"}`)
		} else {
			writeJSON(w, 200, `{"items":{"regions/europe-west3":{"disks":[{"name":"db-ha","region":"https://www.googleapis.com/compute/v1/projects/lumen-prod/regions/europe-west3",
			 "replicaZones":["https://www.googleapis.com/compute/v1/projects/lumen-prod/zones/europe-west3-a","https://www.googleapis.com/compute/v1/projects/lumen-prod/zones/europe-west3-b"]}]}}}`)
		}
	case p == "/compute/v1/projects/lumen-prod/global/snapshots":
		writeJSON(w, 200, `{"items":[{"name":"web-1-daily","sourceDisk":"https://www.googleapis.com/compute/v1/projects/lumen-prod/zones/europe-west9-a/disks/web-1","storageLocations":["eu"]},
		 {"name":"db-ha-weekly","storageLocations":["europe-west3","us-central1"]}]}`)

	case p == "/v1/projects/trusted-fr/instances":
		writeJSON(w, 200, `{"items":[{"kind":"sql#instance","name":"dossiers","region":"u-france-east1","gceZone":"u-france-east1-b","databaseVersion":"POSTGRES_16"}]}`)
	case strings.HasPrefix(p, "/v1/projects/lumen-denied/instances"):
		writeJSON(w, 403, denied)
	case strings.HasPrefix(p, "/bigquery/v2/projects/lumen-denied/"):
		writeJSON(w, 403, disabled)
	case p == "/v1/projects/lumen-denied/databases":
		if try <= 2 {
			w.Header().Set("Retry-After", "0")
			writeJSON(w, 429, quota)
			return
		}
		writeJSON(w, 200, `{"databases":[{"name":"projects/lumen-denied/databases/(default)","locationId":"europe-west9","type":"FIRESTORE_NATIVE"}]}`)
	case strings.HasPrefix(p, "/compute/v1/projects/lumen-denied/"):
		writeJSON(w, 429, quota)
	case strings.HasPrefix(p, "/v1/projects/expired/"):
		writeJSON(w, 401, `{"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED"}}`)
	default:
		writeJSON(w, 404, `{"error":{"code":404,"message":"not found: `+p+`","status":"NOT_FOUND"}}`)
	}
}

func (s *standIn) authSeen() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.auth...)
}
