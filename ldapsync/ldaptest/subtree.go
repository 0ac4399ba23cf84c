package ldaptest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"maps"
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
	b := make([]byte, 4)
	rand.Read(b)
	name := "t" + hex.EncodeToString(b)
	ou := "ou=" + name + "," + Suffix
	t.Cleanup(func() { deleteTree(c, ou); c.Close() })
	add := func(dn string, attrs map[string][]string) {
		r := ldap.NewAddRequest(dn, nil)
		for _, k := range slices.Sorted(maps.Keys(attrs)) {
			r.Attribute(k, attrs[k])
		}
		if err := c.Add(r); err != nil {
			t.Fatalf("ldaptest: add %s: %v", dn, err)
		}
	}
	add(ou, map[string][]string{"objectClass": {"organizationalUnit"}, "ou": {name}})
	for _, sub := range []string{"people", "groups"} {
		add("ou="+sub+","+ou, map[string][]string{"objectClass": {"organizationalUnit"}, "ou": {sub}})
	}
	for i := range n {
		uid := fmt.Sprintf("p%05d", i)
		add("uid="+uid+",ou=people,"+ou, map[string][]string{
			"objectClass": {"inetOrgPerson"}, "uid": {uid}, "cn": {"Person " + uid}, "sn": {uid},
			"givenName": {"Person"}, "mail": {uid + "@example.org"}, "telephoneNumber": {"+1 555 0100"},
		})
	}
	return ou
}

// deleteTree deletes base and everything under it, deepest entries first.
func deleteTree(c *ldap.Conn, base string) {
	res, err := c.SearchWithPaging(ldap.NewSearchRequest(base, ldap.ScopeWholeSubtree, ldap.NeverDerefAliases,
		0, 0, false, "(objectClass=*)", []string{"1.1"}, nil), 500)
	if err != nil {
		return
	}
	dns := make([]string, 0, len(res.Entries))
	for _, e := range res.Entries {
		dns = append(dns, e.DN)
	}
	slices.SortFunc(dns, func(a, b string) int { return len(b) - len(a) }) // a child's DN is longer
	for _, dn := range dns {
		c.Del(ldap.NewDelRequest(dn, nil))
	}
}
