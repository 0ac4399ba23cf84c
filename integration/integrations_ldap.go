package integration

import (
	"context"
	"errors"

	"github.com/provisiond/provisiond/directory"
	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/store"
)

// LDAPInput is a change to an LDAP integration's settings.
type LDAPInput struct {
	// Config holds every key, as the --ldap-config file has them; nil keeps
	// the stored ones.
	Config *ldapsync.Config
	// BindPassword is the password itself: stored sealed, never returned;
	// nil keeps the stored one where the rules allow.
	BindPassword *string
	// ByOperator is true for the CLI, fed from the operator's own files and
	// flags, which may name any file or environment variable. Otherwise the
	// admin's rules hold (directory.ByAdmin): files and variables only from
	// the operator's allow-list, the password again when url, bind DN or
	// TLS settings change.
	ByOperator bool
}

// applyLDAP applies p to in and returns the audit details of a credential
// change (nil when none). Refusals are *store.InvalidError.
func (s *Service) applyLDAP(p *LDAPInput, in *store.Integration, changes map[string]any) (map[string]any, error) {
	if p == nil {
		return nil, nil
	}
	if in.Kind != "ldap" {
		return nil, invalid("ldapConfig", "only LDAP integrations have LDAP settings")
	}
	by := directory.ByAdmin
	if p.ByOperator {
		by = directory.ByOperator
	}
	cred, err := s.Directory.SetSettings(in, directory.Settings{Config: p.Config, BindPassword: p.BindPassword}, by)
	var refused *directory.InputError
	var bad *ldapsync.ValidationError
	switch {
	case errors.As(err, &refused):
		return nil, invalid(refused.Field, "%s", refused.Message)
	case errors.As(err, &bad):
		return nil, invalid("ldapConfig", "%s", bad.Error())
	case err != nil:
		return nil, err
	}
	if p.Config != nil {
		changes["ldapConfig"] = "updated"
	}
	if p.BindPassword != nil {
		changes["ldapBindPassword"] = "set" // never the password
	}
	return cred, nil
}

// auditLDAPCredentials records who changed where an integration's bind
// password goes or comes from (cred from applyLDAP; nothing when nil).
func auditLDAPCredentials(ctx context.Context, tx *store.Store, actor, id string, cred map[string]any) error {
	if cred == nil {
		return nil
	}
	return tx.Audit(ctx, actor, "integration.ldap_credentials_changed", "integration", id, cred)
}
