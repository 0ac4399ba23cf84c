package account

import (
	"context"
	"errors"
	"fmt"

	"github.com/provisiond/provisiond/store"
)

// Resolution counts what an admin's decision on held changes did.
type Resolution struct {
	Applied   int   `json:"applied"`
	Discarded int   `json:"discarded"`
	Skipped   int   `json:"skipped"` // resolved meanwhile, or the account is gone
	Pending   int64 `json:"pending"` // still held afterwards
}

// errResolved means another admin resolved the hold first.
var errResolved = errors.New("account: held change already resolved")

// ApplyHeld replays the pending held changes of integration integrationID
// (those in ids; every one when ids is nil) in the order they were held,
// each in its own transaction through Update or Delete as actor (an admin,
// so the breaker does not hold them again). It stops at the first failure.
func (s *Service) ApplyHeld(ctx context.Context, actor Actor, integrationID string, ids []int64) (Resolution, error) {
	var res Resolution
	hs, _, err := s.Store.HeldChanges(ctx, store.HeldQuery{IntegrationID: integrationID, IDs: ids})
	if err != nil {
		return res, fmt.Errorf("account: apply held changes: %w", err)
	}
	for _, h := range hs {
		err := s.Store.Tx(ctx, func(tx *store.Store) error { return s.WithStore(tx).applyOne(ctx, tx, actor, h) })
		switch {
		case errors.Is(err, errResolved):
			res.Skipped++
		case isNotFound(err): // deleted meanwhile: nothing left to apply
			if _, err := s.Store.ResolveHeldChanges(ctx, integrationID, []int64{h.ID}, store.HoldCanceled, actor.String()); err != nil {
				return res, fmt.Errorf("account: cancel held change %d: %w", h.ID, err)
			}
			res.Skipped++
		case err != nil:
			return res, fmt.Errorf("account: apply held change %d: %w", h.ID, err)
		default:
			res.Applied++
		}
	}
	return s.afterDecision(ctx, integrationID, res)
}

// applyOne marks hold h applied and applies it, in tx.
func (s *Service) applyOne(ctx context.Context, tx *store.Store, actor Actor, h store.HeldChange) error {
	n, err := tx.ResolveHeldChanges(ctx, h.IntegrationID, []int64{h.ID}, store.HoldApplied, actor.String())
	if err != nil {
		return err
	}
	if n == 0 {
		return errResolved
	}
	if err := tx.Audit(ctx, actor.String(), "held_change.applied", "account", h.AccountID,
		map[string]any{"heldChangeId": h.ID, "kind": h.Kind, "requestedBy": h.Actor}); err != nil {
		return err
	}
	if h.Kind == store.HeldDelete {
		return s.Delete(ctx, actor, h.AccountID, 0)
	}
	_, err = s.Update(ctx, actor, h.AccountID, 0, func(a *store.Account) error {
		a.Active = false
		return nil
	})
	return err
}

// DiscardHeld drops the pending held changes of integration integrationID
// (those in ids; every one when ids is nil): their accounts stay as they are.
func (s *Service) DiscardHeld(ctx context.Context, actor Actor, integrationID string, ids []int64) (Resolution, error) {
	var res Resolution
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		n, err := tx.ResolveHeldChanges(ctx, integrationID, ids, store.HoldDiscarded, actor.String())
		if err != nil || n == 0 {
			return err
		}
		res.Discarded = int(n)
		return tx.Audit(ctx, actor.String(), "integration.held_changes_discarded", "integration", integrationID,
			map[string]any{"count": n, "ids": ids})
	})
	if err != nil {
		return res, fmt.Errorf("account: discard held changes: %w", err)
	}
	if ids != nil {
		res.Skipped = len(ids) - res.Discarded
	}
	return s.afterDecision(ctx, integrationID, res)
}

// afterDecision counts what is still held and logs when the breaker closed.
func (s *Service) afterDecision(ctx context.Context, integrationID string, res Resolution) (Resolution, error) {
	n, err := s.Store.CountPendingHeld(ctx, integrationID)
	if err != nil {
		return res, fmt.Errorf("account: held changes: %w", err)
	}
	res.Pending = n
	if n == 0 && res.Applied+res.Discarded > 0 {
		s.Log.InfoContext(ctx, "breaker closed: no held changes left", "integration_id", integrationID,
			"applied", res.Applied, "discarded", res.Discarded)
	}
	return res, nil
}
