package web

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
)

// TestIntegrationAccessAPI: PATCH sets deliveryMethod and permissions,
// refuses unknown names, and audits before and after.
func TestIntegrationAccessAPI(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		ctx := context.Background()
		call := namedAdminAPI(t, ts, s, "ci", "admin").send
		code, out := call("POST", "/api/v1/integrations", `{"name":"okta"}`)
		if code != 201 || out["deliveryMethod"] != "link" || len(out["permissions"].([]any)) != 5 {
			t.Fatalf("create: %d %v; want link and every permission", code, out)
		}
		id := out["id"].(string)
		code, out = call("PATCH", "/api/v1/integrations/"+id,
			`{"deliveryMethod":"code","permissions":["groups:read","accounts:read","accounts:write"]}`)
		perms, _ := json.Marshal(out["permissions"])
		if code != 200 || out["deliveryMethod"] != "code" || string(perms) != `["accounts:read","accounts:write","groups:read"]` {
			t.Fatalf("patch: %d %v", code, out)
		}
		for _, body := range []string{`{"permissions":["accounts:read","accounts:admin"]}`, `{"deliveryMethod":"pigeon"}`} {
			code, out := call("PATCH", "/api/v1/integrations/"+id, body)
			e, _ := out["error"].(map[string]any)
			if code != 400 || e["code"] != "invalid_field" {
				t.Errorf("patch %s: %d %v", body, code, out)
			}
		}
		if _, out := call("PATCH", "/api/v1/integrations/"+id, `{"permissions":["accounts:bogus"]}`); !strings.Contains(
			out["error"].(map[string]any)["message"].(string), "accounts:bogus") {
			t.Errorf("the refusal does not name the unknown permission: %v", out)
		}
		evs, _, err := s.Store.AuditEvents(ctx, store.AuditFilter{Action: "integration.updated", TargetID: id})
		if err != nil || len(evs) != 1 {
			t.Fatalf("audit events: %d, %v", len(evs), err)
		}
		var got struct {
			Permissions    struct{ Before, After []string }
			DeliveryMethod struct{ Before, After string }
		}
		if err := json.Unmarshal([]byte(evs[0].Details), &got); err != nil {
			t.Fatalf("details %q: %v", evs[0].Details, err)
		}
		if strings.Join(got.Permissions.Before, " ") != "accounts:read accounts:write accounts:deactivate groups:read groups:write" ||
			strings.Join(got.Permissions.After, " ") != "accounts:read accounts:write groups:read" ||
			got.DeliveryMethod.Before != "link" || got.DeliveryMethod.After != "code" {
			t.Errorf("audit details %s: want before and after", evs[0].Details)
		}
	})
}
