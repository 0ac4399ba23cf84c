package web

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"testing"

	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// The writes the API shares with the CLI (integration.Service): a token
// rotation is audited with the new token's display prefix as tokenPrefix
// (cmd/provisiond's TestIntegrationAuditKeys reads the same key), and the
// first admin of an instance, created with the bootstrap token before any
// admin exists, is its creator owner whatever role is asked, as from the
// CLI and the first OIDC login (the API made it a plain viewer before).
func TestIntegrationWritesAsCLI(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		ctx := context.Background()
		if err := s.Store.CreateAdminToken(ctx, &store.AdminToken{Name: "bootstrap", Role: "owner",
			TokenHash: secret.TokenHash("boot-token"), CreatedAt: store.Now()}); err != nil {
			t.Fatal(err)
		}
		c := browserClient(t)
		call := func(method, path, body string) (int, map[string]any) {
			t.Helper()
			resp, b := do(t, c, method, ts.URL+path, body, "Authorization", "Bearer boot-token")
			var out map[string]any
			json.Unmarshal([]byte(b), &out)
			return resp.StatusCode, out
		}
		code, out := call("POST", "/api/v1/integrations", `{"name":"okta"}`)
		if code != 201 {
			t.Fatalf("create: %d %v", code, out)
		}
		id := out["id"].(string)
		code, out = call("POST", "/api/v1/integrations/"+id+"/token", "")
		tok, _ := out["token"].(string)
		if code != 200 || len(tok) < 8 {
			t.Fatalf("rotate: %d %v", code, out)
		}
		if got := auditDetails(t, s.Store, "integration.token_rotated", id); got["tokenPrefix"] != tok[:8] || got["prefix"] != nil {
			t.Fatalf("rotation audited as %v, want tokenPrefix %q", got, tok[:8])
		}

		code, out = call("POST", "/api/v1/admins", `{"email":"first@example.com","role":"viewer"}`)
		if code != 201 || out["role"] != "owner" || out["creator"] != true {
			t.Fatalf("first admin: %d %v", code, out)
		}
		if got := auditDetails(t, s.Store, "admin.created", out["id"].(string)); got["creator"] != true || got["role"] != "owner" {
			t.Fatalf("first admin audited as %v", got)
		}
		code, out = call("POST", "/api/v1/admins", `{"email":"second@example.com","role":"viewer"}`)
		if code != 201 || out["role"] != "viewer" || out["creator"] != false {
			t.Fatalf("second admin: %d %v", code, out)
		}
	})
}

// auditDetails returns the details of the one event action on target.
func auditDetails(t *testing.T, st *store.Store, action, target string) map[string]any {
	t.Helper()
	evs, _, err := st.AuditEvents(context.Background(), store.AuditFilter{Action: action, TargetID: target})
	if err != nil || len(evs) != 1 {
		t.Fatalf("audit %s on %s: %d events, %v", action, target, len(evs), err)
	}
	var d map[string]any
	if err := json.Unmarshal([]byte(evs[0].Details), &d); err != nil {
		t.Fatal(err)
	}
	return d
}
