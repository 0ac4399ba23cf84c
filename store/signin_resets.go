package store

import (
	"context"
	"fmt"
)

// CreatePasswordReset inserts r; ID and creation time are set here.
func (s *Store) CreatePasswordReset(ctx context.Context, r *PasswordReset) error {
	if r.ID == "" {
		r.ID = NewID()
	}
	r.CreatedAt = Now()
	return s.insert(ctx, r, "password reset")
}

// PasswordResetByHMAC returns an unused, unexpired reset token.
func (s *Store) PasswordResetByHMAC(ctx context.Context, h string) (*PasswordReset, error) {
	return take[PasswordReset](s.q(ctx).Where("token_hmac = ? AND used_at IS NULL AND expires_at > ?", h, Now()), "password reset")
}

// UsePasswordReset consumes reset id atomically and voids the account's
// other open resets; ErrNotFound when it was used or expired meanwhile.
func (s *Store) UsePasswordReset(ctx context.Context, id string) error {
	now := Now()
	var accountID string
	err := s.q(ctx).Raw("SELECT account_id FROM password_resets WHERE id = ?", id).Scan(&accountID).Error
	if err != nil {
		return fmt.Errorf("store: use password reset: %w", mapErr(err))
	}
	res := s.q(ctx).Exec(`UPDATE password_resets SET used_at = ?
		WHERE id = ? AND used_at IS NULL AND expires_at > ?`, now, id, now)
	if err := oneRow(res, "use password reset"); err != nil {
		return err
	}
	err = s.q(ctx).Exec(`UPDATE password_resets SET used_at = ? WHERE account_id = ? AND used_at IS NULL`,
		now, accountID).Error
	if err != nil {
		return fmt.Errorf("store: void password resets: %w", mapErr(err))
	}
	return nil
}

// SetAccountPassword replaces the password hash of a live account.
func (s *Store) SetAccountPassword(ctx context.Context, accountID, hash string) error {
	res := s.q(ctx).Exec(`UPDATE accounts SET password_hash = ? WHERE id = ? AND deleted_at IS NULL`, hash, accountID)
	return oneRow(res, "set password of %s", accountID)
}

// AccountsByEmail returns the live accounts whose userName or one of whose
// addresses is email, case-insensitively (emails need not be unique).
func (s *Store) AccountsByEmail(ctx context.Context, email string) ([]*Account, error) {
	var out []*Account
	err := s.q(ctx).Raw(`SELECT * FROM accounts a WHERE a.deleted_at IS NULL AND (
		lower(a.user_name) = lower(?) OR lower(a.email) = lower(?) OR EXISTS (
		SELECT 1 FROM account_emails e WHERE e.account_id = a.id AND lower(e.value) = lower(?)))
		ORDER BY a.created_at, a.id`, email, email, email).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: accounts by email: %w", mapErr(err))
	}
	return out, nil
}
