package account

import (
	"context"

	"github.com/provisiond/provisiond/store"
)

// breakUpdate runs the breaker on an update whose fn has run on the
// integration's view of a (active=false while a change is held). It may hold
// the deactivation (putting a.Active back), keep a pending hold, or cancel
// it, and sets a.Held to match (saved with the row, which moves the
// version). held means the integration must be answered as if a were
// inactive.
func (s *Service) breakUpdate(ctx context.Context, tx *store.Store, actor Actor, hv holdView, a *store.Account, wasActive bool) (held bool, trip *Trip, err error) {
	switch {
	case hv.pending != nil && a.Active: // re-activated by its source: nothing to apply any more
		a.Held = ""
		return false, nil, cancelHold(ctx, tx, actor, a.ID, "reactivated")
	case hv.pending != nil: // still inactive in the source's view: keep waiting
		a.Active = wasActive
		return true, nil, tx.RepeatHeldChange(ctx, hv.pending.ID, store.HeldDeactivate)
	case wasActive && !a.Active && hv.subject:
		held, trip, err = s.admit(ctx, tx, actor, a.ID, store.HeldDeactivate)
		if held {
			a.Active, a.Held = wasActive, store.HeldDeactivate
		}
		return held, trip, err
	case wasActive && !a.Active: // an admin (or a forced run) decided: a hold is moot
		a.Held = ""
		return false, nil, cancelHold(ctx, tx, actor, a.ID, "deactivated by "+actor.Kind)
	}
	return false, nil, nil
}

// breakDelete runs the breaker on a deletion. held means: answer as if
// deleted, but do not delete (the account is marked held, which hides it
// from its integration and moves its version).
func (s *Service) breakDelete(ctx context.Context, tx *store.Store, actor Actor, hv holdView, a *store.Account) (held bool, trip *Trip, err error) {
	switch {
	case hv.pending != nil: // a retry, or a deletion after a held deactivation
		if err := tx.RepeatHeldChange(ctx, hv.pending.ID, store.HeldDelete); err != nil {
			return false, nil, err
		}
		return true, nil, tx.HoldAccount(ctx, a.ID, store.HeldDelete)
	case hv.subject:
		if held, trip, err = s.admit(ctx, tx, actor, a.ID, store.HeldDelete); err != nil || !held {
			return held, trip, err
		}
		return true, trip, tx.HoldAccount(ctx, a.ID, store.HeldDelete)
	}
	return false, nil, cancelHold(ctx, tx, actor, a.ID, "deleted by "+actor.Kind)
}

// cancelHold cancels the pending hold of account id, if any, with an audit event.
func cancelHold(ctx context.Context, tx *store.Store, actor Actor, id, reason string) error {
	ok, err := tx.CancelHeldChangeOf(ctx, id, actor.String())
	if err != nil || !ok {
		return err
	}
	return tx.Audit(ctx, actor.String(), "held_change.canceled", "account", id, map[string]any{"reason": reason})
}
