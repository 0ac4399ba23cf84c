package web

import (
	"context"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/provisiond/provisiond/store"
)

// TestSignInRecordsAdminLanguage: the first sign-in records the console's
// language as the admin's mail language (the breaker notice, notify/); a
// recorded one is kept.
func TestSignInRecordsAdminLanguage(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		fresh := seedAdmin(t, s, "amelie@example.com", "owner", "correct horse battery", true)
		set := seedAdmin(t, s, "owen@example.com", "owner", "correct horse battery", false)
		if _, err := s.Store.UpdateAdmin(context.Background(), set.ID, func(a *store.Admin) error { a.Language = "en"; return nil }); err != nil {
			t.Fatal(err)
		}
		for _, a := range []*store.Admin{fresh, set} {
			form := url.Values{"email": {a.Email}, "password": {"correct horse battery"}}.Encode()
			if resp, body := do(t, browserClient(t), "POST", ts.URL+"/admin/login", form, "Accept-Language", "fr-FR,fr;q=0.9"); resp.Request.URL.Path != "/admin/" {
				t.Fatalf("login %s: %d\n%s", a.Email, resp.StatusCode, body)
			}
		}
		for id, want := range map[string]string{fresh.ID: "fr", set.ID: "en"} {
			a, err := s.Store.AdminByID(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			if a.Language != want {
				t.Errorf("admin %s: language %q, want %q", a.Email, a.Language, want)
			}
		}
	})
}
