package webhook

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/store"
)

// DeliveryArgs is the River job of one delivery.
type DeliveryArgs struct {
	DeliveryID int64 `json:"deliveryId"`
}

// Kind names the job in River's table.
func (DeliveryArgs) Kind() string { return "webhook_delivery" }

// MaxAttempts bounds the tries of one delivery: with River's attempt^4 s
// backoff the last one is about 11 hours after the first.
const MaxAttempts = 12

// InsertOpts gives deliveries their retry budget.
func (DeliveryArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: MaxAttempts} }

// Enqueue records ev for every enabled endpoint subscribed to its type and
// inserts their delivery jobs, all in tx (which must be a transaction):
// call it from the transaction that makes the change. With no endpoint it
// costs one indexed query.
func Enqueue(ctx context.Context, tx *store.Store, ev Event) error {
	return EnqueueAll(ctx, tx, []Event{ev})
}

// EnqueueAll is Enqueue of several events made by one transaction: the
// endpoints subscribed to each event type are read once and the delivery
// jobs of every event are inserted together.
func EnqueueAll(ctx context.Context, tx *store.Store, evs []Event) error {
	subs := map[string][]store.WebhookEndpoint{}
	for _, ev := range evs {
		if _, seen := subs[ev.Type]; !seen {
			eps, err := tx.WebhookEndpointsFor(ctx, ev.Type)
			if err != nil {
				return err
			}
			subs[ev.Type] = eps
		}
	}
	return EnqueueTo(ctx, tx, subs, evs)
}

// EnqueueTo is EnqueueAll with the subscribed endpoints of each event type
// already read (subs; a type it lacks has none), for a caller that read
// them beside its transaction rather than in it (a SCIM create batch saves
// a round trip so). The endpoints read must be current as of the
// transaction's start, as a read inside it would be.
func EnqueueTo(ctx context.Context, tx *store.Store, subs map[string][]store.WebhookEndpoint, evs []Event) error {
	var ds []*store.WebhookDelivery
	for _, ev := range evs {
		eps := subs[ev.Type]
		if len(eps) == 0 {
			continue
		}
		eventID := store.NewID()
		body, err := json.Marshal(payload{ID: eventID, Type: ev.Type, CreatedAt: store.Now(), Actor: ev.Actor, Data: ev.Data})
		if err != nil {
			return fmt.Errorf("webhook: encode %s: %w", ev.Type, err)
		}
		for _, ep := range eps {
			ds = append(ds, &store.WebhookDelivery{EndpointID: ep.ID, EventID: eventID, EventType: ev.Type,
				OrderKey: ev.OrderKey, Payload: string(body)})
		}
	}
	if len(ds) == 0 {
		return nil
	}
	// In order: the ids of one order key grow as its events were made.
	if err := tx.CreateWebhookDeliveries(ctx, ds); err != nil {
		return err
	}
	ids := make([]int64, len(ds))
	for i, d := range ds {
		ids[i] = d.ID
	}
	if len(ids) >= fanoutMin {
		return enqueueFanout(ctx, tx, ids)
	}
	params := make([]river.InsertManyParams, len(ids))
	for i, id := range ids {
		params[i] = river.InsertManyParams{Args: DeliveryArgs{DeliveryID: id}}
	}
	return insertJobs(ctx, tx, params)
}

// insertJobs inserts the delivery jobs in tx's transaction.
func insertJobs(ctx context.Context, tx *store.Store, params []river.InsertManyParams) error {
	if err := jobs.InsertManyTx(ctx, tx, params); err != nil {
		return fmt.Errorf("webhook: insert delivery jobs: %w", err)
	}
	return nil
}
