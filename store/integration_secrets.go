package store

import (
	"context"
	"fmt"
	"time"
)

// IntegrationSecret is one OAuth 2.0 client secret of a SCIM integration
// (the client credentials grant, signin/client_credentials.go): SHA-256
// only, with a display prefix. It is valid while RetiredAt is nil and
// ExpiresAt, set when a newer secret replaces it, is nil or later than now.
type IntegrationSecret struct {
	ID            string `gorm:"primaryKey"`
	IntegrationID string
	SecretHash    string
	Prefix        string
	CreatedAt     time.Time
	ExpiresAt     *time.Time // retired automatically then (rotation overlap)
	RetiredAt     *time.Time // retired by an admin, or recorded once ExpiresAt passed
	LastUsedAt    *time.Time // last token minted with it
}

// TableName pins the table.
func (IntegrationSecret) TableName() string { return "integration_secrets" }

// Valid reports whether the secret may still mint tokens at now.
func (c *IntegrationSecret) Valid(now time.Time) bool {
	return c.RetiredAt == nil && (c.ExpiresAt == nil || c.ExpiresAt.After(now))
}

// CreateIntegrationSecret inserts c; ID and CreatedAt are set here when empty.
func (s *Store) CreateIntegrationSecret(ctx context.Context, c *IntegrationSecret) error {
	if c.ID == "" {
		c.ID = NewID()
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = Now()
	}
	return s.insert(ctx, c, "integration secret")
}

// IntegrationSecrets lists the client secrets of an integration, retired
// ones too, newest first. Inside a transaction the integration's row is
// locked first (PostgreSQL), so that concurrent rotations take turns.
func (s *Store) IntegrationSecrets(ctx context.Context, integrationID string) ([]IntegrationSecret, error) {
	if s.inTx {
		if _, err := s.lockIntegration(ctx, integrationID); err != nil {
			return nil, err
		}
	}
	out := []IntegrationSecret{}
	err := s.q(ctx).Where("integration_id = ?", integrationID).Order("created_at DESC, id DESC").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: integration secrets: %w", mapErr(err))
	}
	return out, nil
}

// ExpireIntegrationSecrets makes every secret of an integration still
// valid at at expire then (or earlier when it already expires sooner);
// it returns how many changed.
func (s *Store) ExpireIntegrationSecrets(ctx context.Context, integrationID string, at time.Time) (int64, error) {
	res := s.q(ctx).Exec(`UPDATE integration_secrets SET expires_at = ?
		WHERE integration_id = ? AND retired_at IS NULL AND (expires_at IS NULL OR expires_at > ?)`,
		at.UTC(), integrationID, at.UTC())
	if res.Error != nil {
		return 0, fmt.Errorf("store: expire integration secrets: %w", mapErr(res.Error))
	}
	return res.RowsAffected, nil
}

// RetireIntegrationSecret retires secret id of an integration at now;
// ErrNotFound when it is not that integration's or already retired.
func (s *Store) RetireIntegrationSecret(ctx context.Context, integrationID, id string, now time.Time) error {
	res := s.q(ctx).Exec(`UPDATE integration_secrets SET retired_at = ?
		WHERE id = ? AND integration_id = ? AND retired_at IS NULL`, now.UTC(), id, integrationID)
	if res.Error != nil {
		return fmt.Errorf("store: retire integration secret: %w", mapErr(res.Error))
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}

// TouchIntegrationSecret records that secret id minted a token at now.
func (s *Store) TouchIntegrationSecret(ctx context.Context, id string, now time.Time) error {
	err := s.q(ctx).Exec("UPDATE integration_secrets SET last_used_at = ? WHERE id = ?", now.UTC(), id).Error
	if err != nil {
		return fmt.Errorf("store: touch integration secret: %w", mapErr(err))
	}
	return nil
}

// LapsedIntegrationSecrets returns the secrets whose expiry has passed at
// now but that are not yet recorded as retired (the maintenance job
// records and audits them).
func (s *Store) LapsedIntegrationSecrets(ctx context.Context, now time.Time) ([]IntegrationSecret, error) {
	out := []IntegrationSecret{}
	err := s.q(ctx).Where("retired_at IS NULL AND expires_at IS NOT NULL AND expires_at <= ?", now.UTC()).
		Order("expires_at, id").Limit(1000).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: lapsed integration secrets: %w", mapErr(err))
	}
	return out, nil
}
