package store

import (
	"context"
	"fmt"
)

// AvailableJobs counts the River jobs of queue that wait for a worker
// (state available), stopping at limit: how far the workers are behind.
// It reads River's table on a reader connection (SQLite) so that it never
// waits for the writer.
func (s *Store) AvailableJobs(ctx context.Context, queue string, limit int) (int, error) {
	var n int
	err := s.read(ctx).Raw("SELECT count(*) FROM (SELECT 1 FROM river_job WHERE state = 'available' AND queue = ? LIMIT ?) AS b",
		queue, limit).Scan(&n).Error
	if err != nil {
		return 0, fmt.Errorf("store: available jobs of %s: %w", queue, mapErr(err))
	}
	return n, nil
}

// AvailableJobsOfKind is AvailableJobs counting only the jobs of kind: the
// backlog of one kind of work when others share the queue (invite-all's
// mails beside a bulk change's webhook events, which wait behind them).
func (s *Store) AvailableJobsOfKind(ctx context.Context, queue, kind string, limit int) (int, error) {
	var n int
	err := s.read(ctx).Raw("SELECT count(*) FROM (SELECT 1 FROM river_job WHERE state = 'available' AND queue = ? AND kind = ? LIMIT ?) AS b",
		queue, kind, limit).Scan(&n).Error
	if err != nil {
		return 0, fmt.Errorf("store: available %s jobs of %s: %w", kind, queue, mapErr(err))
	}
	return n, nil
}
