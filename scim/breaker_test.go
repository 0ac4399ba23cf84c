package scim

import (
	"context"
	"net/http"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// An Entra storm (PATCH active "False") trips the breaker at the 101st of
// 1,000; retries, re-activations and other updates behave; admins decide.
func TestBreakerEntraStorm(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			ctx := context.Background()
			ids := ts.seedAccounts(stormSize)
			ts.storm(ids, "PATCH", entraDeactivate, http.StatusNoContent)
			inactive, active, held := ts.counts()
			if inactive != stormApplied || active != stormHeld {
				t.Fatalf("inactive %d, active %d; want %d, %d", inactive, active, stormApplied, stormHeld)
			}
			expectHeldOrder(t, held, ids[stormApplied:], store.HeldDeactivate)
			for _, id := range ids[stormApplied-1 : stormApplied+1] { // the last applied, the first held
				r := ts.do("GET", "/Users/"+id, nil).mustStatus(t, http.StatusOK)
				a, _ := ts.store.AccountByID(ctx, id)
				// The IdP sees both inactive; only the held one is still active.
				if held := id == ids[stormApplied]; r.body["active"] != false || a.Active != held {
					t.Fatalf("account %s: the IdP sees active=%v, admins %v", id, r.body["active"], a.Active)
				}
			}
			trips, _, _ := ts.store.AuditEvents(ctx, store.AuditFilter{Action: "integration.breaker_tripped"})
			if len(trips) != 1 {
				t.Fatalf("%d trip events, want 1", len(trips))
			}

			// The IdP retries a held PATCH, asking for the resource: no second hold,
			// and the answer shows the change as applied.
			r := ts.do("PATCH", "/Users/"+ids[stormApplied]+"?attributes=active", entraDeactivate).mustStatus(t, http.StatusOK)
			if r.body["active"] != false {
				t.Fatalf("held PATCH answered active=%v", r.body["active"])
			}
			// Another attribute of a held account: still held, still active here.
			ts.do("PATCH", "/Users/"+ids[stormApplied+2], map[string]any{"schemas": []string{patchURN},
				"Operations": []any{map[string]any{"op": "replace", "path": "title", "value": "Boss"}}}).mustStatus(t, http.StatusNoContent)
			// A re-activation cancels its hold.
			ts.do("PATCH", "/Users/"+ids[stormApplied+1], patchActive("True")).mustStatus(t, http.StatusNoContent)
			_, active, held = ts.counts()
			if len(held) != stormHeld-1 || active != stormHeld {
				t.Fatalf("after retry and re-activation: %d held, %d active", len(held), active)
			}
			if held[0].Repeats != 1 {
				t.Fatalf("retried hold has %d repeats, want 1", held[0].Repeats)
			}

			// Admins: discard one, apply one, then apply the rest in order.
			admin := account.Actor{Kind: "admin", Name: "ada"}
			res, err := ts.srv.accounts.DiscardHeld(ctx, admin, ts.in.ID, []int64{held[1].ID})
			if err != nil || res.Discarded != 1 {
				t.Fatalf("discard: %+v, %v", res, err)
			}
			if res, err = ts.srv.accounts.ApplyHeld(ctx, admin, ts.in.ID, []int64{held[2].ID}); err != nil || res.Applied != 1 {
				t.Fatalf("apply one: %+v, %v", res, err)
			}
			if res, err = ts.srv.accounts.ApplyHeld(ctx, admin, ts.in.ID, nil); err != nil || res.Pending != 0 || res.Applied != stormHeld-3 {
				t.Fatalf("apply all: %+v, %v", res, err)
			}
			inactive, active, _ = ts.counts()
			if inactive != stormSize-2 || active != 2 { // the re-activated and the discarded stay
				t.Fatalf("after apply: inactive %d, active %d", inactive, active)
			}
			applied, _, _ := ts.store.AuditEvents(ctx, store.AuditFilter{Action: "held_change.applied", Limit: stormSize})
			expectAppliedInOrder(t, applied[:len(applied)-1]) // the oldest is the selection applied first
		})
	}
}
