package directory_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/go-ldap/ldap/v3"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// The directory is the test slapd of PROVISIOND_TEST_LDAP_URL (README: Tests; suffix
// dc=example,dc=org, gen-ldif.py data). Each test works in a private subtree
// it creates and removes, so the shared data stays as loaded.
const (
	suffix  = "dc=example,dc=org"
	adminDN = "cn=admin," + suffix
	syncDN  = "cn=syncbot,ou=services," + suffix
)

// ldapURL returns PROVISIOND_TEST_LDAP_URL, skipping when it is unset, or
// failing when PROVISIOND_TEST_REQUIRE_SERVICES=1.
func ldapURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("PROVISIOND_TEST_LDAP_URL")
	if u == "" {
		storetest.SkipOrFail(t, "PROVISIOND_TEST_LDAP_URL", "slapd (README: Tests)")
	}
	return u
}

func ldapAdmin(t testing.TB) *ldap.Conn {
	t.Helper()
	c, err := ldap.DialURL(ldapURL(t))
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	if err := c.Bind(adminDN, "secret"); err != nil {
		t.Fatalf("bind: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// privateOU creates ou=tXXXX with ou=people and ou=groups under the suffix.
func privateOU(t testing.TB, c *ldap.Conn) string {
	t.Helper()
	b := make([]byte, 4)
	rand.Read(b)
	name := "t" + hex.EncodeToString(b)
	ou := "ou=" + name + "," + suffix
	ldapAdd(t, c, ou, map[string][]string{"objectClass": {"organizationalUnit"}, "ou": {name}})
	for _, sub := range []string{"people", "groups"} {
		ldapAdd(t, c, "ou="+sub+","+ou, map[string][]string{"objectClass": {"organizationalUnit"}, "ou": {sub}})
	}
	t.Cleanup(func() { deleteTree(c, ou) })
	return ou
}

func ldapAdd(t testing.TB, c *ldap.Conn, dn string, attrs map[string][]string) {
	t.Helper()
	r := ldap.NewAddRequest(dn, nil)
	keys := make([]string, 0, len(attrs))
	for k := range attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		r.Attribute(k, attrs[k])
	}
	if err := c.Add(r); err != nil {
		t.Fatalf("add %s: %v", dn, err)
	}
}

// addPerson adds an inetOrgPerson and returns its DN.
func addPerson(t testing.TB, c *ldap.Conn, ou, uid string, extra map[string][]string) string {
	t.Helper()
	dn := "uid=" + uid + ",ou=people," + ou
	a := map[string][]string{"objectClass": {"inetOrgPerson", "exampleAccount"}, "uid": {uid},
		"cn": {"User " + uid}, "sn": {uid}, "givenName": {"Given " + uid}, "mail": {uid + "@example.org"}}
	for k, v := range extra {
		a[k] = v
	}
	ldapAdd(t, c, dn, a)
	return dn
}

func ldapReplace(t testing.TB, c *ldap.Conn, dn, attr string, vals ...string) {
	t.Helper()
	r := ldap.NewModifyRequest(dn, nil)
	r.Replace(attr, vals)
	if err := c.Modify(r); err != nil {
		t.Fatalf("modify %s: %v", dn, err)
	}
}

func deleteTree(c *ldap.Conn, base string) {
	res, err := c.Search(ldap.NewSearchRequest(base, ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false,
		"(objectClass=*)", []string{"1.1"}, nil))
	if err != nil {
		return
	}
	var dns []string
	for _, e := range res.Entries {
		dns = append(dns, e.DN)
	}
	slices.SortFunc(dns, func(a, b string) int { return len(b) - len(a) })
	for _, dn := range dns {
		c.Del(ldap.NewDelRequest(dn, nil))
	}
}

// ldapIntegration stores an LDAP integration over ou, with the bind password
// in a file, as `integration create --kind ldap` would.
func ldapIntegration(t testing.TB, s *store.Store, ou string, maxPct float64, autoInvite bool) *store.Integration {
	t.Helper()
	pw := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pw, []byte("syncpw\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := ldapsync.Config{URL: ldapURL(t), BindDN: syncDN, BindPasswordFile: pw, MaxDeactivatePercent: &maxPct,
		Users:  ldapsync.UserSearch{BaseDN: "ou=people," + ou, DisabledFilter: "(exampleAccountDisabled=TRUE)"},
		Groups: ldapsync.GroupSearch{BaseDN: "ou=groups," + ou}}
	b, _ := json.Marshal(cfg)
	js := string(b)
	in := &store.Integration{Name: "corp-" + strings.TrimPrefix(strings.SplitN(ou, ",", 2)[0], "ou="), Kind: "ldap",
		AutoInvite: autoInvite, LDAPConfig: &js}
	if err := s.CreateIntegration(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	return in
}

// invitingPolicy stands in for invite.Policy: it marks auto-invited
// accounts invited (what an issued invitation or access code does).
type invitingPolicy struct{ provisioned []string }

func (p *invitingPolicy) Provisioned(ctx context.Context, tx *store.Store, _ account.Actor, a *store.Account, in *store.Integration) error {
	if in == nil || !in.AutoInvite {
		return nil
	}
	p.provisioned = append(p.provisioned, a.UserName)
	return tx.SetAccountStatus(ctx, a.ID, store.StatusInvited)
}

func (p *invitingPolicy) Deactivated(context.Context, *store.Store, account.Actor, *store.Account) error {
	return nil
}

func (p *invitingPolicy) EmailChanged(context.Context, *store.Store, account.Actor, *store.Account, string) error {
	return nil
}
