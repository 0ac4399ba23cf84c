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

// CreateManyIn writes a batch inside the caller's transaction with the
// caller's Provision for each active account written, and hands back what
// it did not write: a userName another account holds (on PostgreSQL the
// batch fails instead, and the caller makes each create alone), every
// create when an unconfirmed sign-up holds an address of the batch. A
// failing Provision fails the batch.
func TestCreateManyIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		subscribe(t, st, webhook.AccountCreated)
		svc := account.New(st, nil, nil)
		actor := account.Actor{Kind: "admin", Name: "root"}
		if _, err := svc.Create(ctx, actor, nil, &store.Account{UserName: "ada", Active: true}); err != nil {
			t.Fatal(err)
		}
		batchOf := func(names ...string) []*account.NewAccount {
			var b []*account.NewAccount
			for _, n := range names {
				b = append(b, &account.NewAccount{Ctx: ctx, Actor: actor, Account: &store.Account{UserName: n, Active: n != "ken",
					Emails: []store.Email{{Value: n + "@example.com", IsPrimary: true}}}})
			}
			return b
		}
		run := func(batch []*account.NewAccount, provision func(a *store.Account) error) ([]*account.NewAccount, error) {
			var left []*account.NewAccount
			err := st.Tx(ctx, func(tx *store.Store) error {
				var err error
				left, err = svc.WithStore(tx).CreateManyIn(ctx, tx, batch, account.CreateOptions{
					Provision: func(_ context.Context, _ *store.Store, a *store.Account) error { return provision(a) }})
				return err
			})
			return left, err
		}
		provisioned := map[string]bool{}
		mark := func(a *store.Account) error { provisioned[a.UserName] = true; return nil }

		batch := batchOf("grace", "ADA", "ken", "linus")
		left, err := run(batch, mark)
		switch st.Dialect() {
		case store.SQLite:
			if err != nil || len(left) != 1 || left[0] != batch[1] || batch[1].Account.ID != "" {
				t.Fatalf("left %v, %v; want ADA alone", left, err)
			}
			for _, n := range []*account.NewAccount{batch[0], batch[2], batch[3]} {
				if n.Out == nil || n.Out.ID == "" {
					t.Fatalf("%s not written", n.Account.UserName)
				}
			}
			if !provisioned["grace"] || !provisioned["linus"] || provisioned["ken"] || provisioned["ADA"] {
				t.Fatalf("provisioned %v, want the active accounts written", provisioned)
			}
		case store.Postgres:
			if !errors.Is(err, store.ErrConflict) {
				t.Fatalf("batch with a taken userName: %v, want a conflict", err)
			}
		}
		// An unconfirmed sign-up holding an address: every create is left
		// for CreateWith, which drops it.
		su := &store.Account{Origin: "link", UserName: "barbara@example.com", Active: true}
		if err := st.CreateAccount(ctx, su); err != nil {
			t.Fatal(err)
		}
		batch = batchOf("alan", "barbara")
		if left, err := run(batch, mark); err != nil || len(left) != 2 || provisioned["alan"] {
			t.Fatalf("batch beside a sign-up: left %d, %v", len(left), err)
		}
		// A failing Provision fails the batch: the transaction writes nothing.
		boom := errors.New("boom")
		if _, err := run(batchOf("edsger"), func(*store.Account) error { return boom }); !errors.Is(err, boom) {
			t.Fatalf("failing provision: %v", err)
		}
		if _, err := st.AccountByUserName(ctx, "edsger"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("edsger written by a failed batch: %v", err)
		}
		want := int64(1) // ada
		if st.Dialect() == store.SQLite {
			want += 3 // grace, ken, linus
		}
		_, events, _ := st.AuditEvents(ctx, store.AuditFilter{Action: "account.created"})
		_, hooks, _ := st.WebhookDeliveries(ctx, store.WebhookDeliveryQuery{EventType: webhook.AccountCreated})
		if events != want || hooks != want {
			t.Fatalf("%d audit events and %d webhook deliveries, want %d each", events, hooks, want)
		}
	})
}
