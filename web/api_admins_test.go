package web

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
)

// The owner rules: the last active owner can neither be deleted, disabled
// nor demoted; the creator cannot delete themself; only owners manage
// admins; every change is audited with the actor.
func TestAdminRoles(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		ctx := context.Background()
		creator := seedAdmin(t, s, "root@example.com", "owner", "correct horse battery", true)
		owner := browserClient(t)
		loginLocal(t, ts, owner, "root@example.com", "correct horse battery")
		api := func(c interface{}, method, path, body string) (int, string) {
			t.Helper()
			resp, b := do(t, owner, method, ts.URL+path, body)
			return resp.StatusCode, b
		}
		if code, body := api(nil, "PATCH", "/api/v1/admins/"+creator.ID, `{"role":"admin"}`); code != 409 || !strings.Contains(body, `"last_owner"`) {
			t.Fatalf("demote last owner: %d %s", code, body)
		}
		if code, body := api(nil, "PATCH", "/api/v1/admins/"+creator.ID, `{"disabled":true}`); code != 409 || !strings.Contains(body, `"last_owner"`) {
			t.Fatalf("disable last owner: %d %s", code, body)
		}
		code, body := api(nil, "POST", "/api/v1/admins", `{"email":"vi@example.com","role":"viewer","password":"another long passphrase"}`)
		if code != 201 || strings.Contains(body, "passphrase") || strings.Contains(body, "argon2") {
			t.Fatalf("create viewer: %d %s", code, body)
		}
		code, body = api(nil, "POST", "/api/v1/admins", `{"email":"co@example.com","role":"owner"}`)
		if code != 201 {
			t.Fatalf("create owner: %d %s", code, body)
		}
		co, _ := s.Store.AdminByEmail(ctx, "co@example.com")
		if code, body := api(nil, "DELETE", "/api/v1/admins/"+creator.ID, ""); code != 409 || !strings.Contains(body, `"creator_self"`) {
			t.Fatalf("creator deletes self: %d %s", code, body)
		}
		// With a second owner, demoting the first is fine; the second is now the last.
		if code, body := api(nil, "PATCH", "/api/v1/admins/"+co.ID, `{"role":"admin"}`); code != 200 {
			t.Fatalf("demote second owner: %d %s", code, body)
		}
		if code, body := api(nil, "DELETE", "/api/v1/admins/"+co.ID, ""); code != 204 {
			t.Fatalf("delete admin: %d %s", code, body)
		}
		// A viewer reads but changes nothing.
		viewer := browserClient(t)
		loginLocal(t, ts, viewer, "vi@example.com", "another long passphrase")
		if resp, _ := do(t, viewer, "GET", ts.URL+"/api/v1/admins", ""); resp.StatusCode != 200 {
			t.Fatalf("viewer read: %d", resp.StatusCode)
		}
		for _, req := range [][3]string{{"POST", "/api/v1/admins", `{"email":"x@example.com"}`},
			{"POST", "/api/v1/integrations", `{"name":"idp"}`}, {"DELETE", "/api/v1/admins/" + creator.ID, ""}} {
			if resp, _ := do(t, viewer, req[0], ts.URL+req[1], req[2]); resp.StatusCode != 403 {
				t.Fatalf("viewer %s %s: %d", req[0], req[1], resp.StatusCode)
			}
		}
		if resp, _ := do(t, viewer, "POST", ts.URL+"/admin/integrations", "name=idp"); resp.StatusCode != 403 {
			t.Fatalf("viewer console create: %d", resp.StatusCode)
		}
		evs, _, err := s.Store.AuditEvents(ctx, store.AuditFilter{Actor: "admin:root@example.com", TargetType: "admin"})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range evs {
			actions = append(actions, e.Action)
			if strings.Contains(e.Details, "passphrase") {
				t.Fatalf("password in audit details: %s", e.Details)
			}
		}
		if got := strings.Join(actions, ","); got != "admin.deleted,admin.updated,admin.created,admin.created,admin.login" {
			t.Fatalf("audit trail %s", got)
		}
	})
}

// An admin (not owner) cannot raise anyone's rank, their own included, nor
// touch an owner, from the API or the console: the review's first finding
// was a lower admin becoming owner. Every such request is 403 and changes
// nothing.
func TestAdminCannotRaiseRank(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		ctx := context.Background()
		owner := seedAdmin(t, s, "root@example.com", "owner", "correct horse battery", true)
		self := seedAdmin(t, s, "ad@example.com", "admin", "another long passphrase", false)
		c := browserClient(t)
		loginLocal(t, ts, c, "ad@example.com", "another long passphrase")
		for _, req := range [][3]string{
			{"POST", "/api/v1/admins", `{"email":"mine@example.com","role":"owner","password":"a third long passphrase"}`},
			{"POST", "/api/v1/admins", `{"email":"peer@example.com","role":"admin","password":"a third long passphrase"}`},
			{"PATCH", "/api/v1/admins/" + self.ID, `{"role":"owner"}`},
			{"PATCH", "/api/v1/admins/" + owner.ID, `{"disabled":true}`},
			{"PATCH", "/api/v1/admins/" + owner.ID, `{"password":"taken over by the admin"}`},
			{"DELETE", "/api/v1/admins/" + owner.ID, ""},
			{"GET", "/api/v1/admin-tokens", ""},
		} {
			if resp, body := do(t, c, req[0], ts.URL+req[1], req[2]); resp.StatusCode != 403 {
				t.Errorf("admin %s %s: %d %s", req[0], req[1], resp.StatusCode, body)
			}
		}
		for _, req := range [][2]string{
			{"/admin/admins", "email=mine@example.com&role=owner"},
			{"/admin/admins/" + self.ID, "role=owner"},
			{"/admin/admins/" + owner.ID + "/delete", ""},
		} {
			if resp, _ := do(t, c, "POST", ts.URL+req[0], req[1]); resp.StatusCode != 403 {
				t.Errorf("admin console POST %s: %d", req[0], resp.StatusCode)
			}
		}
		if a, err := s.Store.AdminByEmail(ctx, "ad@example.com"); err != nil || a.Role != "admin" {
			t.Fatalf("the admin's role after the attempts: %v %+v", err, a)
		}
		if a, err := s.Store.AdminByEmail(ctx, "root@example.com"); err != nil || a.Role != "owner" || a.Disabled {
			t.Fatalf("the owner after the attempts: %v %+v", err, a)
		}
		if _, err := s.Store.AdminByEmail(ctx, "mine@example.com"); err == nil {
			t.Fatal("the admin created an owner")
		}
	})
}
