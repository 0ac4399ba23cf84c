package ldaptest

import (
	"crypto/rand"
	"encoding/hex"
	"maps"
	"os"
	"slices"
	"testing"

	"github.com/go-ldap/ldap/v3"

	"github.com/provisiond/provisiond/store/storetest"
)

// URLEnv names the test directory (README: Tests).
const URLEnv = "PROVISIOND_TEST_LDAP_URL"

// URL returns the test directory's URL, skipping the test when URLEnv is
// unset (failing it when services are required, storetest.SkipOrFail).
func URL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(URLEnv)
	if u == "" {
		storetest.SkipOrFail(t, URLEnv, "slapd (README: Tests)")
	}
	return u
}

// BenchURL returns PROVISIOND_BENCH_LDAP_URL, the directory gen-ldif.py
// filled with 100,000 people, skipping the benchmark when it is unset; it
// also names it as the test directory for the helpers that read URLEnv.
func BenchURL(b *testing.B) string {
	b.Helper()
	u := os.Getenv("PROVISIOND_BENCH_LDAP_URL")
	if u == "" {
		b.Skip("set PROVISIOND_BENCH_LDAP_URL to a slapd loaded with gen-ldif.py -n 100000")
	}
	b.Setenv(URLEnv, u)
	return u
}

// Dial connects to the test directory bound as dn and closes the
// connection at the test's cleanup.
func Dial(t testing.TB, dn, password string) *ldap.Conn {
	t.Helper()
	c, err := ldap.DialURL(URL(t))
	if err != nil {
		t.Fatalf("ldaptest: dial: %v", err)
	}
	if err := c.Bind(dn, password); err != nil {
		c.Close()
		t.Fatalf("ldaptest: bind %s: %v", dn, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// Subtree creates ou=t<random> with an ou=people and an ou=groups under
// Suffix through c (bound as the admin) and deletes it all at the test's
// cleanup, so a test can add, rename and delete freely. It returns its DN.
func Subtree(t testing.TB, c *ldap.Conn) string {
	t.Helper()
	b := make([]byte, 4)
	rand.Read(b)
	name := "t" + hex.EncodeToString(b)
	ou := "ou=" + name + "," + Suffix
	Add(t, c, ou, map[string][]string{"objectClass": {"organizationalUnit"}, "ou": {name}})
	t.Cleanup(func() { DeleteTree(t, c, ou) })
	for _, sub := range []string{"people", "groups"} {
		Add(t, c, "ou="+sub+","+ou, map[string][]string{"objectClass": {"organizationalUnit"}, "ou": {sub}})
	}
	return ou
}

// Add adds the entry dn with attrs, in a fixed attribute order.
func Add(t testing.TB, c *ldap.Conn, dn string, attrs map[string][]string) {
	t.Helper()
	r := ldap.NewAddRequest(dn, nil)
	for _, k := range slices.Sorted(maps.Keys(attrs)) {
		r.Attribute(k, attrs[k])
	}
	if err := c.Add(r); err != nil {
		t.Fatalf("ldaptest: add %s: %v", dn, err)
	}
}

// AddPerson adds an inetOrgPerson (with the test schema's disabled-flag
// class, exampleAccount) uid under ou's ou=people, with extra attributes
// added or replaced, and returns its DN.
func AddPerson(t testing.TB, c *ldap.Conn, ou, uid string, extra map[string][]string) string {
	t.Helper()
	dn := "uid=" + ldap.EscapeDN(uid) + ",ou=people," + ou
	a := map[string][]string{"objectClass": {"inetOrgPerson", "exampleAccount"}, "uid": {uid},
		"cn": {"User " + uid}, "sn": {uid}, "givenName": {"Given " + uid}, "mail": {uid + "@example.org"}}
	maps.Copy(a, extra)
	Add(t, c, dn, a)
	return dn
}

// Replace sets attr of dn to vals.
func Replace(t testing.TB, c *ldap.Conn, dn, attr string, vals ...string) {
	t.Helper()
	r := ldap.NewModifyRequest(dn, nil)
	r.Replace(attr, vals)
	if err := c.Modify(r); err != nil {
		t.Fatalf("ldaptest: modify %s: %v", dn, err)
	}
}
