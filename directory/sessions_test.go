package directory_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/directory"
	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// An account the directory disables or drops loses its sign-in sessions in
// the sync's transaction, as a SCIM suspension or deletion does
// (account/sessions_test.go covers the other sources).
func TestLDAPLosingTrustEndsSessions(t *testing.T) {
	cases := map[string]func(t *testing.T, tg *directory.Target, in *store.Integration, a *store.Account){
		"entry disabled": func(t *testing.T, tg *directory.Target, in *store.Integration, a *store.Account) {
			u := ldapsync.User{ExternalID: *a.ExternalID, DN: "uid=ada,ou=people", UserName: a.UserName, Active: false, Hash: "changed"}
			if _, err := tg.Upsert(context.Background(), in.ID, []ldapsync.User{u}); err != nil {
				t.Fatal(err)
			}
		},
		"entry gone": func(t *testing.T, tg *directory.Target, in *store.Integration, a *store.Account) {
			if n, err := tg.Remove(context.Background(), in.ID, []string{*a.ExternalID}); err != nil || n != 1 {
				t.Fatalf("remove: %d %v", n, err)
			}
		},
	}
	for name, act := range cases {
		t.Run(name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, st *store.Store) {
				ctx := context.Background()
				in := &store.Integration{Name: "directory", Kind: "ldap"}
				if err := st.CreateIntegration(ctx, in); err != nil {
					t.Fatal(err)
				}
				accts := account.New(st, nil, slog.New(slog.DiscardHandler))
				ext := "ext-ada"
				a, err := accts.Create(ctx, account.Actor{Kind: "integration", ID: in.ID, Name: in.Name}, in,
					&store.Account{UserName: "ada", ExternalID: &ext, Active: true})
				if err != nil {
					t.Fatal(err)
				}
				storetest.SignedIn(t, st, a.ID)
				tg := directory.New(accts, nil, directory.AllowList{}).Target(in)
				if _, err := tg.Snapshot(ctx, in.ID); err != nil {
					t.Fatal(err)
				}
				act(t, tg, in, a)
				if n := storetest.SignInSessions(t, st, a.ID); n != 0 {
					t.Errorf("%d sign-in rows left", n)
				}
			})
		})
	}
}
