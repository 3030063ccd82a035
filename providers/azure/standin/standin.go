// Package standin is a loopback HTTPS stand-in for Microsoft's sign-in
// endpoint, Azure Resource Manager and Microsoft Graph, serving the JSON
// shapes Microsoft documents for the calls Reachmap makes, with a 429, a
// 403 and paged lists among them. No emulator exists for ARM or Graph.
//
// It records every request other than a GET or HEAD (the token request
// excepted): a read-only client must send none, and the tests fail on
// one. The provider's tests start it in-process; scripts/azure-standin.sh
// starts it as a program (cmd/azure-standin) for a manual run of the
// real binary.
package standin

import (
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// The stand-in's fixed identity: a tenant, a service principal and the
// token it hands out.
const (
	Tenant       = "7d5c6f0e-1b2a-4c3d-9e8f-0a1b2c3d4e5f"
	ClientID     = "4f3e2d1c-0b9a-4876-a5b4-c3d2e1f0a9b8"
	ClientSecret = "standin-client-secret-5f0c9e"
	AccessToken  = "standin-access-token-9c1d7a"
)

// Subscriptions the stand-in serves: one readable, one whose every list is
// refused (403), one disabled.
const (
	SubProd   = "11111111-1111-4111-8111-111111111111"
	SubDenied = "22222222-2222-4222-8222-222222222222"
	SubOff    = "33333333-3333-4333-8333-333333333333"
)

// Server is a running stand-in.
type Server struct {
	ts *httptest.Server
	// URL is its base, https://127.0.0.1:PORT.
	URL string
	// CertFile is its certificate, for SSL_CERT_FILE; CloudFile the cloud
	// description for REACHMAP_AZURE_CLOUD.
	CertFile, CloudFile string
	// Delay, when set, slows every ARM and Graph answer (the contract
	// suite's slow case).
	Delay time.Duration
	// DenyUsers answers Graph's users list with 403.
	DenyUsers bool

	mu        sync.Mutex
	writes    []string
	throttled map[string]bool
	requests  int
}

// Start starts a stand-in on 127.0.0.1 and writes its certificate and
// cloud file into dir.
func Start(dir string) (*Server, error) {
	s := &Server{throttled: map[string]bool{}}
	ts := httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	ts.Listener.Close()
	ts.Listener = l
	ts.StartTLS()
	s.ts, s.URL = ts, ts.URL
	s.CertFile = filepath.Join(dir, "standin-cert.pem")
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ts.Certificate().Raw})
	if err := os.WriteFile(s.CertFile, certPEM, 0o600); err != nil {
		ts.Close()
		return nil, err
	}
	cloud, _ := json.Marshal(map[string]string{"name": "standin", "authority_host": s.URL + "/", "resource_manager": s.URL + "/",
		"resource_manager_audience": "https://management.core.windows.net/", "graph": s.URL + "/"})
	s.CloudFile = filepath.Join(dir, "standin-cloud.json")
	if err := os.WriteFile(s.CloudFile, cloud, 0o600); err != nil {
		ts.Close()
		return nil, err
	}
	return s, nil
}

// Close stops the server.
func (s *Server) Close() { s.ts.Close() }

// Writes are the requests other than GET or HEAD it received, the token
// request excepted.
func (s *Server) Writes() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.writes...)
}

// Throttled counts the 429 answers it gave (each once, with Retry-After).
func (s *Server) Throttled() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.throttled)
}

// Requests counts every request it received.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests++
	isToken := r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/oauth2/v2.0/token")
	if r.Method != http.MethodGet && r.Method != http.MethodHead && !isToken {
		s.writes = append(s.writes, r.Method+" "+r.URL.Path)
	}
	s.mu.Unlock()
	p := r.URL.Path
	switch {
	case strings.HasSuffix(p, "/v2.0/.well-known/openid-configuration"):
		s.openID(w, strings.Split(strings.Trim(p, "/"), "/")[0])
		return
	case isToken:
		s.token(w, r)
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+AccessToken {
		armError(w, http.StatusUnauthorized, "InvalidAuthenticationToken", "The access token is missing or invalid.")
		return
	}
	if s.Delay > 0 {
		select {
		case <-time.After(s.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if strings.HasPrefix(p, "/v1.0/") {
		s.graph(w, r)
		return
	}
	s.arm(w, r)
}

// throttleOnce answers 429 with Retry-After the first time key is asked.
func (s *Server) throttleOnce(w http.ResponseWriter, key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.throttled[key] {
		return false
	}
	s.throttled[key] = true
	w.Header().Set("Retry-After", "1")
	armError(w, http.StatusTooManyRequests, "TooManyRequests", "The request is being throttled.")
	return true
}

func (s *Server) openID(w http.ResponseWriter, tenant string) {
	base := s.URL + "/" + tenant
	writeJSON(w, map[string]any{
		"issuer":                                base + "/v2.0",
		"authorization_endpoint":                base + "/oauth2/v2.0/authorize",
		"token_endpoint":                        base + "/oauth2/v2.0/token",
		"jwks_uri":                              base + "/discovery/v2.0/keys",
		"response_types_supported":              []string{"code", "id_token", "code id_token", "id_token token"},
		"subject_types_supported":               []string{"pairwise"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"tenant_region_scope":                   "EU",
		"cloud_instance_name":                   "microsoftonline.com",
	})
}

func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.PostForm.Get("client_id") != ClientID || r.PostForm.Get("client_secret") != ClientSecret {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}`)
		return
	}
	writeJSON(w, map[string]any{"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": AccessToken})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(v)
}

// armError writes ARM's error envelope, which Graph shares.
func armError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("x-ms-error-code", code)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"code": code, "message": msg}})
}
