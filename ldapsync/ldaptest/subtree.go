package ldaptest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/go-ldap/ldap/v3"
)

// PrivateSubtree creates ou=<random> under Suffix of the test directory at
// url, with n inetOrgPersons in its ou=people (uid p00000, mail
// p00000@example.org, ...) and an empty ou=groups, and deletes it all at
// the test's cleanup. It returns the subtree's DN. Tests that change
// entries work there, so that the directory's shared people stay as
// gen-ldif.py made them.
func PrivateSubtree(t testing.TB, url string, n int) string {
	t.Helper()
	c, err := ldap.DialURL(url)
	if err != nil {
		t.Fatalf("ldaptest: dial %s: %v", url, err)
	}
	if err := c.Bind(AdminDN, AdminPassword); err != nil {
		c.Close()
		t.Fatalf("ldaptest: admin bind: %v", err)
	}
	t.Cleanup(func() { c.Close() }) // after Subtree's cleanup, which uses c
	ou := Subtree(t, c)
	for i := range n {
		uid := fmt.Sprintf("p%05d", i)
		Add(t, c, "uid="+uid+",ou=people,"+ou, map[string][]string{
			"objectClass": {"inetOrgPerson"}, "uid": {uid}, "cn": {"Person " + uid}, "sn": {uid},
			"givenName": {"Person"}, "mail": {uid + "@example.org"}, "telephoneNumber": {"+1 555 0100"},
		})
	}
	return ou
}

// DeleteTree deletes base and everything under it, deepest entries first;
// it logs what it cannot delete (it also runs from cleanups).
func DeleteTree(t testing.TB, c *ldap.Conn, base string) {
	t.Helper()
	// ManageDsaIT: referral objects are entries to delete, not referrals to follow.
	manage := []ldap.Control{ldap.NewControlManageDsaIT(true)}
	res, err := c.SearchWithPaging(ldap.NewSearchRequest(base, ldap.ScopeWholeSubtree, ldap.NeverDerefAliases,
		0, 0, false, "(objectClass=*)", []string{"1.1"}, manage), 500)
	if err != nil {
		t.Logf("ldaptest: cleanup %s: %v", base, err)
		return
	}
	dns := make([]string, 0, len(res.Entries))
	for _, e := range res.Entries {
		dns = append(dns, e.DN)
	}
	slices.SortFunc(dns, func(a, b string) int { return len(b) - len(a) }) // a child's DN is longer
	for _, dn := range dns {
		if err := c.Del(ldap.NewDelRequest(dn, manage)); err != nil {
			t.Logf("ldaptest: cleanup delete %s: %v", dn, err)
		}
	}
}
