package scim

import (
	"net/http"
	"testing"

	"github.com/provisiond/provisiond/store/storetest"
)

// OneLogin (SCIM v2 provisioner, its default JSON template): draft-era
// schema URNs, a match whose query ends in "&", PUTs whose path ends in
// "?", membership by group PATCH, deprovisioning by PUT active=false or
// DELETE.
func TestReplayOneLogin(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			total(t, ts.replay(t, "GET", "/Users?filter=userName+eq+%22onelogin-test-user01%22&", nil, http.StatusOK), 0)
			user := `{"schemas":["urn:scim:schemas:core:2.0","urn:scim:schemas:extension:enterprise:2.0"],
				"userName":"onelogin-test-user01","name":{"familyName":"User 01","givenName":"Test"},
				"emails":[{"value":"test01@example.com","type":"work","primary":true}],
				"urn:scim:schemas:extension:enterprise:2.0":{"department":"Ops"}}`
			id := ts.replay(t, "POST", "/Users", user, http.StatusCreated).str("id")
			ts.user(t, id, map[string]any{EnterpriseURN + "|department": "Ops"}) // the draft-era URN is read as RFC 7643's
			total(t, ts.replay(t, "GET", "/Users?filter=userName+eq+%22onelogin-test-user01%22&", nil, http.StatusOK), 1)
			ts.replay(t, "PUT", "/Users/"+id+"?", `{"schemas":["urn:scim:schemas:core:2.0","urn:scim:schemas:extension:enterprise:2.0"],
				"userName":"onelogin-test-user01","name":{"familyName":"User 01","givenName":"AAA Test"},
				"emails":[{"value":"test01@example.com","type":"work","primary":true}]}`, http.StatusOK)
			ts.user(t, id, map[string]any{"name.givenName": "AAA Test", "emails.0.value": "test01@example.com", "active": true})

			gid := ts.replay(t, "POST", "/Groups", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"OL Group"}`, http.StatusCreated).str("id")
			ts.replay(t, "PATCH", "/Groups/"+gid, patchOf(`{"op":"add","path":"members","value":[{"value":"`+id+`"}]}`), http.StatusNoContent)
			ts.replay(t, "PATCH", "/Groups/"+gid, patchOf(`{"op":"remove","path":"members[value eq \"`+id+`\"]"}`), http.StatusNoContent)
			ts.replay(t, "PUT", "/Users/"+id+"?", `{"schemas":["urn:scim:schemas:core:2.0"],"userName":"onelogin-test-user01","active":false}`, http.StatusOK)
			ts.user(t, id, map[string]any{"active": false})
			ts.replay(t, "DELETE", "/Users/"+id, nil, http.StatusNoContent)
		})
	}
}

// JumpCloud (custom SCIM app, as integrators describe it): PUT for user
// updates and deactivation, group members added and removed as value lists
// without a filter (Entra's older form), groups renamed by path.
func TestReplayJumpCloud(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			total(t, ts.replay(t, "GET", `/Users?filter=userName%20eq%20%22jc.user%40example.com%22`, nil, http.StatusOK), 0)
			user := map[string]any{"schemas": []string{UserURN, EnterpriseURN}, "userName": "jc.user@example.com", "active": true,
				"name":        map[string]any{"givenName": "Jay", "familyName": "Cee"},
				"emails":      []any{map[string]any{"value": "jc.user@example.com", "type": "work", "primary": true}},
				EnterpriseURN: map[string]any{"department": "IT"}}
			id := ts.replay(t, "POST", "/Users", user, http.StatusCreated).str("id")
			user["title"] = "Admin"
			ts.replay(t, "PUT", "/Users/"+id, user, http.StatusOK)
			gid := ts.replay(t, "POST", "/Groups", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"JC"}`, http.StatusCreated).str("id")
			ts.replay(t, "PATCH", "/Groups/"+gid, patchOf(`{"op":"add","path":"members","value":[{"value":"`+id+`"}]}`), http.StatusNoContent)
			ts.replay(t, "PATCH", "/Groups/"+gid, patchOf(`{"op":"replace","path":"displayName","value":"JC 2"}`), http.StatusNoContent)
			ts.replay(t, "PATCH", "/Groups/"+gid, patchOf(`{"op":"remove","path":"members","value":[{"value":"`+id+`"}]}`), http.StatusNoContent)
			if m := ts.members(t, gid); len(m) != 0 {
				t.Fatalf("members after remove: %v", m)
			}
			user["active"] = false
			ts.replay(t, "PUT", "/Users/"+id, user, http.StatusOK)
			ts.user(t, id, map[string]any{"active": false, "title": "Admin", EnterpriseURN + "|department": "IT"})
			ts.replay(t, "DELETE", "/Groups/"+gid, nil, http.StatusNoContent)
		})
	}
}

// Google Workspace auto-provisioning (catalog SAML apps): its connection
// probe asks for one user; the rest is the RFC's plain forms (match by
// userName, create, path PATCH of active, DELETE when set to delete).
func TestReplayGoogle(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			total(t, ts.replay(t, "GET", "/Users?count=1", nil, http.StatusOK), 0)
			total(t, ts.replay(t, "GET", "/Users?filter=userName+eq+%22gw%40example.com%22", nil, http.StatusOK), 0)
			id := ts.replay(t, "POST", "/Users", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"gw@example.com",
				"name":{"givenName":"G","familyName":"W"},"emails":[{"value":"gw@example.com","primary":true}],"active":true}`, http.StatusCreated).str("id")
			ts.replay(t, "PATCH", "/Users/"+id, patchOf(`{"op":"replace","path":"name.givenName","value":"Gee"}`), http.StatusNoContent)
			ts.replay(t, "PATCH", "/Users/"+id, patchOf(`{"op":"replace","path":"active","value":false}`), http.StatusNoContent)
			ts.user(t, id, map[string]any{"active": false, "name.givenName": "Gee"})
			ts.replay(t, "DELETE", "/Users/"+id, nil, http.StatusNoContent)
			ts.replay(t, "GET", "/Users/"+id, nil, http.StatusNotFound)
		})
	}
}
