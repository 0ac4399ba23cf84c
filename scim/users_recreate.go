package scim

import (
	"context"
	"errors"

	"github.com/provisiond/provisiond/store"
)

// recreateHeld answers a create whose userName is taken by an account of
// the same integration whose deletion the breaker holds: to the IdP that
// user is gone (GET 404, absent from lists), so its create must not meet a
// 409 for it. The create supersedes the held deletion: the hold is
// canceled (audited, as for any reactivation by its source), the document
// replaces the account's attributes as a PUT would, and the account keeps
// its id, claim and password. An inactive create leaves the hold to the
// admin (the 409 stands). ok is false when the conflict is anything
// else (the 409 stands).
func (s *Server) recreateHeld(ctx context.Context, doc map[string]any, userName string) (a *store.Account, ok bool, err error) {
	in := integrationFrom(ctx)
	held, err := s.store.AccountByUserName(ctx, userName)
	if err != nil || held.IntegrationID == nil || in == nil || *held.IntegrationID != in.ID || held.Held != store.HeldDelete {
		return nil, false, nil
	}
	a, err = s.accounts.Update(ctx, actorFrom(ctx), held.ID, 0, func(a *store.Account) error {
		if a.Held != store.HeldDelete {
			return errNotHeld
		}
		if err := applyUser(a, doc); err != nil {
			return err
		}
		if !a.Active { // an inactive re-create leaves the held deletion to the admin
			return errNotHeld
		}
		return nil
	})
	if errors.Is(err, errNotHeld) {
		return nil, false, nil
	}
	return a, true, err
}

// errNotHeld: the hold was resolved between the read and the update.
var errNotHeld = errors.New("scim: the held deletion was resolved meanwhile")
