package ldapsync

import (
	"context"
	"log/slog"
	"testing"

	"github.com/go-ldap/ldap/v3"

	"github.com/provisiond/provisiond/ldapsync/ldaptest"
)

// nasty is a real group name: parentheses, an asterisk and a backslash would
// break or widen an unescaped filter.
const nasty = `R&D (Paris) *\ team`

func TestMembershipFilterEscapes(t *testing.T) {
	dn := "cn=" + ldap.EscapeDN(nasty) + ",ou=groups,dc=example,dc=org"
	f := membershipFilter("(objectClass=user)", "memberOf", matchingRuleInChain, dn)
	if _, err := ldap.CompileFilter(f); err != nil {
		t.Fatalf("filter %s does not compile: %v", f, err)
	}
	want := `(&(objectClass=user)(memberOf:1.2.840.113556.1.4.1941:=cn=R&D \28Paris\29 \2a\5c\5c team,ou=groups,dc=example,dc=org))`
	if f != want {
		t.Fatalf("filter\n got %s\nwant %s", f, want)
	}
}

// TestMembershipFilterAgainstSlapd checks the escaped filter selects exactly
// the entry holding the nasty DN, not one holding a prefix of it.
func TestMembershipFilterAgainstSlapd(t *testing.T) {
	ou, admin := testOU(t)
	gdn := "cn=" + ldap.EscapeDN(nasty) + ",ou=groups," + ou
	ldaptest.Add(t, admin, gdn, map[string][]string{"objectClass": {"groupOfNames"}, "cn": {nasty}, "member": {"cn=nobody," + ou}})
	ldaptest.AddPerson(t, admin, ou, "in", map[string][]string{"seeAlso": {gdn}})
	ldaptest.AddPerson(t, admin, ou, "out", map[string][]string{"seeAlso": {"cn=R&D (Paris) x,ou=groups," + ou}})
	cfg := testConfig(t, ou)
	cfg.ApplyDefaults()
	conn, err := Dial(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	r := &reader{conn: conn, log: slog.Default()}
	var got []string
	f := membershipFilter(cfg.Users.Filter, "seeAlso", "", gdn)
	err = r.stream(context.Background(), searchRequest(cfg.Users.BaseDN, f, []string{"uid"}), func(e *ldap.Entry) error {
		got = append(got, e.GetAttributeValue("uid"))
		return nil
	})
	if err != nil || len(got) != 1 || got[0] != "in" {
		t.Fatalf("filter %s matched %v (%v), want [in]", f, got, err)
	}
}
