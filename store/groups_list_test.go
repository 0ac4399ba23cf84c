package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

func TestListGroupsFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		in, other := newIntegration(t, s, "okta"), newIntegration(t, s, "entra")
		ada := newGroupAccount(t, s, in, "ada", "")
		var ids []string
		for _, name := range []string{"Sales", "Sales EMEA", "Eng"} {
			g := &store.Group{IntegrationID: &in.ID, DisplayName: name, ExternalID: ptr("ext-" + name)}
			if err := s.CreateGroup(ctx, g); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, g.ID)
		}
		s.CreateGroup(ctx, &store.Group{IntegrationID: &other.ID, DisplayName: "Sales"})
		eng := &store.Group{ID: ids[2], IntegrationID: &in.ID}
		if _, err := s.AddGroupMembers(ctx, eng, []store.GroupMember{{AccountID: ada.ID}}); err != nil {
			t.Fatal(err)
		}
		eq := func(attr, v string) store.Filter { return store.Compare{Attr: attr, Op: "eq", Value: v} }
		member := store.ValuePath{Attr: "members", Filter: eq("value", ada.ID)}
		tests := []struct {
			name string
			f    store.Filter
			want []string
		}{
			{"all", nil, ids},
			{"displayName eq, any case", eq("DISPLAYNAME", "sales"), ids[:1]},
			{"displayName with URN", eq("urn:ietf:params:scim:schemas:core:2.0:Group:displayName", "Eng"), ids[2:]},
			{"externalId is case-exact", eq("externalId", "EXT-SALES"), nil},
			{"externalId eq", eq("externalId", "ext-Sales EMEA"), ids[1:2]},
			{"id and members[value eq]", store.And{Left: eq("id", ids[2]), Right: member}, ids[2:]},
			{"id and members[value eq], not a member", store.And{Left: eq("id", ids[0]), Right: member}, nil},
			{"members.value eq", eq("members.value", ada.ID), ids[2:]},
			{"or", store.Or{Left: eq("displayName", "eng"), Right: eq("displayName", "sales")}, []string{ids[0], ids[2]}},
			{"not", store.Not{Inner: store.Compare{Attr: "displayName", Op: "sw", Value: "sal"}}, ids[2:]},
			{"sw", store.Compare{Attr: "displayName", Op: "sw", Value: "SALES"}, ids[:2]},
		}
		for _, tc := range tests {
			got, total, err := s.ListGroups(ctx, store.GroupQuery{IntegrationID: in.ID, Filter: tc.f, Limit: 10})
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			var gotIDs []string
			for _, g := range got {
				gotIDs = append(gotIDs, g.ID)
			}
			if total != int64(len(tc.want)) || len(gotIDs) != len(tc.want) || !slices.Equal(gotIDs, tc.want) {
				t.Errorf("%s: %v (total %d), want %v", tc.name, gotIDs, total, tc.want)
			}
		}
		_, _, err := s.ListGroups(ctx, store.GroupQuery{IntegrationID: in.ID, Filter: eq("members.display", "x"), Limit: 1})
		if !errors.Is(err, store.ErrFilter) {
			t.Fatalf("unknown attribute: %v, want ErrFilter", err)
		}
		page, total, err := s.ListGroups(ctx, store.GroupQuery{IntegrationID: in.ID, SortBy: "displayName", Desc: true, Offset: 1, Limit: 1})
		if err != nil || total != 3 || len(page) != 1 || page[0].DisplayName != "Sales" {
			t.Fatalf("sorted page: %+v %d %v", page, total, err)
		}
	})
}
