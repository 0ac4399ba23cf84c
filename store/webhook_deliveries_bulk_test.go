package store_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/provisiond/provisiond/store"
)

// TestCreateWebhookDeliveries: more deliveries than one PostgreSQL
// statement takes (5,000), written in a transaction beside a delivery made
// one by one, get ids that grow in the order given (the order of one order
// key's events), and read back whole and pending; a delivery made after
// them, alone, gets a greater id still.
func TestCreateWebhookDeliveries(t *testing.T) {
	eachWithIntegration(t, "webhook-bulk", func(t *testing.T, ctx context.Context, s *store.Store, _ *store.Integration) {
		ep := &store.WebhookEndpoint{URL: "https://app.example.com/hooks", Events: "*", SecretSealed: []byte("sealed")}
		if err := s.CreateWebhookEndpoint(ctx, ep); err != nil {
			t.Fatal(err)
		}
		const n = 5003
		ds := make([]*store.WebhookDelivery, n)
		for i := range ds {
			ds[i] = &store.WebhookDelivery{EndpointID: ep.ID, EventID: "ev" + strconv.Itoa(i), EventType: "account.invited",
				OrderKey: "account:" + strconv.Itoa(i%7), Payload: `{"i":` + strconv.Itoa(i) + `}`, Status: "delivered", ID: 42}
		}
		first := &store.WebhookDelivery{EndpointID: ep.ID, EventID: "first", EventType: "account.created", OrderKey: "account:0", Payload: "{}"}
		err := s.Tx(ctx, func(tx *store.Store) error {
			if err := tx.CreateWebhookDelivery(ctx, first); err != nil {
				return err
			}
			return tx.CreateWebhookDeliveries(ctx, ds)
		})
		if err != nil {
			t.Fatal(err)
		}
		prev := first.ID
		for i, d := range ds {
			if d.ID <= prev {
				t.Fatalf("delivery %d: id %d after %d, want growing ids", i, d.ID, prev)
			}
			prev = d.ID
		}
		for _, i := range []int{0, 4999, 5000, n - 1} {
			got, err := s.WebhookDeliveryByID(ctx, ds[i].ID)
			if err != nil || got.EventID != "ev"+strconv.Itoa(i) || got.Payload != `{"i":`+strconv.Itoa(i)+`}` ||
				got.Status != store.WebhookPending || got.OrderKey != "account:"+strconv.Itoa(i%7) || got.CreatedAt.IsZero() {
				t.Fatalf("delivery %d read back: %+v, %v", i, got, err)
			}
		}
		// The first of a key waits for nothing; the last of key 0 waits for the first.
		if wait, err := s.PendingBefore(ctx, first); err != nil || wait {
			t.Fatalf("first: pending before = %v, %v", wait, err)
		}
		if wait, err := s.PendingBefore(ctx, ds[7*714]); err != nil || !wait {
			t.Fatalf("a later delivery of key 0: pending before = %v, %v", wait, err)
		}
		after := &store.WebhookDelivery{EndpointID: ep.ID, EventID: "after", EventType: "account.claimed", OrderKey: "account:0", Payload: "{}"}
		if err := s.CreateWebhookDeliveries(ctx, []*store.WebhookDelivery{after}); err != nil || after.ID <= ds[n-1].ID || after.Status != store.WebhookPending {
			t.Fatalf("a delivery made after: id %d (last of the bulk %d), %v", after.ID, ds[n-1].ID, err)
		}
		if err := s.CreateWebhookDeliveries(ctx, nil); err != nil {
			t.Fatalf("none: %v", err)
		}
	})
}
