package web

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/oauth2-proxy/mockoidc"

	"github.com/provisiond/provisiond/config"
	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// startMockOIDC runs an in-process OpenID provider and points cfg at it.
func startMockOIDC(t *testing.T) *mockoidc.MockOIDC {
	t.Helper()
	m, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Shutdown() })
	return m
}

// oidcConfig configures console login against m, admitting emails and groups.
func oidcConfig(m *mockoidc.MockOIDC, emails, groups string) func(*config.Config) {
	return func(c *config.Config) {
		mc := m.Config()
		c.OIDCIssuer, c.OIDCClientID, c.OIDCClientSecret = mc.Issuer, mc.ClientID, mc.ClientSecret
		c.OIDCAdminEmails, c.OIDCAdminGroups = emails, groups
	}
}

// browserClient is an http.Client with a cookie jar, following redirects.
func browserClient(t *testing.T) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar}
}

// do sends a request with c and returns the response and body.
func do(t *testing.T, c *http.Client, method, target, body string, header ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(method, target, strings.NewReader(body))
	if method == "POST" && strings.Contains(body, "=") && !strings.HasPrefix(body, "{") {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return sendRequest(t, c, req, header)
}

// sendRequest sends req through c with the header pairs set and returns
// the response with its body read.
func sendRequest(t *testing.T, c *http.Client, req *http.Request, header []string) (*http.Response, string) {
	t.Helper()
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// eachConsoleServer runs fn on a server over every configured dialect.
func eachConsoleServer(t *testing.T, mutate func(*config.Config), fn func(t *testing.T, ts *httptest.Server, s *Server)) {
	t.Helper()
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts, s := newPagesServer(t, d, mutate)
			fn(t, ts, s)
		})
	}
}

// seedAdmin creates a console admin with a local password.
func seedAdmin(t *testing.T, s *Server, email, role, pw string, creator bool) *store.Admin {
	t.Helper()
	h, err := password.Hash(pw)
	if err != nil {
		t.Fatal(err)
	}
	a := &store.Admin{Email: email, Role: role, PasswordHash: h, Creator: creator, CreatedAt: store.Now(), UpdatedAt: store.Now()}
	if err := s.Store.CreateAdmin(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

// loginLocal signs c in with a local password and fails the test otherwise.
func loginLocal(t *testing.T, ts *httptest.Server, c *http.Client, email, pw string) {
	t.Helper()
	resp, body := do(t, c, "POST", ts.URL+"/admin/login", url.Values{"email": {email}, "password": {pw}}.Encode())
	if resp.StatusCode != 200 || resp.Request.URL.Path != "/admin/" {
		t.Fatalf("login %s: %d at %s\n%s", email, resp.StatusCode, resp.Request.URL, body)
	}
}

// signedIn returns a browser signed in to the console as a new admin
// root@example.com of role (with a local password; the creator).
func signedIn(t *testing.T, ts *httptest.Server, s *Server, role string) *http.Client {
	t.Helper()
	c := browserClient(t)
	seedAdmin(t, s, "root@example.com", role, "correct horse battery", true)
	loginLocal(t, ts, c, "root@example.com", "correct horse battery")
	return c
}
