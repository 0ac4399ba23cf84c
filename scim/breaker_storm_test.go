package scim

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// An Okta storm (no-path PATCH) trips at the 101st; a held PUT answers
// active=false; discarding all keeps every held account active.
func TestBreakerOktaStormDiscard(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			ids := ts.seedAccounts(stormSize)
			ts.storm(ids[:stormSize-1], "PATCH", oktaDeactivate, http.StatusNoContent)
			put := ts.do("GET", "/Users/"+ids[stormSize-1], nil).mustStatus(t, http.StatusOK).body
			put["active"] = false
			if r := ts.do("PUT", "/Users/"+ids[stormSize-1], put).mustStatus(t, http.StatusOK); r.body["active"] != false {
				t.Fatalf("held PUT answered active=%v", r.body["active"])
			}
			inactive, active, held := ts.counts()
			if inactive != stormApplied || active != stormHeld {
				t.Fatalf("inactive %d, active %d; want %d, %d", inactive, active, stormApplied, stormHeld)
			}
			expectHeldOrder(t, held, ids[stormApplied:], store.HeldDeactivate)
			res, err := ts.srv.accounts.DiscardHeld(context.Background(), account.Actor{Kind: "admin"}, ts.in.ID, nil)
			if err != nil || res.Discarded != stormHeld || res.Pending != 0 {
				t.Fatalf("discard: %+v, %v", res, err)
			}
			if inactive, active, _ = ts.counts(); inactive != stormApplied || active != stormHeld {
				t.Fatalf("after discard: inactive %d, active %d", inactive, active)
			}
		})
	}
}

// A DELETE storm trips at the 101st; a DELETE after a held deactivation
// makes no second hold; a retried DELETE finds no user, as after a real
// deletion; applying deletes in order.
func TestBreakerDeleteStorm(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			ctx := context.Background()
			ids := ts.seedAccounts(stormSize)
			last := ids[stormSize-1]
			ts.storm(ids[:stormSize-1], "DELETE", nil, http.StatusNoContent)
			ts.do("PATCH", "/Users/"+last, entraDeactivate).mustStatus(t, http.StatusNoContent)  // breaker open: held
			ts.do("DELETE", "/Users/"+last, nil).mustStatus(t, http.StatusNoContent)             // supersedes it
			ts.do("DELETE", "/Users/"+ids[stormApplied], nil).mustStatus(t, http.StatusNotFound) // a retry: gone for the IdP
			_, active, held := ts.counts()
			if active != stormHeld {
				t.Fatalf("%d active, want %d", active, stormHeld)
			}
			expectHeldOrder(t, held, ids[stormApplied:], store.HeldDelete)
			if held[0].Repeats != 0 || held[len(held)-1].Repeats != 1 {
				t.Fatalf("repeats %d and %d, want 0 and 1", held[0].Repeats, held[len(held)-1].Repeats)
			}
			res, err := ts.srv.accounts.ApplyHeld(ctx, account.Actor{Kind: "admin"}, ts.in.ID, nil)
			if err != nil || res.Applied != stormHeld {
				t.Fatalf("apply: %+v, %v", res, err)
			}
			if inactive, active, _ := ts.counts(); inactive+active != 0 {
				t.Fatalf("%d live accounts left after applying the deletions", inactive+active)
			}
			evs, _, _ := ts.store.AuditEvents(ctx, store.AuditFilter{Action: "held_change.applied", Limit: stormSize})
			expectAppliedInOrder(t, evs)
		})
	}
}

// Admins deactivating every account are never held.
func TestBreakerAdminNotHeld(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			ids := ts.seedAccounts(200)
			admin := account.Actor{Kind: "admin", Name: "ada"}
			for _, id := range ids {
				if _, err := ts.srv.accounts.Update(context.Background(), admin, id, 0, func(a *store.Account) error {
					a.Active = false
					return nil
				}); err != nil {
					t.Fatal(err)
				}
			}
			if inactive, _, held := ts.counts(); inactive != 200 || len(held) != 0 {
				t.Fatalf("inactive %d, held %d; want 200, 0", inactive, len(held))
			}
		})
	}
}

// Concurrent requests (PostgreSQL: many connections, as across replicas)
// still apply exactly 100.
func TestBreakerConcurrentStorm(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			ids := ts.seedAccounts(stormSize)
			var wg sync.WaitGroup
			for w := range 16 {
				wg.Go(func() {
					for i := w; i < len(ids); i += 16 {
						if r := ts.do("PATCH", "/Users/"+ids[i], oktaDeactivate); r.status != http.StatusNoContent {
							t.Errorf("PATCH %s: %d %s", ids[i], r.status, r.raw)
						}
					}
				})
			}
			wg.Wait()
			if inactive, active, held := ts.counts(); inactive != stormApplied || len(held) != stormHeld || active != stormHeld {
				t.Fatalf("inactive %d, active %d, held %d", inactive, active, len(held))
			}
		})
	}
}
