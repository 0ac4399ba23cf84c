package ldapsync

import (
	"fmt"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/go-ldap/ldap/v3"
)

// ValidationError lists every bad key of a Config, one problem per line.
type ValidationError struct{ Problems []string }

func (e *ValidationError) Error() string {
	return "ldapsync: invalid config:\n  " + strings.Join(e.Problems, "\n  ")
}

// attrName is an LDAP attribute description: a name or an OID, with options.
var attrName = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9-]*|[0-9]+(\.[0-9]+)+)(;[A-Za-z0-9-]+)*$`)

// Validate checks a Config after ApplyDefaults and reports every problem at
// once, as "key: problem", so an admin fixes a file in one pass.
func (c *Config) Validate() error {
	var p []string
	bad := func(key, format string, args ...any) { p = append(p, key+": "+fmt.Sprintf(format, args...)) }

	if c.URL == "" {
		bad("url", "required (ldap://host:389 or ldaps://host:636)")
	} else if u, err := url.Parse(c.URL); err != nil || (u.Scheme != "ldap" && u.Scheme != "ldaps") || u.Host == "" {
		bad("url", "must be ldap://host[:port] or ldaps://host[:port], got %q", c.URL)
	} else if u.Scheme == "ldaps" && c.StartTLS {
		bad("startTLS", "cannot be combined with an ldaps:// url (already TLS)")
	}
	switch {
	case c.CAFile != "" && c.CACertificate != "":
		bad("caCertificate", "set caFile or caCertificate, not both")
	case c.CAFile != "":
		if _, err := os.Stat(c.CAFile); err != nil {
			bad("caFile", "cannot read %q: %v", c.CAFile, err)
		}
	case c.CACertificate != "":
		if _, err := certPool([]byte(c.CACertificate), "caCertificate"); err != nil {
			bad("caCertificate", "no PEM certificate (-----BEGIN CERTIFICATE-----) found")
		}
	}
	checkDN(bad, "bindDN", c.BindDN, false)
	sources := 0
	for _, set := range []bool{c.BindPassword != "", c.BindPasswordFile != "", c.BindPasswordEnv != ""} {
		if set {
			sources++
		}
	}
	switch {
	case c.BindDN != "" && sources == 0:
		bad("bindPasswordFile", "bindDN needs a bind password: ldapBindPassword in the admin API or console, or bindPasswordFile / bindPasswordEnv in the operator's configuration")
	case sources > 1:
		bad("bindPasswordEnv", "give one bind password: the password itself, bindPasswordFile or bindPasswordEnv")
	case c.BindDN == "" && sources > 0:
		bad("bindDN", "required when a bind password is set")
	}
	checkDN(bad, "users.baseDN", c.Users.BaseDN, true)
	checkFilter(bad, "users.filter", c.Users.Filter)
	checkFilter(bad, "users.disabledFilter", c.Users.DisabledFilter)
	for _, k := range sortedKeys(c.Users.Attributes) {
		v := c.Users.Attributes[k]
		if !slices.Contains(Fields, k) {
			bad("users.attributes."+k, "unknown field (known: %s)", strings.Join(Fields, ", "))
			continue
		}
		for _, a := range strings.Split(v, "|") {
			if !attrName.MatchString(a) {
				bad("users.attributes."+k, "%q is not an LDAP attribute name", v)
				break
			}
		}
	}
	for _, k := range []string{FieldUserName, FieldExternalID} {
		if c.Users.Attributes[k] == "" {
			bad("users.attributes."+k, "required")
		}
	}
	if c.Groups.BaseDN != "" {
		checkDN(bad, "groups.baseDN", c.Groups.BaseDN, true)
		checkFilter(bad, "groups.filter", c.Groups.Filter)
		if !attrName.MatchString(c.Groups.MemberAttribute) {
			bad("groups.memberAttribute", "%q is not an LDAP attribute name", c.Groups.MemberAttribute)
		}
	}
	if c.Interval < 0 || (c.Interval > 0 && c.Interval < time.Minute) {
		bad("interval", "must be 0 (no schedule) or at least 1m, got %s", c.Interval)
	}
	if m := c.MaxDeactivate(); m < 0 || m > 100 {
		bad("maxDeactivatePercent", "must be between 0 and 100, got %g", m)
	}
	if len(p) > 0 {
		return &ValidationError{Problems: p}
	}
	return nil
}

func checkDN(bad func(string, string, ...any), key, dn string, required bool) {
	if dn == "" {
		if required {
			bad(key, "required")
		}
		return
	}
	if _, err := ldap.ParseDN(dn); err != nil {
		bad(key, "not a DN: %v", err)
	}
}

func checkFilter(bad func(string, string, ...any), key, f string) {
	if f == "" {
		bad(key, "required")
		return
	}
	if _, err := ldap.CompileFilter(f); err != nil {
		bad(key, "not an LDAP filter: %v", err)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
