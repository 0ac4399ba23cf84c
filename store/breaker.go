package store

import (
	"context"
	"fmt"
	"time"
)

// BreakerSettings is an integration's threshold on deactivations and
// deletions (account/breaker.go explains the breaker). They live in columns
// of integrations but apart from Integration, so that writes of the other
// settings never touch them.
type BreakerSettings struct {
	Enabled       bool  `gorm:"column:breaker_enabled"`
	Percent       int   `gorm:"column:breaker_percent"`        // of the integration's active accounts
	Min           int   `gorm:"column:breaker_min"`            // deprovisions in the window before it can trip
	WindowSeconds int   `gorm:"column:breaker_window_seconds"` // the sliding window
	Trips         int64 `gorm:"column:breaker_trips"`          // times it tripped, for the metric
}

// DefaultBreaker is what the migration gives every integration.
var DefaultBreaker = BreakerSettings{Enabled: true, Percent: 10, Min: 25, WindowSeconds: 3600}

// Window is the sliding window as a duration.
func (b BreakerSettings) Window() time.Duration { return time.Duration(b.WindowSeconds) * time.Second }

const breakerColumns = "breaker_enabled, breaker_percent, breaker_min, breaker_window_seconds, breaker_trips"

// IntegrationBreaker reads the breaker settings of integration id.
func (s *Store) IntegrationBreaker(ctx context.Context, id string) (BreakerSettings, error) {
	var b BreakerSettings
	err := s.q(ctx).Table("integrations").Select(breakerColumns).Where("id = ?", id).Take(&b).Error
	if err != nil {
		return b, fmt.Errorf("store: breaker of integration %s: %w", id, mapErr(err))
	}
	return b, nil
}

// LockBreaker reads the breaker settings of integration id and, on
// PostgreSQL, locks the integration's row until the transaction ends: the
// decisions of every replica on this integration then happen one at a time.
// Call it inside Tx.
func (s *Store) LockBreaker(ctx context.Context, id string) (BreakerSettings, error) {
	var b BreakerSettings
	q := s.q(ctx).Table("integrations").Select(breakerColumns).Where("id = ?", id)
	q = s.locked(q)
	if err := q.Take(&b).Error; err != nil {
		return b, fmt.Errorf("store: lock breaker of integration %s: %w", id, mapErr(err))
	}
	return b, nil
}

// SetIntegrationBreaker saves the settings (not Trips) of integration id.
func (s *Store) SetIntegrationBreaker(ctx context.Context, id string, b BreakerSettings) error {
	res := s.q(ctx).Table("integrations").Where("id = ?", id).Updates(map[string]any{
		"breaker_enabled": b.Enabled, "breaker_percent": b.Percent, "breaker_min": b.Min,
		"breaker_window_seconds": b.WindowSeconds, "updated_at": Now(),
	})
	if err := oneRow(res, "set breaker of integration %s", id); err != nil {
		return err
	}
	return s.integrationsChanged(ctx)
}

// CountBreakerTrip adds one to the integration's trip counter.
func (s *Store) CountBreakerTrip(ctx context.Context, id string) error {
	err := s.q(ctx).Exec("UPDATE integrations SET breaker_trips = breaker_trips + 1 WHERE id = ?", id).Error
	if err != nil {
		return fmt.Errorf("store: count breaker trip: %w", mapErr(err))
	}
	return nil
}
