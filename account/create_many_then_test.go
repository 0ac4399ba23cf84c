package account_test

import (
	"context"
	"errors"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
	"github.com/provisiond/provisiond/webhook"
)

// TestCreateManyThenCommitting pins when CreateManyThen lets its caller
// start the next batch (scim's pipelined group commit): once the batch's
// statements have run (its creates have their outcome) and before its
// commit (nothing of it is visible yet), and before the one-by-one retries
// of a batch that conflicted.
func TestCreateManyThenCommitting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		actor := account.Actor{Kind: "integration", Name: "okta"}
		in := newIntegration(t, st, "okta", "scim")
		svc := serviceWithAda(t, st, webhook.AccountCreated, actor, in)
		mk := func(name string) *account.NewAccount {
			return &account.NewAccount{Ctx: ctx, Actor: actor, In: in, Account: &store.Account{UserName: name, Active: true}}
		}

		batch := []*account.NewAccount{mk("grace"), mk("linus")}
		calls := 0
		svc.CreateManyThen(ctx, batch, func() {
			calls++
			if calls > 1 {
				return
			}
			for _, n := range batch {
				if n.Out == nil {
					t.Errorf("%s: committing called before the batch's statements ran", n.Account.UserName)
					continue
				}
				if _, err := st.AccountByID(ctx, n.Out.ID); !errors.Is(err, store.ErrNotFound) {
					t.Errorf("%s: visible outside the transaction when committing was called (%v): it came after the commit", n.Account.UserName, err)
				}
			}
		})
		if calls == 0 {
			t.Fatal("committing was never called")
		}
		for _, n := range batch {
			if n.Err != nil {
				t.Fatalf("%s: %v", n.Account.UserName, n.Err)
			}
			if _, err := st.AccountByID(ctx, n.Out.ID); err != nil {
				t.Fatalf("%s after the batch: %v", n.Account.UserName, err)
			}
		}

		// A batch that conflicts (ADA is taken) on PostgreSQL fails as a
		// whole and is retried one by one: committing comes before the
		// retries, whose accounts it must not see written.
		conflict := []*account.NewAccount{mk("barbara"), mk("ADA")}
		calls = 0
		svc.CreateManyThen(ctx, conflict, func() {
			calls++
			if calls == 1 {
				if _, err := st.AccountByUserName(ctx, "barbara"); !errors.Is(err, store.ErrNotFound) {
					t.Errorf("barbara written before committing was called (%v)", err)
				}
			}
		})
		if calls == 0 {
			t.Fatal("committing was never called for a conflicting batch")
		}
		if conflict[0].Err != nil || !errors.Is(conflict[1].Err, store.ErrConflict) {
			t.Fatalf("outcomes %v, %v: want barbara written and ADA a conflict", conflict[0].Err, conflict[1].Err)
		}
	})
}
