package scim

import (
	"net/http"
	"testing"

	"github.com/provisiond/provisiond/store/storetest"
)

// An IdP deactivating or deleting a user ends the user's sign-in sessions
// at once, whichever request it uses.
func TestDeprovisioningEndsSessions(t *testing.T) {
	deactivate := map[string]func(ts *testServer, id string){
		"PATCH active=false": func(ts *testServer, id string) {
			ts.do("PATCH", "/Users/"+id, map[string]any{"schemas": []string{"urn:ietf:params:scim:api:messages:2.0:PatchOp"},
				"Operations": []any{map[string]any{"op": "replace", "path": "active", "value": false}}}).mustStatus(ts.t, http.StatusNoContent)
		},
		"PATCH active=\"False\" without path (Entra)": func(ts *testServer, id string) {
			ts.do("PATCH", "/Users/"+id, map[string]any{"schemas": []string{"urn:ietf:params:scim:api:messages:2.0:PatchOp"},
				"Operations": []any{map[string]any{"op": "Replace", "value": map[string]any{"active": "False"}}}}).mustStatus(ts.t, http.StatusNoContent)
		},
		"PUT active=false": func(ts *testServer, id string) {
			ts.do("PUT", "/Users/"+id, map[string]any{"schemas": []string{UserURN}, "userName": "ada", "active": false}).mustStatus(ts.t, http.StatusOK)
		},
		"DELETE": func(ts *testServer, id string) {
			ts.do("DELETE", "/Users/"+id, nil).mustStatus(ts.t, http.StatusNoContent)
		},
	}
	for name, act := range deactivate {
		t.Run(name, func(t *testing.T) {
			for _, d := range storetest.Dialects(t) {
				t.Run(string(d), func(t *testing.T) {
					ts := newTestServer(t, d, nil)
					id := ts.createUser("ada", nil)
					storetest.SignedIn(t, ts.store, id)
					act(ts, id)
					if n := storetest.SignInSessions(t, ts.store, id); n != 0 {
						t.Errorf("%d sign-in rows left", n)
					}
				})
			}
		})
	}
}
