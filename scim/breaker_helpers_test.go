package scim

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// The breaker's defaults over 1,000 active accounts: more than 10% within the
// hour trips it, so deprovisions 1..100 are applied and 101..1000 are held.
const (
	stormSize    = 1000
	stormApplied = 100
	stormHeld    = stormSize - stormApplied
)

// seedAccounts creates n active accounts of the test integration through
// account.Service (faster than SCIM, same write path) and returns their ids
// in creation order.
func (ts *testServer) seedAccounts(n int) []string {
	ts.t.Helper()
	ctx := context.Background()
	actor := account.Actor{Kind: "integration", ID: ts.in.ID, Name: ts.in.Name}
	ids := make([]string, n)
	for i := range n {
		ext := fmt.Sprintf("ext-%04d", i)
		a, err := ts.srv.accounts.Create(ctx, actor, ts.in, &store.Account{UserName: fmt.Sprintf("u%04d", i),
			ExternalID: &ext, Active: true, Emails: []store.Email{{Value: fmt.Sprintf("u%04d@example.com", i), IsPrimary: true}}})
		if err != nil {
			ts.t.Fatal(err)
		}
		ids[i] = a.ID
	}
	return ids
}

// entraDeactivate is Entra's PATCH: path "active", the string "False".
var entraDeactivate = map[string]any{"schemas": []string{patchURN},
	"Operations": []any{map[string]any{"op": "Replace", "path": "active", "value": "False"}}}

// oktaDeactivate is Okta's PATCH: no path, an object value.
var oktaDeactivate = map[string]any{"schemas": []string{patchURN},
	"Operations": []any{map[string]any{"op": "replace", "value": map[string]any{"active": false}}}}

func patchActive(v any) map[string]any {
	return map[string]any{"schemas": []string{patchURN},
		"Operations": []any{map[string]any{"op": "Replace", "path": "active", "value": v}}}
}

// counts returns the applied deprovisions and active accounts of the test
// integration, and its pending held changes in order.
func (ts *testServer) counts() (inactive, active int64, held []store.HeldChange) {
	ts.t.Helper()
	ctx := context.Background()
	var err error
	if _, active, err = ts.store.BreakerWindow(ctx, ts.in.ID, store.Now()); err != nil {
		ts.t.Fatal(err)
	}
	var total int64
	if err := ts.store.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM accounts WHERE integration_id = "+
		ts.placeholder()+" AND deleted_at IS NULL", ts.in.ID).Scan(&total); err != nil {
		ts.t.Fatal(err)
	}
	if held, _, err = ts.store.HeldChanges(ctx, store.HeldQuery{IntegrationID: ts.in.ID}); err != nil {
		ts.t.Fatal(err)
	}
	return total - active, active, held
}

func (ts *testServer) placeholder() string {
	if ts.store.Dialect() == store.Postgres {
		return "$1"
	}
	return "?"
}

// storm sends req for each account and expects want every time.
func (ts *testServer) storm(ids []string, method string, body any, want int) {
	ts.t.Helper()
	for _, id := range ids {
		ts.do(method, "/Users/"+id, body).mustStatus(ts.t, want)
	}
}

// expectHeldOrder checks that the pending holds are exactly ids, in order.
func expectHeldOrder(t *testing.T, held []store.HeldChange, ids []string, kind string) {
	t.Helper()
	if len(held) != len(ids) {
		t.Fatalf("%d held changes, want %d", len(held), len(ids))
	}
	for i, h := range held {
		if h.AccountID != ids[i] || h.Kind != kind {
			t.Fatalf("held[%d] = %s %s, want %s %s", i, h.Kind, h.AccountID, kind, ids[i])
		}
	}
}

// expectAppliedInOrder checks that held_change.applied events (newest first)
// replayed the holds in ascending id order.
func expectAppliedInOrder(t *testing.T, evs []store.AuditEvent) {
	t.Helper()
	prev := int64(-1)
	for i := len(evs) - 1; i >= 0; i-- {
		var d struct{ HeldChangeID int64 }
		if err := json.Unmarshal([]byte(evs[i].Details), &d); err != nil {
			t.Fatal(err)
		}
		if d.HeldChangeID <= prev {
			t.Fatalf("hold %d applied after hold %d", d.HeldChangeID, prev)
		}
		prev = d.HeldChangeID
	}
}
