package store

import (
	"context"
	"fmt"
)

// CreateOIDCToken inserts t; ID and creation time are set here when empty.
func (s *Store) CreateOIDCToken(ctx context.Context, t *OIDCToken) error {
	if t.ID == "" {
		t.ID = NewID()
	}
	if t.FamilyID == "" {
		t.FamilyID = t.ID
	}
	t.CreatedAt = Now()
	if err := s.q(ctx).Create(t).Error; err != nil {
		return fmt.Errorf("store: create %s token: %w", t.Kind, mapErr(err))
	}
	return nil
}

// OIDCTokenByID returns a token that has not expired nor been revoked.
func (s *Store) OIDCTokenByID(ctx context.Context, id string) (*OIDCToken, error) {
	return take[OIDCToken](s.q(ctx).Where("id = ? AND expires_at > ?", id, Now()), "token")
}

// RefreshTokenByHMAC returns the live refresh token whose value has that HMAC.
func (s *Store) RefreshTokenByHMAC(ctx context.Context, h string) (*OIDCToken, error) {
	return take[OIDCToken](s.q(ctx).Where("token_hmac = ? AND kind = ? AND expires_at > ?", h, TokenRefresh, Now()), "refresh token")
}

// RevokeOIDCToken deletes token id and, for a refresh token, the access
// tokens issued with it. It reports whether the token still existed, so
// that a refresh token is rotated once only.
func (s *Store) RevokeOIDCToken(ctx context.Context, id string) (bool, error) {
	var gone int64
	err := s.Tx(ctx, func(tx *Store) error {
		res := tx.q(ctx).Exec("DELETE FROM oidc_tokens WHERE id = ?", id)
		if res.Error != nil {
			return mapErr(res.Error)
		}
		gone = res.RowsAffected
		return mapErr(tx.q(ctx).Exec("DELETE FROM oidc_tokens WHERE refresh_id = ?", id).Error)
	})
	if err != nil {
		return false, fmt.Errorf("store: revoke token: %w", err)
	}
	return gone > 0, nil
}

// RevokeAccountTokens ends every session of an account (all clients, or
// clientID's only), returning how many tokens were deleted.
func (s *Store) RevokeAccountTokens(ctx context.Context, accountID, clientID string) (int64, error) {
	q := s.q(ctx).Where("account_id = ?", accountID)
	if clientID != "" {
		q = q.Where("client_id = ?", clientID)
	}
	res := q.Delete(&OIDCToken{})
	if res.Error != nil {
		return 0, fmt.Errorf("store: revoke tokens of account %s: %w", accountID, mapErr(res.Error))
	}
	return res.RowsAffected, nil
}

// RevokeTokenFamily deletes every token of grant familyID and returns the
// account they belonged to ("" when there was none): a refresh token
// presented after it was rotated means that someone else holds a copy,
// and the grant is no longer trusted.
func (s *Store) RevokeTokenFamily(ctx context.Context, familyID string) (string, error) {
	var accounts []string
	err := s.q(ctx).Raw("DELETE FROM oidc_tokens WHERE family_id = ? RETURNING account_id", familyID).Find(&accounts).Error
	if err != nil {
		return "", fmt.Errorf("store: revoke token family: %w", mapErr(err))
	}
	if len(accounts) == 0 {
		return "", nil
	}
	return accounts[0], nil
}

// EndSignInSessions ends everything accounts signed in with: their access
// and refresh tokens on every client, and their authorization requests
// (a completed sign-in whose code is not exchanged yet). It returns how
// many rows went. account/ calls it in the transaction that suspends or
// deletes an account; signin/ when a password changes.
func (s *Store) EndSignInSessions(ctx context.Context, accountIDs ...string) (int64, error) {
	if len(accountIDs) == 0 {
		return 0, nil
	}
	var n int64
	for _, q := range []string{
		"DELETE FROM oidc_tokens WHERE account_id IN ?",
		"DELETE FROM oidc_auth_requests WHERE account_id IN ?",
	} {
		res := s.q(ctx).Exec(q, accountIDs)
		if res.Error != nil {
			return n, fmt.Errorf("store: end sign-in sessions: %w", mapErr(res.Error))
		}
		n += res.RowsAffected
	}
	return n, nil
}
