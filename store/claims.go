package store

import (
	"context"
	"fmt"
	"time"
)

// InvitationByCodeHMAC returns the invitation whose one-time code HMAC is h
// (invitations delivered by code), whatever its status.
func (s *Store) InvitationByCodeHMAC(ctx context.Context, h string) (*Invitation, error) {
	return take[Invitation](s.q(ctx).Where("code_hmac = ?", h), "invitation by code")
}

// ConsumeInvitation marks a sent, unused, unexpired invitation used and moves
// it to status (accepted or needs_approval), with a new expiry when expiresAt
// is set. It is the single-use guard: ErrNotFound when it was used, canceled
// or expired meanwhile, so two concurrent claims cannot both succeed.
func (s *Store) ConsumeInvitation(ctx context.Context, id, status string, expiresAt *time.Time) error {
	now := Now()
	res := s.q(ctx).Exec(`UPDATE invitations SET used_at = ?, status = ?, updated_at = ?,
		expires_at = COALESCE(?, expires_at)
		WHERE id = ? AND used_at IS NULL AND status = ? AND (expires_at IS NULL OR expires_at > ?)`,
		now, status, now, expiresAt, id, InvitationSent, now)
	return oneRow(res, "consume invitation %s", id)
}

// ClaimAccount stores the password hash of a live, active account whose
// status is still from, and moves it to status. claimed_at is set only when
// the account becomes active: one pending approval is not claimed yet (so a
// suspension and re-activation cannot skip the approval).
func (s *Store) ClaimAccount(ctx context.Context, id, from, status, passwordHash string) error {
	now := Now()
	var claimedAt *time.Time
	if status == StatusActive {
		claimedAt = &now
	}
	res := s.q(ctx).Exec(`UPDATE accounts SET password_hash = ?, status = ?, claimed_at = COALESCE(?, claimed_at),
		version = version + 1, updated_at = ?
		WHERE id = ? AND status = ? AND active = ? AND deleted_at IS NULL`,
		passwordHash, status, claimedAt, now, id, from, true)
	return oneRow(res, "claim account %s", id)
}

// LiveAccountWithEmailExists reports whether a live account has email as its
// userName or one of its addresses, case-insensitively.
func (s *Store) LiveAccountWithEmailExists(ctx context.Context, email string) (bool, error) {
	return s.accountWithEmailExists(ctx, email, "")
}

// accountWithEmailExists is LiveAccountWithEmailExists among the accounts
// that also meet also (SQL over alias a; "" for none).
func (s *Store) accountWithEmailExists(ctx context.Context, email, also string) (bool, error) {
	if also != "" {
		also = " AND " + also
	}
	var n int64
	err := s.q(ctx).Raw(`SELECT COUNT(*) FROM accounts a WHERE a.deleted_at IS NULL`+also+` AND (
		lower(a.user_name) = lower(?) OR lower(a.email) = lower(?) OR EXISTS (
		SELECT 1 FROM account_emails e WHERE e.account_id = a.id AND lower(e.value) = lower(?)))`,
		email, email, email).Scan(&n).Error
	if err != nil {
		return false, fmt.Errorf("store: account with email: %w", mapErr(err))
	}
	return n > 0, nil
}
