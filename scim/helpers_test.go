package scim

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// testServer is a SCIM server over a fresh migrated store, with one SCIM
// integration whose token is token.
type testServer struct {
	t     testing.TB
	url   string
	store *store.Store
	in    *store.Integration
	token string
	srv   *Server
}

func newTestServer(t testing.TB, d store.Dialect, opts func(*Options)) *testServer {
	t.Helper()
	st := storetest.Open(t, d)
	o := Options{Store: st, Accounts: account.New(st, nil, slog.New(slog.DiscardHandler)),
		BaseURL: "http://scim.test", Log: slog.New(slog.DiscardHandler)}
	if opts != nil {
		opts(&o)
	}
	srv := New(o)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	ts := &testServer{t: t, url: hs.URL, store: st, srv: srv}
	ts.in, ts.token = ts.addIntegration("idp")
	return ts
}

// addIntegration creates a SCIM integration and returns it with its token.
func (ts *testServer) addIntegration(name string) (*store.Integration, string) {
	ts.t.Helper()
	tok := secret.NewPrefixedToken(secret.SCIMTokenPrefix)
	h := secret.TokenHash(tok)
	in := &store.Integration{Name: name, Kind: "scim", TokenHash: &h}
	if err := ts.store.CreateIntegration(context.Background(), in); err != nil {
		ts.t.Fatal(err)
	}
	return in, tok
}

// with returns a copy reporting to t (fuzz targets must not use the F).
func (ts *testServer) with(t testing.TB) *testServer {
	c := *ts
	c.t = t
	return &c
}

type resp struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

// do sends a request with the default token; body may be a string or a value to marshal.
func (ts *testServer) do(method, path string, body any, hdr ...string) resp {
	return ts.doAs(ts.token, method, path, body, hdr...)
}

// testClient keeps a connection per concurrent client alive, as an IdP
// does (http.DefaultClient keeps two per host: 16 benchmark clients would
// mostly measure TCP handshakes).
var testClient = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

func (ts *testServer) doAs(token, method, path string, body any, hdr ...string) resp {
	ts.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		buf, _ := json.Marshal(b)
		rd = bytes.NewReader(buf)
	}
	req, _ := http.NewRequest(method, ts.url+Prefix+path, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/scim+json")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := testClient.Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	r := resp{status: res.StatusCode, header: res.Header, raw: string(raw)}
	json.Unmarshal(raw, &r.body)
	return r
}

// mustStatus fails the test unless r has status want.
func (r resp) mustStatus(t testing.TB, want int) resp {
	t.Helper()
	if r.status != want {
		t.Fatalf("status %d, want %d: %s", r.status, want, r.raw)
	}
	return r
}

func (r resp) str(key string) string {
	v, _ := r.body[key].(string)
	return v
}

// createUser posts a minimal user and returns its id.
func (ts *testServer) createUser(userName string, extra map[string]any) string {
	ts.t.Helper()
	doc := map[string]any{"schemas": []string{UserURN}, "userName": userName, "active": true,
		"name":   map[string]any{"givenName": "G", "familyName": "F"},
		"emails": []any{map[string]any{"value": userName + "@example.com", "type": "work", "primary": true}}}
	for k, v := range extra {
		doc[k] = v
	}
	return ts.do("POST", "/Users", doc).mustStatus(ts.t, http.StatusCreated).str("id")
}
