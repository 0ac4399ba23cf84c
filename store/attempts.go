package store

import (
	"context"
	"fmt"
	"time"
)

// AttemptLimit bounds guesses against one key (a code, a client address):
// at most Max attempts per Window; one more locks the key for Lockout.
type AttemptLimit struct {
	Max     int
	Window  time.Duration
	Lockout time.Duration
}

// CountAttempt records one attempt against key before the caller checks
// anything (so parallel guesses cannot slip past the limit) and reports
// whether it may proceed. The counter lives in the database, so the limit
// holds across replicas.
func (s *Store) CountAttempt(ctx context.Context, key string, lim AttemptLimit) (bool, error) {
	now := Now()
	windowStart := now.Add(-lim.Window)
	var rows []struct {
		Failures    int
		LockedUntil *time.Time
	}
	err := s.q(ctx).Raw(`INSERT INTO attempt_counters (key, failures, window_start) VALUES (?, 1, ?)
		ON CONFLICT (key) DO UPDATE SET
		failures = CASE WHEN attempt_counters.window_start <= ? THEN 1 ELSE attempt_counters.failures + 1 END,
		window_start = CASE WHEN attempt_counters.window_start <= ? THEN ? ELSE attempt_counters.window_start END
		RETURNING failures, locked_until`, key, now, windowStart, windowStart, now).Find(&rows).Error
	if err != nil {
		return false, fmt.Errorf("store: count attempt: %w", mapErr(err))
	}
	if len(rows) == 0 {
		return false, fmt.Errorf("store: count attempt: no row returned")
	}
	if r := rows[0]; r.LockedUntil != nil && r.LockedUntil.After(now) {
		return false, nil
	}
	if rows[0].Failures <= lim.Max {
		return true, nil
	}
	err = s.q(ctx).Exec(`UPDATE attempt_counters SET locked_until = ?, failures = 0, window_start = ?
		WHERE key = ?`, now.Add(lim.Lockout), now, key).Error
	if err != nil {
		return false, fmt.Errorf("store: lock attempts: %w", mapErr(err))
	}
	return false, nil
}

// ForgiveAttempt takes back one attempt counted against key, after it
// succeeded: only failures should count.
func (s *Store) ForgiveAttempt(ctx context.Context, key string) error {
	err := s.q(ctx).Exec(`UPDATE attempt_counters SET failures = failures - 1
		WHERE key = ? AND failures > 0`, key).Error
	if err != nil {
		return fmt.Errorf("store: forgive attempt: %w", mapErr(err))
	}
	return nil
}

// PurgeAttempts deletes counters idle since before (neither counting in a
// window nor locked), for the maintenance job.
func (s *Store) PurgeAttempts(ctx context.Context, before time.Time) (int64, error) {
	res := s.q(ctx).Exec(`DELETE FROM attempt_counters WHERE window_start < ?
		AND (locked_until IS NULL OR locked_until < ?)`, before.UTC(), before.UTC())
	if res.Error != nil {
		return 0, fmt.Errorf("store: purge attempts: %w", mapErr(res.Error))
	}
	return res.RowsAffected, nil
}
