package web

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"
	"github.com/oauth2-proxy/mockoidc"

	"github.com/provisiond/provisiond/store"
)

// claimsUser is a person at the mock provider whose ID token carries
// exactly the claims given, so a test can send email_verified as false, as
// a string, or not at all (mockoidc.MockUser drops a false one).
type claimsUser struct {
	subject string
	claims  map[string]any
}

func (u claimsUser) ID() string                        { return u.subject }
func (u claimsUser) Userinfo([]string) ([]byte, error) { return json.Marshal(u.claims) }
func (u claimsUser) Claims(_ []string, base *mockoidc.IDTokenClaims) (jwt.Claims, error) {
	return extraClaims{base, u.claims}, nil
}

// extraClaims are the provider's standard claims plus the user's own.
type extraClaims struct {
	*mockoidc.IDTokenClaims
	extra map[string]any
}

func (c extraClaims) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(c.IDTokenClaims)
	if err != nil {
		return nil, err
	}
	m := map[string]any{}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for k, v := range c.extra {
		m[k] = v
	}
	return json.Marshal(m)
}

// Console login through OIDC trusts only an address the provider says it
// verified, and matches admins on it exactly but for ASCII case: a missing
// or false email_verified, or a look-alike address, logs nobody in.
func TestOIDCLoginNeedsVerifiedEmail(t *testing.T) {
	m := startMockOIDC(t)
	eachConsoleServer(t, oidcConfig(m, "kim@example.com", ""), func(t *testing.T, ts *httptest.Server, s *Server) {
		ctx := context.Background()
		owner := seedAdmin(t, s, "owner@example.com", "owner", "correct horse battery", true)
		kim := seedAdmin(t, s, "kim@example.com", "admin", "correct horse battery", false)
		login := func(claims map[string]any) (status int, path, body string) {
			t.Helper()
			m.QueueUser(claimsUser{subject: "s-" + store.NewID(), claims: claims})
			c := browserClient(t)
			resp, body := do(t, c, "GET", ts.URL+"/admin/login/oidc", "")
			if resp.Request.URL.Path == "/admin/" {
				_, me := do(t, c, "GET", ts.URL+"/admin/admins", "")
				return resp.StatusCode, "/admin/", me
			}
			return resp.StatusCode, resp.Request.URL.Path, body
		}
		for name, claims := range map[string]map[string]any{
			"missing claim":      {"email": "owner@example.com"},
			"false":              {"email": "owner@example.com", "email_verified": false},
			"string false":       {"email": "owner@example.com", "email_verified": "false"},
			"null":               {"email": "owner@example.com", "email_verified": nil},
			"number":             {"email": "owner@example.com", "email_verified": 1},
			"listed, unverified": {"email": "kim@example.com"},
			"Kelvin sign":        {"email": "\u212aim@example.com", "email_verified": true},
			"dotless i":          {"email": "k\u0131m@example.com", "email_verified": true},
			"trailing space":     {"email": "kim@example.com ", "email_verified": true},
			"longer domain":      {"email": "kim@example.com.evil.test", "email_verified": true},
			"no email":           {"email_verified": true},
		} {
			status, path, body := login(claims)
			if status != 403 || path == "/admin/" || !strings.Contains(body, "not admitted") {
				t.Errorf("%s: %d at %s", name, status, path)
			}
		}
		if n, _ := s.Store.CountAdmins(ctx); n != 2 {
			t.Errorf("refused logins created admins: %d", n)
		}
		if _, n, _ := s.Store.AuditEvents(ctx, store.AuditFilter{Action: "admin.login_failed"}); n != 11 {
			t.Errorf("refused logins audited: %d, want 11", n)
		}
		for name, tc := range map[string]struct {
			claims map[string]any
			admin  *store.Admin
		}{
			"verified":             {map[string]any{"email": "owner@example.com", "email_verified": true}, owner},
			"verified as a string": {map[string]any{"email": "owner@example.com", "email_verified": "true"}, owner},
			"ASCII case variant":   {map[string]any{"email": "KIM@Example.COM", "email_verified": true}, kim},
		} {
			status, path, body := login(tc.claims)
			if status != 200 || path != "/admin/" || !strings.Contains(body, tc.admin.Email) {
				t.Errorf("%s: %d at %s", name, status, path)
			}
		}
		if n, _ := s.Store.CountAdmins(ctx); n != 2 {
			t.Errorf("admins after the logins: %d", n)
		}
		evs, _, _ := s.Store.AuditEvents(ctx, store.AuditFilter{Action: "admin.login"})
		if len(evs) != 3 {
			t.Errorf("login audit events: %d", len(evs))
		}
	})
}

// The lookup itself is exact but for ASCII case, on both databases: SQL's
// lower() folds more than that on PostgreSQL.
func TestAdminByEmailIsExact(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, _ *httptest.Server, s *Server) {
		seedAdmin(t, s, "kim@example.com", "admin", "correct horse battery", false)
		for email, found := range map[string]bool{"kim@example.com": true, "KIM@EXAMPLE.COM": true,
			"\u212aim@example.com": false, " kim@example.com": false, "kim@example.co": false} {
			_, err := s.Store.AdminByEmail(context.Background(), email)
			if (err == nil) != found {
				t.Errorf("%q: %v", email, err)
			}
		}
	})
}
