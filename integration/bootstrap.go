package integration

import (
	"context"
	"errors"
	"time"

	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// Bootstrap is what InstallBootstrapToken found or did.
type Bootstrap int

// The outcomes of InstallBootstrapToken.
const (
	BootstrapIgnored   Bootstrap = iota // other admin tokens exist: the variable is not needed
	BootstrapInstalled                  // installed now, as an owner token named "bootstrap"
	BootstrapPresent                    // installed before
	BootstrapRevoked                    // installed before and revoked: never installed again
)

// InstallBootstrapToken installs the operator's PROVISIOND_BOOTSTRAP_TOKEN
// as the first owner token, audited, when no admin token is active. A
// revoked one is never installed again (revokedAt says when it was). Only
// its hash is stored.
func (s *Service) InstallBootstrapToken(ctx context.Context, tok string) (Bootstrap, time.Time, error) {
	out, revokedAt := BootstrapIgnored, time.Time{}
	hash := secret.TokenHash(tok)
	err := s.write(ctx, "bootstrap token", func(tx *store.Store) error {
		switch t, err := tx.AdminTokenRecord(ctx, hash); {
		case err == nil && t.RevokedAt != nil:
			out, revokedAt = BootstrapRevoked, *t.RevokedAt
			return nil
		case err == nil:
			out = BootstrapPresent
			return nil
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		n, err := tx.CountActiveAdminTokens(ctx)
		if err != nil || n > 0 {
			return err
		}
		t := &store.AdminToken{Name: "bootstrap", Role: "owner", TokenHash: hash, CreatedAt: store.Now()}
		if err := tx.CreateAdminToken(ctx, t); err != nil {
			return err
		}
		out = BootstrapInstalled
		return tx.Audit(ctx, "system", "admin_token.created", "admin_token", t.ID, map[string]any{"name": "bootstrap"})
	})
	return out, revokedAt, err
}
