package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
)

// TestLockingReadsAreNamed: inside a transaction only the Lock* reads hold
// their row (on PostgreSQL, probed from another connection with FOR UPDATE
// NOWAIT); InvitationByID, OpenInvitation and GroupByID are plain reads.
// They used to lock whenever they ran in a transaction.
func TestLockingReadsAreNamed(t *testing.T) {
	eachWithIntegration(t, "lock", func(t *testing.T, ctx context.Context, s *store.Store, in *store.Integration) {
		a := &store.Account{IntegrationID: &in.ID, UserName: "held", Active: true, Email: "held@example.com"}
		if err := s.CreateAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		exp := time.Now().Add(time.Hour)
		inv := &store.Invitation{AccountID: a.ID, Status: store.InvitationSent, Delivery: store.DeliveryQueued, Method: "link", Email: a.Email, ExpiresAt: &exp}
		if err := s.CreateInvitation(ctx, inv); err != nil {
			t.Fatal(err)
		}
		g := &store.Group{IntegrationID: &in.ID, DisplayName: "Staff"}
		if err := s.CreateGroup(ctx, g); err != nil {
			t.Fatal(err)
		}
		held := func(table, id string) bool {
			if s.Dialect() != store.Postgres {
				return false
			}
			_, err := s.DB().ExecContext(ctx, "SELECT id FROM "+table+" WHERE id = $1 FOR UPDATE NOWAIT", id)
			if err != nil && !strings.Contains(err.Error(), "55P03") {
				t.Fatalf("probe %s: %v", table, err)
			}
			return err != nil
		}
		for _, c := range []struct {
			name, table, id string
			read            func(tx *store.Store) error
			lock            bool
		}{
			{"InvitationByID", "invitations", inv.ID, func(tx *store.Store) error { _, err := tx.InvitationByID(ctx, inv.ID); return err }, false},
			{"LockInvitation", "invitations", inv.ID, func(tx *store.Store) error { _, err := tx.LockInvitation(ctx, inv.ID); return err }, true},
			{"OpenInvitation", "invitations", inv.ID, func(tx *store.Store) error { _, err := tx.OpenInvitation(ctx, a.ID); return err }, false},
			{"LockOpenInvitation", "invitations", inv.ID, func(tx *store.Store) error { _, err := tx.LockOpenInvitation(ctx, a.ID); return err }, true},
			{"GroupByID", "groups", g.ID, func(tx *store.Store) error { _, err := tx.GroupByID(ctx, in.ID, g.ID); return err }, false},
			{"LockGroup", "groups", g.ID, func(tx *store.Store) error { _, err := tx.LockGroup(ctx, in.ID, g.ID); return err }, true},
		} {
			err := s.Tx(ctx, func(tx *store.Store) error {
				if err := c.read(tx); err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				if h, want := held(c.table, c.id), c.lock && s.Dialect() == store.Postgres; h != want {
					t.Errorf("%s in a transaction: row held %v, want %v", c.name, h, want)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	})
}
