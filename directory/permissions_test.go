package directory

import (
	"context"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/permission"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// TestLDAPTargetPermissions drives the sync Target of an integration without
// accounts:deactivate and groups:write: accounts are created and updated,
// but a disabled entry keeps its account active, a removal keeps it, groups
// are not written, and the summary says so. Without accounts:write nothing
// is written at all.
func TestLDAPTargetPermissions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		in := &store.Integration{Name: "corp", Kind: "ldap",
			Permissions: permission.Set{permission.AccountsRead, permission.AccountsWrite, permission.GroupsRead}.String()}
		tg := newTarget(t, st, in)
		if _, err := tg.Snapshot(ctx, in.ID); err != nil {
			t.Fatal(err)
		}
		u := ldapsync.User{ExternalID: "e1", DN: "uid=ann,dc=x", UserName: "ann", Email: "ann@x.test", Active: true, Hash: "h1"}
		if res, err := tg.Upsert(ctx, in.ID, []ldapsync.User{u}); err != nil || res.Created != 1 {
			t.Fatalf("create: %+v, %v", res, err)
		}
		u.Active, u.Hash, u.DisplayName = false, "h2", "Ann"
		if _, err := tg.Upsert(ctx, in.ID, []ldapsync.User{u}); err != nil {
			t.Fatal(err)
		}
		a, err := st.AccountByUserName(ctx, "ann")
		if err != nil || !a.Active || a.DisplayName != "Ann" || a.SourceHash != "" {
			t.Fatalf("after a refused suspension: %+v, %v; want active, updated, hash cleared", a, err)
		}
		if n, err := tg.Remove(ctx, in.ID, []string{"e1"}); err != nil || n != 0 {
			t.Fatalf("remove = %d, %v; want 0 without accounts:deactivate", n, err)
		}
		if a, err = st.AccountByID(ctx, a.ID); err != nil || a.DeletedAt != nil {
			t.Fatalf("account removed anyway: %+v, %v", a, err)
		}
		g := ldapsync.Group{ExternalID: "g1", DN: "cn=staff,dc=x", DisplayName: "staff", MemberExternalIDs: []string{"e1"}, Hash: "g"}
		if err := tg.SyncGroups(ctx, in.ID, []ldapsync.Group{g}, nil); err != nil {
			t.Fatal(err)
		}
		if gs, err := st.SourcedGroups(ctx, in.ID); err != nil || len(gs) != 0 {
			t.Fatalf("groups written without groups:write: %v, %v", gs, err)
		}
		sum := ldapsync.Summary{Mode: "full", Suspended: 1, Deleted: 0, GroupsChanged: 1}
		tg.denied.report(&sum)
		line := sum.String()
		for _, want := range []string{"suspended 0", "1 suspensions skipped (no accounts:deactivate)",
			"1 removals skipped (no accounts:deactivate)", "1 group changes skipped (no groups:write)"} {
			if !strings.Contains(line, want) {
				t.Errorf("summary %q lacks %q", line, want)
			}
		}

		ro := &store.Integration{Name: "ro", Kind: "ldap", Permissions: permission.AccountsRead}
		rt := newTarget(t, st, ro)
		u2 := ldapsync.User{ExternalID: "e2", DN: "uid=bo,dc=x", UserName: "bo", Active: true, Hash: "b"}
		if res, err := rt.Upsert(ctx, ro.ID, []ldapsync.User{u2}); err != nil || res.Created != 0 {
			t.Fatalf("read-only upsert: %+v, %v", res, err)
		}
		if _, err := st.AccountByUserName(ctx, "bo"); err == nil {
			t.Error("account created without accounts:write")
		}
	})
}
