package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
)

// TestLockAccountIsTheOnlyLockingRead: inside a transaction, AccountByID is
// a plain read and LockAccount holds the row until the transaction ends.
// AccountByID used to lock on PostgreSQL whenever it ran in a transaction.
// On PostgreSQL another connection's FOR UPDATE NOWAIT tells whether the row
// is held; on SQLite both reads find the account.
func TestLockAccountIsTheOnlyLockingRead(t *testing.T) {
	eachWithIntegration(t, "lock", func(t *testing.T, ctx context.Context, s *store.Store, in *store.Integration) {
		a := &store.Account{IntegrationID: &in.ID, UserName: "locked", Active: true}
		if err := s.CreateAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		held := func() bool {
			if s.Dialect() != store.Postgres {
				return false
			}
			_, err := s.DB().ExecContext(ctx, "SELECT id FROM accounts WHERE id = $1 FOR UPDATE NOWAIT", a.ID)
			if err != nil && !strings.Contains(err.Error(), "55P03") {
				t.Fatalf("probe: %v", err)
			}
			return err != nil
		}
		for _, c := range []struct {
			name string
			read func(tx *store.Store) (*store.Account, error)
			lock bool
		}{
			{"AccountByID", func(tx *store.Store) (*store.Account, error) { return tx.AccountByID(ctx, a.ID) }, false},
			{"AccountByIDAny", func(tx *store.Store) (*store.Account, error) { return tx.AccountByIDAny(ctx, a.ID) }, false},
			{"AccountByUserName", func(tx *store.Store) (*store.Account, error) { return tx.AccountByUserName(ctx, "LOCKED") }, false},
			{"LockAccount", func(tx *store.Store) (*store.Account, error) { return tx.LockAccount(ctx, a.ID) }, true},
		} {
			err := s.Tx(ctx, func(tx *store.Store) error {
				got, err := c.read(tx)
				if err != nil || got.ID != a.ID {
					t.Fatalf("%s: %v, %+v", c.name, err, got)
				}
				want := c.lock && s.Dialect() == store.Postgres
				if h := held(); h != want {
					t.Errorf("%s inside a transaction: row held %v, want %v", c.name, h, want)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if held() {
				t.Errorf("%s: the row is still held after the transaction", c.name)
			}
		}
	})
}
