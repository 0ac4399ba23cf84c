package integration

import (
	"context"
	"errors"
	"time"

	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// OAuthSecretPrefix marks a SCIM integration's OAuth 2.0 client secret
// (docs/scim-oauth.md) for secret scanners and admins.
const OAuthSecretPrefix = "pvo_"

// Rotation overlap: how long the secrets a new one replaces stay valid.
const (
	DefaultOAuthOverlap = 7 * 24 * time.Hour
	MaxOAuthOverlap     = 90 * 24 * time.Hour
	// MaxOAuthSecrets is how many secrets may be valid at once.
	MaxOAuthSecrets = 2
)

// CreateOAuthSecret gives SCIM integration id a new OAuth 2.0 client
// secret, returned this once (stored as SHA-256 only). When it already has
// one, this is a rotation: the secret still valid keeps working for
// overlap (0: DefaultOAuthOverlap), then is retired; an admin may retire it
// sooner (RetireOAuthSecret). With two valid secrets already, retire one
// first. Audited as integration.oauth_secret_created, or
// integration.oauth_secret_rotated with the replaced secrets' retiresAt.
func (s *Service) CreateOAuthSecret(ctx context.Context, actor, id string, overlap time.Duration) (*store.IntegrationSecret, string, error) {
	switch {
	case overlap == 0:
		overlap = DefaultOAuthOverlap
	case overlap < time.Minute || overlap > MaxOAuthOverlap:
		return nil, "", invalid("overlap", "must be between 1 minute and 90 days")
	}
	sec := secret.NewPrefixedToken(OAuthSecretPrefix)
	row := &store.IntegrationSecret{ID: store.NewID(), SecretHash: secret.TokenHash(sec), Prefix: sec[:8]}
	err := s.write(ctx, "create oauth secret of "+id, func(tx *store.Store) error {
		in, err := tx.IntegrationByID(ctx, id)
		if err != nil {
			return err
		}
		if in.Kind != "scim" {
			return invalid("kind", "only SCIM integrations have OAuth client secrets")
		}
		all, err := tx.IntegrationSecrets(ctx, id) // locks the integration's row
		if err != nil {
			return err
		}
		now := store.Now()
		valid := 0
		for i := range all {
			if all[i].Valid(now) {
				valid++
			}
		}
		if valid >= MaxOAuthSecrets {
			return invalid("secret", "two client secrets are valid: retire one first")
		}
		row.IntegrationID, row.CreatedAt = id, now
		details := map[string]any{"secretId": row.ID, "prefix": row.Prefix}
		action := "integration.oauth_secret_created"
		if valid > 0 {
			at := now.Add(overlap)
			if _, err := tx.ExpireIntegrationSecrets(ctx, id, at); err != nil {
				return err
			}
			action, details["retiresAt"] = "integration.oauth_secret_rotated", at
		}
		if err := tx.CreateIntegrationSecret(ctx, row); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, action, "integration", id, details)
	})
	if err != nil {
		return nil, "", err
	}
	return row, sec, nil
}

// RetireOAuthSecret retires one client secret of integration id at once:
// it mints no more tokens (those it minted live out their hour, unless the
// integration is disabled). Audited as integration.oauth_secret_retired.
func (s *Service) RetireOAuthSecret(ctx context.Context, actor, id, secretID string) error {
	return s.write(ctx, "retire oauth secret of "+id, func(tx *store.Store) error {
		if err := tx.RetireIntegrationSecret(ctx, id, secretID, store.Now()); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "integration.oauth_secret_retired", "integration", id,
			map[string]any{"secretId": secretID, "reason": "admin"})
	})
}

// OAuthSecrets lists the client secrets of integration id, newest first
// (hashes included: callers show Prefix and the dates only).
func (s *Service) OAuthSecrets(ctx context.Context, id string) ([]store.IntegrationSecret, error) {
	if _, err := s.Store.IntegrationByID(ctx, id); err != nil {
		return nil, err
	}
	return s.Store.IntegrationSecrets(ctx, id)
}

// RetireLapsedOAuthSecrets records the secrets whose overlap has ended as
// retired (they already stopped minting at their expiry) and audits each
// as integration.oauth_secret_retired, reason "overlap_ended", actor
// "system"; the maintenance job calls it. It returns how many it retired.
func (s *Service) RetireLapsedOAuthSecrets(ctx context.Context) (int, error) {
	now := store.Now()
	lapsed, err := s.Store.LapsedIntegrationSecrets(ctx, now)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, c := range lapsed {
		err := s.write(ctx, "retire lapsed oauth secret", func(tx *store.Store) error {
			if err := tx.RetireIntegrationSecret(ctx, c.IntegrationID, c.ID, *c.ExpiresAt); err != nil {
				return err
			}
			return tx.Audit(ctx, "system", "integration.oauth_secret_retired", "integration", c.IntegrationID,
				map[string]any{"secretId": c.ID, "reason": "overlap_ended"})
		})
		switch {
		case errors.Is(err, store.ErrNotFound): // retired meanwhile
		case err != nil:
			return n, err
		default:
			n++
		}
	}
	return n, nil
}
