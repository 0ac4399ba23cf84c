package store

import (
	"context"
	"fmt"
	"time"
)

// auditArrayRows bounds one statement of insertAuditEventsPG, so that a
// caller's huge slice never becomes one huge message.
const auditArrayRows = 5000

// insertAuditEventsPG is InsertAuditEvents on PostgreSQL: one array per
// column, unnested into rows, as insertInvitationsPG does. Six parameters
// whatever the count, where a multi-row INSERT of 1,000 events bound 6,000
// for the client to encode and the server to parse and plan.
func (s *Store) insertAuditEventsPG(ctx context.Context, evs []AuditEvent) error {
	for len(evs) > auditArrayRows {
		if err := s.insertAuditEventsPG(ctx, evs[:auditArrayRows]); err != nil {
			return err
		}
		evs = evs[auditArrayRows:]
	}
	n := len(evs)
	at := make([]time.Time, n)
	actor, action, targetType, targetID, details := make([]string, n), make([]string, n), make([]string, n),
		make([]string, n), make([]string, n)
	for i := range evs {
		e := &evs[i]
		at[i], actor[i], action[i], targetType[i], targetID[i], details[i] = e.At, e.Actor, e.Action, e.TargetType, e.TargetID, e.Details
	}
	// Straight to the connection (or transaction): gorm would expand each
	// slice into a list of values.
	_, err := s.db.Statement.ConnPool.ExecContext(ctx, `INSERT INTO audit_events (at, actor, action, target_type, target_id, details)
		SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[])`,
		at, actor, action, targetType, targetID, details)
	if err != nil {
		return fmt.Errorf("store: audit %d events: %w", n, mapErr(err))
	}
	return nil
}
