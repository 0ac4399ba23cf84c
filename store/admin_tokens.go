package store

import (
	"context"
	"fmt"
)

// AdminTokens lists every admin API token, revoked ones included, oldest first.
func (s *Store) AdminTokens(ctx context.Context) ([]AdminToken, error) {
	return findAll[AdminToken](s.q(ctx), "created_at, id", "admin tokens")
}

// RevokeAdminTokens revokes the active admin tokens whose id or name is ref
// and returns them, writing an admin_token.revoked audit event for each by
// actor, in one transaction. The rows stay, marked revoked: a revocation
// outlives restarts (serve never installs a revoked bootstrap token again).
// ErrNotFound when no token, active or not, has that id or name; an empty
// list when they were all revoked already.
func (s *Store) RevokeAdminTokens(ctx context.Context, ref, actor string) ([]AdminToken, error) {
	var revoked []AdminToken
	err := s.Tx(ctx, func(tx *Store) error {
		var all []AdminToken
		if err := tx.q(ctx).Where("id = ? OR name = ?", ref, ref).Find(&all).Error; err != nil {
			return mapErr(err)
		}
		if len(all) == 0 {
			return ErrNotFound
		}
		now := Now()
		for _, t := range all {
			if t.RevokedAt != nil {
				continue
			}
			res := tx.q(ctx).Model(&AdminToken{}).Where("id = ? AND revoked_at IS NULL", t.ID).Update("revoked_at", now)
			if res.Error != nil {
				return mapErr(res.Error)
			}
			if res.RowsAffected != 1 {
				continue
			}
			t.RevokedAt = &now
			revoked = append(revoked, t)
			if err := tx.Audit(ctx, actor, "admin_token.revoked", "admin_token", t.ID, map[string]any{"name": t.Name, "role": t.Role}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: revoke admin token %q: %w", ref, err)
	}
	return revoked, nil
}
