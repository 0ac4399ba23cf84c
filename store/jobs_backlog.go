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
