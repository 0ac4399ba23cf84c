package signin_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// TestResetLinkBelongsToAddress is the reproduction of the stale reset
// link: a reset mailed to the old address kept working after the account's
// address changed (the old mailbox may be someone else's now). The change,
// through account.Service (SCIM, LDAP, admin), voids the resets in flight;
// a change made behind its back (plain SQL) is caught by the address the
// reset records.
func TestResetLinkBelongsToAddress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st, nil)
		c := browser("never")
		const pw = "a brand new passphrase for tests"
		for i, change := range []func(a *store.Account, email string){
			func(a *store.Account, email string) { // the one write path
				if _, err := account.New(st, nil, nil).Update(ctx, account.Actor{Kind: "integration", Name: "okta"}, a.ID, 0,
					func(a *store.Account) error {
						a.Emails = []store.Email{{Value: email, Type: "work", IsPrimary: true}}
						return nil
					}); err != nil {
					t.Fatal(err)
				}
			},
			func(a *store.Account, email string) { // behind its back
				q := "UPDATE accounts SET email = ? WHERE id = ?"
				if st.Dialect() == store.Postgres {
					q = "UPDATE accounts SET email = $1 WHERE id = $2"
				}
				if _, err := st.DB().ExecContext(ctx, q, email, a.ID); err != nil {
					t.Fatal(err)
				}
			},
		} {
			old := fmt.Sprintf("old%d@example.com", i)
			a := &store.Account{UserName: fmt.Sprintf("user%d", i), Email: old, Active: true, Status: store.StatusActive,
				PasswordHash: "set", Emails: []store.Email{{Value: old, Type: "work", IsPrimary: true}}}
			if err := st.CreateAccount(ctx, a); err != nil {
				t.Fatal(err)
			}
			l, err := e.p.IssueResetLink(ctx, "self:"+a.ID, a.ID, false)
			if err != nil {
				t.Fatal(err)
			}
			if code, _ := get(t, c, l.URL); code != http.StatusOK {
				t.Fatalf("reset page before the change: %d", code)
			}
			change(a, fmt.Sprintf("new%d@example.com", i))
			if code, _ := get(t, c, l.URL); code != http.StatusGone {
				t.Errorf("case %d: reset page for the old address: %d, want 410", i, code)
			}
			if code, _ := post(t, c, l.URL, url.Values{"password": {pw}, "confirm": {pw}}); code != http.StatusGone {
				t.Errorf("case %d: reset for the old address: %d, want 410", i, code)
			}
		}
		evs, _, _ := st.AuditEvents(ctx, store.AuditFilter{Action: "account.email_changed"})
		if len(evs) != 1 {
			t.Fatalf("account.email_changed events: %+v", evs)
		}
	})
}
