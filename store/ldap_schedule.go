package store

import (
	"context"
	"fmt"
	"time"
)

// LDAPSchedule is an integration's row of ldap_sync_schedule: when its next
// scheduled run is due, who holds its run lease, and its last full sync.
type LDAPSchedule struct {
	IntegrationID string
	NextRunAt     *time.Time
	LeaseOwner    string
	LeaseUntil    *time.Time
	LastFullAt    *time.Time
}

// TableName pins the table.
func (LDAPSchedule) TableName() string { return "ldap_sync_schedule" }

func (s *Store) ensureSchedule(ctx context.Context, integrationID string) error {
	err := s.q(ctx).Exec(`INSERT INTO ldap_sync_schedule (integration_id) VALUES (?) ON CONFLICT DO NOTHING`, integrationID).Error
	if err != nil {
		return fmt.Errorf("store: ldap schedule: %w", mapErr(err))
	}
	return nil
}

// PostponeLDAPTick moves the integration's next tick to next unless it is
// already later: serve calls it on start, so a scheduled integration first
// runs one interval after the (last) replica started.
func (s *Store) PostponeLDAPTick(ctx context.Context, integrationID string, next time.Time) error {
	return s.setTick(ctx, integrationID, next, "<")
}

// AdvanceLDAPTick moves the integration's next tick to next unless it is
// already earlier (the interval was shortened; tests force a tick).
func (s *Store) AdvanceLDAPTick(ctx context.Context, integrationID string, next time.Time) error {
	return s.setTick(ctx, integrationID, next, ">")
}

func (s *Store) setTick(ctx context.Context, integrationID string, next time.Time, cmp string) error {
	if err := s.ensureSchedule(ctx, integrationID); err != nil {
		return err
	}
	err := s.q(ctx).Exec(`UPDATE ldap_sync_schedule SET next_run_at = ?
		WHERE integration_id = ? AND (next_run_at IS NULL OR next_run_at `+cmp+` ?)`, next.UTC(), integrationID, next.UTC()).Error
	if err != nil {
		return fmt.Errorf("store: ldap schedule: %w", mapErr(err))
	}
	return nil
}

// ClaimLDAPTick takes the integration's run lease until leaseUntil and moves
// its next tick to next, if the tick is due and nobody holds the lease. One
// UPDATE decides: of several replicas, exactly one sees true.
func (s *Store) ClaimLDAPTick(ctx context.Context, integrationID, owner string, next, leaseUntil time.Time) (bool, error) {
	now := Now()
	res := s.q(ctx).Exec(`UPDATE ldap_sync_schedule SET lease_owner = ?, lease_until = ?, next_run_at = ?
		WHERE integration_id = ? AND next_run_at IS NOT NULL AND next_run_at <= ?
		AND (lease_until IS NULL OR lease_until < ?)`, owner, leaseUntil.UTC(), next.UTC(), integrationID, now, now)
	if res.Error != nil {
		return false, fmt.Errorf("store: claim ldap tick: %w", mapErr(res.Error))
	}
	return res.RowsAffected == 1, nil
}

// AcquireLDAPLease takes (or, for its holder, extends) the integration's run
// lease until leaseUntil; false means another run holds it.
func (s *Store) AcquireLDAPLease(ctx context.Context, integrationID, owner string, leaseUntil time.Time) (bool, error) {
	if err := s.ensureSchedule(ctx, integrationID); err != nil {
		return false, err
	}
	res := s.q(ctx).Exec(`UPDATE ldap_sync_schedule SET lease_owner = ?, lease_until = ?
		WHERE integration_id = ? AND (lease_until IS NULL OR lease_until < ? OR lease_owner = ?)`,
		owner, leaseUntil.UTC(), integrationID, Now(), owner)
	if res.Error != nil {
		return false, fmt.Errorf("store: ldap lease: %w", mapErr(res.Error))
	}
	return res.RowsAffected == 1, nil
}

// ReleaseLDAPLease gives the lease back; fullDone records a successful full sync.
func (s *Store) ReleaseLDAPLease(ctx context.Context, integrationID, owner string, fullDone bool) error {
	q := `UPDATE ldap_sync_schedule SET lease_owner = '', lease_until = NULL`
	args := []any{}
	if fullDone {
		q += `, last_full_at = ?`
		args = append(args, Now())
	}
	args = append(args, integrationID, owner)
	if err := s.q(ctx).Exec(q+` WHERE integration_id = ? AND lease_owner = ?`, args...).Error; err != nil {
		return fmt.Errorf("store: release ldap lease: %w", mapErr(err))
	}
	return nil
}

// LDAPScheduleOf returns an integration's schedule row (zero when it has none).
func (s *Store) LDAPScheduleOf(ctx context.Context, integrationID string) (LDAPSchedule, error) {
	var out []LDAPSchedule
	if err := s.q(ctx).Where("integration_id = ?", integrationID).Limit(1).Find(&out).Error; err != nil {
		return LDAPSchedule{}, fmt.Errorf("store: ldap schedule: %w", mapErr(err))
	}
	if len(out) == 0 {
		return LDAPSchedule{IntegrationID: integrationID}, nil
	}
	return out[0], nil
}
