package store_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/provisiond/provisiond/store"
)

// TestInsertAuditEventsMany: more events than one PostgreSQL statement takes
// (5,000) are all written, each with its own target and details, inside a
// transaction as the bulk paths call it.
func TestInsertAuditEventsMany(t *testing.T) {
	eachWithIntegration(t, "audit-many", func(t *testing.T, ctx context.Context, s *store.Store, in *store.Integration) {
		const n = 5003
		evs := make([]store.AuditEvent, n)
		for i := range evs {
			evs[i] = store.AuditEvent{Actor: "bulk-test", Action: "bulk.many", TargetType: "account",
				TargetID: "t" + strconv.Itoa(i), Details: `{"i": ` + strconv.Itoa(i) + `}`}
		}
		if err := s.Tx(ctx, func(tx *store.Store) error { return tx.InsertAuditEvents(ctx, evs) }); err != nil {
			t.Fatal(err)
		}
		if _, total, err := s.AuditEvents(ctx, store.AuditFilter{Actor: "bulk-test", Limit: 1}); err != nil || total != n {
			t.Fatalf("written: %d, %v; want %d", total, err, n)
		}
		for _, i := range []int{0, 4999, 5000, n - 1} {
			got, _, err := s.AuditEvents(ctx, store.AuditFilter{Actor: "bulk-test", TargetID: "t" + strconv.Itoa(i)})
			if err != nil || len(got) != 1 || got[0].Details != `{"i": `+strconv.Itoa(i)+`}` || got[0].At.IsZero() {
				t.Fatalf("event %d read back: %+v, %v", i, got, err)
			}
		}
	})
}
