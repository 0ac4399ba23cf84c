package config

import (
	"path/filepath"
	"regexp"
	"strings"
)

var envPrefix = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// validateLDAPAllowList checks what the admin API may name in LDAP
// settings. The prefix must not reach provisiond's own variables (the
// secret key, the bootstrap token...), whatever the operator meant.
func (c *Config) validateLDAPAllowList(bad func(yamlKey, format string, args ...any)) {
	if d := c.LDAPFilesDir; d != "" && (!filepath.IsAbs(d) || filepath.Clean(d) == "/") {
		bad("ldapFilesDir", "%q must be an absolute directory other than /, holding only LDAP secrets", d)
	}
	p := c.LDAPEnvPrefix
	if p == "" {
		return
	}
	if !envPrefix.MatchString(p) {
		bad("ldapEnvPrefix", "%q is not the start of an environment variable name (letters, digits, _)", p)
		return
	}
	for _, s := range Settings() {
		if strings.HasPrefix(s.Env, p) || strings.HasPrefix(s.Env+"_FILE", p) {
			bad("ldapEnvPrefix", "%q would let admins read %s: choose a prefix for LDAP secrets only, such as LDAP_BIND_", p, s.Env)
			return
		}
	}
}
