package account_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// Every way an account loses its trust ends its sign-in sessions in the
// same transaction: its tokens and its signed-in requests are gone at once,
// not at their next use. SCIM PUT/PATCH active=false and admins go through
// Update, SCIM DELETE through Delete (scim/ tests them over HTTP), the LDAP
// sync through its target (directory/sessions_test.go); held changes when
// an admin applies them.
func TestLosingTrustEndsSessions(t *testing.T) {
	admin := account.Actor{Kind: "admin", Name: "root@example.com"}
	cases := []struct {
		name string
		act  func(t *testing.T, svc *account.Service, in *store.Integration, a *store.Account)
	}{
		{"suspended", func(t *testing.T, svc *account.Service, in *store.Integration, a *store.Account) {
			if _, err := svc.Update(context.Background(), idp(in), a.ID, 0, func(a *store.Account) error { a.Active = false; return nil }); err != nil {
				t.Fatal(err)
			}
		}},
		{"deleted", func(t *testing.T, svc *account.Service, in *store.Integration, a *store.Account) {
			if err := svc.Delete(context.Background(), idp(in), a.ID, 0); err != nil {
				t.Fatal(err)
			}
		}},
		{"held suspension applied", func(t *testing.T, svc *account.Service, in *store.Integration, a *store.Account) {
			holdThenApply(t, svc, in, a, admin, func() error {
				_, err := svc.Update(context.Background(), idp(in), a.ID, 0, func(a *store.Account) error { a.Active = false; return nil })
				return err
			})
		}},
		{"held deletion applied", func(t *testing.T, svc *account.Service, in *store.Integration, a *store.Account) {
			holdThenApply(t, svc, in, a, admin, func() error { return svc.Delete(context.Background(), idp(in), a.ID, 0) })
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, st *store.Store) {
				ctx := context.Background()
				in := newIntegration(t, st, "directory", "ldap")
				svc := account.New(st, nil, slog.New(slog.DiscardHandler))
				var a *store.Account
				for _, name := range []string{"ada", "bob"} {
					ext := "ext-" + name
					b, err := svc.Create(ctx, idp(in), in, &store.Account{UserName: name, ExternalID: &ext, Active: true})
					if err != nil {
						t.Fatal(err)
					}
					storetest.SignedIn(t, st, b.ID)
					if a == nil {
						a = b
					}
				}
				tc.act(t, svc, in, a)
				if n := storetest.SignInSessions(t, st, a.ID); n != 0 {
					t.Errorf("%d sign-in rows left", n)
				}
				bob, err := st.AccountByUserName(ctx, "bob")
				if err != nil {
					t.Fatal(err)
				}
				if n := storetest.SignInSessions(t, st, bob.ID); n != 3 {
					t.Errorf("another account lost its sessions: %d rows left", n)
				}
			})
		})
	}
}

func idp(in *store.Integration) account.Actor {
	return account.Actor{Kind: "integration", ID: in.ID, Name: in.Name}
}

// holdThenApply trips in's breaker with change (held: the account keeps its
// sessions while nobody decided), then applies the hold as admin.
func holdThenApply(t *testing.T, svc *account.Service, in *store.Integration, a *store.Account, admin account.Actor, change func() error) {
	t.Helper()
	ctx := context.Background()
	if err := svc.Store.SetIntegrationBreaker(ctx, in.ID, store.BreakerSettings{Enabled: true, Percent: 10, Min: 1, WindowSeconds: 3600}); err != nil {
		t.Fatal(err)
	}
	if err := change(); err != nil {
		t.Fatal(err)
	}
	if n, err := svc.Store.CountPendingHeld(ctx, in.ID); err != nil || n != 1 {
		t.Fatalf("held: %d %v", n, err)
	}
	if n := storetest.SignInSessions(t, svc.Store, a.ID); n != 3 {
		t.Fatalf("a held change ended sessions (%d rows left): nothing is applied yet", n)
	}
	if res, err := svc.ApplyHeld(ctx, admin, in.ID, nil); err != nil || res.Applied != 1 {
		t.Fatalf("apply: %+v %v", res, err)
	}
}
