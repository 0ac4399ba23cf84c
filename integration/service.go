package integration

import (
	"github.com/provisiond/provisiond/directory"
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
}

// invalid is a refused field, safe to show.
func invalid(field, format string, args ...any) error {
	return store.Invalid(field, format, args...)
}
