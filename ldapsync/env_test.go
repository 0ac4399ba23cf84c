package ldapsync

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/go-ldap/ldap/v3"

	"github.com/provisiond/provisiond/ldapsync/ldaptest"
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

// testConfig is a config for the subtree base, the bind password in a file
// with the trailing newline `echo` leaves.
func testConfig(t testing.TB, base string) Config {
	t.Helper()
	pwFile := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pwFile, []byte(syncPW+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return Config{
		URL: ldaptest.URL(t), BindDN: syncDN, BindPasswordFile: pwFile,
		Users: UserSearch{BaseDN: "ou=people," + base,
			DisabledFilter: "(|(exampleAccountDisabled=TRUE)(pwdAccountLockedTime=000001010000Z))"},
		Groups: GroupSearch{BaseDN: "ou=groups," + base},
	}
}

// testOU creates a private subtree ou=people/ou=groups so each test can
// add, rename and delete freely; it is removed when the test ends.
func testOU(t testing.TB) (string, *ldap.Conn) {
	t.Helper()
	c := ldaptest.Dial(t, adminDN, adminPW)
	return ldaptest.Subtree(t, c), c
}
