package scim

import (
	"net/http"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store/storetest"
)

// oktaUser is the create Okta sends (Okta's SCIM 2.0 reference): its own
// user id as externalId, a password, groups it never reads back.
const oktaUser = `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"kim@example.com",
	"name":{"givenName":"Kim","familyName":"Lee"},"emails":[{"primary":true,"value":"kim@example.com","type":"work"}],
	"displayName":"Kim Lee","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7","groups":[],"password":"1mz050nq","active":true}`

// oktaConnect replays Okta's connection test and its match before a create
// (constant query parameters, %20-encoded filter).
func oktaConnect(t *testing.T, ts *testServer) {
	t.Helper()
	ts.replay(t, "GET", "/Users?startIndex=1&count=2", nil, http.StatusOK)
	ts.replay(t, "GET", "/Groups?startIndex=1&count=100", nil, http.StatusOK)
	total(t, ts.replay(t, "GET", "/Users?filter=userName%20eq%20%22kim%40example.com%22&startIndex=1&count=100", nil, http.StatusOK), 0)
}

// oktaGroups replays Okta's group push: match, create, rename and members
// by PATCH (new integrations), the whole group by PUT (older ones), delete.
func oktaGroups(t *testing.T, ts *testServer, id string) {
	t.Helper()
	total(t, ts.replay(t, "GET", "/Groups?filter=displayName%20eq%20%22Pilots%22&startIndex=1&count=100", nil, http.StatusOK), 0)
	gid := ts.replay(t, "POST", "/Groups", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Pilots","members":[]}`,
		http.StatusCreated).str("id")
	ts.replay(t, "PATCH", "/Groups/"+gid, patchOf(`{"op":"replace","value":{"id":"`+gid+`","displayName":"Pilots EU"}}`), http.StatusNoContent)
	ts.replay(t, "PATCH", "/Groups/"+gid, patchOf(`{"op":"add","path":"members","value":[{"value":"`+id+`","display":"kim@example.com"}]}`), http.StatusNoContent)
	ts.replay(t, "PATCH", "/Groups/"+gid, patchOf(`{"op":"remove","path":"members[value eq \"`+id+`\"]"}`), http.StatusNoContent)
	put := ts.replay(t, "PUT", "/Groups/"+gid, `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"`+gid+`",
		"displayName":"Pilots EU","members":[{"value":"`+id+`","display":"kim@example.com"}]}`, http.StatusOK)
	if put.str("displayName") != "Pilots EU" || len(ts.members(t, gid)) != 1 {
		t.Fatalf("group after PUT: %s", put.raw)
	}
	ts.replay(t, "DELETE", "/Groups/"+gid, nil, http.StatusNoContent)
}

// Okta with PUT for updates (custom "AIW" apps): the whole user each time,
// including active=false to deactivate and true to reactivate; Okta never
// DELETEs a user.
func TestReplayOktaPUT(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			oktaConnect(t, ts)
			r := ts.replay(t, "POST", "/Users", oktaUser, http.StatusCreated)
			if strings.Contains(r.raw, "1mz050nq") || strings.Contains(r.raw, "password") {
				t.Fatalf("password echoed: %s", r.raw)
			}
			id := r.str("id")
			doc := ts.user(t, id, map[string]any{"externalId": "00ujl29u0le5T6Aj10h7", "locale": "en-US"})
			doc["name"] = map[string]any{"givenName": "Kimberly", "familyName": "Lee"}
			ts.replay(t, "PUT", "/Users/"+id, doc, http.StatusOK)
			doc["active"] = false
			if r := ts.replay(t, "PUT", "/Users/"+id, doc, http.StatusOK); r.body["active"] != false {
				t.Fatalf("deactivating PUT answered %s", r.raw)
			}
			doc["active"] = true
			ts.replay(t, "PUT", "/Users/"+id, doc, http.StatusOK)
			ts.user(t, id, map[string]any{"active": true, "name.givenName": "Kimberly"})
			oktaGroups(t, ts, id)
		})
	}
}

// Okta with PATCH (OIN apps): no-path replaces with an object value for
// the active flag, profile changes and password sync.
func TestReplayOktaPATCH(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			oktaConnect(t, ts)
			id := ts.replay(t, "POST", "/Users", oktaUser, http.StatusCreated).str("id")
			ts.replay(t, "PATCH", "/Users/"+id, patchOf(`{"op":"replace","value":{"active":false}}`), http.StatusNoContent)
			ts.user(t, id, map[string]any{"active": false})
			ts.replay(t, "PATCH", "/Users/"+id, patchOf(`{"op":"replace","value":{"active":true}}`), http.StatusNoContent)
			ts.replay(t, "PATCH", "/Users/"+id, patchOf(`{"op":"replace","value":{"name":{"givenName":"Kimberly"},"title":"Pilot"}}`), http.StatusNoContent)
			ts.replay(t, "PATCH", "/Users/"+id, patchOf(`{"op":"replace","value":{"password":"t1meMa$heen"}}`), http.StatusNoContent)
			if doc := ts.user(t, id, map[string]any{"active": true, "name.givenName": "Kimberly", "name.familyName": "Lee", "title": "Pilot"}); doc["password"] != nil {
				t.Fatalf("password returned: %v", doc)
			}
			oktaGroups(t, ts, id)
		})
	}
}
