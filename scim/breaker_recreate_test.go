package scim

import (
	"context"
	"net/http"
	"testing"
)

// An IdP that deleted a user (the deletion held by the breaker, so to the
// IdP the user is gone) and then creates the same userName again gets the
// user it asked for, one story: a 201 with its new attributes, the hold
// canceled, GET and filters showing it again under a new version. It was a
// 409 "userName is already taken" for a user the IdP could not find.
func TestBreakerHeldDeletionThenRecreate(t *testing.T) {
	eachHeld(t, func(t *testing.T, ts *testServer, ids []string) {
		ctx := context.Background()
		before := ts.view(ids[0], "u0000")
		ts.do("DELETE", "/Users/"+ids[0], nil).mustStatus(t, http.StatusNoContent)
		ts.gone(ids[0], "u0000")

		r := ts.do("POST", "/Users", map[string]any{"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:User"},
			"userName": "u0000", "displayName": "Back Again",
			"emails": []any{map[string]any{"value": "u0000@example.com", "primary": true}}}).mustStatus(t, http.StatusCreated)
		if r.str("id") != ids[0] || r.body["displayName"] != "Back Again" || r.body["active"] != true {
			t.Fatalf("re-create: %s", r.raw)
		}
		after := ts.view(ids[0], "u0000")
		if after.etag == before.etag || after.active != true {
			t.Fatalf("after the re-create: %+v (before the deletion %s)", after, before.etag)
		}
		a, err := ts.store.AccountByID(ctx, ids[0])
		if err != nil || a.Held != "" || !a.Active {
			t.Fatalf("admins see %+v, %v; want the live account, no hold", a, err)
		}
		if _, _, held := ts.counts(); len(held) != 0 {
			t.Fatalf("held changes left: %+v", held)
		}
		// The same userName again is taken, as for any live user.
		ts.do("POST", "/Users", map[string]any{"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:User"},
			"userName": "u0000"}).mustStatus(t, http.StatusConflict)
	})
}
