package webhook

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/store"
)

// Replay queues delivery id again, as a new delivery of the same event
// (same payload and event id, so receivers can deduplicate), behind any
// pending delivery of the same account.
func Replay(ctx context.Context, st *store.Store, actor string, id int64) (*store.WebhookDelivery, error) {
	var out *store.WebhookDelivery
	err := st.Tx(ctx, func(tx *store.Store) error {
		d, err := tx.WebhookDeliveryByID(ctx, id)
		if err != nil {
			return err
		}
		n := &store.WebhookDelivery{EndpointID: d.EndpointID, EventID: d.EventID, EventType: d.EventType,
			OrderKey: d.OrderKey, Payload: d.Payload}
		if err := tx.CreateWebhookDelivery(ctx, n); err != nil {
			return err
		}
		if err := tx.Audit(ctx, actor, "webhook.replayed", "webhook", d.EndpointID,
			map[string]any{"delivery": d.ID, "newDelivery": n.ID, "eventId": d.EventID}); err != nil {
			return err
		}
		out = n
		return insertJobs(ctx, tx, []river.InsertManyParams{{Args: DeliveryArgs{DeliveryID: n.ID}}})
	})
	if err != nil {
		return nil, fmt.Errorf("webhook: replay delivery %d: %w", id, err)
	}
	return out, nil
}
