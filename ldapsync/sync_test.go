package ldapsync

import (
	"context"
	"slices"
	"testing"

	"github.com/go-ldap/ldap/v3"

	"github.com/provisiond/provisiond/ldapsync/ldaptest"
)

// syncOnce runs one sync with the target's stored cookie, like the CLI does.
func syncOnce(t *testing.T, cfg Config, tg *fakeTarget, mut ...func(*RunOptions)) (Summary, error) {
	t.Helper()
	tg.mu.Lock()
	cookie := tg.cookie
	tg.mu.Unlock()
	o := RunOptions{IntegrationID: "it-1", Config: cfg, Target: tg, Cookie: cookie}
	for _, m := range mut {
		m(&o)
	}
	s, err := Run(context.Background(), o)
	t.Logf("%s (err=%v)", s, err)
	return s, err
}

func mustSync(t *testing.T, cfg Config, tg *fakeTarget, mut ...func(*RunOptions)) Summary {
	t.Helper()
	s, err := syncOnce(t, cfg, tg, mut...)
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	return s
}

func full(o *RunOptions)   { o.Full = true }
func force(o *RunOptions)  { o.Force = true }
func dryRun(o *RunOptions) { o.DryRun = true }

// TestFullSyncGeneratedDirectory syncs gen-ldif.py's directory as loaded
// and checks the counts against what slapd itself reports.
func TestFullSyncGeneratedDirectory(t *testing.T) {
	cfg := testConfig(t, suffix)
	admin := ldaptest.Dial(t, adminDN, adminPW)
	count := func(f string) int {
		res, err := admin.Search(searchRequest("ou=people,"+suffix, f, []string{"1.1"}))
		if err != nil {
			t.Fatal(err)
		}
		return len(res.Entries)
	}
	total, disabled := count("(objectClass=inetOrgPerson)"), count("(&(objectClass=inetOrgPerson)"+cfg.Users.DisabledFilter+")")
	tg := newFakeTarget()
	var last Progress
	s := mustSync(t, cfg, tg, func(o *RunOptions) { o.Progress = func(p Progress) { last = p } })
	if s.Mode != "full" || s.Read != total || s.Created != total || s.Suspended != disabled || s.Deleted != 0 {
		t.Fatalf("summary %+v, want full read=created=%d suspended=%d", s, total, disabled)
	}
	if last.Phase != "done" || last.Read != total {
		t.Errorf("last progress %+v", last)
	}
	users, _ := tg.state()
	u, ok := tg.byUserName("jsmith")
	if !ok || u.Email != "jsmith@example.org" || u.ExternalID == "" || u.DisplayName == "" || u.DN != "uid=jsmith,ou=people,"+suffix {
		t.Errorf("jsmith mapped as %+v", u)
	}
	if len(users) != total || len(tg.groups) == 0 {
		t.Fatalf("target holds %d users, %d groups", len(users), len(tg.groups))
	}
	// division-1 nests department groups: flattening makes it list users.
	for _, g := range tg.groups {
		if g.DisplayName == "division-1" && len(g.MemberExternalIDs) < 10 {
			t.Errorf("division-1 flattened to %d members", len(g.MemberExternalIDs))
		}
		for _, m := range g.MemberExternalIDs {
			if _, ok := users[m]; !ok {
				t.Fatalf("group %s lists %s, not a synced user", g.DisplayName, m)
			}
		}
	}
	s = mustSync(t, cfg, tg)
	if s.Mode != "incremental" || s.Created+s.Updated+s.Deleted+s.GroupsChanged != 0 {
		t.Errorf("second run changed things: %+v", s)
	}
	s = mustSync(t, cfg, tg, full)
	if s.Read != total || s.Created+s.Updated+s.Deleted+s.GroupsChanged != 0 {
		t.Errorf("full reconcile of an unchanged directory: %+v", s)
	}
}

// TestLifecycle covers create, rename, delete, disable and group changes on
// a private subtree, each through an incremental (syncrepl) run.
// TestLifecycle runs against a Target that looks changed entries up
// (KnownLookup), one that only has Snapshot, and with more changes than
// lookups allow (the run switches to the snapshot halfway).
func TestLifecycle(t *testing.T) {
	t.Run("lookups", func(t *testing.T) { lifecycle(t) })
	t.Run("snapshot-only", func(t *testing.T) {
		lifecycle(t, func(o *RunOptions) { o.Target = snapshotOnly{o.Target} })
	})
	t.Run("past-lazy-limit", func(t *testing.T) { lifecycle(t, func(o *RunOptions) { o.lazyLimit = 1 }) })
}

func lifecycle(t *testing.T, opt ...func(*RunOptions)) {
	mustSync := func(t *testing.T, cfg Config, tg *fakeTarget, mut ...func(*RunOptions)) Summary {
		t.Helper()
		return mustSync(t, cfg, tg, append(slices.Clone(opt), mut...)...)
	}
	ou, admin := testOU(t)
	cfg := testConfig(t, ou)
	pct := 50.0
	cfg.MaxDeactivatePercent = &pct
	var dns []string
	for _, uid := range []string{"ann", "bob", "cat", "dan", "eve", "fay"} {
		dns = append(dns, ldaptest.AddPerson(t, admin, ou, uid, nil))
	}
	gdn := "cn=staff,ou=groups," + ou
	ldaptest.Add(t, admin, gdn, map[string][]string{"objectClass": {"groupOfNames"}, "cn": {"staff"}, "member": dns[:3]})
	tg := newFakeTarget()
	if s := mustSync(t, cfg, tg); s.Created != 6 || s.GroupsChanged != 1 {
		t.Fatalf("first run %+v", s)
	}
	ann, _ := tg.byUserName("ann")

	// Rename (modrdn) and move keep the account: same externalId, new DN.
	if err := admin.ModifyDN(ldap.NewModifyDNRequest(dns[0], "uid=ann2", true, "")); err != nil {
		t.Fatal(err)
	}
	ldaptest.Replace(t, admin, "uid=ann2,ou=people,"+ou, "uid", "ann2")
	// What the refint overlay (or AD) does; the test slapd has none.
	ldaptest.Replace(t, admin, gdn, "member", "uid=ann2,ou=people,"+ou, dns[1], dns[2])
	s := mustSync(t, cfg, tg)
	renamed, ok := tg.byUserName("ann2")
	if s.Mode != "incremental" || s.Created != 0 || s.Updated != 1 || !ok || renamed.ExternalID != ann.ExternalID {
		t.Fatalf("rename: %+v, account %+v", s, renamed)
	}
	if g := tg.groups[groupID(t, tg, "staff")]; !slices.Contains(g.MemberExternalIDs, ann.ExternalID) {
		t.Errorf("renamed member dropped from group: %v", g.MemberExternalIDs)
	}

	// Delete: the account is removed.
	bob, _ := tg.byUserName("bob")
	if err := admin.Del(ldap.NewDelRequest(dns[1], nil)); err != nil {
		t.Fatal(err)
	}
	if s := mustSync(t, cfg, tg); s.Deleted != 1 || !slices.Contains(tg.removed, bob.ExternalID) {
		t.Fatalf("delete: %+v removed %v", s, tg.removed)
	}

	// Disable: the account stays, suspended.
	ldaptest.Replace(t, admin, dns[2], "exampleAccountDisabled", "TRUE")
	s = mustSync(t, cfg, tg)
	cat, _ := tg.byUserName("cat")
	if s.Suspended != 1 || s.Updated != 1 || cat.Active {
		t.Fatalf("disable: %+v, cat %+v", s, cat)
	}

	// Group change: add dan, drop cat.
	ldaptest.Replace(t, admin, gdn, "member", "uid=ann2,ou=people,"+ou, dns[3])
	s = mustSync(t, cfg, tg)
	dan, _ := tg.byUserName("dan")
	want := []string{ann.ExternalID, dan.ExternalID}
	slices.Sort(want)
	if g := tg.groups[groupID(t, tg, "staff")]; s.GroupsChanged != 1 || !slices.Equal(g.MemberExternalIDs, want) {
		t.Fatalf("group change: %+v members %v want %v", s, g.MemberExternalIDs, want)
	}

	// A new user arrives incrementally and a full reconcile agrees with it all.
	ldaptest.AddPerson(t, admin, ou, "gil", nil)
	if s := mustSync(t, cfg, tg); s.Created != 1 {
		t.Fatalf("add: %+v", s)
	}
	if s := mustSync(t, cfg, tg, full); s.Created+s.Updated+s.Deleted+s.GroupsChanged != 0 {
		t.Fatalf("full reconcile found drift: %+v", s)
	}
}

func groupID(t *testing.T, tg *fakeTarget, name string) string {
	t.Helper()
	for id, g := range tg.groups {
		if g.DisplayName == name {
			return id
		}
	}
	t.Fatalf("no group %s", name)
	return ""
}
