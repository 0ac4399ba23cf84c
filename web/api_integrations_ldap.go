package web

import (
	"github.com/provisiond/provisiond/directory"
	"github.com/provisiond/provisiond/store"
)

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
