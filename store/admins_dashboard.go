package store

import (
	"context"
	"fmt"
)

// CountInvitationsByStatus returns invitation counts per status, for the
// console dashboard.
func (s *Store) CountInvitationsByStatus(ctx context.Context) (map[string]int64, error) {
	var rows []struct {
		Status string
		N      int64
	}
	if err := s.q(ctx).Raw("SELECT status, COUNT(*) AS n FROM invitations GROUP BY status").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: count invitations: %w", mapErr(err))
	}
	out := map[string]int64{}
	for _, r := range rows {
		out[r.Status] = r.N
	}
	return out, nil
}

// FailedDeliveries returns the latest invitations whose mail failed, newest first.
func (s *Store) FailedDeliveries(ctx context.Context, limit int) ([]Invitation, error) {
	var out []Invitation
	err := s.q(ctx).Where("delivery = ?", DeliveryFailed).Order("updated_at DESC").Limit(limitOr(limit, 10)).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: failed deliveries: %w", mapErr(err))
	}
	return out, nil
}

// FailedSyncRuns returns the latest failed or stopped sync runs, newest first.
func (s *Store) FailedSyncRuns(ctx context.Context, limit int) ([]SyncRun, error) {
	var out []SyncRun
	err := s.q(ctx).Where("status IN ?", []string{SyncFailed, SyncStopped}).Order("started_at DESC").
		Limit(limitOr(limit, 10)).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: failed sync runs: %w", mapErr(err))
	}
	return out, nil
}
