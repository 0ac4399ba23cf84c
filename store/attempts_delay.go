package store

import (
	"context"
	"fmt"
	"time"
)

// DelayPolicy slows guessing against one key (an account, a client
// address) without ever locking it: the first Free failures of a Window
// (counted from the first one) cost nothing, then each failure makes the
// key wait Base before its next attempt, doubling up to Max. A stranger who
// fails on purpose can slow an account down by at most Max per attempt,
// never lock its owner out; a success clears the account's key
// (ClearAttempts).
type DelayPolicy struct {
	Free      int
	Base, Max time.Duration
	Window    time.Duration
}

// delayAfter is how long a key waits after its n-th consecutive failure.
func (p DelayPolicy) delayAfter(n int) time.Duration {
	if n <= p.Free {
		return 0
	}
	d := p.Base
	for i := p.Free + 1; i < n && d < p.Max; i++ {
		d *= 2
	}
	return min(d, p.Max)
}

// ReserveAttempt counts one attempt against key as a failure before the
// caller checks anything, so that parallel guesses cannot slip past the
// delay, and returns 0. While the key must still wait after earlier
// failures it counts nothing and returns how long is left. The caller
// clears the key when the attempt succeeds. Counters live in the database,
// so the delay holds across replicas.
func (s *Store) ReserveAttempt(ctx context.Context, key string, p DelayPolicy, now time.Time) (time.Duration, error) {
	now = now.UTC().Truncate(time.Microsecond)
	var wait time.Duration
	err := s.Tx(ctx, func(tx *Store) error {
		err := tx.q(ctx).Exec(`INSERT INTO attempt_counters (key, failures, window_start) VALUES (?, 0, ?)
			ON CONFLICT (key) DO NOTHING`, key, now).Error
		if err != nil {
			return mapErr(err)
		}
		lock := ""
		if tx.dialect == Postgres {
			lock = " FOR UPDATE"
		}
		var rows []struct {
			Failures    int
			WindowStart time.Time
			LockedUntil *time.Time
		}
		err = tx.q(ctx).Raw(`SELECT failures, window_start, locked_until FROM attempt_counters WHERE key = ?`+lock, key).
			Scan(&rows).Error
		if err != nil || len(rows) == 0 {
			return fmt.Errorf("read counter: %w", mapErr(err))
		}
		r := rows[0]
		if r.LockedUntil != nil && r.LockedUntil.After(now) {
			wait = r.LockedUntil.Sub(now)
			return nil
		}
		n, start := r.Failures+1, r.WindowStart
		if start.Before(now.Add(-p.Window)) {
			n, start = 1, now
		}
		var next *time.Time
		if d := p.delayAfter(n); d > 0 {
			t := now.Add(d)
			next = &t
		}
		return mapErr(tx.q(ctx).Exec(`UPDATE attempt_counters SET failures = ?, window_start = ?, locked_until = ?
			WHERE key = ?`, n, start, next, key).Error)
	})
	if err != nil {
		return 0, fmt.Errorf("store: reserve attempt: %w", err)
	}
	return wait, nil
}

// ForgiveReservedAttempt takes back the attempt ReserveAttempt counted
// against key, which did not fail after all, and the wait it set: the
// earlier failures still count.
func (s *Store) ForgiveReservedAttempt(ctx context.Context, key string) error {
	err := s.q(ctx).Exec(`UPDATE attempt_counters SET failures = failures - 1, locked_until = NULL
		WHERE key = ? AND failures > 0`, key).Error
	if err != nil {
		return fmt.Errorf("store: forgive attempt: %w", mapErr(err))
	}
	return nil
}

// ClearAttempts forgets every failure counted against key: it succeeded.
func (s *Store) ClearAttempts(ctx context.Context, key string) error {
	if err := s.q(ctx).Exec(`DELETE FROM attempt_counters WHERE key = ?`, key).Error; err != nil {
		return fmt.Errorf("store: clear attempts: %w", mapErr(err))
	}
	return nil
}
