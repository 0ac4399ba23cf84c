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
	if f.Actor != "" {
		q = q.Where("actor = ?", f.Actor)
	}
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if f.TargetType != "" {
		q = q.Where("target_type = ?", f.TargetType)
	}
	if f.TargetID != "" {
		q = q.Where("target_id = ?", f.TargetID)
	}
	if !f.Since.IsZero() {
		q = q.Where("at >= ?", f.Since.UTC())
	}
	if !f.Until.IsZero() {
		q = q.Where("at < ?", f.Until.UTC())
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("store: count audit events: %w", mapErr(err))
	}
	var out []AuditEvent
	err := q.Order("id DESC").Limit(limitOr(f.Limit, 100)).Offset(f.Offset).Find(&out).Error
	if err != nil {
		return nil, 0, fmt.Errorf("store: audit events: %w", mapErr(err))
	}
	return out, total, nil
}

func limitOr(limit, def int) int {
	if limit <= 0 {
		return def
	}
	return limit
}
