package account

import (
	"context"
	"errors"
	"fmt"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/webhook"
)

// A sign-up through a multi-use link holds an address nobody has proven
// until its confirmation is opened (or an admin approves it). It must not
// keep the address from its owner: when an integration, an admin or a newer
// sign-up creates (or renames) an account whose userName or an address is
// the sign-up's, the unconfirmed sign-up is dropped (deleted, its
// invitation canceled by the policy, audited as account.signup_dropped) in
// the same transaction, and the new account is written. A sign-up whose
// confirmation expires is dropped too (DropLapsedSignUp).

// signUpAddrs lists the userName and addresses of accts, and their ids.
func signUpAddrs(accts []*store.Account) (addrs, ids []string) {
	for _, a := range accts {
		addrs = append(addrs, a.UserName)
		for _, e := range a.Emails {
			addrs = append(addrs, e.Value)
		}
		if a.ID != "" {
			ids = append(ids, a.ID)
		}
	}
	return addrs, ids
}

// yieldSignUps drops the unconfirmed sign-ups holding the userName or an
// address of one of accts (the accounts themselves excepted).
func (s *Service) yieldSignUps(ctx context.Context, tx *store.Store, actor Actor, accts ...*store.Account) error {
	addrs, ids := signUpAddrs(accts)
	return s.yieldAddresses(ctx, tx, actor, addrs, ids...)
}

// YieldAddresses drops, inside tx, the unconfirmed sign-ups holding one of
// addrs as userName or primary email: for a caller about to write accounts
// with them through Update or CreateBulk (a directory batch).
func (s *Service) YieldAddresses(ctx context.Context, tx *store.Store, actor Actor, addrs []string) error {
	return s.yieldAddresses(ctx, tx, actor, addrs)
}

// yieldAddresses drops the unconfirmed sign-ups holding one of addrs as
// userName or primary email, except the accounts whose ids are given.
func (s *Service) yieldAddresses(ctx context.Context, tx *store.Store, actor Actor, addrs []string, except ...string) error {
	found, err := tx.LockUnconfirmedSignUps(ctx, addrs, except...)
	if err != nil {
		return err
	}
	for _, su := range found {
		if err := s.dropSignUp(ctx, tx, actor, su, "unconfirmed sign-up; an account with its address was written by "+actor.String()); err != nil {
			return err
		}
	}
	return nil
}

// DropLapsedSignUp deletes account id if it is still an unconfirmed
// sign-up, once its confirmation (or approval) expired: left not_invited,
// "invite all" would mail an address nobody proved, in a name a stranger
// may have typed. Anything else is left alone. Called on a store bound to a
// transaction (WithStore), it joins it.
func (s *Service) DropLapsedSignUp(ctx context.Context, actor Actor, id string) error {
	return s.Store.Tx(ctx, func(tx *store.Store) error {
		a, err := tx.LockAccount(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil || !a.IsUnconfirmedSignUp() {
			return err
		}
		return s.dropSignUp(ctx, tx, actor, a, "sign-up not confirmed (or approved) in time")
	})
}

// dropSignUp deletes unconfirmed sign-up su, for reason.
func (s *Service) dropSignUp(ctx context.Context, tx *store.Store, actor Actor, su *store.Account, reason string) error {
	if err := tx.MarkAccountDeleted(ctx, su.ID); err != nil {
		return fmt.Errorf("account: drop sign-up %s: %w", su.ID, err)
	}
	if err := endSessions(ctx, tx, su); err != nil { // none expected: a deletion ends them all the same
		return err
	}
	if err := tx.Audit(ctx, actor.String(), "account.signup_dropped", "account", su.ID, map[string]any{
		"userName": su.UserName, "email": su.Email, "status": su.Status, "reason": reason}); err != nil {
		return err
	}
	s.Log.InfoContext(ctx, "unconfirmed sign-up dropped", "account_id", su.ID, "actor", actor.String(), "reason", reason)
	su.Status, su.Active = store.StatusDeleted, false
	if err := webhook.Enqueue(ctx, tx, webhook.AccountEvent(webhook.AccountDeleted, su, actor.String())); err != nil {
		return err
	}
	return s.Policy.Deactivated(ctx, tx, actor, su)
}
