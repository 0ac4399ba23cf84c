package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/config"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// newTestServer returns a running server over a migrated SQLite store.
func newTestServer(t *testing.T, mutate func(*config.Config)) (*httptest.Server, *Server) {
	t.Helper()
	return newServerOn(t, store.SQLite, mutate)
}

// newServerOn is newTestServer over a migrated store of dialect d.
func newServerOn(t *testing.T, d store.Dialect, mutate func(*config.Config)) (*httptest.Server, *Server) {
	t.Helper()
	cfg := config.Default()
	if mutate != nil {
		mutate(&cfg)
	}
	st := storetest.Open(t, d)
	keys, err := secret.NewKeys(strings.Repeat("k", 40))
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	s := &Server{Config: &cfg, Store: st, Keys: keys, Log: log, Accounts: account.New(st, nil, log)}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts, s
}

// get fetches url, with token as the bearer unless it is empty.
func get(t *testing.T, url, token string) (*http.Response, string) {
	t.Helper()
	var header []string
	if token != "" {
		header = []string{"Authorization", "Bearer " + token}
	}
	return do(t, http.DefaultClient, "GET", url, "", header...)
}

func TestHealthReadyMetrics(t *testing.T) {
	ts, _ := newTestServer(t, nil)
	for path, want := range map[string]string{"/healthz": "ok", "/readyz": "ready", "/metrics": "go_goroutines"} {
		resp, body := get(t, ts.URL+path, "")
		if resp.StatusCode != 200 || !strings.Contains(body, want) {
			t.Errorf("%s: %d %q", path, resp.StatusCode, body)
		}
	}
	_, body := get(t, ts.URL+"/metrics", "")
	if !strings.Contains(body, `provisiond_http_requests_total{method="GET",route="GET /healthz",status="200"} 1`) {
		t.Errorf("request counter by route and status missing:\n%s", body)
	}
	if !strings.Contains(body, "go_sql_max_open_connections{db_name=\"provisiond\"}") {
		t.Errorf("DB pool stats missing")
	}
}

func TestReadyzRedWhenDatabaseGone(t *testing.T) {
	ts, s := newTestServer(t, nil)
	s.Store.Close()
	resp, _ := get(t, ts.URL+"/readyz", "")
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("readyz with a closed database: %d", resp.StatusCode)
	}
}

func TestSCIMUnauthorizedUntilMounted(t *testing.T) {
	ts, _ := newTestServer(t, nil)
	resp, body := get(t, ts.URL+"/scim/v2/Users", "")
	if resp.StatusCode != 401 || resp.Header.Get("Content-Type") != "application/scim+json" ||
		!strings.Contains(body, `"status":"401"`) || !strings.Contains(body, "urn:ietf:params:scim:api:messages:2.0:Error") {
		t.Fatalf("got %d %s %q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
}

func TestAdminAPIAuth(t *testing.T) {
	ts, s := newTestServer(t, nil)
	ctx := context.Background()
	for _, tk := range []struct{ tok, role string }{{"owner-token", "owner"}, {"viewer-token", "viewer"}} {
		if err := s.Store.CreateAdminToken(ctx, &store.AdminToken{Name: tk.role, Role: tk.role,
			TokenHash: secret.TokenHash(tk.tok), CreatedAt: store.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	resp, body := get(t, ts.URL+"/api/v1/integrations", "")
	if resp.StatusCode != 401 || !strings.Contains(body, `"code":"unauthorized"`) {
		t.Fatalf("anonymous: %d %s", resp.StatusCode, body)
	}
	resp, _ = get(t, ts.URL+"/api/v1/integrations", "wrong")
	if resp.StatusCode != 401 {
		t.Fatalf("wrong token: %d", resp.StatusCode)
	}
	resp, body = get(t, ts.URL+"/api/v1/integrations", "viewer-token")
	if resp.StatusCode != 200 || body != "{\"items\":[],\"total\":0}\n" {
		t.Fatalf("viewer list: %d %q", resp.StatusCode, body)
	}
	resp, body = get(t, ts.URL+"/api/v1/nope", "owner-token")
	if resp.StatusCode != 404 || !strings.Contains(body, `"code":"not_found"`) {
		t.Fatalf("unknown endpoint: %d %s", resp.StatusCode, body)
	}
	resp, _ = get(t, ts.URL+"/healthz", "")
	if resp.Header.Get("X-Request-Id") == "" {
		t.Fatal("no request id")
	}
}
