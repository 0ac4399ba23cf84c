package web

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
)

// Owners, and only owners, list and revoke admin API tokens, from the API
// and from the console; a revoked token stops working at once.
func TestAdminTokensRevokeAPIAndConsole(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		ctx := context.Background()
		owner, adm := newAdminAPI(t, ts, s, "owner"), newAdminAPI(t, ts, s, "admin")
		for _, m := range []string{"GET /api/v1/admin-tokens", "DELETE /api/v1/admin-tokens/owner"} {
			method, path, _ := strings.Cut(m, " ")
			if code, _ := adm.call(method, path, nil); code != 403 {
				t.Fatalf("admin role: %s: %d", m, code)
			}
		}
		code, out := owner.call("GET", "/api/v1/admin-tokens", nil)
		raw, _ := json.Marshal(out)
		if items, _ := out["items"].([]any); code != 200 || len(items) != 2 || strings.Contains(strings.ToLower(string(raw)), "hash") {
			t.Fatalf("list: %d %v", code, out)
		}
		if code, _ := owner.call("DELETE", "/api/v1/admin-tokens/nope", nil); code != 404 {
			t.Fatalf("unknown token: %d", code)
		}
		if code, _ := owner.call("DELETE", "/api/v1/admin-tokens/admin", nil); code != 204 {
			t.Fatalf("revoke: %d", code)
		}
		if code, _ := adm.call("GET", "/api/v1/integrations", nil); code != 401 {
			t.Fatalf("revoked token: %d", code)
		}
		// The console: an owner revokes the remaining token with a form.
		seedAdmin(t, s, "owner@example.com", "owner", "correct horse battery", true)
		seedAdmin(t, s, "adm@example.com", "admin", "correct horse battery", false)
		c, ca := browserClient(t), browserClient(t)
		loginLocal(t, ts, c, "owner@example.com", "correct horse battery")
		loginLocal(t, ts, ca, "adm@example.com", "correct horse battery")
		if resp, _ := do(t, ca, "GET", ts.URL+"/admin/admin-tokens", ""); resp.StatusCode != 403 {
			t.Fatalf("admin role on the tokens page: %d", resp.StatusCode)
		}
		toks, _ := s.Store.AdminTokens(ctx)
		if resp, _ := do(t, ca, "POST", ts.URL+"/admin/admin-tokens/"+toks[0].ID+"/revoke", "x=1"); resp.StatusCode != 403 {
			t.Fatalf("admin role revoking: %d", resp.StatusCode)
		}
		_, page := do(t, c, "GET", ts.URL+"/admin/admin-tokens", "")
		if !strings.Contains(page, `data-token="`+toks[0].ID+`"`) || !strings.Contains(page, "/admin/admin-tokens/"+toks[0].ID+"/revoke") {
			t.Fatalf("tokens page:\n%s", page)
		}
		resp, page := do(t, c, "POST", ts.URL+"/admin/admin-tokens/"+toks[0].ID+"/revoke", "x=1")
		if resp.Request.URL.Query().Get("done") != "token_revoked" || strings.Contains(page, "/admin/admin-tokens/"+toks[0].ID+"/revoke") {
			t.Fatalf("console revoke: %s", resp.Request.URL)
		}
		if code, _ := owner.call("GET", "/api/v1/integrations", nil); code != 401 {
			t.Fatalf("token revoked in the console: %d", code)
		}
		evs, n, _ := s.Store.AuditEvents(ctx, store.AuditFilter{Action: "admin_token.revoked"})
		if n != 2 || evs[0].Actor != "admin:owner@example.com" || evs[1].Actor != "token:owner" {
			t.Fatalf("audit: %d %+v", n, evs)
		}
	})
}
