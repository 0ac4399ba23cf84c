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

	"github.com/provisiond/provisiond/ldapsync/ldaptest"
)

// adDial connects to the Active Directory at PROVISIOND_TEST_AD_URL (a
// Samba AD DC in CI, see .ci/run) as PROVISIOND_TEST_AD_BIND_DN with
// PROVISIOND_TEST_AD_PASSWORD, skipping (failing under
// PROVISIOND_TEST_REQUIRE_SERVICES=1) when it is unset. It returns the
// connection, the bind settings and the domain's naming context.
func adDial(t *testing.T) (c *ldap.Conn, url, dn, pw, nc string) {
	t.Helper()
	url = os.Getenv("PROVISIOND_TEST_AD_URL")
	if url == "" {
		if os.Getenv("PROVISIOND_TEST_REQUIRE_SERVICES") == "1" {
			t.Fatal("PROVISIOND_TEST_AD_URL is not set and PROVISIOND_TEST_REQUIRE_SERVICES=1: start a Samba AD DC as .ci/run does")
		}
		t.Skip("set PROVISIOND_TEST_AD_URL (and _BIND_DN, _PASSWORD) to run the Active Directory test against a Samba AD DC")
	}
	dn, pw = os.Getenv("PROVISIOND_TEST_AD_BIND_DN"), os.Getenv("PROVISIOND_TEST_AD_PASSWORD")
	c, err := ldap.DialURL(url)
	if err != nil {
		t.Fatalf("dial %s: %v", url, err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.Bind(dn, pw); err != nil {
		t.Fatalf("bind %s: %v", dn, err)
	}
	res, err := c.Search(ldap.NewSearchRequest("", ldap.ScopeBaseObject, ldap.NeverDerefAliases, 0, 0, false,
		"(objectClass=*)", []string{"defaultNamingContext"}, nil))
	if err != nil || len(res.Entries) != 1 {
		t.Fatalf("rootDSE: %v", err)
	}
	return c, url, dn, pw, res.Entries[0].GetAttributeValue("defaultNamingContext")
}

// adUser adds an enabled (or disabled) user that needs no password: a
// password can only be set over an encrypted connection.
func adUser(t *testing.T, c *ldap.Conn, ou, name, tag string, disabled bool, extra map[string][]string) string {
	t.Helper()
	uac := "544" // NORMAL_ACCOUNT | PASSWD_NOTREQD
	if disabled {
		uac = "546" // and ACCOUNTDISABLE
	}
	dn := "CN=" + name + ",OU=People," + ou
	a := map[string][]string{"objectClass": {"user"}, "sAMAccountName": {name + "-" + tag}, "userAccountControl": {uac},
		"givenName": {name}, "sn": {"Tester"}, "mail": {name + "@ad.example.org"}}
	for k, v := range extra {
		a[k] = v
	}
	ldaptest.Add(t, c, dn, a)
	return dn
}

// TestActiveDirectory runs the activeDirectory preset against a real AD
// (Samba): objectGUID keys, the userAccountControl disabled bit, nested
// groups through LDAP_MATCHING_RULE_IN_CHAIN, then uSNChanged incremental
// runs that see a change, a rename and a deletion (through the tombstone),
// and nothing when nothing changed.
func TestActiveDirectory(t *testing.T) {
	c, url, bindDN, pw, nc := adDial(t)
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	tag := hex.EncodeToString(b) // sAMAccountName is unique in the whole domain
	ou := "OU=t" + tag + "," + nc
	ldaptest.Add(t, c, ou, map[string][]string{"objectClass": {"organizationalUnit"}})
	t.Cleanup(func() { ldaptest.DeleteTree(t, c, ou) })
	for _, sub := range []string{"People", "Groups"} {
		ldaptest.Add(t, c, "OU="+sub+","+ou, map[string][]string{"objectClass": {"organizationalUnit"}})
	}
	ann := adUser(t, c, ou, "ann", tag, false, nil)
	bob := adUser(t, c, ou, "bob", tag, true, nil)
	cat := adUser(t, c, ou, "cat", tag, false, map[string][]string{"manager": {ann}})
	eng := "CN=eng,OU=Groups," + ou
	ldaptest.Add(t, c, eng, map[string][]string{"objectClass": {"group"}, "sAMAccountName": {"eng-" + tag}, "member": {ann, cat}})
	ldaptest.Add(t, c, "CN=all,OU=Groups,"+ou, map[string][]string{"objectClass": {"group"},
		"sAMAccountName": {"all-" + tag}, "member": {eng, bob}})

	pwFile := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pwFile, []byte(pw+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	pct := 60.0 // the deletion below is one of two active accounts
	cfg := Config{URL: url, BindDN: bindDN, BindPasswordFile: pwFile, ActiveDirectory: true, MaxDeactivatePercent: &pct,
		Users: UserSearch{BaseDN: "OU=People," + ou}, Groups: GroupSearch{BaseDN: "OU=Groups," + ou}}
	tg := newFakeTarget()
	s := mustSync(t, cfg, tg)
	if s.Mode != "full" || s.Created != 3 || s.Suspended != 1 || len(tg.users) != 3 {
		t.Fatalf("first run %+v", s)
	}
	ids := map[string]string{}
	for id, u := range tg.users {
		name, _, _ := strings.Cut(u.UserName, "-")
		ids[name] = id
		if len(id) != 36 || u.Active == (name == "bob") {
			t.Fatalf("user %+v (key %q)", u, id)
		}
	}
	if tg.users[ids["cat"]].Manager == "" {
		t.Error("cat's manager not read")
	}
	var all []string
	for _, g := range tg.groups {
		if g.DisplayName == "all" {
			all = g.MemberExternalIDs
		}
	}
	if want := []string{ids["ann"], ids["bob"], ids["cat"]}; !slices.Equal(sorted(all), sorted(want)) {
		t.Fatalf("all (nested) = %v, want %v", all, want)
	}

	if s := mustSync(t, cfg, tg); s.Mode != "incremental-usn" || s.Read != 0 || s.Created+s.Updated+s.Deleted != 0 {
		t.Fatalf("idle run %+v", s)
	}
	ldaptest.Replace(t, c, ann, "telephoneNumber", "+33 1 23 45")
	if err := c.ModifyDN(ldap.NewModifyDNRequest(bob, "CN=bobby", true, "")); err != nil {
		t.Fatal(err)
	}
	if err := c.Del(ldap.NewDelRequest(cat, nil)); err != nil {
		t.Fatal(err)
	}
	s = mustSync(t, cfg, tg)
	if s.Mode != "incremental-usn" || s.Read != 2 || s.Updated != 2 || s.Deleted != 1 {
		t.Fatalf("incremental run %+v", s)
	}
	if tg.users[ids["ann"]].Phone != "+33 1 23 45" || tg.users[ids["bob"]].DN != "CN=bobby,OU=People,"+ou {
		t.Fatalf("after changes: ann %+v, bob %+v", tg.users[ids["ann"]], tg.users[ids["bob"]])
	}
	if _, ok := tg.users[ids["cat"]]; ok || !slices.Contains(tg.removed, ids["cat"]) {
		t.Fatalf("cat still held (removed: %v)", tg.removed)
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
