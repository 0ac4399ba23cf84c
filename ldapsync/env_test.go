package ldapsync

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/go-ldap/ldap/v3"
)

// The test directory is a real slapd named by PROVISIOND_TEST_LDAP_URL (README: Tests):
// suffix dc=example,dc=org, gen-ldif.py data, these accounts.
const (
	suffix   = "dc=example,dc=org"
	syncDN   = "cn=syncbot,ou=services," + suffix
	syncPW   = "syncpw"
	adminDN  = "cn=admin," + suffix
	adminPW  = "secret"
	configDN = "cn=admin,cn=config"
)

// ldapURL returns PROVISIOND_TEST_LDAP_URL, skipping the test when it is
// unset, or failing it when PROVISIOND_TEST_REQUIRE_SERVICES=1 (CI).
func ldapURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("PROVISIOND_TEST_LDAP_URL")
	if u == "" {
		if os.Getenv("PROVISIOND_TEST_REQUIRE_SERVICES") == "1" {
			t.Fatal("PROVISIOND_TEST_LDAP_URL is not set and PROVISIOND_TEST_REQUIRE_SERVICES=1: start a slapd with the test directory and export it (README: Tests)")
		}
		t.Skip("set PROVISIOND_TEST_LDAP_URL (e.g. ldap://127.0.0.1:3389) to run tests against a real slapd")
	}
	return u
}

func dialAs(t testing.TB, dn, pw string) *ldap.Conn {
	t.Helper()
	c, err := ldap.DialURL(ldapURL(t))
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	if err := c.Bind(dn, pw); err != nil {
		t.Fatalf("bind %s: %v", dn, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// testConfig is a config for the subtree base, the bind password in a file
// with the trailing newline `echo` leaves.
func testConfig(t testing.TB, base string) Config {
	t.Helper()
	pwFile := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pwFile, []byte(syncPW+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return Config{
		URL: ldapURL(t), BindDN: syncDN, BindPasswordFile: pwFile,
		Users: UserSearch{BaseDN: "ou=people," + base,
			DisabledFilter: "(|(exampleAccountDisabled=TRUE)(pwdAccountLockedTime=000001010000Z))"},
		Groups: GroupSearch{BaseDN: "ou=groups," + base},
	}
}

// testOU creates a private subtree ou=people/ou=groups so each test can
// add, rename and delete freely; it is removed when the test ends.
func testOU(t testing.TB) (string, *ldap.Conn) {
	t.Helper()
	c := dialAs(t, adminDN, adminPW)
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	ou := "ou=t" + hex.EncodeToString(b) + "," + suffix
	add(t, c, ou, map[string][]string{"objectClass": {"organizationalUnit"}, "ou": {strings.TrimPrefix(strings.Split(ou, ",")[0], "ou=")}})
	for _, sub := range []string{"people", "groups"} {
		add(t, c, "ou="+sub+","+ou, map[string][]string{"objectClass": {"organizationalUnit"}, "ou": {sub}})
	}
	t.Cleanup(func() { deleteTree(t, c, ou) })
	return ou, c
}

func add(t testing.TB, c *ldap.Conn, dn string, attrs map[string][]string) {
	t.Helper()
	r := ldap.NewAddRequest(dn, nil)
	for _, k := range sortedKeys(attrs) {
		r.Attribute(k, attrs[k])
	}
	if err := c.Add(r); err != nil {
		t.Fatalf("add %s: %v", dn, err)
	}
}

// addUser adds an inetOrgPerson (with the disabled-flag aux class) and
// returns its DN.
func addUser(t testing.TB, c *ldap.Conn, ou, uid string, extra map[string][]string) string {
	t.Helper()
	dn := "uid=" + ldap.EscapeDN(uid) + ",ou=people," + ou
	a := map[string][]string{"objectClass": {"inetOrgPerson", "exampleAccount"}, "uid": {uid},
		"cn": {"User " + uid}, "sn": {uid}, "givenName": {"Given " + uid}, "mail": {uid + "@example.org"}}
	for k, v := range extra {
		a[k] = v
	}
	add(t, c, dn, a)
	return dn
}

func modify(t testing.TB, c *ldap.Conn, dn, attr string, vals ...string) {
	t.Helper()
	r := ldap.NewModifyRequest(dn, nil)
	r.Replace(attr, vals)
	if err := c.Modify(r); err != nil {
		t.Fatalf("modify %s: %v", dn, err)
	}
}

func deleteTree(t testing.TB, c *ldap.Conn, base string) {
	t.Helper()
	req := searchRequest(base, "(objectClass=*)", []string{"1.1"})
	req.Controls = []ldap.Control{ldap.NewControlManageDsaIT(true)} // referral objects are entries to delete
	res, err := c.Search(req)
	if err != nil {
		t.Logf("cleanup %s: %v", base, err)
		return
	}
	dns := make([]string, 0, len(res.Entries))
	for _, e := range res.Entries {
		dns = append(dns, e.DN)
	}
	// Children before parents: longer DNs first.
	slices.SortFunc(dns, func(a, b string) int { return len(b) - len(a) })
	for _, dn := range dns {
		dr := ldap.NewDelRequest(dn, []ldap.Control{ldap.NewControlManageDsaIT(true)})
		if err := c.Del(dr); err != nil {
			t.Logf("cleanup delete %s: %v", dn, err)
		}
	}
}
