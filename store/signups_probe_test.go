package store_test

import (
	"context"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// TestLockUnconfirmedSignUpsProbe: the lookup a create makes for sign-ups
// holding its addresses finds none in a database without sign-ups (SQLite
// answers from one probe of the partial index), and finds each one,
// case-insensitively, by userName or email, once one exists; a claimed
// sign-up is no longer unconfirmed.
func TestLockUnconfirmedSignUpsProbe(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		in := newIntegration(t, s, "probe")
		if err := s.CreateAccount(ctx, &store.Account{IntegrationID: &in.ID, Origin: "scim", UserName: "ann@example.com", Email: "ann@example.com", Active: true}); err != nil {
			t.Fatal(err)
		}
		lock := func(addrs ...string) []*store.Account {
			t.Helper()
			var got []*store.Account
			err := s.Tx(ctx, func(tx *store.Store) error {
				var err error
				got, err = tx.LockUnconfirmedSignUps(ctx, addrs)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		if got := lock("ann@example.com", "bob@example.com"); len(got) != 0 {
			t.Fatalf("no sign-up exists, found %d", len(got))
		}
		su := &store.Account{Origin: "link", UserName: "Bob@Example.com", Email: "bob.work@example.com", Active: true}
		if err := s.CreateAccount(ctx, su); err != nil {
			t.Fatal(err)
		}
		for _, addr := range []string{"bob@example.com", "BOB.WORK@example.com"} {
			if got := lock("ann@example.com", addr); len(got) != 1 || got[0].ID != su.ID {
				t.Fatalf("%s: found %v, want the sign-up %s", addr, got, su.ID)
			}
		}
		if err := s.MarkAccountClaimed(ctx, su.ID); err != nil {
			t.Fatal(err)
		}
		if got := lock("bob@example.com"); len(got) != 0 {
			t.Fatalf("a claimed sign-up is not unconfirmed, found %d", len(got))
		}
	})
}
