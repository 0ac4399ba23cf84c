package web

import (
	"path/filepath"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/store"
)

// applyLDAP validates and stores an LDAP integration's settings. Every bad
// key is reported at once; the stored JSON never holds a password, only the
// file or variable the server reads it from, and paths must be absolute
// because they are read on the server, not where the admin typed them.
func (p integrationInput) applyLDAP(in *store.Integration, changes map[string]any) error {
	if p.LDAPConfig == nil {
		return nil
	}
	if in.Kind != "ldap" {
		return errInput{"ldapConfig", "only LDAP integrations have LDAP settings"}
	}
	c, err := ldapsync.ParseConfig([]byte(*p.LDAPConfig))
	if err != nil {
		return errInput{"ldapConfig", "not valid settings: unknown key or malformed YAML"}
	}
	for key, path := range map[string]string{"bindPasswordFile": c.BindPasswordFile, "caFile": c.CAFile} {
		if path != "" && !filepath.IsAbs(path) {
			return errInput{"ldapConfig", key + " must be an absolute path on the server"}
		}
	}
	js, err := c.Stored()
	if err != nil {
		return errInput{"ldapConfig", err.Error()}
	}
	in.LDAPConfig = &js
	changes["ldapConfig"] = "updated"
	return nil
}

// ldapConfigYAML renders an LDAP integration's stored settings for the
// console's editor ("" when there are none).
func ldapConfigYAML(in *store.Integration) string {
	c, err := account.LDAPConfigOf(in)
	if err != nil {
		return ""
	}
	y, err := c.YAML()
	if err != nil {
		return ""
	}
	return y
}
