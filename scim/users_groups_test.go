package scim

import (
	"net/http"
	"testing"

	"github.com/provisiond/provisiond/store"
)

func TestUserGroupsAttribute(t *testing.T) {
	ts := newTestServer(t, store.SQLite, nil)
	id := ts.createUser("member", nil)
	g := ts.do("POST", "/Groups", `{"schemas":["`+GroupURN+`"],"displayName":"Staff","members":[{"value":"`+id+`"}]}`).
		mustStatus(t, http.StatusCreated)
	doc := ts.do("GET", "/Users/"+id, nil).mustStatus(t, http.StatusOK).body
	if get(doc, "groups.0.value") != g.str("id") || get(doc, "groups.0.display") != "Staff" {
		t.Fatalf("groups of user: %v", doc["groups"])
	}
	list := ts.do("GET", "/Users?filter=userName%20eq%20%22member%22", nil).body
	if get(list, "Resources.0.groups.0.value") != g.str("id") {
		t.Fatalf("groups in list: %v", list)
	}
	if doc := ts.do("GET", "/Users/"+id+"?excludedAttributes=groups", nil).body; doc["groups"] != nil {
		t.Fatalf("excluded groups returned: %v", doc["groups"])
	}
	// groups is read-only: a PATCH naming it is a mutability error, a value carrying it is ignored.
	ts.do("PATCH", "/Users/"+id, `{"Operations":[{"op":"add","path":"groups","value":[{"value":"x"}]}]}`).mustStatus(t, http.StatusBadRequest)
	ts.do("PUT", "/Users/"+id, `{"userName":"member","groups":[]}`).mustStatus(t, http.StatusOK)
	if doc := ts.do("GET", "/Users/"+id, nil).body; get(doc, "groups.0.value") != g.str("id") {
		t.Fatalf("PUT changed memberships: %v", doc["groups"])
	}
}
