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
		subscribe(t, st, webhook.AccountCreated)
		svc := account.New(st, nil, nil)
		actor := account.Actor{Kind: "integration", Name: "okta"}
		in := newIntegration(t, st, "okta", "scim")
		if _, err := svc.Create(ctx, actor, in, &store.Account{UserName: "ada", Active: true}); err != nil {
			t.Fatal(err)
		}
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
