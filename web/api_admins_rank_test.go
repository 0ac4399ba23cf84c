package web

import (
	"context"
	"net/http/httptest"
	"testing"
)

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
