package account

import (
	"context"
	"errors"
	"fmt"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/webhook"
)

// Trip is what admins are told when an integration's breaker trips.
type Trip struct {
	IntegrationID string
	Integration   string // its name
	Actor         string
	Applied       int64 // deprovisions applied in the window before the trip
	Active        int64 // the integration's active accounts then
	Settings      store.BreakerSettings
}

// BreakerNotifier tells admins that a breaker tripped. It runs inside the
// transaction that held the change and opened the breaker, so what it
// enqueues there (a durable job: notify.Breaker) commits or rolls back with
// the trip; it must not send anything itself.
type BreakerNotifier interface {
	BreakerTripped(ctx context.Context, tx *store.Store, t Trip) error
}

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }

// admit decides on one deprovision (kind: store.HeldDeactivate or
// store.HeldDelete) of account accountID asked by the integration actor:
// it records it as applied, or holds it. trip is set when this hold opened
// the breaker.
func (s *Service) admit(ctx context.Context, tx *store.Store, actor Actor, accountID, kind string) (held bool, trip *Trip, err error) {
	set, err := tx.LockBreaker(ctx, actor.ID)
	if err != nil {
		return false, nil, err
	}
	if set.Enabled {
		pending, err := tx.CountPendingHeld(ctx, actor.ID)
		if err != nil {
			return false, nil, err
		}
		held = pending > 0 // open: hold everything until admins decide
		if !held {
			applied, active, err := tx.BreakerWindow(ctx, actor.ID, store.Now().Add(-set.Window()))
			if err != nil {
				return false, nil, err
			}
			n, base := applied+1, active+applied
			if n*100 > int64(set.Percent)*base && n >= int64(set.Min) {
				held = true
				trip = &Trip{IntegrationID: actor.ID, Integration: actor.Name, Actor: actor.String(),
					Applied: applied, Active: active, Settings: set}
			}
		}
	}
	if !held {
		return false, nil, tx.RecordDeprovision(ctx, actor.ID, accountID)
	}
	h := &store.HeldChange{IntegrationID: actor.ID, AccountID: accountID, Kind: kind, Actor: actor.String()}
	if err := tx.CreateHeldChange(ctx, h); err != nil {
		return false, nil, err
	}
	if err := tx.Audit(ctx, actor.String(), "account."+kind+"_held", "account", accountID,
		map[string]any{"heldChangeId": h.ID}); err != nil {
		return false, nil, err
	}
	if trip != nil {
		if err := s.recordTrip(ctx, tx, *trip); err != nil {
			return false, nil, err
		}
	}
	return true, trip, nil
}

// recordTrip writes the trip's audit event and webhook event, counts it,
// and has OnTrip enqueue the admins' notice, all in tx.
func (s *Service) recordTrip(ctx context.Context, tx *store.Store, t Trip) error {
	if err := tx.CountBreakerTrip(ctx, t.IntegrationID); err != nil {
		return err
	}
	details := map[string]any{"integration": t.Integration, "applied": t.Applied, "active": t.Active,
		"percent": t.Settings.Percent, "min": t.Settings.Min, "windowSeconds": t.Settings.WindowSeconds}
	if err := tx.Audit(ctx, t.Actor, "integration.breaker_tripped", "integration", t.IntegrationID, details); err != nil {
		return err
	}
	ev := webhook.Event{Type: webhook.IntegrationBreakerTripped, OrderKey: "integration:" + t.IntegrationID,
		Actor: t.Actor, Data: map[string]any{"integration": map[string]any{"id": t.IntegrationID, "name": t.Integration},
			"applied": t.Applied, "active": t.Active}}
	if err := webhook.Enqueue(ctx, tx, ev); err != nil {
		return fmt.Errorf("account: breaker webhook: %w", err)
	}
	if s.OnTrip != nil {
		if err := s.OnTrip.BreakerTripped(ctx, tx, t); err != nil {
			return fmt.Errorf("account: breaker notice: %w", err)
		}
	}
	return nil
}

// tripped logs, after the commit, that a breaker tripped: after the
// outermost one when s works inside a transaction (an LDAP batch), so that
// a trip rolled back with its transaction is never logged as one.
func (s *Service) tripped(ctx context.Context, t Trip) {
	s.Store.AfterCommit(func() { s.announceTrip(ctx, t) })
}

func (s *Service) announceTrip(ctx context.Context, t Trip) {
	s.Log.WarnContext(ctx, "breaker tripped: deprovisions from this integration are held until an admin decides",
		"integration_id", t.IntegrationID, "integration", t.Integration, "applied_in_window", t.Applied,
		"active_accounts", t.Active, "percent", t.Settings.Percent, "min", t.Settings.Min)
}
