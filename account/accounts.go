package account

import (
	"context"
	"fmt"

	"github.com/provisiond/provisiond/backchannel"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/webhook"
)

// CreateOptions are a caller's explicit choices for one Create.
type CreateOptions struct {
	// Provision, when set, runs inside Create's transaction for a new
	// active account in place of the policy's Provisioned hook: an admin's
	// own choices (invite now or later, a message) for the accounts it
	// creates. Its caller keeps whatever it produced.
	Provision func(ctx context.Context, tx *store.Store, a *store.Account) error
}

// Create provisions a new account from integration in (nil for admin-created
// accounts) and applies the provisioning policy in the same transaction.
func (s *Service) Create(ctx context.Context, actor Actor, in *store.Integration, a *store.Account) (*store.Account, error) {
	return s.CreateWith(ctx, actor, in, a, CreateOptions{})
}

// CreateWith is Create with the caller's options.
func (s *Service) CreateWith(ctx context.Context, actor Actor, in *store.Integration, a *store.Account, opts CreateOptions) (*store.Account, error) {
	if err := prepareNew(in, a); err != nil {
		return nil, err
	}
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		if err := s.yieldSignUps(ctx, tx, actor, a); err != nil {
			return err
		}
		if err := tx.CreateAccount(ctx, a); err != nil {
			return err
		}
		if err := tx.Audit(ctx, actor.String(), "account.created", "account", a.ID,
			map[string]any{"userName": a.UserName, "status": a.Status}); err != nil {
			return err
		}
		if err := webhook.Enqueue(ctx, tx, webhook.AccountEvent(webhook.AccountCreated, a, actor.String())); err != nil {
			return err
		}
		switch {
		case !a.Active:
			return nil
		case opts.Provision != nil:
			return opts.Provision(ctx, tx, a)
		}
		return s.Policy.Provisioned(ctx, tx, actor, a, in)
	})
	if err != nil {
		return nil, fmt.Errorf("account: create %q: %w", a.UserName, err)
	}
	return a, nil
}

// prepareNew normalizes a new account of integration in (nil: admin-created)
// and sets its origin and first status: not_invited, or suspended when
// created inactive.
func prepareNew(in *store.Integration, a *store.Account) error {
	if err := normalize(a); err != nil {
		return err
	}
	if in != nil {
		a.IntegrationID = &in.ID
		if a.Origin == "" {
			a.Origin = in.Kind
		}
	} else if a.Origin == "" {
		a.Origin = "admin"
	}
	a.Status = store.StatusNotInvited
	if !a.Active {
		a.Status = store.StatusSuspended
	}
	return nil
}

// Update reads account id, lets fn change it, and saves it if its version is
// still expectVersion (0: whatever it is now). Status follows active; the
// policy runs on deactivation and re-activation.
func (s *Service) Update(ctx context.Context, actor Actor, id string, expectVersion int64, fn func(a *store.Account) error) (*store.Account, error) {
	var out *store.Account
	var held bool
	var trip *Trip
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		a, err := lockAccountAt(ctx, tx, id, expectVersion)
		if err != nil {
			return err
		}
		wasActive, version, before := a.Active, a.Version, addressesOf(a)
		previous := a.Email
		hv, err := s.viewHold(ctx, tx, actor, a)
		if err != nil {
			return err
		}
		if hv.pending != nil {
			a.Active = false // the source sees its held change as applied
		}
		if err := fn(a); err != nil {
			return err
		}
		a.ID = id
		if err := normalize(a); err != nil {
			return err
		}
		if held, trip, err = s.breakUpdate(ctx, tx, actor, hv, a, wasActive); err != nil {
			return err
		}
		if err := s.applyActive(ctx, tx, a, wasActive); err != nil {
			return err
		}
		if gainsAddress(before, a) {
			if err := s.yieldSignUps(ctx, tx, actor, a); err != nil {
				return err
			}
		}
		if err := tx.SaveAccount(ctx, a, version); err != nil {
			return err
		}
		if err := tx.Audit(ctx, actor.String(), "account.updated", "account", a.ID,
			map[string]any{"version": a.Version, "status": a.Status}); err != nil {
			return err
		}
		if err := enqueueActiveChange(ctx, tx, actor, a, wasActive); err != nil {
			return err
		}
		if !store.SameEmail(previous, a.Email) {
			if err := s.emailChanged(ctx, tx, actor, a, previous); err != nil {
				return err
			}
		}
		switch {
		case wasActive && !a.Active:
			if err := endSessions(ctx, tx, a); err != nil {
				return err
			}
			return s.Policy.Deactivated(ctx, tx, actor, a)
		case !wasActive && a.Active && a.Status == store.StatusNotInvited:
			var in *store.Integration
			if a.IntegrationID != nil {
				in, _ = tx.IntegrationByID(ctx, *a.IntegrationID)
			}
			return s.Policy.Provisioned(ctx, tx, actor, a, in)
		}
		out = a
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("account: update %s: %w", id, err)
	}
	if trip != nil {
		s.tripped(ctx, *trip)
	}
	if out == nil { // a policy ran last; re-read the committed state
		if out, err = s.Store.AccountByID(ctx, id); err != nil {
			return nil, err
		}
	}
	if held {
		return out.SourceView(), nil
	}
	return out, nil
}

// applyActive moves the status along with the active flag.
func (s *Service) applyActive(ctx context.Context, tx *store.Store, a *store.Account, wasActive bool) error {
	switch {
	case wasActive && !a.Active:
		if a.Status != store.StatusRejected {
			a.Status = store.StatusSuspended
		}
	case !wasActive && a.Active && a.Status == store.StatusSuspended:
		st, err := tx.StatusBeforeSuspension(ctx, a)
		if err != nil {
			return err
		}
		a.Status = st
	}
	return nil
}

// Delete deprovisions an account: it is kept as deleted for the audit trail,
// loses its memberships and frees its userName and externalId.
// A deletion from the account's integration goes through the breaker and
// may be held instead (account/breaker.go); the caller cannot tell.
func (s *Service) Delete(ctx context.Context, actor Actor, id string, expectVersion int64) error {
	var trip *Trip
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		a, err := lockAccountAt(ctx, tx, id, expectVersion)
		if err != nil {
			return err
		}
		hv, err := s.viewHold(ctx, tx, actor, a)
		if err != nil {
			return err
		}
		held := false
		if held, trip, err = s.breakDelete(ctx, tx, actor, hv, a); err != nil || held {
			return err
		}
		if err := tx.MarkAccountDeleted(ctx, id); err != nil {
			return err
		}
		if err := tx.Audit(ctx, actor.String(), "account.deleted", "account", id,
			map[string]any{"userName": a.UserName}); err != nil {
			return err
		}
		a.Status, a.Active = store.StatusDeleted, false
		if err := webhook.Enqueue(ctx, tx, webhook.AccountEvent(webhook.AccountDeleted, a, actor.String())); err != nil {
			return err
		}
		if err := endSessions(ctx, tx, a); err != nil {
			return err
		}
		return s.Policy.Deactivated(ctx, tx, actor, a)
	})
	if err != nil {
		return fmt.Errorf("account: delete %s: %w", id, err)
	}
	if trip != nil {
		s.tripped(ctx, *trip)
	}
	return nil
}

// endSessions ends the sign-in sessions of account a (its tokens on every
// application, a code not yet exchanged) in the transaction that takes its
// trust away, whoever does it: a suspension or a deletion from SCIM, LDAP,
// an admin's decision on held changes. signin/ also refuses tokens of an
// account that cannot sign in, but that check alone would leave the rows
// (and a window until their next use). The applications that asked for it
// get a back-channel logout token (backchannel/), queued first: the
// tokens about to go name the sessions.
func endSessions(ctx context.Context, tx *store.Store, a *store.Account) error {
	if err := backchannel.Enqueue(ctx, tx, a); err != nil {
		return fmt.Errorf("account: back-channel logout of %s: %w", a.ID, err)
	}
	if _, err := tx.EndSignInSessions(ctx, a.ID); err != nil {
		return fmt.Errorf("account: end sessions of %s: %w", a.ID, err)
	}
	return nil
}

// Normalize checks the fields every account must have and derives the
// primary email, as Create does: for a caller that gathers accounts for
// CreateBulk and skips the ones refused (ErrInvalid).
func Normalize(a *store.Account) error { return normalize(a) }

// normalize checks required fields and derives the primary email.
func normalize(a *store.Account) error {
	if err := requireName("userName", &a.UserName); err != nil {
		return err
	}
	a.Email = ""
	for _, e := range a.Emails {
		if e.IsPrimary {
			a.Email = e.Value
			break
		}
	}
	if a.Email == "" && len(a.Emails) > 0 {
		a.Email = a.Emails[0].Value
	}
	return nil
}

// enqueueActiveChange tells webhooks about a suspension or a re-activation,
// in the transaction of the change.
func enqueueActiveChange(ctx context.Context, tx *store.Store, actor Actor, a *store.Account, wasActive bool) error {
	typ := ""
	switch {
	case wasActive && !a.Active:
		typ = webhook.AccountSuspended
	case !wasActive && a.Active:
		typ = webhook.AccountReactivated
	default:
		return nil
	}
	return webhook.Enqueue(ctx, tx, webhook.AccountEvent(typ, a, actor.String()))
}

// lockAccountAt locks account id for a change that expects its version to
// be expectVersion (0: whatever it is): store.ErrVersionMismatch otherwise.
func lockAccountAt(ctx context.Context, tx *store.Store, id string, expectVersion int64) (*store.Account, error) {
	a, err := tx.LockAccount(ctx, id)
	if err != nil {
		return nil, err
	}
	if expectVersion != 0 && a.Version != expectVersion {
		return nil, store.ErrVersionMismatch
	}
	return a, nil
}
