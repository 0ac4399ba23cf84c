package store_test

import (
	"context"
	"testing"

	"github.com/provisiond/provisiond/store"
)

// accounts.held follows the pending held change through every move that
// store makes itself (source_view.go), moving the versions, and the SCIM
// list sees the integration's view.
func TestHeldFollowsHeldChanges(t *testing.T) {
	eachWithIntegration(t, "idp", func(t *testing.T, ctx context.Context, s *store.Store, in *store.Integration) {
		mk := func(name string) *store.Account {
			a := &store.Account{IntegrationID: &in.ID, Origin: "scim", UserName: name, Active: true}
			if err := s.CreateAccount(ctx, a); err != nil {
				t.Fatal(err)
			}
			return a
		}
		a, b := mk("a"), mk("b")
		g := &store.Group{IntegrationID: &in.ID, DisplayName: "G"}
		if err := s.CreateGroup(ctx, g); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddGroupMembers(ctx, g, []store.GroupMember{{AccountID: a.ID}}); err != nil {
			t.Fatal(err)
		}
		read := func(id string) *store.Account {
			t.Helper()
			x, err := s.AccountByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return x
		}
		groupVersion := func() int64 {
			t.Helper()
			x, err := s.GroupByID(ctx, in.ID, g.ID)
			if err != nil {
				t.Fatal(err)
			}
			return x.Version
		}

		// A held deletion: the account and its groups move; the list hides it.
		gv := groupVersion()
		for _, id := range []string{a.ID, b.ID} {
			kind := store.HeldDelete
			if id == b.ID {
				kind = store.HeldDeactivate
			}
			if err := s.CreateHeldChange(ctx, &store.HeldChange{IntegrationID: in.ID, AccountID: id, Kind: kind}); err != nil {
				t.Fatal(err)
			}
			if err := s.HoldAccount(ctx, id, kind); err != nil {
				t.Fatal(err)
			}
		}
		if x := read(a.ID); x.Held != store.HeldDelete || x.Version != a.Version+1 || groupVersion() != gv+1 {
			t.Fatalf("held deletion: held %q version %d (was %d), group version %d (was %d)", x.Held, x.Version, a.Version, groupVersion(), gv)
		}
		list, total, err := s.ListAccounts(ctx, store.AccountQuery{IntegrationID: in.ID,
			Filter: store.Compare{Attr: "active", Op: "eq", Value: false}})
		if err != nil || total != 1 || list[0].ID != b.ID || !list[0].Active || list[0].SourceView().Active {
			t.Fatalf("active eq false: %d %v %v; want b alone, stored active, seen inactive", total, list, err)
		}

		// Resolving releases the holds, moving the versions again.
		if _, err := s.ResolveHeldChanges(ctx, in.ID, nil, store.HoldDiscarded, "admin:ada"); err != nil {
			t.Fatal(err)
		}
		if x := read(a.ID); x.Held != "" || x.Version != a.Version+2 || groupVersion() != gv+2 {
			t.Fatalf("after discard: held %q version %d, group version %d", x.Held, x.Version, groupVersion())
		}
		if _, total, _ := s.ListAccounts(ctx, store.AccountQuery{IntegrationID: in.ID}); total != 2 {
			t.Fatalf("list after discard: %d accounts", total)
		}

		// Deleting the integration drops its held changes, and the holds with them.
		if err := s.CreateHeldChange(ctx, &store.HeldChange{IntegrationID: in.ID, AccountID: b.ID, Kind: store.HeldDeactivate}); err != nil {
			t.Fatal(err)
		}
		if err := s.HoldAccount(ctx, b.ID, store.HeldDeactivate); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteIntegration(ctx, in.ID); err != nil {
			t.Fatal(err)
		}
		if x := read(b.ID); x.Held != "" {
			t.Fatalf("account of a deleted integration still held: %q", x.Held)
		}
	})
}
