package web

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// TestIntegrationWriteAPI also pins what the API shares with the CLI
// (integration.Service; cmd/provisiond's TestIntegrationLifecycle reads the
// same): a rotation is audited with the new token's prefix as tokenPrefix,
// and the first admin of an instance, created with a token before any admin
// exists, is its creator owner whatever role is asked (the API made it a
// plain viewer before).
func TestIntegrationWriteAPI(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		ctx := context.Background()
		call := namedAdminAPI(t, ts, s, "ci", "owner").send
		code, out := call("POST", "/api/v1/integrations", `{"name":"entra","autoInvite":true,"inviteDelaySeconds":120,"requireApproval":true}`)
		tok, _ := out["token"].(string)
		if code != 201 || !strings.HasPrefix(tok, "pvd_") || out["scimUrl"] != s.Config.BaseURL+"/scim/v2" ||
			out["autoInvite"] != true || out["inviteDelaySeconds"] != 120.0 || out["requireApproval"] != true {
			t.Fatalf("create: %d %v", code, out)
		}
		id := out["id"].(string)
		if in, err := s.Store.IntegrationByTokenHash(ctx, secret.TokenHash(tok)); err != nil || in.ID != id {
			t.Fatalf("token does not authenticate: %v", err)
		}
		if code, out := call("GET", "/api/v1/integrations/"+id, ""); code != 200 || out["token"] != nil {
			t.Fatalf("get shows a token: %v", out)
		}
		for body, want := range map[string]string{`{"name":"ENTRA"}`: "", `{"name":""}`: "invalid_field",
			`{"inviteDelaySeconds":-1}`: "invalid_field", `{"reminderDays":30}`: "invalid_field", `{"kind":"ldap"}`: "invalid_field", `{"bogus":1}`: "invalid_body"} {
			code, out := call("POST", "/api/v1/integrations", body)
			e, _ := out["error"].(map[string]any)
			if want == "" {
				want = "conflict" // names are unique case-insensitively
			}
			if code/100 != 4 || e["code"] != want {
				t.Errorf("create %s: %d %v", body, code, out)
			}
		}
		if code, out := call("PATCH", "/api/v1/integrations/entra", `{"autoInvite":false,"inviteDelaySeconds":0,"reminderDays":5}`); code != 200 ||
			out["autoInvite"] != false || out["requireApproval"] != true || out["reminderDays"] != 5.0 {
			t.Fatalf("patch: %d %v", code, out)
		}
		code, out = call("POST", "/api/v1/integrations/"+id+"/token", "")
		tok2, _ := out["token"].(string)
		if code != 200 || tok2 == "" || tok2 == tok {
			t.Fatalf("rotate: %d %v", code, out)
		}
		if _, err := s.Store.IntegrationByTokenHash(ctx, secret.TokenHash(tok)); err == nil {
			t.Fatal("old token still works after rotation")
		}
		if got := auditDetails(t, s.Store, "integration.token_rotated", id); got["tokenPrefix"] != tok2[:8] || got["prefix"] != nil {
			t.Fatalf("rotation audited as %v, want tokenPrefix %q", got, tok2[:8])
		}
		if code, _ := call("DELETE", "/api/v1/integrations/"+id, ""); code != 204 {
			t.Fatalf("delete: %d", code)
		}
		if code, _ := call("DELETE", "/api/v1/integrations/"+id, ""); code != 404 {
			t.Fatalf("delete again: %d", code)
		}
		evs, _, _ := s.Store.AuditEvents(ctx, store.AuditFilter{Actor: "token:ci", TargetID: id})
		var actions []string
		for _, e := range evs {
			actions = append(actions, e.Action)
			if strings.Contains(e.Details, tok) || strings.Contains(e.Details, tok2) {
				t.Fatal("token in the audit log")
			}
		}
		if got := strings.Join(actions, ","); got != "integration.deleted,integration.token_rotated,integration.updated,integration.created" {
			t.Fatalf("audit trail %s", got)
		}
		for i, email := range []string{"first@example.com", "second@example.com"} {
			code, out := call("POST", "/api/v1/admins", `{"email":"`+email+`","role":"viewer"}`)
			if want := []string{"owner", "viewer"}[i]; code != 201 || out["role"] != want || out["creator"] != (i == 0) {
				t.Fatalf("admin %s: %d %v, want role %s", email, code, out, want)
			}
			if got := auditDetails(t, s.Store, "admin.created", out["id"].(string)); got["creator"] != (i == 0) {
				t.Fatalf("admin %s audited as %v", email, got)
			}
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
