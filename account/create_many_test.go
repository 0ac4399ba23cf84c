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

// CreateMany gives every create of a batch the outcome Create would have:
// a duplicate userName (of a live account, case-insensitively, or of an
// earlier create in the batch) and an invalid create fail alone; a shared
// externalId is no duplicate for SCIM; every account written has its
// emails, audit event and webhook delivery.
func TestCreateManyOutcomes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		actor := account.Actor{Kind: "integration", Name: "okta"}
		in := newIntegration(t, st, "okta", "scim")
		svc := serviceWithAda(t, st, webhook.AccountCreated, actor, in)
		ext := func(s string) *string { return &s }
		mk := func(a *store.Account) *account.NewAccount {
			return &account.NewAccount{Ctx: ctx, Actor: actor, In: in, Account: a}
		}
		batch := []*account.NewAccount{
			mk(&store.Account{UserName: "grace", Active: true, ExternalID: ext("g1"),
				Emails: []store.Email{{Value: "grace@example.com", IsPrimary: true}, {Value: "g@example.org"}}}),
			mk(&store.Account{UserName: "ADA", Active: true}),                          // taken, case-insensitively
			mk(&store.Account{UserName: "linus", Active: true, ExternalID: ext("g1")}), // externalId of grace: fine
			mk(&store.Account{UserName: "  ", Active: true}),                           // invalid
			mk(&store.Account{UserName: "ken", Active: false}),
			mk(&store.Account{UserName: "barbara", Active: true}),
		}
		svc.CreateMany(ctx, batch)
		wantOK := map[string]bool{"grace": true, "linus": true, "ken": true, "barbara": true}
		for _, n := range batch {
			name := n.Account.UserName
			switch {
			case wantOK[name]:
				if n.Err != nil || n.Out == nil || n.Out.ID == "" {
					t.Fatalf("%s: %v", name, n.Err)
				}
			case name == "ADA":
				if !errors.Is(n.Err, store.ErrConflict) || n.Out != nil {
					t.Fatalf("%s: %v, want a conflict", name, n.Err)
				}
			default:
				if n.Err == nil || errors.Is(n.Err, store.ErrConflict) {
					t.Fatalf("invalid create: %v, want a validation error", n.Err)
				}
			}
		}
		g, err := st.AccountByID(ctx, batch[0].Out.ID)
		if err != nil || g.Email != "grace@example.com" || len(g.Emails) != 2 || g.Status != store.StatusNotInvited {
			t.Fatalf("grace: %+v %v", g, err)
		}
		if k, _ := st.AccountByID(ctx, batch[4].Out.ID); k.Status != store.StatusSuspended {
			t.Fatalf("inactive create: status %q", k.Status)
		}
		// A batch without a conflict is written in one go (on PostgreSQL,
		// one statement).
		clean := []*account.NewAccount{
			mk(&store.Account{UserName: "alan", Active: true, Emails: []store.Email{{Value: "alan@example.com"}}}),
			mk(&store.Account{UserName: "edsger", Active: true, ExternalID: ext("e1")}),
			mk(&store.Account{UserName: "barbara2", Active: true, ExternalID: ext("e1")}), // same externalId, same batch
		}
		svc.CreateMany(ctx, clean)
		for _, n := range clean {
			if n.Err != nil {
				t.Fatalf("%s: %v", n.Account.UserName, n.Err)
			}
		}
		if a, err := st.AccountByID(ctx, clean[0].Out.ID); err != nil || a.Email != "alan@example.com" || len(a.Emails) != 1 {
			t.Fatalf("alan: %+v %v", a, err)
		}
		_, events, _ := st.AuditEvents(ctx, store.AuditFilter{Action: "account.created"})
		_, hooks, _ := st.WebhookDeliveries(ctx, store.WebhookDeliveryQuery{EventType: webhook.AccountCreated})
		if events != 8 || hooks != 8 { // ada, grace, linus, ken, barbara, alan, edsger, barbara2
			t.Fatalf("%d audit events and %d webhook deliveries, want 8 each", events, hooks)
		}
	})
}

// CreateManyIn writes a batch inside the caller's transaction with the
// caller's Provision for each active account written, and hands back what
// it did not write: a userName another account holds (on PostgreSQL the
// batch fails instead, and the caller makes each create alone), every
// create when an unconfirmed sign-up holds an address of the batch. A
// failing Provision fails the batch.
func TestCreateManyIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		actor := account.Actor{Kind: "admin", Name: "root"}
		svc := serviceWithAda(t, st, webhook.AccountCreated, actor, nil)
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
