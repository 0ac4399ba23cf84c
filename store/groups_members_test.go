package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

func members(t *testing.T, s *store.Store, groupID string) []store.GroupMember {
	t.Helper()
	var out []store.GroupMember
	if err := s.EachGroupMember(context.Background(), groupID, func(m store.GroupMember) error {
		out = append(out, m)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func memberCount(t *testing.T, s *store.Store, in *store.Integration, groupID string) int64 {
	t.Helper()
	g, err := s.GroupByID(context.Background(), in.ID, groupID)
	if err != nil {
		t.Fatal(err)
	}
	return g.MemberCount
}

func TestGroupMembers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		in, other := newIntegration(t, s, "okta"), newIntegration(t, s, "entra")
		ada := newGroupAccount(t, s, in, "ada", "Ada L")
		bob := newGroupAccount(t, s, in, "bob", "")
		gone := newGroupAccount(t, s, in, "gone", "")
		stranger := newGroupAccount(t, s, other, "eve", "")
		if err := s.MarkAccountDeleted(ctx, gone.ID); err != nil {
			t.Fatal(err)
		}
		g := &store.Group{IntegrationID: &in.ID, DisplayName: "Eng"}
		if err := s.CreateGroup(ctx, g); err != nil {
			t.Fatal(err)
		}
		// Unknown, deleted and other integrations' ids are skipped; duplicates count once.
		added, err := s.AddGroupMembers(ctx, g, []store.GroupMember{{AccountID: ada.ID, Display: "VP"},
			{AccountID: bob.ID}, {AccountID: ada.ID}, {AccountID: "string id 1"}, {AccountID: gone.ID}, {AccountID: stranger.ID}})
		if err != nil || added != 2 {
			t.Fatalf("add: %d %v, want 2", added, err)
		}
		if again, _ := s.AddGroupMembers(ctx, g, []store.GroupMember{{AccountID: ada.ID}}); again != 0 {
			t.Fatalf("re-adding a member inserted %d rows", again)
		}
		if err := s.SaveGroup(ctx, g, g.Version, added); err != nil {
			t.Fatal(err)
		}
		got := members(t, s, g.ID)
		want := []store.GroupMember{{AccountID: ada.ID, Display: "VP"}, {AccountID: bob.ID, Display: "bob"}}
		slices.SortFunc(want, func(a, b store.GroupMember) int { return strings.Compare(a.AccountID, b.AccountID) })
		if !slices.Equal(got, want) {
			t.Fatalf("members: %+v, want %+v (client display, else userName)", got, want)
		}
		refs, err := s.GroupsOfAccount(ctx, ada.ID)
		if err != nil || len(refs) != 1 || refs[0] != (store.GroupRef{ID: g.ID, DisplayName: "Eng"}) {
			t.Fatalf("GroupsOfAccount: %+v %v", refs, err)
		}
		if byAcct, err := s.GroupsOfAccounts(ctx, []string{ada.ID, bob.ID, stranger.ID}); err != nil ||
			len(byAcct[ada.ID]) != 1 || len(byAcct[bob.ID]) != 1 || len(byAcct[stranger.ID]) != 0 {
			t.Fatalf("GroupsOfAccounts: %+v %v", byAcct, err)
		}
		if removed, err := s.RemoveGroupMembers(ctx, g.ID, []string{bob.ID, "not-a-member"}); err != nil || removed != 1 {
			t.Fatalf("remove: %d %v, want 1 (a non-member is a no-op)", removed, err)
		}
		a2, r2, err := s.ReplaceGroupMembers(ctx, g, []store.GroupMember{{AccountID: bob.ID}, {AccountID: "nobody"}})
		if err != nil || a2 != 1 || r2 != 1 {
			t.Fatalf("replace: +%d -%d %v, want +1 -1", a2, r2, err)
		}
		if err := s.SaveGroup(ctx, g, g.Version, a2-r2-1); err != nil {
			t.Fatal(err)
		}
		// Deleting an account drops its memberships and the count.
		if err := s.MarkAccountDeleted(ctx, bob.ID); err != nil {
			t.Fatal(err)
		}
		if n := memberCount(t, s, in, g.ID); n != 0 || len(members(t, s, g.ID)) != 0 {
			t.Fatalf("after deleting the only member: count %d, members %v", n, members(t, s, g.ID))
		}
		// Deleting a group removes memberships, not accounts.
		s.AddGroupMembers(ctx, g, []store.GroupMember{{AccountID: ada.ID}})
		if err := s.DeleteGroup(ctx, g.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AccountByID(ctx, ada.ID); err != nil {
			t.Fatalf("member account after group delete: %v", err)
		}
		if refs, _ := s.GroupsOfAccount(ctx, ada.ID); len(refs) != 0 {
			t.Fatalf("memberships survive group delete: %+v", refs)
		}
	})
}
