package store

import (
	"context"
)

// AccessCodeByHMAC returns the access code whose HMAC is h, whatever its state.
func (s *Store) AccessCodeByHMAC(ctx context.Context, h string) (*AccessCode, error) {
	return take[AccessCode](s.q(ctx).Where("code_hmac = ?", h), "access code by hmac")
}

// ConsumeAccessCode marks a live, unexpired access code used; ErrNotFound when
// it was used, revoked or expired meanwhile (the single-use guard).
func (s *Store) ConsumeAccessCode(ctx context.Context, id string) error {
	now := Now()
	res := s.q(ctx).Exec(`UPDATE access_codes SET used_at = ?
		WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?`, now, id, now)
	return oneRow(res, "consume access code %s", id)
}
