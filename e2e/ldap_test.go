package e2e

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/go-ldap/ldap/v3"

	"github.com/provisiond/provisiond/ldapsync/ldaptest"
)

// The directory is the test slapd of PROVISIOND_TEST_LDAP_URL (README: Tests); tests
// work in a private subtree they create and remove.
const (
	ldapSuffix  = "dc=example,dc=org"
	ldapAdminDN = "cn=admin," + ldapSuffix
	ldapSyncDN  = "cn=syncbot,ou=services," + ldapSuffix
)

// ldapDir is a private subtree of people in the test directory.
type ldapDir struct {
	url, ou string
}

// newLDAPDir creates ou=e2eXXXX with n people (added over 4 connections)
// under PROVISIOND_TEST_LDAP_URL and removes it at cleanup.
func newLDAPDir(t *testing.T, n int) *ldapDir {
	t.Helper()
	url := ldaptest.URL(t)
	b := make([]byte, 4)
	rand.Read(b)
	name := "e2e" + hex.EncodeToString(b)
	d := &ldapDir{url: url, ou: "ou=" + name + "," + ldapSuffix}
	c := d.admin(t)
	defer c.Close()
	d.add(t, c, d.ou, map[string][]string{"objectClass": {"organizationalUnit"}, "ou": {name}})
	d.add(t, c, "ou=people,"+d.ou, map[string][]string{"objectClass": {"organizationalUnit"}, "ou": {"people"}})
	t.Cleanup(func() { d.remove(t) })
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			c := d.admin(t)
			defer c.Close()
			for i := w; i < n; i += 4 {
				uid := fmt.Sprintf("p%05d", i)
				d.add(t, c, "uid="+uid+",ou=people,"+d.ou, map[string][]string{
					"objectClass": {"inetOrgPerson"}, "uid": {uid}, "cn": {"Person " + uid},
					"sn": {uid}, "givenName": {"Person"}, "mail": {uid + "@example.org"},
				})
			}
		})
	}
	wg.Wait()
	return d
}

func (d *ldapDir) admin(t *testing.T) *ldap.Conn {
	t.Helper()
	c, err := ldap.DialURL(d.url)
	if err != nil {
		t.Fatalf("ldap dial: %v", err)
	}
	if err := c.Bind(ldapAdminDN, "secret"); err != nil {
		t.Fatalf("ldap bind: %v", err)
	}
	return c
}

func (d *ldapDir) add(t *testing.T, c *ldap.Conn, dn string, attrs map[string][]string) {
	r := ldap.NewAddRequest(dn, nil)
	for k, v := range attrs {
		r.Attribute(k, v)
	}
	if err := c.Add(r); err != nil {
		t.Errorf("ldap add %s: %v", dn, err)
	}
}

// remove deletes the subtree, leaves first.
func (d *ldapDir) remove(t *testing.T) {
	c := d.admin(t)
	defer c.Close()
	res, err := c.SearchWithPaging(ldap.NewSearchRequest(d.ou, ldap.ScopeWholeSubtree, ldap.NeverDerefAliases,
		0, 0, false, "(objectClass=*)", []string{"1.1"}, nil), 500)
	if err != nil {
		return
	}
	for i := len(res.Entries) - 1; i >= 0; i-- { // children come after their parent
		c.Del(ldap.NewDelRequest(res.Entries[i].DN, nil))
	}
}

// integration creates an LDAP integration over the subtree, scheduled every
// interval; the bind password comes from an environment variable.
func (d *ldapDir) integration(t *testing.T, c *cluster, name, interval string) {
	t.Helper()
	cfg := fmt.Sprintf("url: %s\nbindDN: %s\nbindPasswordEnv: E2E_LDAP_PASSWORD\ninterval: %s\nusers:\n  baseDN: ou=people,%s\n",
		d.url, ldapSyncDN, interval, d.ou)
	path := filepath.Join(t.TempDir(), "ldap.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	c.env["E2E_LDAP_PASSWORD"] = "syncpw"
	out := c.cli("integration", "create", "--name", name, "--kind", "ldap", "--ldap-config", path)
	if strings.TrimSpace(out) == "" {
		t.Logf("integration create printed nothing")
	}
}
