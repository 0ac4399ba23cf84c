package account_test

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

type tripSpy struct {
	mu    sync.Mutex
	trips []account.Trip
}

func (s *tripSpy) BreakerTripped(_ context.Context, t account.Trip) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.trips = append(s.trips, t)
}

func (s *tripSpy) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.trips)
}

// TestBreakerTripAnnouncedAfterCommit: a trip inside a caller's transaction
// (an LDAP batch) is announced once that transaction commits, and never
// when it rolls back with the hold it made.
func TestBreakerTripAnnouncedAfterCommit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		in := &store.Integration{Name: "tripper", Kind: "ldap"}
		if err := s.CreateIntegration(ctx, in); err != nil {
			t.Fatal(err)
		}
		if err := s.SetIntegrationBreaker(ctx, in.ID, store.BreakerSettings{Enabled: true, Percent: 10, Min: 1, WindowSeconds: 3600}); err != nil {
			t.Fatal(err)
		}
		spy := &tripSpy{}
		svc := account.New(s, nil, slog.New(slog.DiscardHandler))
		svc.OnTrip = spy
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
			_, err := svc.Bound(tx).Update(ctx, actor, ids[0], 0, func(a *store.Account) error { a.Active = false; return nil })
			return err
		}
		rollback := errors.New("a later batch failed")
		err := s.Tx(ctx, func(tx *store.Store) error {
			if err := deactivate(tx); err != nil {
				return err
			}
			return rollback
		})
		if !errors.Is(err, rollback) || spy.count() != 0 {
			t.Fatalf("rolled back: %v, %d trips announced, want none", err, spy.count())
		}
		err = s.Tx(ctx, func(tx *store.Store) error {
			if err := deactivate(tx); err != nil {
				return err
			}
			if n := spy.count(); n != 0 {
				t.Errorf("%d trips announced before the commit", n)
			}
			return nil
		})
		if err != nil || spy.count() != 1 {
			t.Fatalf("committed: %v, %d trips announced, want 1", err, spy.count())
		}
	})
}
