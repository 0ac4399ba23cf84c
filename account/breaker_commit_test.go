package account_test

import (
	"context"
	"errors"
	"log/slog"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// tripSpy stands for the notifier: it writes a marker audit event in the
// trip's transaction, as the real one inserts its job there.
type tripSpy struct{}

func (tripSpy) BreakerTripped(ctx context.Context, tx *store.Store, t account.Trip) error {
	return tx.Audit(ctx, "test", "test.trip_notice", "integration", t.IntegrationID, nil)
}

// notices counts the spy's committed notices.
func notices(t *testing.T, s *store.Store) int64 {
	t.Helper()
	_, n, err := s.AuditEvents(context.Background(), store.AuditFilter{Action: "test.trip_notice"})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestBreakerTripNoticeInTransaction: a trip inside a caller's transaction
// (an LDAP batch) has its notice enqueued in that transaction: kept when it
// commits, gone when it rolls back with the hold it made.
func TestBreakerTripNoticeInTransaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		in := newIntegration(t, s, "tripper", "ldap")
		if err := s.SetIntegrationBreaker(ctx, in.ID, store.BreakerSettings{Enabled: true, Percent: 10, Min: 1, WindowSeconds: 3600}); err != nil {
			t.Fatal(err)
		}
		svc := account.New(s, nil, slog.New(slog.DiscardHandler))
		svc.OnTrip = tripSpy{}
		actor := account.Actor{Kind: "integration", ID: in.ID, Name: in.Name}
		var ids []string
		for _, name := range []string{"a1", "a2"} {
			a, err := svc.Create(ctx, actor, in, &store.Account{UserName: name, ExternalID: &name, Active: true})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, a.ID)
		}
		deactivate := func(tx *store.Store) error {
			_, err := svc.WithStore(tx).Update(ctx, actor, ids[0], 0, func(a *store.Account) error { a.Active = false; return nil })
			return err
		}
		rollback := errors.New("a later batch failed")
		err := s.Tx(ctx, func(tx *store.Store) error {
			if err := deactivate(tx); err != nil {
				return err
			}
			return rollback
		})
		if n := notices(t, s); !errors.Is(err, rollback) || n != 0 {
			t.Fatalf("rolled back: %v, %d notices kept, want none", err, n)
		}
		err = s.Tx(ctx, func(tx *store.Store) error {
			if err := deactivate(tx); err != nil {
				return err
			}
			return nil
		})
		if n := notices(t, s); err != nil || n != 1 {
			t.Fatalf("committed: %v, %d notices, want 1", err, n)
		}
	})
}
