package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

func newGroupAccount(t *testing.T, s *store.Store, in *store.Integration, userName, display string) *store.Account {
	t.Helper()
	a := &store.Account{IntegrationID: &in.ID, UserName: userName, DisplayName: display, Active: true}
	if err := s.CreateAccount(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestGroupsUniquenessScopeAndVersions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		okta, entra := newIntegration(t, s, "okta"), newIntegration(t, s, "entra")
		g := &store.Group{IntegrationID: &okta.ID, DisplayName: "Sales", ExternalID: ptr("x1")}
		if err := s.CreateGroup(ctx, g); err != nil {
			t.Fatal(err)
		}
		err := s.CreateGroup(ctx, &store.Group{IntegrationID: &okta.ID, DisplayName: "SALES"})
		if !store.ConflictOn(err, "display_name") {
			t.Fatalf("same displayName, other case: %v, want conflict on display_name", err)
		}
		// externalId is the client's label, not a key (RFC 7643; Microsoft's collection reuses one).
		if err := s.CreateGroup(ctx, &store.Group{IntegrationID: &okta.ID, DisplayName: "Other", ExternalID: ptr("x1")}); err != nil {
			t.Fatalf("same externalId: %v", err)
		}
		if err := s.CreateGroup(ctx, &store.Group{IntegrationID: &entra.ID, DisplayName: "sales", ExternalID: ptr("x1")}); err != nil {
			t.Fatalf("same names in another integration: %v", err)
		}
		if _, err := s.GroupByID(ctx, entra.ID, g.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("another integration's group: %v, want ErrNotFound", err)
		}
		got, err := s.GroupByID(ctx, okta.ID, g.ID)
		if err != nil || got.DisplayName != "Sales" || got.Version != 1 {
			t.Fatalf("GroupByID: %+v %v", got, err)
		}
		got.DisplayName = "Sales EMEA"
		if err := s.SaveGroup(ctx, got, 1, 0); err != nil || got.Version != 2 {
			t.Fatalf("save: %v (version %d)", err, got.Version)
		}
		if err := s.SaveGroup(ctx, got, 1, 0); !errors.Is(err, store.ErrVersionMismatch) {
			t.Fatalf("stale save: %v, want ErrVersionMismatch", err)
		}
		if err := s.DeleteGroup(ctx, g.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteGroup(ctx, g.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("second delete: %v", err)
		}
	})
}
