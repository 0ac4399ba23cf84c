package web

import (
	"context"
	"errors"

	"github.com/provisiond/provisiond/directory"
	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/store"
)

// applyLDAP applies the LDAP fields of an API or console write as an
// admin's (directory/settings.go): files and environment variables only
// from the operator's allow-list, the password itself otherwise (stored
// sealed, never shown), and given again whenever url, bind DN or TLS
// settings change. It returns the audit details of a credential change.
func (s *Server) applyLDAP(p integrationInput, in *store.Integration, changes map[string]any) (map[string]any, error) {
	if p.LDAPConfig == nil && p.LDAPBindPassword == nil {
		return nil, nil
	}
	if in.Kind != "ldap" {
		return nil, errInput{"ldapConfig", "only LDAP integrations have LDAP settings"}
	}
	ch := directory.Settings{BindPassword: p.LDAPBindPassword}
	if p.LDAPConfig != nil {
		c, err := ldapsync.ParseConfig([]byte(*p.LDAPConfig))
		if err != nil {
			return nil, errInput{"ldapConfig", "not valid settings: unknown key or malformed YAML"}
		}
		ch.Config = &c
		changes["ldapConfig"] = "updated"
	}
	cred, err := s.Directory.SetSettings(in, ch, directory.ByAdmin)
	var refused *directory.InputError
	var invalid *ldapsync.ValidationError
	switch {
	case errors.As(err, &refused):
		return nil, errInput{refused.Field, refused.Message}
	case errors.As(err, &invalid):
		return nil, errInput{"ldapConfig", invalid.Error()}
	case err != nil:
		return nil, err
	}
	if p.LDAPBindPassword != nil {
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

// ldapConfigYAML renders an LDAP integration's stored settings for the
// console's editor ("" when there are none). It never holds the password.
func ldapConfigYAML(in *store.Integration) string {
	c, err := directory.ConfigOf(in)
	if err != nil {
		return ""
	}
	y, err := c.YAML()
	if err != nil {
		return ""
	}
	return y
}
