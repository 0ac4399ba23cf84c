package store_test

import (
	"context"
	"testing"

	"github.com/provisiond/provisiond/store"
)

// externalId is the client's label for SCIM-created accounts: several live
// accounts of one integration may share it, whichever write path made them
// (one create, a group-commit batch: PostgreSQL's CTE statement, SQLite's
// ON CONFLICT DO NOTHING insert). LDAP accounts stay unique by it: the
// directory's entry UUID is their key.
func TestExternalIDUniqueOnlyForDirectories(t *testing.T) {
	eachWithIntegration(t, "entra", func(t *testing.T, ctx context.Context, s *store.Store, in *store.Integration) {
		scim := func(userName string) *store.Account {
			return &store.Account{IntegrationID: &in.ID, Origin: "scim", ExternalID: ptr("dup"), UserName: userName, Active: true}
		}
		if err := s.CreateAccount(ctx, scim("one")); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateAccount(ctx, scim("two")); err != nil {
			t.Fatalf("second SCIM account with the same externalId: %v", err)
		}
		batch := []*store.Account{scim("three"), scim("four")}
		err := s.Tx(ctx, func(tx *store.Store) error {
			written, err := tx.InsertNewAccounts(ctx, batch, func(a *store.Account) store.AuditEvent {
				return store.AuditEvent{Actor: "test", Action: "account.created", TargetType: "account", TargetID: a.ID}
			})
			if err == nil && len(written) != len(batch) {
				t.Errorf("batch wrote %d of %d accounts sharing an externalId", len(written), len(batch))
			}
			return err
		})
		if err != nil {
			t.Fatalf("batch of SCIM accounts sharing an externalId: %v", err)
		}
		got, err := s.AccountsByExternalIDAny(ctx, "dup")
		if err != nil || len(got) != 4 {
			t.Fatalf("accounts with externalId dup: %d, %v; want 4", len(got), err)
		}

		dir := newIntegration(t, s, "ldap")
		ldap := func(userName string) *store.Account {
			return &store.Account{IntegrationID: &dir.ID, Origin: "ldap", ExternalID: ptr("uuid-1"), UserName: userName, Active: true}
		}
		if err := s.CreateAccount(ctx, ldap("dir-one")); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateAccount(ctx, ldap("dir-two")); !store.ConflictOn(err, "external_id") {
			t.Fatalf("second LDAP account with the same entry UUID: %v, want a conflict on external_id", err)
		}
		err = s.Tx(ctx, func(tx *store.Store) error { return tx.CreateAccounts(ctx, []*store.Account{ldap("dir-three")}) })
		if !store.ConflictOn(err, "external_id") {
			t.Fatalf("bulk LDAP insert of a known entry UUID: %v, want a conflict on external_id", err)
		}
		// The same label in another integration is no clash.
		other := ldap("elsewhere")
		other.IntegrationID = &in.ID
		if err := s.CreateAccount(ctx, other); err != nil {
			t.Fatalf("LDAP-origin externalId of another integration: %v", err)
		}
	})
}
