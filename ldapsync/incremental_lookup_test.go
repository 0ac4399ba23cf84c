package ldapsync

import (
	"testing"

	"github.com/go-ldap/ldap/v3"

	"github.com/provisiond/provisiond/ldapsync/ldaptest"
)

// An incremental run of a few changes asks the Target about those entries
// alone (KnownLookup) and the directory about their disabled flag alone,
// yet files them exactly as with the snapshot: a disabled entry whose DN
// needs escaping is suspended, a changed one updated, the deactivations
// counted against every active account. A deletion, which may change
// group memberships, then reads the snapshot to resolve them.
func TestIncrementalLooksUpOnlyTheChanges(t *testing.T) {
	ou, admin := testOU(t)
	cfg := testConfig(t, ou)
	odd := `o'Hara, Jr.+x="y" \z #ü`
	var dns []string
	dns = append(dns, ldaptest.AddPerson(t, admin, ou, odd, map[string][]string{"mail": {"ohara@example.org"}}))
	for _, uid := range []string{"ann", "bob", "cat", "dan", "eve"} {
		dns = append(dns, ldaptest.AddPerson(t, admin, ou, uid, nil))
	}
	tg := newFakeTarget()
	if s := mustSync(t, cfg, tg); s.Created != 6 {
		t.Fatalf("first run %+v", s)
	}
	ldaptest.Replace(t, admin, dns[0], "exampleAccountDisabled", "TRUE")
	ldaptest.Replace(t, admin, dns[1], "mail", "ann.new@example.org")
	tg.snapshots, tg.lookups = 0, 0
	// 1 of 6 active accounts: above the default 10%, so the base was counted.
	_, writes := tg.state()
	_, err := syncOnce(t, cfg, tg)
	wantStop(t, err, tg, writes, true, "would deactivate 1 of 6 active accounts")
	pct := 50.0
	cfg.MaxDeactivatePercent = &pct
	s := mustSync(t, cfg, tg)
	if s.Mode != "incremental" || s.Read != 2 || s.Updated != 2 || s.Suspended != 1 || s.Created+s.Deleted != 0 {
		t.Fatalf("incremental %+v", s)
	}
	if tg.snapshots != 0 || tg.lookups == 0 {
		t.Fatalf("incremental read the snapshot %d times, looked up %d times; want 0 and some", tg.snapshots, tg.lookups)
	}
	if u, ok := tg.byUserName(odd); !ok || u.Active {
		t.Fatalf("%q: %+v (found %v), want suspended", odd, u, ok)
	}
	if u, _ := tg.byUserName("ann"); u.Email != "ann.new@example.org" {
		t.Fatalf("ann %+v", u)
	}
	if err := admin.Del(ldap.NewDelRequest(dns[2], nil)); err != nil {
		t.Fatal(err)
	}
	if s := mustSync(t, cfg, tg); s.Deleted != 1 || s.Read != 0 {
		t.Fatalf("delete %+v", s)
	}
	if s := mustSync(t, cfg, tg, full); s.Created+s.Updated+s.Deleted != 0 {
		t.Fatalf("full reconcile found drift: %+v", s)
	}
}
