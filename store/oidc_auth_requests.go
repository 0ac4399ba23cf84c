package store

import (
	"context"
	"fmt"
	"time"
)

// CreateAuthRequest inserts r; ID and creation time are set here when empty.
// signin/ stores a request once someone signed in (AccountID set): before
// that it lives sealed in its id, so strangers cannot add rows.
func (s *Store) CreateAuthRequest(ctx context.Context, r *AuthRequest) error {
	if r.ID == "" {
		r.ID = NewID()
	}
	r.CreatedAt = Now()
	return s.insert(ctx, r, "auth request")
}

// AuthRequestByID returns an auth request that has not expired.
func (s *Store) AuthRequestByID(ctx context.Context, id string) (*AuthRequest, error) {
	return take[AuthRequest](s.q(ctx).Where("id = ? AND expires_at > ?", id, Now()), "auth request")
}

// SetAuthCode stores the HMAC of the code issued for request id.
func (s *Store) SetAuthCode(ctx context.Context, id, codeHMAC string) error {
	res := s.q(ctx).Exec(`UPDATE oidc_auth_requests SET code_hmac = ?
		WHERE id = ? AND code_hmac IS NULL AND account_id IS NOT NULL`, codeHMAC, id)
	return oneRow(res, "save auth code")
}

// UseAuthCode consumes an authorization code, atomically: a code replayed,
// even concurrently, finds nothing (ErrNotFound).
func (s *Store) UseAuthCode(ctx context.Context, codeHMAC string) (*AuthRequest, error) {
	var out *AuthRequest
	err := s.Tx(ctx, func(tx *Store) error {
		now := Now()
		res := tx.q(ctx).Exec(`UPDATE oidc_auth_requests SET code_used_at = ?
			WHERE code_hmac = ? AND code_used_at IS NULL AND expires_at > ?`, now, codeHMAC, now)
		if err := oneRow(res, "use auth code"); err != nil {
			return err
		}
		var r AuthRequest
		if err := tx.q(ctx).Where("code_hmac = ?", codeHMAC).Take(&r).Error; err != nil {
			return fmt.Errorf("store: use auth code: %w", mapErr(err))
		}
		out = &r
		return nil
	})
	return out, err
}

// UsedAuthCodeRequest returns the request whose code, codeHMAC, was already
// exchanged (ErrNotFound if there is none): a replayed code.
func (s *Store) UsedAuthCodeRequest(ctx context.Context, codeHMAC string) (*AuthRequest, error) {
	return take[AuthRequest](s.q(ctx).Where("code_hmac = ? AND code_used_at IS NOT NULL", codeHMAC), "used auth code")
}

// DeleteAuthRequest removes request id (done or abandoned). A request whose
// code was exchanged stays until it expires (PurgeSignIn), so that a replay
// of its code is recognised (UsedAuthCodeRequest); it can never give a code
// again (SetAuthCode, UseAuthCode).
func (s *Store) DeleteAuthRequest(ctx context.Context, id string) error {
	if err := s.q(ctx).Exec("DELETE FROM oidc_auth_requests WHERE id = ? AND code_used_at IS NULL", id).Error; err != nil {
		return fmt.Errorf("store: delete auth request: %w", mapErr(err))
	}
	return nil
}

// PurgeSignIn deletes expired auth requests, tokens and reset tokens, for
// the maintenance job.
func (s *Store) PurgeSignIn(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	for _, q := range []string{
		"DELETE FROM oidc_auth_requests WHERE expires_at < ?",
		"DELETE FROM oidc_tokens WHERE expires_at < ?",
		"DELETE FROM password_resets WHERE expires_at < ?",
	} {
		res := s.q(ctx).Exec(q, before.UTC())
		if res.Error != nil {
			return n, fmt.Errorf("store: purge sign-in: %w", mapErr(res.Error))
		}
		n += res.RowsAffected
	}
	return n, nil
}
