package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/config"
	"github.com/provisiond/provisiond/store"
)

// loginFrom posts the login form as the client at address ip (the test
// server trusts 127.0.0.1 as its proxy, so X-Forwarded-For names the client).
func loginFrom(t *testing.T, ts *httptest.Server, ip, email, pw string) *http.Response {
	t.Helper()
	nc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, _ := do(t, nc, "POST", ts.URL+"/admin/login", url.Values{"email": {email}, "password": {pw}}.Encode(),
		"X-Forwarded-For", ip)
	return resp
}

// endWaits stands for time passing: every wait the throttle set is over.
func endWaits(t *testing.T, s *Server) {
	t.Helper()
	execSQL(t, s, "UPDATE attempt_counters SET locked_until = ? WHERE locked_until IS NOT NULL", time.Now().UTC().Add(-time.Second))
}

// Admin login cannot be turned against admins: successes never count, a
// stranger's failures delay an account by at most a minute (a progressive
// delay, never a lockout), the admin's success clears them, and every
// failed attempt is audited.
func TestLoginThrottleCountsOnlyFailures(t *testing.T) {
	trustLocal := func(c *config.Config) { c.TrustedProxies = "127.0.0.1/32" }
	eachConsoleServer(t, trustLocal, func(t *testing.T, ts *httptest.Server, s *Server) {
		ctx := context.Background()
		const pw = "correct horse battery"
		seedAdmin(t, s, "root@example.com", "owner", pw, true)
		for i := range 25 {
			if resp := loginFrom(t, ts, "192.0.2.1", "root@example.com", pw); resp.StatusCode != 303 {
				t.Fatalf("successful login %d: %d", i+1, resp.StatusCode)
			}
		}
		// A stranger guesses at root's password from another address.
		failed, throttled := 0, 0
		for range 12 {
			resp := loginFrom(t, ts, "198.51.100.7", "ROOT@example.com", "guess")
			switch resp.StatusCode {
			case 401:
				failed++
			case 429:
				throttled++
				secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
				if err != nil || secs < 1 || secs > 60 {
					t.Fatalf("Retry-After %q: a stranger may delay an account by a minute at most", resp.Header.Get("Retry-After"))
				}
				endWaits(t, s)
			default:
				t.Fatalf("guess: %d", resp.StatusCode)
			}
		}
		if throttled == 0 || failed != 12-throttled {
			t.Fatalf("12 guesses: %d failed, %d throttled", failed, throttled)
		}
		// The admin, elsewhere, waits at most a minute, then logs in; that
		// clears the account's failures.
		resp := loginFrom(t, ts, "192.0.2.1", "root@example.com", pw)
		if resp.StatusCode == 429 {
			if secs, _ := strconv.Atoi(resp.Header.Get("Retry-After")); secs > 60 {
				t.Fatalf("the admin must wait %ds", secs)
			}
			endWaits(t, s)
			resp = loginFrom(t, ts, "192.0.2.1", "root@example.com", pw)
		}
		if resp.StatusCode != 303 {
			t.Fatalf("the admin's own login: %d", resp.StatusCode)
		}
		for i := range loginAccountDelay.Free {
			if resp := loginFrom(t, ts, "203.0.113.9", "root@example.com", "typo"); resp.StatusCode != 401 {
				t.Fatalf("after a success, failure %d is free again: %d", i+1, resp.StatusCode)
			}
		}
		evs, n, _ := s.Store.AuditEvents(ctx, store.AuditFilter{Action: "admin.login_failed"})
		if int(n) != failed+loginAccountDelay.Free {
			t.Fatalf("failed logins audited: %d, want %d", n, failed+loginAccountDelay.Free)
		}
		var d map[string]any
		json.Unmarshal([]byte(evs[len(evs)-1].Details), &d)
		if d["reason"] != "wrong_password" || d["client"] != "198.51.100.7" || d["email"] != "root@example.com" || d["method"] != "password" {
			t.Fatalf("failed login details: %s", evs[len(evs)-1].Details)
		}
	})
}

// One client spraying passwords over many accounts is slowed down too, and
// the address it typed is not audited when it names nobody.
func TestLoginThrottlePerClient(t *testing.T) {
	trustLocal := func(c *config.Config) { c.TrustedProxies = "127.0.0.1/32" }
	eachConsoleServer(t, trustLocal, func(t *testing.T, ts *httptest.Server, s *Server) {
		for i := range loginClientDelay.Free {
			email := "nobody" + strconv.Itoa(i) + "@example.com"
			if resp := loginFrom(t, ts, "198.51.100.8", email, "guess"); resp.StatusCode != 401 {
				t.Fatalf("spray %d: %d", i+1, resp.StatusCode)
			}
		}
		loginFrom(t, ts, "198.51.100.8", "one-more@example.com", "guess")
		resp := loginFrom(t, ts, "198.51.100.8", "fresh@example.com", "guess")
		if resp.StatusCode != 429 || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("spraying client after %d failures: %d", loginClientDelay.Free+1, resp.StatusCode)
		}
		if resp := loginFrom(t, ts, "198.51.100.9", "fresh@example.com", "guess"); resp.StatusCode != 401 {
			t.Fatalf("another client: %d", resp.StatusCode)
		}
		evs, _, _ := s.Store.AuditEvents(context.Background(), store.AuditFilter{Action: "admin.login_failed"})
		for _, e := range evs {
			if strings.Contains(e.Details, "@example.com") || !strings.Contains(e.Details, "unknown_account") {
				t.Fatalf("audit of a login naming nobody: %s", e.Details)
			}
		}
	})
}
