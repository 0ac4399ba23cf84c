package store

import (
	"context"
	"fmt"
)

// Sync run statuses.
const (
	SyncRunning   = "running"
	SyncSucceeded = "succeeded"
	SyncFailed    = "failed"
	SyncStopped   = "stopped" // a safety stop: nothing was changed
)

// CreateSyncRun inserts r as running. ID and start time are set here.
func (s *Store) CreateSyncRun(ctx context.Context, r *SyncRun) error {
	if r.ID == "" {
		r.ID = NewID()
	}
	r.Status, r.StartedAt = SyncRunning, Now()
	return s.insert(ctx, r, "sync run")
}

// UpdateSyncRun writes r's mode, counts and message, and its status and end
// time when r is finished. A finished run is never written again, so a late
// progress flush cannot resurrect it.
func (s *Store) UpdateSyncRun(ctx context.Context, r *SyncRun) error {
	res := s.q(ctx).Exec(`UPDATE sync_runs SET status = ?, mode = ?, read_count = ?, created_count = ?,
		updated_count = ?, suspended_count = ?, deleted_count = ?, invited_count = ?, message = ?, finished_at = ?
		WHERE id = ? AND status = ?`, r.Status, r.Mode, r.ReadCount, r.CreatedCount, r.UpdatedCount,
		r.SuspendedCount, r.DeletedCount, r.InvitedCount, r.Message, r.FinishedAt, r.ID, SyncRunning)
	if res.Error != nil {
		return fmt.Errorf("store: update sync run %s: %w", r.ID, mapErr(res.Error))
	}
	return nil
}

// SyncRunByID returns one run.
func (s *Store) SyncRunByID(ctx context.Context, id string) (*SyncRun, error) {
	return takeByID[SyncRun](ctx, s, id, "sync run")
}

// SyncRuns lists an integration's runs, newest first, with the total count.
func (s *Store) SyncRuns(ctx context.Context, integrationID string, limit, offset int) ([]SyncRun, int64, error) {
	q := s.q(ctx).Model(&SyncRun{}).Where("integration_id = ?", integrationID)
	return findPage[SyncRun](q, "started_at DESC, id DESC", limitOr(limit, 50), offset, "sync runs")
}

// FailAbandonedSyncRuns marks as failed the running runs of an integration
// that no one holds a lease for (the process running them died).
func (s *Store) FailAbandonedSyncRuns(ctx context.Context, integrationID string) error {
	now := Now()
	err := s.q(ctx).Exec(`UPDATE sync_runs SET status = ?, message = ?, finished_at = ?
		WHERE integration_id = ? AND status = ?`, SyncFailed, "abandoned: the process running it stopped", now,
		integrationID, SyncRunning).Error
	if err != nil {
		return fmt.Errorf("store: fail abandoned sync runs: %w", mapErr(err))
	}
	return nil
}
