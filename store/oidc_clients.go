package store

import (
	"context"
	"fmt"
)

// CreateOIDCClient inserts c; ID and timestamps are set here when empty.
func (s *Store) CreateOIDCClient(ctx context.Context, c *OIDCClient) error {
	if c.ID == "" {
		c.ID = NewID()
	}
	if c.RedirectURIs == "" {
		c.RedirectURIs = "[]"
	}
	if c.PostLogoutURIs == "" {
		c.PostLogoutURIs = "[]"
	}
	now := Now()
	c.CreatedAt, c.UpdatedAt = now, now
	if err := s.q(ctx).Create(c).Error; err != nil {
		return fmt.Errorf("store: create oidc client %q: %w", c.Name, mapErr(err))
	}
	return nil
}

// OIDCClientByID returns a registered client (disabled ones too).
func (s *Store) OIDCClientByID(ctx context.Context, id string) (*OIDCClient, error) {
	return takeByID[OIDCClient](ctx, s, id, "oidc client")
}

// OIDCClients lists every registered client by name.
func (s *Store) OIDCClients(ctx context.Context) ([]OIDCClient, error) {
	return findAll[OIDCClient](s.q(ctx), "lower(name), id", "oidc clients")
}

// UpdateOIDCClient reads client id, lets fn change it, and saves it.
func (s *Store) UpdateOIDCClient(ctx context.Context, id string, fn func(c *OIDCClient) error) (*OIDCClient, error) {
	return updateByID(ctx, s, id, "oidc client", fn, func(c *OIDCClient) { c.ID, c.UpdatedAt = id, Now() })
}

// DeleteOIDCClient removes a client with its auth requests and tokens.
func (s *Store) DeleteOIDCClient(ctx context.Context, id string) error {
	return oneRow(s.q(ctx).Exec("DELETE FROM oidc_clients WHERE id = ?", id), "delete oidc client %s", id)
}
