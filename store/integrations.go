package store

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// MaxInviteDelay bounds an integration's invite delay, from the API and the
// CLI alike: a week is already far more than an IdP needs to finish its
// group pushes.
const MaxInviteDelay = 7 * 24 * time.Hour

// NewID returns a fresh time-ordered UUID (v7) for a row.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// CreateIntegration inserts in. ID and timestamps are set here.
func (s *Store) CreateIntegration(ctx context.Context, in *Integration) error {
	if in.ID == "" {
		in.ID = NewID()
	}
	if in.DeliveryMethod == "" {
		in.DeliveryMethod = "link"
	}
	if in.Permissions == "" {
		// New integrations may do everything (permission/); an admin narrows
		// the set afterwards. Same list as permission.All.
		in.Permissions = "accounts:read accounts:write accounts:deactivate groups:read groups:write"
	}
	if err := s.q(ctx).Create(in).Error; err != nil {
		return fmt.Errorf("store: create integration %q: %w", in.Name, mapErr(err))
	}
	return nil
}

// IntegrationByName finds an integration by name, case-insensitively.
func (s *Store) IntegrationByName(ctx context.Context, name string) (*Integration, error) {
	return take[Integration](s.q(ctx).Where("lower(name) = lower(?)", name), "integration %q", name)
}

// IntegrationByID finds an integration by id.
func (s *Store) IntegrationByID(ctx context.Context, id string) (*Integration, error) {
	return takeByID[Integration](ctx, s, id, "integration")
}

// IntegrationByRef finds an integration by id or, failing that, by name.
func (s *Store) IntegrationByRef(ctx context.Context, ref string) (*Integration, error) {
	in, err := s.IntegrationByID(ctx, ref)
	if err == nil {
		return in, nil
	}
	return s.IntegrationByName(ctx, ref)
}

// IntegrationByTokenHash finds the enabled integration whose SCIM token
// hashes to hash: on PostgreSQL from a cache that every integration change
// flushes on every replica (token_cache.go), on SQLite from a reader
// connection.
func (s *Store) IntegrationByTokenHash(ctx context.Context, hash string) (*Integration, error) {
	var gen uint64
	if s.tokens != nil && !s.inTx {
		if in, ok := s.tokens.get(hash); ok {
			return in, nil
		}
		gen = s.tokens.begin(s)
	}
	changes, counted := int64(0), false
	if s.changes != nil && !s.inTx {
		n, err := s.integrationChanges(ctx)
		if err != nil {
			return nil, err
		}
		if in, ok := s.changes.get(hash, n); ok {
			return in, nil
		}
		changes, counted = n, true
	}
	var in Integration
	err := s.read(ctx).Where("token_hash = ? AND NOT disabled", hash).Take(&in).Error
	if err != nil {
		return nil, fmt.Errorf("store: integration by token: %w", mapErr(err))
	}
	if s.tokens != nil && !s.inTx {
		s.tokens.put(gen, hash, &in)
	}
	if counted {
		s.changes.put(hash, &in, changes)
	}
	return &in, nil
}

// Integrations lists every integration by name.
func (s *Store) Integrations(ctx context.Context) ([]Integration, error) {
	return findAll[Integration](s.q(ctx), "lower(name)", "integrations")
}

// UpdateIntegration reads the integration, lets fn change it and saves it, in
// one transaction.
func (s *Store) UpdateIntegration(ctx context.Context, id string, fn func(*Integration) error) (*Integration, error) {
	var out *Integration
	err := s.Tx(ctx, func(tx *Store) error {
		in, err := tx.lockIntegration(ctx, id)
		if err != nil {
			return err
		}
		if err := fn(in); err != nil {
			return err
		}
		in.UpdatedAt = Now()
		if err := tx.q(ctx).Save(in).Error; err != nil {
			return fmt.Errorf("store: update integration %q: %w", in.Name, mapErr(err))
		}
		if err := tx.integrationsChanged(ctx); err != nil {
			return err
		}
		out = in
		return nil
	})
	return out, err
}

func (s *Store) lockIntegration(ctx context.Context, id string) (*Integration, error) {
	q := s.q(ctx).Where("id = ?", id)
	return take[Integration](s.locked(q), "integration %s", id)
}

// DeleteIntegration removes an integration; its accounts keep existing
// without a source, and its held changes go with it (so do their accounts'
// holds: source_view.go).
func (s *Store) DeleteIntegration(ctx context.Context, id string) error {
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.q(ctx).Exec("UPDATE accounts SET integration_id = NULL, held = '' WHERE integration_id = ?", id).Error; err != nil {
			return mapErr(err)
		}
		if err := tx.orphanGroups(ctx, id); err != nil {
			return err
		}
		if err := oneRow(tx.q(ctx).Exec("DELETE FROM integrations WHERE id = ?", id), "delete integration"); err != nil {
			return err
		}
		return tx.integrationsChanged(ctx)
	})
}
