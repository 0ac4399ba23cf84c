package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// pathOf is the path of an absolute link, to open it on the test server.
func pathOf(t *testing.T, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Path
}

// TestJoinStrangerGetsNothing is the reproduction of the sign-up hole from
// outside, over HTTP: a stranger holding a multi-use link signed up as
// victim@acme.test with a password of their own, then signed in to an
// application and got an ID token with email_verified true for the
// victim's address; the IdP's SCIM create of the real victim then failed
// with 409. Now the sign-up cannot sign in at all, the IdP's create wins,
// and only the address's owner, opening the mailed confirmation, gets an
// account (and a verified email).
func TestJoinStrangerGetsNothing(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			e := newStackEnv(t, d, nil)
			scimToken := e.withSCIMAndSignIn(t)
			_, link := createLinkAPI(t, e.ts, e.s, `{"name": "Workshop", "maxUses": 5}`)
			joinURL := link["url"].(string)
			if _, body := getPage(t, joinURL, "Accept-Language", "en"); strings.Contains(body, `id="password"`) ||
				!strings.Contains(body, "We will email you a link") {
				t.Fatalf("the join form asks for a password with SMTP configured:\n%s", body)
			}
			const strangerPW = "the stranger's own passphrase"
			form := url.Values{"name": {"Mallory"}, "email": {"victim@acme.test"}, "password": {strangerPW}, "confirm": {strangerPW}}
			resp, _ := postForm(t, joinURL, form)
			if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/check-email?") {
				t.Fatalf("sign-up: %d %s", resp.StatusCode, resp.Header.Get("Location"))
			}
			if claims, ok := e.signInToApp(t, "victim@acme.test", strangerPW); ok {
				t.Fatalf("the stranger signed in as the victim: email_verified %v", claims["email_verified"])
			}
			if code := e.scimCreate(t, scimToken, "victim@acme.test"); code != http.StatusCreated {
				t.Fatalf("the IdP's create of the victim: %d, want 201", code)
			}
			evs, _, _ := e.s.Store.AuditEvents(context.Background(), store.AuditFilter{Action: "account.signup_dropped"})
			if len(evs) != 1 || evs[0].Actor != "integration:entra" {
				t.Fatalf("account.signup_dropped: %+v", evs)
			}

			// The owner of an address confirms it and chooses the password there.
			resp, _ = postForm(t, joinURL, url.Values{"name": {"Olive Owner"}, "email": {"olive@acme.test"}})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("owner's sign-up: %d", resp.StatusCode)
			}
			if _, ok := e.signInToApp(t, "olive@acme.test", strangerPW); ok {
				t.Fatal("an unconfirmed sign-up signed in")
			}
			confirm := ""
			for n := 1; confirm == ""; n++ { // the victim's confirmation may have gone out before the drop
				m := e.smtp.WaitFor(n, 20*time.Second)[n-1]
				if m.To[0] == "olive@acme.test" {
					confirm = claimLinkRE.FindString(m.MustParse(t).Text)
				}
			}
			if r, body := getPage(t, e.ts.URL+pathOf(t, confirm), "Accept-Language", "en"); r.StatusCode != 200 ||
				!strings.Contains(body, "Confirm your address") {
				t.Fatalf("confirmation page: %d\n%s", r.StatusCode, body)
			}
			const ownPW = "purple walrus dancing quietly"
			if r, _ := postForm(t, e.ts.URL+pathOf(t, confirm), url.Values{"password": {ownPW}, "confirm": {ownPW}}); r.StatusCode != http.StatusSeeOther {
				t.Fatalf("confirm: %d", r.StatusCode)
			}
			claims, ok := e.signInToApp(t, "olive@acme.test", ownPW)
			if !ok || claims["email"] != "olive@acme.test" || claims["email_verified"] != true {
				t.Fatalf("owner after confirmation: signed in %v, claims %v", ok, claims)
			}
		})
	}
}

// TestAdminEmailEditKillsClaimLink: the admin entry points of an address
// change (API PATCH /api/v1/accounts/{id} and the console's edit form):
// the claim link mailed to the old address answers 410 afterwards.
func TestAdminEmailEditKillsClaimLink(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			e := newStackEnv(t, d, nil)
			_, _ = createLinkAPI(t, e.ts, e.s, `{"name": "seed owner token", "maxUses": 1}`) // creates owner-token
			ids := map[string]string{}
			for _, email := range []string{"bob@acme.test", "carol@acme.test"} {
				var out createAccountResponse
				if c := call(t, "POST", e.ts.URL+"/api/v1/accounts", "owner-token", "application/json",
					strings.NewReader(`{"email": "`+email+`"}`), &out); c != http.StatusCreated {
					t.Fatalf("create %s: %d", email, c)
				}
				ids[email] = out.Account.ID
			}
			links := map[string]string{}
			for n, m := range e.smtp.WaitFor(2, 20*time.Second) {
				links[m.To[0]] = pathOf(t, claimLinkRE.FindString(m.MustParse(t).Text))
				if links[m.To[0]] == "" {
					t.Fatalf("mail %d has no claim link", n)
				}
			}
			for _, email := range []string{"bob@acme.test", "carol@acme.test"} {
				if r, _ := getPage(t, e.ts.URL+links[email]); r.StatusCode != http.StatusOK {
					t.Fatalf("claim page of %s before the change: %d", email, r.StatusCode)
				}
			}
			if c := call(t, "PATCH", e.ts.URL+"/api/v1/accounts/"+ids["bob@acme.test"], "owner-token", "application/json",
				strings.NewReader(`{"email": "robert@acme.test"}`), nil); c != http.StatusOK {
				t.Fatalf("API edit: %d", c)
			}
			c := browserClient(t)
			seedAdmin(t, e.s, "root@acme.test", "owner", "correct horse battery", true)
			loginLocal(t, e.ts, c, "root@acme.test", "correct horse battery")
			if r, body := do(t, c, "POST", e.ts.URL+"/admin/accounts/"+ids["carol@acme.test"]+"/edit",
				url.Values{"email": {"caroline@acme.test"}}.Encode()); r.StatusCode != http.StatusOK {
				t.Fatalf("console edit: %d\n%s", r.StatusCode, body)
			}
			for _, email := range []string{"bob@acme.test", "carol@acme.test"} {
				if r, _ := getPage(t, e.ts.URL+links[email]); r.StatusCode != http.StatusGone {
					t.Errorf("claim link mailed to the old address %s: %d, want 410", email, r.StatusCode)
				}
				a, _ := e.s.Store.AccountByID(context.Background(), ids[email])
				if a.Status != store.StatusNotInvited {
					t.Errorf("%s: status %s", email, a.Status)
				}
			}
		})
	}
}
