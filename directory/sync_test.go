package directory_test

import (
	"context"
	"log/slog"
	"slices"
	"testing"

	"github.com/go-ldap/ldap/v3"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/directory"
	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/ldapsync/ldaptest"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// syncer runs directory.Service.Sync the way the CLI does.
type syncer struct {
	t   *testing.T
	svc *directory.Service
	in  *store.Integration
}

func (y syncer) run(mut ...func(*directory.RunOptions)) (*store.SyncRun, ldapsync.Summary, error) {
	y.t.Helper()
	o := directory.RunOptions{Integration: y.in, Trigger: "test"}
	for _, m := range mut {
		m(&o)
	}
	run, sum, err := y.svc.Sync(context.Background(), o)
	y.t.Logf("%s (err=%v)", sum, err)
	return run, sum, err
}

func (y syncer) must(mut ...func(*directory.RunOptions)) ldapsync.Summary {
	y.t.Helper()
	run, sum, err := y.run(mut...)
	if err != nil {
		y.t.Fatalf("sync: %v", err)
	}
	if run.Status != store.SyncSucceeded || run.FinishedAt == nil || run.CreatedCount != sum.Created {
		y.t.Fatalf("run row %+v", run)
	}
	got, err := y.svc.Accounts.Store.SyncRunByID(context.Background(), run.ID)
	if err != nil || got.Status != store.SyncSucceeded || got.ReadCount != sum.Read || got.Message != run.Message {
		y.t.Fatalf("stored run %+v, %v", got, err)
	}
	return sum
}

func byName(t *testing.T, s *store.Store, name string) *store.Account {
	t.Helper()
	a, err := s.AccountByUserName(context.Background(), name)
	if err != nil {
		t.Fatalf("account %s: %v", name, err)
	}
	return a
}

func members(t *testing.T, s *store.Store, in *store.Integration, group string) []string {
	t.Helper()
	gs, err := s.SourcedGroups(context.Background(), in.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gs {
		sg, _ := s.GroupByID(context.Background(), in.ID, g.ID)
		if sg.DisplayName != group {
			continue
		}
		var ids, out []string
		// Collect first: SQLite's one connection is busy while rows stream.
		s.EachGroupMember(context.Background(), g.ID, func(m store.GroupMember) error {
			ids = append(ids, m.AccountID)
			return nil
		})
		for _, id := range ids {
			a, _ := s.AccountByID(context.Background(), id)
			out = append(out, a.UserName)
		}
		slices.Sort(out)
		return out
	}
	t.Fatalf("no group %s", group)
	return nil
}

func auditCount(t *testing.T, s *store.Store, actor, action string) int64 {
	t.Helper()
	_, n, err := s.AuditEvents(context.Background(), store.AuditFilter{Actor: actor, Action: action})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestLDAPSyncLifecycle syncs a private subtree through account.Service on
// every database: full sync, incremental, rename, disable, removal, group
// changes, managers, auto-invite, audit events and the sync_runs rows.
func TestLDAPSyncLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		c := ldapAdmin(t)
		ou := ldaptest.Subtree(t, c)
		ann := ldaptest.AddPerson(t, c, ou, "ann", nil)
		bob := ldaptest.AddPerson(t, c, ou, "bob", map[string][]string{"exampleAccountDisabled": {"TRUE"}})
		cat := ldaptest.AddPerson(t, c, ou, "cat", map[string][]string{"manager": {ann}})
		dan := ldaptest.AddPerson(t, c, ou, "dan", map[string][]string{"mail": {"dan@example.org", "d2@example.org"}, "telephoneNumber": {"+33 1 23"}})
		eve := ldaptest.AddPerson(t, c, ou, "eve", nil)
		eng := "cn=eng,ou=groups," + ou
		ldaptest.Add(t, c, eng, map[string][]string{"objectClass": {"groupOfNames"}, "cn": {"eng"}, "member": {ann, cat}})
		ldaptest.Add(t, c, "cn=all,ou=groups,"+ou, map[string][]string{"objectClass": {"groupOfNames"}, "cn": {"all"}, "member": {eng, bob}})
		pol := &invitingPolicy{}
		svc := directory.New(account.New(s, pol, slog.New(slog.DiscardHandler)), nil, directory.AllowList{})
		in := ldapIntegration(t, s, ou, 40, true)
		y := syncer{t, svc, in}
		actor := "integration:" + in.Name

		sum := y.must()
		if sum.Mode != "full" || sum.Created != 5 || sum.Suspended != 1 || sum.Invited != 4 {
			t.Fatalf("first run: %+v", sum)
		}
		a, b, ca, d := byName(t, s, "ann"), byName(t, s, "bob"), byName(t, s, "cat"), byName(t, s, "dan")
		if a.Status != store.StatusInvited || b.Status != store.StatusSuspended || b.Active || a.Origin != "ldap" {
			t.Fatalf("statuses: ann %s, bob %s active=%t", a.Status, b.Status, b.Active)
		}
		if ca.ManagerID != a.ID || d.Email != "dan@example.org" || len(d.Emails) != 2 || d.SourceDN != dan {
			t.Fatalf("cat manager %q (ann %s); dan %+v", ca.ManagerID, a.ID, d)
		}
		if got := members(t, s, in, "all"); !slices.Equal(got, []string{"ann", "bob", "cat"}) {
			t.Fatalf("all (nested) = %v", got)
		}
		if n := auditCount(t, s, actor, "account.created"); n != 5 {
			t.Fatalf("account.created events: %d", n)
		}
		if n := auditCount(t, s, actor, "group.created"); n != 2 {
			t.Fatalf("group.created events: %d", n)
		}

		// Nothing changed: an incremental run writes nothing.
		if sum := y.must(); sum.Mode != "incremental" || sum.Created+sum.Updated+sum.Deleted+sum.GroupsChanged != 0 {
			t.Fatalf("idle run: %+v", sum)
		}

		// Rename keeps the account; the group follows (refint's job, done by hand).
		if err := c.ModifyDN(ldap.NewModifyDNRequest(ann, "uid=ann2", true, "")); err != nil {
			t.Fatal(err)
		}
		ann = "uid=ann2,ou=people," + ou
		ldaptest.Replace(t, c, eng, "member", ann, cat)
		ldaptest.Replace(t, c, cat, "manager", ann)
		if sum := y.must(); sum.Updated != 2 || sum.Created != 0 {
			t.Fatalf("rename: %+v", sum)
		}
		if a2 := byName(t, s, "ann2"); a2.ID != a.ID || a2.SourceDN != ann || byName(t, s, "cat").ManagerID != a.ID {
			t.Fatalf("renamed account %+v (was %s)", a2, a.ID)
		}

		// Disable: suspended, kept. Remove: deleted, out of its groups.
		ldaptest.Replace(t, c, cat, "exampleAccountDisabled", "TRUE")
		if sum := y.must(); sum.Suspended != 1 || byName(t, s, "cat").Status != store.StatusSuspended {
			t.Fatalf("disable: %+v", sum)
		}
		if err := c.Del(ldap.NewDelRequest(eve, nil)); err != nil {
			t.Fatal(err)
		}
		ldaptest.Replace(t, c, eng, "member", ann, dan)
		if sum := y.must(); sum.Deleted != 1 || sum.GroupsChanged == 0 {
			t.Fatalf("remove: %+v", sum)
		}
		if _, err := s.AccountByUserName(context.Background(), "eve"); err == nil {
			t.Fatal("eve still live")
		}
		if got := members(t, s, in, "eng"); !slices.Equal(got, []string{"ann2", "dan"}) {
			t.Fatalf("eng = %v", got)
		}
		if n := auditCount(t, s, actor, "account.deleted"); n != 1 {
			t.Fatalf("account.deleted events: %d", n)
		}

		// A full reconcile agrees with what incremental runs built.
		if sum := y.must(func(o *directory.RunOptions) { o.Full = true }); sum.Created+sum.Updated+sum.Deleted+sum.GroupsChanged != 0 {
			t.Fatalf("full reconcile drift: %+v", sum)
		}
		runs, total, _ := s.SyncRuns(context.Background(), in.ID, 50, 0)
		if total != 6 || runs[0].Mode != "full" || runs[0].Trigger != "test" {
			t.Fatalf("sync runs: %d, newest %+v", total, runs[0])
		}
	})
}
