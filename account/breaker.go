package account

import (
	"context"
	"fmt"

	"github.com/provisiond/provisiond/store"
)

// The breaker: each integration has a threshold on the deactivations
// (active true -> false) and deletions it asks for, counted over a sliding
// window (default: more than 10% of its active accounts, and at least 25,
// within an hour). The count that decides is n = applied in the window + 1
// (this change) against base = active accounts now + applied in the window
// (the population when the window opened): the change is held when
// n*100 > percent*base and n >= min. With 1,000 active accounts and the
// defaults, the 100 first deactivations are applied and the 101st is held.
// Once a change is held the breaker is open: every later deprovision from
// that integration is held too, whatever the count, until admins have
// decided on all of them. Admin and system actions are never held.
//
// Decisions lock the integration's row (store.LockBreaker) in the
// transaction of the change, so replicas decide one at a time.
//
// A held change (store.HeldChange) moves through these states:
//
//	            deactivate/delete past threshold (or breaker open)
//	(none) ------------------------------------------------> pending
//	pending --same change asked again (IdP retry)-----------> pending (repeats+1)
//	pending --delete asked for a held deactivation----------> pending (kind delete)
//	pending --integration re-activates the account----------> canceled
//	pending --an admin deactivates or deletes it directly---> canceled
//	pending --admin applies (replayed by id order)----------> applied
//	pending --admin discards (the account stays active)-----> discarded
//
// While pending, the account keeps its real state, and its row says what is
// held (store.Account.Held, saved in the transaction of every move above, so
// each move changes the account's version). The integration sees one story,
// the change as applied (store/source_view.go): the answer to its PATCH or
// PUT (active=false) or DELETE (204), its later GETs and filters (SQL), and
// the ETag they carry all agree; a held deletion hides the account from it
// (404, absent from lists and group members). A PATCH of another attribute
// leaves the hold pending, a PATCH or PUT with active=true cancels a held
// deactivation. Admins see the real state with the hold beside it.

// holdView is the breaker's part in one change: the pending hold of the
// account (if any) and whether the actor is subject to the breaker.
type holdView struct {
	subject bool
	pending *store.HeldChange
}

// WithoutBreaker returns a copy of s whose deprovisions are applied and
// counted but never held: for runs an admin explicitly forced
// (ldap-sync --force).
func (s *Service) WithoutBreaker() *Service {
	c := *s
	c.noBreaker = true
	return &c
}

// subjectToBreaker reports whether actor's changes to a go through the
// breaker: an integration changing an account it provisioned.
func (s *Service) subjectToBreaker(actor Actor, a *store.Account) bool {
	if s.noBreaker {
		return false
	}
	return actor.Kind == "integration" && actor.ID != "" && a.IntegrationID != nil && *a.IntegrationID == actor.ID
}

// viewHold loads the pending hold of a when actor is subject to the breaker.
func (s *Service) viewHold(ctx context.Context, tx *store.Store, actor Actor, a *store.Account) (holdView, error) {
	v := holdView{subject: s.subjectToBreaker(actor, a)}
	if !v.subject {
		return v, nil
	}
	h, err := tx.PendingHeldChange(ctx, a.ID)
	switch {
	case err == nil:
		v.pending = h
	case !isNotFound(err):
		return v, fmt.Errorf("account: breaker: %w", err)
	}
	return v, nil
}
