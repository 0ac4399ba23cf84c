package store

import (
	"context"
	"fmt"
	"time"
)

// MaxReminderDays bounds an integration's ReminderDays: a reminder goes out
// before the 30-day invitation expiry, never with the first mail.
const MaxReminderDays = 29

// IntegrationsWithReminders returns the integrations whose invitations get a
// reminder (ReminderDays > 0).
func (s *Store) IntegrationsWithReminders(ctx context.Context) ([]Integration, error) {
	var out []Integration
	if err := s.q(ctx).Where("reminder_days > 0").Order("id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: integrations with reminders: %w", mapErr(err))
	}
	return out, nil
}

// DueReminders returns up to limit invitations of integrationID that are due
// their reminder at now: a claim link (not a code, not a sign-up's
// confirmation) still sent, delivered, never reminded, first mailed more
// than a day ago, expiring within before; its account active and invited.
func (s *Store) DueReminders(ctx context.Context, integrationID string, now time.Time, before time.Duration, limit int) ([]Invitation, error) {
	var out []Invitation
	err := s.q(ctx).Where(`integration_id = ? AND status = ? AND method = 'link' AND link_id IS NULL
		AND delivery = ? AND reminded_at IS NULL AND first_sent_at < ?
		AND expires_at > ? AND expires_at <= ?
		AND account_id IN (SELECT id FROM accounts WHERE active = ? AND status = ?)`,
		integrationID, InvitationSent, DeliveryDelivered, now.Add(-24*time.Hour), now, now.Add(before),
		true, StatusInvited).Order("id").Limit(limit).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: due reminders: %w", mapErr(err))
	}
	return out, nil
}

// MarkReminded stamps invitation id's one reminder at t, only while it is
// still sent and was never reminded; it reports whether it did.
func (s *Store) MarkReminded(ctx context.Context, id string, t time.Time) (bool, error) {
	res := s.q(ctx).Exec(`UPDATE invitations SET reminded_at = ?, updated_at = ?
		WHERE id = ? AND reminded_at IS NULL AND status = ?`, t, Now(), id, InvitationSent)
	if res.Error != nil {
		return false, fmt.Errorf("store: mark reminded %s: %w", id, mapErr(res.Error))
	}
	return res.RowsAffected > 0, nil
}
