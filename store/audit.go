package store

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"time"
)

// Audit writes one audit event. Call it on the transaction's store so the
// event commits (or not) with the change it records.
func (s *Store) Audit(ctx context.Context, actor, action, targetType, targetID string, details map[string]any) error {
	if id := SourceRequestID(ctx); id != "" {
		details = maps.Clone(details)
		if details == nil {
			details = map[string]any{}
		}
		details["idpRequestId"] = id
	}
	d := "{}"
	if len(details) > 0 {
		b, err := json.Marshal(details)
		if err != nil {
			return fmt.Errorf("store: audit details: %w", err)
		}
		d = string(b)
	}
	ev := AuditEvent{At: Now(), Actor: actor, Action: action, TargetType: targetType, TargetID: targetID, Details: d}
	if err := s.q(ctx).Create(&ev).Error; err != nil {
		return fmt.Errorf("store: audit %s: %w", action, mapErr(err))
	}
	return nil
}

// AuditFilter selects audit events; zero fields match everything.
type AuditFilter struct {
	Actor, Action, TargetType, TargetID string
	Since, Until                        time.Time
	Limit, Offset                       int
}

// AuditEvents lists events newest first, with the total matching count.
func (s *Store) AuditEvents(ctx context.Context, f AuditFilter) ([]AuditEvent, int64, error) {
	q := s.q(ctx).Model(&AuditEvent{})
	q = whereEq(q, "actor", f.Actor, "action", f.Action, "target_type", f.TargetType, "target_id", f.TargetID)
	if !f.Since.IsZero() {
		q = q.Where("at >= ?", f.Since.UTC())
	}
	if !f.Until.IsZero() {
		q = q.Where("at < ?", f.Until.UTC())
	}
	return findPage[AuditEvent](q, "id DESC", limitOr(f.Limit, 100), f.Offset, "audit events")
}

func limitOr(limit, def int) int {
	if limit <= 0 {
		return def
	}
	return limit
}
