package ldaptest

import (
	"fmt"
	"time"

	"github.com/go-ldap/ldap/v3"
)

// The accounts of the test directory (setup-slapd.sh, gen-ldif.py).
const (
	Suffix        = "dc=example,dc=org"
	People        = "ou=people," + Suffix
	Groups        = "ou=groups," + Suffix
	AdminDN       = "cn=admin," + Suffix
	AdminPassword = "secret"
	SyncDN        = "cn=syncbot,ou=services," + Suffix
	SyncPassword  = "syncpw"
)

// ChangePhones gives the first n inetOrgPersons under base a new, unique
// telephoneNumber through c (bound as the admin): the 100 changes the LDAP
// benchmarks make before an incremental run.
func ChangePhones(c *ldap.Conn, base string, n int) error {
	req := ldap.NewSearchRequest(base, ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, n, 0, false,
		"(objectClass=inetOrgPerson)", []string{"1.1"}, nil)
	res, err := c.Search(req)
	if err != nil && !ldap.IsErrorWithCode(err, ldap.LDAPResultSizeLimitExceeded) {
		return fmt.Errorf("ldaptest: search %s: %w", base, err)
	}
	if res == nil || len(res.Entries) < n {
		return fmt.Errorf("ldaptest: found fewer than %d people under %s", n, base)
	}
	stamp := time.Now().UnixNano()
	for i, e := range res.Entries {
		m := ldap.NewModifyRequest(e.DN, nil)
		m.Replace("telephoneNumber", []string{fmt.Sprintf("+9 %d %d", stamp, i)})
		if err := c.Modify(m); err != nil {
			return fmt.Errorf("ldaptest: modify %s: %w", e.DN, err)
		}
	}
	return nil
}
