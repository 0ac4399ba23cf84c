package web

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
)

// The held-changes page and the banner speak the admin's language.
func TestConsoleBreakerFrench(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		ctx := t.Context()
		c := signedIn(t, ts, s, "owner")
		do(t, c, "POST", ts.URL+"/admin/integrations", url.Values{"name": {"okta"}}.Encode())
		in, err := s.Store.IntegrationByName(ctx, "okta")
		if err != nil {
			t.Fatal(err)
		}
		a := &store.Account{UserName: "ada", Active: true, Status: store.StatusActive, IntegrationID: &in.ID}
		if err := s.Store.CreateAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := s.Store.CreateHeldChange(ctx, &store.HeldChange{IntegrationID: in.ID, AccountID: a.ID,
			Kind: store.HeldDeactivate, Actor: "integration:okta"}); err != nil {
			t.Fatal(err)
		}
		page := ts.URL + "/admin/integrations/" + in.ID + "/held-changes"
		for _, tc := range []struct {
			lang string
			want []string
		}{
			{"en", []string{`lang="en"`, "Held changes: okta", "Breaker tripped: 1 deactivation or deletion from “okta” is held", "Apply all 1", "more than 10% of its active accounts", "within 1 hour.", ">deactivate<"}},
			{"fr-FR,fr;q=0.9", []string{`lang="fr"`, "Changements retenus : okta", "Disjoncteur déclenché : 1 désactivation ou suppression venant de « okta » est retenue",
				"Tout appliquer (1)", "plus de 10 % de ses comptes actifs", "en 1 heure.", "Examiner et décider", ">désactiver<", "Demandé par"}},
		} {
			resp, body := do(t, c, "GET", page, "", "Accept-Language", tc.lang)
			if resp.StatusCode != 200 {
				t.Fatalf("%s: %d", tc.lang, resp.StatusCode)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("%s: missing %q", tc.lang, w)
				}
			}
		}
		if _, body := do(t, c, "GET", ts.URL+"/admin/?lang=fr", ""); !strings.Contains(body, "Disjoncteur déclenché") {
			t.Error("French banner missing on the dashboard")
		}
		// The account page shows the hold beside the real status.
		if err := s.Store.HoldAccount(ctx, a.ID, store.HeldDeactivate); err != nil {
			t.Fatal(err)
		}
		for lang, want := range map[string]string{"en": "the breaker holds the change (the integration sees it inactive)",
			"fr": "le disjoncteur retient ce changement (l’intégration le voit inactif)"} {
			_, body := do(t, c, "GET", ts.URL+"/admin/accounts/"+a.ID+"?lang="+lang, "")
			if !strings.Contains(body, `id="account-held"`) || !strings.Contains(body, want) ||
				!strings.Contains(body, `/admin/integrations/`+in.ID+`/held-changes`) {
				t.Errorf("%s: account page lacks the hold", lang)
			}
		}
	})
}
