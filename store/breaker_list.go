package store

import (
	"context"
	"fmt"
)

// HeldQuery selects held changes of one integration, in replay order.
type HeldQuery struct {
	IntegrationID string
	Status        string  // "" means pending
	IDs           []int64 // nil means every one
	Limit, Offset int     // Limit 0 means every one
}

// HeldChanges lists held changes oldest first, with the total matching count.
func (s *Store) HeldChanges(ctx context.Context, hq HeldQuery) ([]HeldChange, int64, error) {
	if hq.Status == "" {
		hq.Status = HoldPending
	}
	q := s.q(ctx).Table("held_changes h").
		Where("h.integration_id = ? AND h.status = ?", hq.IntegrationID, hq.Status)
	if hq.IDs != nil {
		q = q.Where("h.id IN ?", hq.IDs)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("store: count held changes: %w", mapErr(err))
	}
	q = q.Select("h.*, a.user_name AS user_name").Joins("JOIN accounts a ON a.id = h.account_id").Order("h.id")
	if hq.Limit > 0 {
		q = q.Limit(hq.Limit).Offset(hq.Offset)
	}
	var out []HeldChange
	if err := q.Scan(&out).Error; err != nil {
		return nil, 0, fmt.Errorf("store: held changes: %w", mapErr(err))
	}
	return out, total, nil
}

// CountPendingHeld counts the pending changes of integration id.
func (s *Store) CountPendingHeld(ctx context.Context, id string) (int64, error) {
	var n int64
	err := s.q(ctx).Model(&HeldChange{}).Where("integration_id = ? AND status = ?", id, HoldPending).Count(&n).Error
	if err != nil {
		return 0, fmt.Errorf("store: count pending held changes: %w", mapErr(err))
	}
	return n, nil
}

// BreakerStatus is one integration's breaker as the console banner and the
// metrics show it.
type BreakerStatus struct {
	IntegrationID string
	Name          string
	Pending       int64
	Trips         int64
}

// BreakerStatuses lists every integration with its pending held changes and
// trip count, by name.
func (s *Store) BreakerStatuses(ctx context.Context) ([]BreakerStatus, error) {
	var out []BreakerStatus
	err := s.q(ctx).Raw(`SELECT i.id AS integration_id, i.name AS name, i.breaker_trips AS trips,
		(SELECT COUNT(*) FROM held_changes h WHERE h.integration_id = i.id AND h.status = ?) AS pending
		FROM integrations i ORDER BY lower(i.name)`, HoldPending).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: breaker statuses: %w", mapErr(err))
	}
	return out, nil
}
