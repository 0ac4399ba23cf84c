package store

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"time"
)

// webhookArrayRows bounds one statement of createWebhookDeliveriesPG.
const webhookArrayRows = 5000

// CreateWebhookDeliveries is CreateWebhookDelivery of each of ds, in their
// order: ds[i].ID grows with i, as the deliveries of one order key must
// (WebhookDelivery). An invite-all batch writes a thousand; one by one
// they were a thousand round trips through gorm.
func (s *Store) CreateWebhookDeliveries(ctx context.Context, ds []*WebhookDelivery) error {
	if len(ds) == 0 {
		return nil
	}
	if len(ds) == 1 { // one round trip (INSERT ... RETURNING) where the arrays take two
		return s.CreateWebhookDelivery(ctx, ds[0])
	}
	now := Now()
	for _, d := range ds {
		d.ID, d.Status, d.CreatedAt = 0, WebhookPending, now
	}
	if s.dialect == Postgres {
		return s.Tx(ctx, func(tx *Store) error { // all chunks or none
			for start := 0; start < len(ds); start += webhookArrayRows {
				if err := tx.createWebhookDeliveriesPG(ctx, ds[start:min(start+webhookArrayRows, len(ds))], now); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return s.createWebhookDeliveriesSQLite(ctx, ds)
}

// createWebhookDeliveriesSQLite runs the kept single-row INSERT (insertEach's)
// for each delivery and reads back its rowid, in a transaction of its own
// when s is not in one: all or none.
func (s *Store) createWebhookDeliveriesSQLite(ctx context.Context, ds []*WebhookDelivery) error {
	return s.Tx(ctx, func(tx *Store) error {
		ins, err := tx.inserterOf(reflect.TypeFor[WebhookDelivery]())
		if err != nil {
			return err
		}
		stmt, err := tx.q(ctx).Statement.ConnPool.PrepareContext(ctx, ins.query)
		if err != nil {
			return fmt.Errorf("store: create webhook deliveries: %w", mapErr(err))
		}
		defer stmt.Close()
		args := make([]any, len(ins.fields))
		for _, d := range ds {
			v := reflect.ValueOf(d).Elem()
			for i, f := range ins.fields {
				args[i], _ = f.ValueOf(ctx, v)
			}
			res, err := stmt.ExecContext(ctx, args...)
			if err != nil {
				return fmt.Errorf("store: create webhook deliveries: %w", mapErr(err))
			}
			if d.ID, err = res.LastInsertId(); err != nil {
				return fmt.Errorf("store: create webhook deliveries: %w", mapErr(err))
			}
		}
		return nil
	})
}

// createWebhookDeliveriesPG takes len(ds) ids from the table's identity
// sequence, gives them to ds in ascending order, and inserts the rows in
// one statement of arrays: two round trips for the batch.
func (s *Store) createWebhookDeliveriesPG(ctx context.Context, ds []*WebhookDelivery, now time.Time) error {
	n := len(ds)
	rows, err := s.db.Statement.ConnPool.QueryContext(ctx,
		`SELECT nextval(pg_get_serial_sequence('webhook_deliveries', 'id')) FROM generate_series(1, $1)`, n)
	if err != nil {
		return fmt.Errorf("store: create webhook deliveries: %w", mapErr(err))
	}
	ids := make([]int64, 0, n)
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return fmt.Errorf("store: create webhook deliveries: %w", mapErr(err))
		}
		ids = append(ids, id)
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("store: create webhook deliveries: %w", mapErr(err))
	}
	if err := rows.Err(); err != nil || len(ids) != n {
		return fmt.Errorf("store: create webhook deliveries: %d ids for %d: %w", len(ids), n, mapErr(err))
	}
	slices.Sort(ids)
	endpoint, event, typ, key, payload := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for i, d := range ds {
		d.ID = ids[i]
		endpoint[i], event[i], typ[i], key[i], payload[i] = d.EndpointID, d.EventID, d.EventType, d.OrderKey, d.Payload
	}
	_, err = s.db.Statement.ConnPool.ExecContext(ctx, `INSERT INTO webhook_deliveries
		(id, endpoint_id, event_id, event_type, order_key, payload, status, created_at)
		SELECT id, ep, ev, typ, k, p, $7, $8
		FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(id, ep, ev, typ, k, p)`,
		ids, endpoint, event, typ, key, payload, WebhookPending, now)
	if err != nil {
		return fmt.Errorf("store: create %d webhook deliveries: %w", n, mapErr(err))
	}
	return nil
}
