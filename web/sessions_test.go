package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/provisiond/provisiond/signin"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// An admin's decisions end the sessions of the accounts they take trust
// from, at once: a password reset (API) and held deactivations applied
// (API and console).
func TestAdminActionsEndSessions(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		ctx := context.Background()
		seedTokens(t, s, "admin")
		p, err := signin.New(signin.Config{Store: s.Store, Keys: s.Keys, BaseURL: ts.URL})
		if err != nil {
			t.Fatal(err)
		}
		s.SignIn = p
		in := seedIntegration(t, s.Store, &store.Integration{Name: "okta", Kind: "scim"})
		person := func(name string) *store.Account {
			a := &store.Account{UserName: name, Active: true, Status: store.StatusActive, PasswordHash: "x", IntegrationID: &in.ID}
			if err := s.Store.CreateAccount(ctx, a); err != nil {
				t.Fatal(err)
			}
			storetest.SignedIn(t, s.Store, a.ID)
			return a
		}
		hold := func(a *store.Account) {
			if err := s.Store.CreateHeldChange(ctx, &store.HeldChange{IntegrationID: in.ID, AccountID: a.ID,
				Kind: store.HeldDeactivate, Actor: "integration:okta"}); err != nil {
				t.Fatal(err)
			}
		}
		ended := func(what string, a *store.Account) {
			t.Helper()
			if n := storetest.SignInSessions(t, s.Store, a.ID); n != 0 {
				t.Errorf("%s: %d sign-in rows left", what, n)
			}
		}

		reset := person("reset")
		if c := call(t, "POST", ts.URL+"/api/v1/accounts/"+reset.ID+"/password-reset", "admin-token", "", nil, nil); c != http.StatusCreated {
			t.Fatalf("reset: %d", c)
		}
		ended("API password reset", reset)

		viaAPI := person("api")
		hold(viaAPI)
		if c := call(t, "POST", ts.URL+"/api/v1/integrations/"+in.ID+"/held-changes/apply", "admin-token", "", nil, nil); c != http.StatusOK {
			t.Fatalf("apply: %d", c)
		}
		ended("API held change applied", viaAPI)

		viaConsole := person("console")
		hold(viaConsole)
		c := signedIn(t, ts, s, "admin")
		if resp, _ := do(t, c, "POST", ts.URL+"/admin/integrations/"+in.ID+"/held-changes/apply", url.Values{"all": {"1"}}.Encode()); resp.StatusCode != http.StatusOK {
			t.Fatalf("console apply: %d", resp.StatusCode)
		}
		ended("console held change applied", viaConsole)
	})
}
