package store

import (
	"context"
	"fmt"
)

// AuditEventsOfTargets lists the events about any of ids (an account and
// its invitations, for the console's account history), newest first.
func (s *Store) AuditEventsOfTargets(ctx context.Context, ids []string, limit int) ([]AuditEvent, error) {
	var out []AuditEvent
	if len(ids) == 0 {
		return out, nil
	}
	err := s.q(ctx).Where("target_id IN ?", ids).Order("id DESC").Limit(limitOr(limit, 100)).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: audit events of targets: %w", mapErr(err))
	}
	return out, nil
}
