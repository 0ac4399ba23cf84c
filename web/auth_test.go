package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/oauth2-proxy/mockoidc"

	"github.com/provisiond/provisiond/config"
	"github.com/provisiond/provisiond/store"
)

func TestOIDCLogin(t *testing.T) {
	m := startMockOIDC(t)
	eachConsoleServer(t, oidcConfig(m, "ada@example.com", "provisiond-admins"), func(t *testing.T, ts *httptest.Server, s *Server) {
		ctx := context.Background()
		c := browserClient(t)
		m.QueueUser(&mockoidc.MockUser{Subject: "ada", Email: "ada@example.com", EmailVerified: true})
		resp, body := do(t, c, "GET", ts.URL+"/admin/login/oidc?next=/admin/audit", "")
		if resp.StatusCode != 200 || resp.Request.URL.Path != "/admin/audit" || !strings.Contains(body, "ada@example.com") {
			t.Fatalf("oidc login: %d at %s\n%s", resp.StatusCode, resp.Request.URL, body)
		}
		a, err := s.Store.AdminByEmail(ctx, "ada@example.com")
		if err != nil || a.Role != "owner" || !a.Creator {
			t.Fatalf("first OIDC admin: %+v %v", a, err)
		}
		// The session authenticates the API; a cross-site write on it does not.
		if resp, body := do(t, c, "GET", ts.URL+"/api/v1/admins", ""); resp.StatusCode != 200 || !strings.Contains(body, `"total":1`) {
			t.Fatalf("API on session: %d %s", resp.StatusCode, body)
		}
		resp, _ = do(t, c, "POST", ts.URL+"/api/v1/integrations", `{"name":"x"}`, "Sec-Fetch-Site", "cross-site")
		if resp.StatusCode != 401 {
			t.Fatalf("cross-site write on a session: %d", resp.StatusCode)
		}
		// A second person, admitted by group, becomes a plain admin.
		c2 := browserClient(t)
		m.QueueUser(&mockoidc.MockUser{Subject: "bob", Email: "bob@example.com", EmailVerified: true, Groups: []string{"staff", "provisiond-admins"}})
		if resp, _ := do(t, c2, "GET", ts.URL+"/admin/login/oidc", ""); resp.Request.URL.Path != "/admin/" {
			t.Fatalf("group login ended at %s", resp.Request.URL)
		}
		if b, _ := s.Store.AdminByEmail(ctx, "bob@example.com"); b == nil || b.Role != "admin" || b.Creator {
			t.Fatalf("group admin: %+v", b)
		}
		// Someone neither listed nor in a group is refused, and gets no session.
		c3 := browserClient(t)
		m.QueueUser(&mockoidc.MockUser{Subject: "eve", Email: "eve@example.com", EmailVerified: true, Groups: []string{"staff"}})
		resp, body = do(t, c3, "GET", ts.URL+"/admin/login/oidc", "")
		if resp.StatusCode != 403 || !strings.Contains(body, "not admitted") {
			t.Fatalf("not admitted: %d %s", resp.StatusCode, body)
		}
		if resp, _ := do(t, c3, "GET", ts.URL+"/admin/", ""); resp.Request.URL.Path != "/admin/login" {
			t.Fatalf("refused person reached %s", resp.Request.URL)
		}
		// Logout ends the session server-side.
		if resp, _ := do(t, c, "POST", ts.URL+"/admin/logout", ""); resp.Request.URL.Path != "/admin/login" {
			t.Fatalf("logout ended at %s", resp.Request.URL)
		}
		if resp, _ := do(t, c, "GET", ts.URL+"/api/v1/admins", ""); resp.StatusCode != 401 {
			t.Fatalf("API after logout: %d", resp.StatusCode)
		}
		evs, _, _ := s.Store.AuditEvents(ctx, store.AuditFilter{Actor: "admin:ada@example.com", Action: "admin.login"})
		if len(evs) != 1 {
			t.Fatalf("login audit events: %d", len(evs))
		}
	})
}

func TestOIDCCallbackRejectsForgedState(t *testing.T) {
	m := startMockOIDC(t)
	ts, _ := newPagesServer(t, store.SQLite, oidcConfig(m, "ada@example.com", ""))
	c := browserClient(t)
	// Start a flow but answer with another state: refused, no session.
	nc := &http.Client{Jar: c.Jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, _ := do(t, nc, "GET", ts.URL+"/admin/login/oidc", "")
	loc, _ := url.Parse(resp.Header.Get("Location"))
	q := loc.Query()
	if q.Get("code_challenge_method") != "S256" || q.Get("nonce") == "" || q.Get("state") == "" {
		t.Fatalf("authorization request lacks PKCE, nonce or state: %s", loc)
	}
	resp, _ = do(t, nc, "GET", ts.URL+"/admin/oidc/callback?code=x&state=forged", "")
	if resp.StatusCode != 403 || resp.Header.Get("Set-Cookie") == "" || strings.Contains(resp.Header.Get("Set-Cookie"), "session=") && !strings.Contains(resp.Header.Get("Set-Cookie"), "Max-Age=0") {
		t.Fatalf("forged state: %d %v", resp.StatusCode, resp.Header["Set-Cookie"])
	}
	if resp, _ := do(t, c, "GET", ts.URL+"/admin/", ""); resp.Request.URL.Path != "/admin/login" {
		t.Fatalf("forged state logged in")
	}
}

func TestLocalLoginAndSessionTimeouts(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		seedAdmin(t, s, "root@example.com", "owner", "correct horse battery", true)
		c := browserClient(t)
		resp, body := do(t, c, "POST", ts.URL+"/admin/login", url.Values{"email": {"root@example.com"}, "password": {"wrong password here"}}.Encode())
		if resp.StatusCode != 401 || !strings.Contains(body, "wrong") {
			t.Fatalf("wrong password: %d", resp.StatusCode)
		}
		resp, _ = do(t, c, "POST", ts.URL+"/admin/login", url.Values{"email": {"nobody@example.com"}, "password": {"x"}}.Encode())
		if resp.StatusCode != 401 {
			t.Fatalf("unknown admin: %d", resp.StatusCode)
		}
		nc := &http.Client{Jar: c.Jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, _ = do(t, nc, "POST", ts.URL+"/admin/login", url.Values{"email": {"root@example.com"}, "password": {"correct horse battery"}, "next": {"//evil.example/"}}.Encode())
		ck := resp.Header.Get("Set-Cookie")
		if resp.StatusCode != 303 || resp.Header.Get("Location") != "/admin/" || !strings.Contains(ck, "HttpOnly") ||
			!strings.Contains(ck, "SameSite=Lax") || strings.Contains(ck, "Secure") {
			t.Fatalf("login: %d %q %q", resp.StatusCode, resp.Header.Get("Location"), ck)
		}
		if resp, body := do(t, c, "GET", ts.URL+"/admin/", ""); resp.StatusCode != 200 || !strings.Contains(body, "<svg") ||
			!strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Fatalf("dashboard: %d %v", resp.StatusCode, resp.Header)
		}
		// Idle for longer than SessionIdle: the session is over.
		execSQL(t, s, "UPDATE sessions SET last_seen_at = ?", time.Now().UTC().Add(-2*defaultSessionIdle))
		if resp, _ := do(t, c, "GET", ts.URL+"/admin/", ""); resp.Request.URL.Path != "/admin/login" {
			t.Fatalf("idle session still valid")
		}
		// Past the absolute lifetime, even when active.
		loginLocal(t, ts, c, "root@example.com", "correct horse battery")
		execSQL(t, s, "UPDATE sessions SET expires_at = ?", time.Now().UTC().Add(-time.Minute))
		if resp, _ := do(t, c, "GET", ts.URL+"/admin/", ""); resp.Request.URL.Path != "/admin/login" {
			t.Fatalf("expired session still valid")
		}
	})
}

func TestSecureCookieOverHTTPS(t *testing.T) {
	s := &Server{Config: &config.Config{BaseURL: "https://provisiond.example.com"}}
	if s.sessionCookieName() != "__Host-provisiond_session" || !s.secureCookies() {
		t.Fatal("https base URL must give a Secure __Host- cookie")
	}
}
