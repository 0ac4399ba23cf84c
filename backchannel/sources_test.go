package backchannel_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/backchannel/backchanneltest"
	"github.com/provisiond/provisiond/jobs/jobstest"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

const deactivate = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}`

// Every way an account loses its trust sends one logout token to each
// application that asked (SCIM PATCH active=false, SCIM DELETE, the LDAP
// sync's and an admin's suspension, all through account.Service), naming
// the session it holds there or, without one, the account; a client
// without a URI, or requiring a sid the account lacks there, gets nothing;
// an account that never had a password costs nothing; an application that
// answers 400 is not asked again.
func TestEverySourceSendsOneLogout(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		app, refusing, sidOnly := backchanneltest.NewRP(t, e.issuer), backchanneltest.NewRP(t, e.issuer), backchanneltest.NewRP(t, e.issuer)
		refusing.Refuse = true
		wiki := e.client("wiki", app.URL, false)
		quiet := e.client("quiet", "", false)
		strict := e.client("strict", refusing.URL, false)
		sessions := e.client("sessions", sidOnly.URL, true)
		app.ClientID, refusing.ClientID, sidOnly.ClientID = wiki.ID, strict.ID, sessions.ID

		patched := e.person("patched", true, wiki, "fam-patched")
		deleted := e.person("deleted", true, wiki)
		ldap := e.person("ldap", true, sessions, "fam-ldap")
		admin := e.person("admin", true, wiki)
		never := e.person("never", false, wiki)

		if c := e.scim("PATCH", "/Users/"+patched.ID, deactivate); c != 200 && c != 204 {
			t.Fatalf("SCIM PATCH: %d", c)
		}
		if c := e.scim("DELETE", "/Users/"+deleted.ID, ""); c != 204 {
			t.Fatalf("SCIM DELETE: %d", c)
		}
		off := func(a *store.Account) error { a.Active = false; return nil }
		// directory/upsert.go suspends a disabled entry through this call.
		if _, err := e.accounts.Update(ctx, account.Actor{Kind: "integration", Name: "ldap"}, ldap.ID, 0, off); err != nil {
			t.Fatal(err)
		}
		// web/ and cmd/ suspend for an admin through the same call.
		if _, err := e.accounts.Update(ctx, account.Actor{Kind: "admin", Name: "ada@example.com"}, admin.ID, 0, off); err != nil {
			t.Fatal(err)
		}
		if c := e.scim("PATCH", "/Users/"+never.ID, deactivate); c != 200 && c != 204 {
			t.Fatalf("SCIM PATCH: %d", c)
		}

		jobstest.WaitFor(t, "the logouts", func() bool {
			return len(e.logouts(wiki, store.WebhookDelivered)) == 4 && len(e.logouts(strict, store.WebhookFailed)) == 4 &&
				len(e.logouts(sessions, store.WebhookDelivered)) == 1
		})
		type sent struct{ sub, sid string }
		var got []sent
		for _, l := range app.Got() {
			got = append(got, sent{l.Subject, l.SID})
		}
		slices.SortFunc(got, func(a, b sent) int { return strings.Compare(a.sub+a.sid, b.sub+b.sid) })
		wantWiki := []sent{{patched.ID, "fam-patched"}, {deleted.ID, ""}, {ldap.ID, ""}, {admin.ID, ""}}
		slices.SortFunc(wantWiki, func(a, b sent) int { return strings.Compare(a.sub+a.sid, b.sub+b.sid) })
		if !slices.Equal(got, wantWiki) {
			t.Errorf("wiki received %v, want %v", got, wantWiki)
		}
		if g := sidOnly.Got(); len(g) != 1 || g[0].Subject != ldap.ID || g[0].SID != "fam-ldap" {
			t.Errorf("the client that requires a sid received %+v, want only ldap's session", g)
		}
		for _, rp := range []*backchanneltest.RP{app, refusing, sidOnly} {
			if bad := rp.Bad(); len(bad) > 0 {
				t.Errorf("tokens failed verification: %v", bad)
			}
		}
		if n := refusing.Requests(); n != 4 {
			t.Errorf("the application that answers 400 was asked %d times, want 4 (once per account, never again)", n)
		}
		for _, l := range e.logouts(strict, "") {
			if l.Attempts != 1 || l.LastStatusCode != 400 {
				t.Errorf("refused logout %+v: want one attempt, status 400", l)
			}
		}
		if ls := e.logouts(quiet, ""); len(ls) != 0 {
			t.Errorf("a client without a back-channel URI got %d logouts", len(ls))
		}
		for _, c := range []*store.OIDCClient{wiki, strict, sessions} {
			for _, l := range e.logouts(c, "") {
				if l.AccountID == never.ID {
					t.Errorf("an account that never had a password got a logout: %+v", l)
				}
			}
		}
	})
}
