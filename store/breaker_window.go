package store

import (
	"context"
	"fmt"
	"time"
)

// deprovisionRetention bounds how long applied deprovisions are kept: longer
// than any sensible window (BreakerSettings are validated against it).
const deprovisionRetention = 7 * 24 * time.Hour

// MaxBreakerWindow is the longest window an integration may have.
const MaxBreakerWindow = deprovisionRetention

// RecordDeprovision notes that a deactivation or deletion from integration
// id was applied to account accountID now, and forgets the ones too old to
// matter to any window.
func (s *Store) RecordDeprovision(ctx context.Context, id, accountID string) error {
	now := Now()
	if err := s.q(ctx).Exec("DELETE FROM deprovisions WHERE integration_id = ? AND at < ?",
		id, now.Add(-deprovisionRetention)).Error; err != nil {
		return fmt.Errorf("store: prune deprovisions: %w", mapErr(err))
	}
	err := s.q(ctx).Exec("INSERT INTO deprovisions (integration_id, account_id, at) VALUES (?, ?, ?)",
		id, accountID, now).Error
	if err != nil {
		return fmt.Errorf("store: record deprovision: %w", mapErr(err))
	}
	return nil
}

// BreakerWindow counts the deprovisions of integration id applied since
// since, and its live active accounts now.
func (s *Store) BreakerWindow(ctx context.Context, id string, since time.Time) (applied, active int64, err error) {
	err = s.q(ctx).Raw("SELECT COUNT(*) FROM deprovisions WHERE integration_id = ? AND at >= ?",
		id, since.UTC()).Scan(&applied).Error
	if err != nil {
		return 0, 0, fmt.Errorf("store: count deprovisions: %w", mapErr(err))
	}
	err = s.q(ctx).Raw("SELECT COUNT(*) FROM accounts WHERE integration_id = ? AND active AND deleted_at IS NULL",
		id).Scan(&active).Error
	if err != nil {
		return 0, 0, fmt.Errorf("store: count active accounts: %w", mapErr(err))
	}
	return applied, active, nil
}

// ValidateBreaker returns what is wrong with b, or "" (the text is safe to show).
func ValidateBreaker(b BreakerSettings) string {
	switch {
	case b.Percent < 1 || b.Percent > 100:
		return "percent must be between 1 and 100"
	case b.Min < 1:
		return "min must be at least 1"
	case b.WindowSeconds < 60 || time.Duration(b.WindowSeconds)*time.Second > MaxBreakerWindow:
		return "windowSeconds must be between 60 and 604800 (7 days)"
	}
	return ""
}
