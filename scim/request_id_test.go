package scim

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/provisiond/provisiond/store"
)

// TestIdPRequestIDInAudit: the request id Entra (client-request-id) or Okta
// (X-Okta-Request-Id) sends with a SCIM write lands in that write's audit
// event, through the grouped create path and a PATCH alike.
func TestIdPRequestIDInAudit(t *testing.T) {
	ts := newTestServer(t, store.SQLite, nil)
	user := map[string]any{"schemas": []string{UserURN}, "userName": "entra-user", "active": true}
	id := ts.do("POST", "/Users", user, "client-request-id", "b6f8a2c1-entra").mustStatus(t, http.StatusCreated).str("id")
	patch := `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"E"}]}`
	ts.do("PATCH", "/Users/"+id, patch, "X-Okta-Request-Id", "okta-req-42").mustStatus(t, http.StatusNoContent)
	for action, want := range map[string]string{"account.created": "b6f8a2c1-entra", "account.updated": "okta-req-42"} {
		evs, _, err := ts.store.AuditEvents(context.Background(), store.AuditFilter{Action: action, TargetID: id})
		if err != nil || len(evs) != 1 {
			t.Fatalf("%s: %d events, %v", action, len(evs), err)
		}
		var d map[string]any
		if json.Unmarshal([]byte(evs[0].Details), &d); d["idpRequestId"] != want {
			t.Fatalf("%s details %s, want idpRequestId %s", action, evs[0].Details, want)
		}
	}
}
