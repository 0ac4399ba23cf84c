package store

import (
	"context"
	"fmt"
	"time"
)

// CreateSigningKey inserts k.
func (s *Store) CreateSigningKey(ctx context.Context, k *SigningKey) error {
	return s.insert(ctx, k, "signing key")
}

// SigningKeys returns the keys still published at now, newest first.
func (s *Store) SigningKeys(ctx context.Context, now time.Time) ([]SigningKey, error) {
	var out []SigningKey
	err := s.q(ctx).Where("expires_at > ?", now.UTC()).Order("created_at DESC, id DESC").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: signing keys: %w", mapErr(err))
	}
	return out, nil
}

// PurgeSigningKeys deletes keys no longer published before before.
func (s *Store) PurgeSigningKeys(ctx context.Context, before time.Time) (int64, error) {
	res := s.q(ctx).Exec("DELETE FROM oidc_signing_keys WHERE expires_at < ?", before.UTC())
	if res.Error != nil {
		return 0, fmt.Errorf("store: purge signing keys: %w", mapErr(res.Error))
	}
	return res.RowsAffected, nil
}
