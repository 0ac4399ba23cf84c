package scim

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/permission"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// restrict sets the permissions of the test integration.
func (ts *testServer) restrict(perms ...string) {
	ts.t.Helper()
	_, err := ts.store.UpdateIntegration(context.Background(), ts.in.ID, func(i *store.Integration) error {
		i.Permissions = strings.Join(perms, " ")
		return nil
	})
	if err != nil {
		ts.t.Fatal(err)
	}
}

// TestPermissionMatrix drives every SCIM action through the real handler
// with each permission missing in turn: the action needing it gets a 403
// naming it, the others are unaffected, and discovery always answers.
func TestPermissionMatrix(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			type action struct {
				name, method, need string
				also               string // a second permission the action needs
				path               func() string
				body               func() any
			}
			user := func() string { return ts.createUser("u-"+store.NewID(), nil) }
			group := func() string {
				return ts.do("POST", "/Groups", map[string]any{"schemas": []string{GroupURN}, "displayName": "g-" + store.NewID()}).
					mustStatus(t, http.StatusCreated).str("id")
			}
			deactivate := map[string]any{"schemas": []string{patchURN},
				"Operations": []any{map[string]any{"op": "replace", "path": "active", "value": false}}}
			rename := map[string]any{"schemas": []string{patchURN},
				"Operations": []any{map[string]any{"op": "replace", "path": "displayName", "value": "New"}}}
			actions := []action{
				{"list users", "GET", permission.AccountsRead, "", func() string { return "/Users" }, nil},
				{"get user", "GET", permission.AccountsRead, "", func() string { return "/Users/" + user() }, nil},
				{"search users", "POST", permission.AccountsRead, "", func() string { return "/Users/.search" },
					func() any { return map[string]any{"schemas": []string{searchURN}} }},
				{"create user", "POST", permission.AccountsWrite, "", func() string { return "/Users" },
					func() any { return map[string]any{"schemas": []string{UserURN}, "userName": "n-" + store.NewID()} }},
				{"patch user", "PATCH", permission.AccountsWrite, "", func() string { return "/Users/" + user() }, func() any { return rename }},
				{"deactivate by patch", "PATCH", permission.AccountsDeactivate, permission.AccountsWrite, func() string { return "/Users/" + user() },
					func() any { return deactivate }},
				{"delete user", "DELETE", permission.AccountsDeactivate, "", func() string { return "/Users/" + user() }, nil},
				{"list groups", "GET", permission.GroupsRead, "", func() string { return "/Groups" }, nil},
				{"create group", "POST", permission.GroupsWrite, "", func() string { return "/Groups" },
					func() any { return map[string]any{"schemas": []string{GroupURN}, "displayName": "c-" + store.NewID()} }},
				{"delete group", "DELETE", permission.GroupsWrite, "", func() string { return "/Groups/" + group() }, nil},
			}
			for _, missing := range permission.All {
				for _, a := range actions {
					ts.restrict(permission.All...) // fixtures are made with every permission
					path := a.path()
					var body any
					if a.body != nil {
						body = a.body()
					}
					var rest []string
					for _, p := range permission.All {
						if p != missing {
							rest = append(rest, p)
						}
					}
					ts.restrict(rest...)
					r := ts.do(a.method, path, body)
					if a.need == missing || a.also == missing {
						if r.status != http.StatusForbidden || !strings.Contains(r.str("detail"), missing) ||
							r.str("status") != "403" || !strings.Contains(r.raw, "urn:ietf:params:scim:api:messages:2.0:Error") {
							t.Errorf("without %s, %s: %d %s; want an RFC 7644 403 naming it", missing, a.name, r.status, r.raw)
						}
					} else if r.status == http.StatusForbidden {
						t.Errorf("without %s, %s refused: %s", missing, a.name, r.raw)
					}
				}
			}
			ts.restrict()
			for _, p := range []string{"/ServiceProviderConfig", "/ResourceTypes", "/Schemas"} {
				ts.do("GET", p, nil).mustStatus(t, http.StatusOK)
			}
			ts.do("GET", "/Users", nil).mustStatus(t, http.StatusForbidden)
		})
	}
}

// TestDeactivateByPutNeedsPermission: a PUT with active=false needs
// accounts:deactivate on top of write, and leaves the account unchanged.
func TestDeactivateByPutNeedsPermission(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			id := ts.createUser("kim", nil)
			ts.restrict(permission.AccountsRead, permission.AccountsWrite)
			doc := map[string]any{"schemas": []string{UserURN}, "userName": "kim", "active": false}
			r := ts.do("PUT", "/Users/"+id, doc).mustStatus(t, http.StatusForbidden)
			if !strings.Contains(r.str("detail"), permission.AccountsDeactivate) {
				t.Errorf("detail = %q", r.str("detail"))
			}
			if got := ts.do("GET", "/Users/"+id, nil).mustStatus(t, http.StatusOK).body["active"]; got != true {
				t.Errorf("active = %v after a refused PUT", got)
			}
			doc["active"] = true
			doc["displayName"] = "Kim"
			ts.do("PUT", "/Users/"+id, doc).mustStatus(t, http.StatusOK)
		})
	}
}
