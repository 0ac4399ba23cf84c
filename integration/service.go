package integration

import (
	"context"
	"fmt"

	"github.com/provisiond/provisiond/directory"
	"github.com/provisiond/provisiond/egress"
	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/store"
)

// Service writes integrations, console admins and OIDC clients, each change
// validated and audited in one transaction.
type Service struct {
	Store *store.Store
	// Directory applies an LDAP integration's settings (its rules on files,
	// environment variables and the sealed bind password).
	Directory *directory.Service
	// Password is the policy of console admins' passwords.
	Password password.Policy
	// Egress is where an OIDC client's back-channel logout URI may point:
	// the zero value refuses every internal address (the operator's
	// webhookAllowedNetworks extends it).
	Egress egress.Policy
}

// invalid is a refused field, safe to show.
func invalid(field, format string, args ...any) error {
	return store.Invalid(field, format, args...)
}

// write runs fn in one transaction (the change and its audit event) and
// wraps its error with what was being done.
func (s *Service) write(ctx context.Context, what string, fn func(tx *store.Store) error) error {
	if err := s.Store.Tx(ctx, fn); err != nil {
		return fmt.Errorf("integration: %s: %w", what, err)
	}
	return nil
}
