package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/provisiond/provisiond/ldapsync"
)

// ldapFlags are integration create's LDAP flags: a --ldap-config YAML file
// (the LDAP issue's keys at its top level) and flags for the common keys,
// which override the file.
type ldapFlags struct {
	configFile, url, bindDN, bindPasswordFile, baseDN *string
}

func addLDAPFlags(fs *flag.FlagSet) ldapFlags {
	return ldapFlags{
		configFile:       fs.String("ldap-config", "", "LDAP settings YAML file"),
		url:              fs.String("ldap-url", "", "ldap://host:389 or ldaps://host:636"),
		bindDN:           fs.String("ldap-bind-dn", "", "DN to bind as"),
		bindPasswordFile: fs.String("ldap-bind-password-file", "", "file holding the bind password (read at each sync, never stored)"),
		baseDN:           fs.String("ldap-base-dn", "", "where the users are (users.baseDN)"),
	}
}

func (f ldapFlags) given() bool {
	return *f.configFile != "" || *f.url != "" || *f.bindDN != "" || *f.bindPasswordFile != "" || *f.baseDN != ""
}

// load builds and validates the LDAP settings, with file paths made
// absolute, since serve may run from another directory. The stored JSON
// (directory.Service.SetSettings) holds the settings as given, defaults
// being applied at each run, and never a password.
func (f ldapFlags) load() (ldapsync.Config, error) {
	var c ldapsync.Config
	if *f.configFile != "" {
		b, err := os.ReadFile(*f.configFile)
		if err != nil {
			return c, fmt.Errorf("--ldap-config: %w", err)
		}
		if c, err = ldapsync.ParseConfig(b); err != nil {
			return c, fmt.Errorf("--ldap-config %s: %w", *f.configFile, err)
		}
	}
	for dst, v := range map[*string]string{&c.URL: *f.url, &c.BindDN: *f.bindDN,
		&c.BindPasswordFile: *f.bindPasswordFile, &c.Users.BaseDN: *f.baseDN} {
		if v != "" {
			*dst = v
		}
	}
	for _, p := range []*string{&c.BindPasswordFile, &c.CAFile} {
		if *p != "" {
			if abs, err := filepath.Abs(*p); err == nil {
				*p = abs
			}
		}
	}
	_, err := c.Stored()
	return c, err
}
