package store_test

import (
	"context"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// Deleting an integration keeps its groups without a source; a group named
// like a sourceless group already there (another deleted integration's, or
// an admin's) takes its integration's name in parentheses instead of making
// the deletion fail on the unique name.
func TestDeleteIntegrationsWithSameNamedGroups(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for _, name := range []string{"okta", "entra"} {
			in := newIntegration(t, s, name)
			if err := s.CreateGroup(ctx, &store.Group{IntegrationID: &in.ID, DisplayName: "Staff"}); err != nil {
				t.Fatal(err)
			}
			if err := s.DeleteIntegration(ctx, in.ID); err != nil {
				t.Fatalf("delete %s: %v", name, err)
			}
		}
		groups, err := s.GroupsForTest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]bool{}
		for _, g := range groups {
			if g.IntegrationID != nil {
				t.Errorf("group %s keeps a deleted integration", g.DisplayName)
			}
			names[g.DisplayName] = true
		}
		if len(groups) != 2 || !names["Staff"] || !names["Staff (entra)"] {
			t.Errorf("groups after the deletions: %v", names)
		}
	})
}
