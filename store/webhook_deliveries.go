package store

import (
	"context"
	"fmt"
	"time"
)

// CreateWebhookDelivery inserts d (pending); the ID is assigned by the database.
func (s *Store) CreateWebhookDelivery(ctx context.Context, d *WebhookDelivery) error {
	d.ID, d.Status, d.CreatedAt = 0, WebhookPending, Now()
	return s.insert(ctx, d, "webhook delivery")
}

// WebhookDeliveryByID returns one delivery.
func (s *Store) WebhookDeliveryByID(ctx context.Context, id int64) (*WebhookDelivery, error) {
	return takeByID[WebhookDelivery](ctx, s, id, "webhook delivery")
}

// PendingBefore reports whether a delivery of the same endpoint and order
// key that was created before d is still pending: d must wait for it.
func (s *Store) PendingBefore(ctx context.Context, d *WebhookDelivery) (bool, error) {
	var n int64
	err := s.q(ctx).Model(&WebhookDelivery{}).
		Where("endpoint_id = ? AND order_key = ? AND id < ? AND status = ?", d.EndpointID, d.OrderKey, d.ID, WebhookPending).
		Limit(1).Count(&n).Error
	if err != nil {
		return false, fmt.Errorf("store: earlier webhook deliveries: %w", mapErr(err))
	}
	return n > 0, nil
}

// WebhookAttempt is the outcome of one delivery attempt.
type WebhookAttempt struct {
	Status   string // delivered or failed when final, else pending
	Code     int    // the endpoint's HTTP status; 0 when none answered
	Response string // the start of the response body
	Error    string
	Took     time.Duration
}

// RecordWebhookAttempt stores the outcome of one attempt of delivery id.
func (s *Store) RecordWebhookAttempt(ctx context.Context, id int64, a WebhookAttempt) error {
	now := Now()
	var finished *time.Time
	if a.Status != WebhookPending {
		finished = &now
	}
	err := s.q(ctx).Exec(`UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, last_status_code = ?,
		last_response = ?, last_error = ?, last_attempt_at = ?, last_duration_ms = ?, finished_at = ? WHERE id = ?`,
		a.Status, a.Code, a.Response, a.Error, now, a.Took.Milliseconds(), finished, id).Error
	if err != nil {
		return fmt.Errorf("store: record webhook attempt %d: %w", id, mapErr(err))
	}
	return nil
}

// WebhookDeliveryQuery filters a list of deliveries.
type WebhookDeliveryQuery struct {
	EndpointID, Status, EventType string
	Limit, Offset                 int
}

// WebhookDeliveries lists deliveries, newest first, with the total count.
func (s *Store) WebhookDeliveries(ctx context.Context, f WebhookDeliveryQuery) ([]WebhookDelivery, int64, error) {
	q := s.q(ctx).Model(&WebhookDelivery{})
	q = whereEq(q, "endpoint_id", f.EndpointID, "status", f.Status, "event_type", f.EventType)
	return findPage[WebhookDelivery](q, "id DESC", f.Limit, f.Offset, "webhook deliveries")
}

// PurgeWebhookDeliveries deletes finished deliveries older than before,
// for the maintenance job; pending ones are kept whatever their age.
func (s *Store) PurgeWebhookDeliveries(ctx context.Context, before time.Time) (int64, error) {
	return s.purgeFinished(ctx, "webhook_deliveries", "webhook deliveries", before)
}

// purgeFinished deletes the rows of an outbox table (webhook_deliveries,
// backchannel_logouts: a constant, never input) that are no longer pending
// and were created before before; what names them in the error.
func (s *Store) purgeFinished(ctx context.Context, table, what string, before time.Time) (int64, error) {
	res := s.q(ctx).Exec("DELETE FROM "+table+" WHERE status <> ? AND created_at < ?", WebhookPending, before.UTC())
	if res.Error != nil {
		return 0, fmt.Errorf("store: purge %s: %w", what, mapErr(res.Error))
	}
	return res.RowsAffected, nil
}
