package store

import (
	"context"
	"fmt"
	"time"
)

// Session is a console login: the row is keyed by the HMAC of the random
// cookie value, so a copy of the table logs nobody in.
type Session struct {
	IDHash     string `gorm:"primaryKey;column:id_hash"`
	AdminID    string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time // absolute end, whatever the activity
}

// TableName pins the table.
func (Session) TableName() string { return "sessions" }

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, se *Session) error {
	return s.insert(ctx, se, "session")
}

// SessionByHash returns the session whose id hashes to idHash, if it is
// still within its absolute lifetime and was seen after idleSince.
func (s *Store) SessionByHash(ctx context.Context, idHash string, now, idleSince time.Time) (*Session, error) {
	var se Session
	err := s.q(ctx).Where("id_hash = ? AND expires_at > ? AND last_seen_at > ?", idHash, now.UTC(), idleSince.UTC()).
		Take(&se).Error
	if err != nil {
		return nil, fmt.Errorf("store: session: %w", mapErr(err))
	}
	return &se, nil
}

// TouchSession records activity on a session (the idle timer restarts).
func (s *Store) TouchSession(ctx context.Context, idHash string, at time.Time) error {
	err := s.q(ctx).Model(&Session{}).Where("id_hash = ?", idHash).Update("last_seen_at", at.UTC()).Error
	if err != nil {
		return fmt.Errorf("store: touch session: %w", mapErr(err))
	}
	return nil
}

// DeleteSession ends one session (logout).
func (s *Store) DeleteSession(ctx context.Context, idHash string) error {
	if err := s.q(ctx).Where("id_hash = ?", idHash).Delete(&Session{}).Error; err != nil {
		return fmt.Errorf("store: delete session: %w", mapErr(err))
	}
	return nil
}

// DeleteAdminSessions ends every session of an admin (disabled, demoted, deleted).
func (s *Store) DeleteAdminSessions(ctx context.Context, adminID string) error {
	if err := s.q(ctx).Where("admin_id = ?", adminID).Delete(&Session{}).Error; err != nil {
		return fmt.Errorf("store: delete sessions of %s: %w", adminID, mapErr(err))
	}
	return nil
}

// PurgeSessions deletes sessions past their absolute end or idle since idleSince.
func (s *Store) PurgeSessions(ctx context.Context, now, idleSince time.Time) (int64, error) {
	res := s.q(ctx).Where("expires_at <= ? OR last_seen_at <= ?", now.UTC(), idleSince.UTC()).Delete(&Session{})
	if res.Error != nil {
		return 0, fmt.Errorf("store: purge sessions: %w", mapErr(res.Error))
	}
	return res.RowsAffected, nil
}
